import Foundation
import HTTPDiagLab
import HTTPDiagTestSupport
import Testing

@testable import HTTPDiagCore

/// Follow-ups through the real binary: the whole check stays within --max-time + 2 s
/// (wall time of the process, measured as the hostile suite does), and --no-followup.
@Suite("httpdiag check follow-ups, wall time", .serialized)
struct FollowUpCLITests {
    static func followUps(_ stdout: String) -> [JSONValue] {
        guard let doc = try? JSONDecoder().decode(JSONValue.self, from: Data(stdout.utf8)),
            case .array(let list)? = doc["probes"]?[0]?["followups"]
        else { return [] }
        return list
    }

    @Test(arguments: [1.0, 2.0, 3.0])
    func blackHoledPortStaysWithinMaxTimePlusTwoSeconds(maxTime: Double) throws {
        let blackhole = try LabBlackholeListener()
        let run = try measuredCLI(
            ["check", "http://127.0.0.1:\(blackhole.port)/", "--format", "json", "--max-time", String(maxTime)],
            hardDeadline: maxTime + 30
        )
        print("black-holed port, --max-time \(maxTime): \(String(format: "%.2f", run.seconds)) s wall time (limit \(maxTime + 2) s)")
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.seconds <= maxTime + 2, "\(run.seconds) s > --max-time \(maxTime) + 2 s")
        let followUps = Self.followUps(run.stdout)
        #expect(followUps.first?["kind"] == .string("tcp_connect"), "\(run.stdout.prefix(2000))")
        #expect(followUps.first?["finding"] == .string("tcp_connect_timeout"))
    }

    @Test func hungServerStaysWithinMaxTimePlusTwoSeconds() throws {
        let silent = try SilentListener()
        let run = try measuredCLI(["check", silent.url, "--format", "json", "--max-time", "2"], hardDeadline: 40)
        print("accepting, silent port, --max-time 2: \(String(format: "%.2f", run.seconds)) s wall time")
        #expect(run.seconds <= 2 + 2, "\(run.seconds) s")
        #expect(Self.followUps(run.stdout).first?["finding"] == .string("tcp_accepts"))
    }

    @Test func noFollowupFlag() throws {
        let blackhole = try LabBlackholeListener()
        let run = try measuredCLI(
            ["check", "http://127.0.0.1:\(blackhole.port)/", "--format", "json", "--max-time", "1", "--no-followup"],
            hardDeadline: 30
        )
        #expect(run.status == 2)
        #expect(run.seconds <= 1 + 2, "\(run.seconds) s")  // the same bound as with follow-ups: --max-time + 2 s
        #expect(run.stdout.contains("\"followups\" : [\n\n      ]") || Self.followUps(run.stdout).isEmpty)
        let text = try measuredCLI(["check", "http://127.0.0.1:\(blackhole.port)/", "--max-time", "1"], hardDeadline: 30)
        #expect(text.stdout.contains("follow-up tcp_connect 127.0.0.1:\(blackhole.port) → tcp_connect_timeout"), "\(text.stdout)")
    }
}
