import ArgumentParser
import Foundation
import Testing

@testable import httpdiag

/// The reflection-free scanner of `check` against ArgumentParser, the definition of the flags.
@Suite struct CheckArgumentScannerTests {
    /// ArgumentParser's own description of `check` (its --experimental-dump-help JSON).
    private static func dumpedArguments() throws -> [[String: Any]] {
        var message = ""
        do {
            _ = try HTTPDiagCommand.parseAsRoot(["check", "--experimental-dump-help"])
        } catch {
            message = HTTPDiagCommand.message(for: error)
        }
        let root = try #require(JSONSerialization.jsonObject(with: Data(message.utf8)) as? [String: Any])
        let command = try #require(root["command"] as? [String: Any])
        let check =
            command["commandName"] as? String == "check"
            ? command : try #require((command["subcommands"] as? [[String: Any]])?.first { $0["commandName"] as? String == "check" })
        return try #require(check["arguments"] as? [[String: Any]])
    }

    private struct Name: Hashable, CustomStringConvertible {
        let long: String
        let short: String?
        let takesValue: Bool
        var description: String { "--\(long)\(short.map { " -\($0)" } ?? "")\(takesValue ? " VALUE" : "")" }
    }

    @Test func theTableHoldsEveryOptionOfCheckAndNothingElse() throws {
        var declared = Set<Name>()
        for argument in try Self.dumpedArguments() {
            let kind = argument["kind"] as? String
            guard kind == "option" || kind == "flag" else { continue }
            let names = argument["names"] as? [[String: String]] ?? []
            let long = try #require(names.first { $0["kind"] == "long" }?["name"])
            if long == "help" || long == "version" { continue }  // ArgumentParser's own: declined by the scanner
            declared.insert(Name(long: long, short: names.first { $0["kind"] == "short" }?["name"], takesValue: kind == "option"))
        }
        let table = Set(
            CheckArgumentScanner.specs.map { spec -> Name in
                if case .value = spec.action { return Name(long: spec.long, short: spec.short.map(String.init), takesValue: true) }
                return Name(long: spec.long, short: spec.short.map(String.init), takesValue: false)
            }
        )
        #expect(declared.count > 40)
        #expect(table.subtracting(declared).sorted(by: { $0.long < $1.long }).map(\.description) == [], "in the scanner, not in CheckCommand")
        #expect(declared.subtracting(table).sorted(by: { $0.long < $1.long }).map(\.description) == [], "in CheckCommand, not in the scanner")
    }

    /// What ArgumentParser makes of the words after `check` (nil: it refuses them).
    private static func parsedByArgumentParser(_ words: [String]) -> CheckArguments? {
        (try? HTTPDiagCommand.parseAsRoot(["check"] + words) as? CheckCommand)?.arguments
    }

    @Test(arguments: [
        ["http://127.0.0.1:8080/healthy"],
        ["https://example.test/", "-sS", "-w", "%{http_code}\n"],
        ["-X", "POST", "-H", "Content-Type: application/json", "-d", "{\"a\":1}", "http://h/x", "--format", "json"],
        ["http://h/", "--max-time=2.5", "--connect-timeout", "1", "--samples", "3", "--burst", "-k", "-v"],
        ["http://a/", "http://b/", "-o", "a.out", "-o", "b.out", "--playbooks", "extra", "--no-default-playbooks"],
        ["--resolve", "h:443:127.0.0.1", "--connect-to", "h:443:127.0.0.2:8443", "https://h/", "-4", "--http1.1"],
        ["http://h/", "--format=markdown", "--report", "r.md", "--perfdata", "--cert-warn-days", "30"],
        ["http://h/", "-u", "user:pw", "-A", "probe/1", "-x", "http://proxy:3128", "--noproxy", "localhost"],
        ["http://h/", "--json", "{}", "--json", "@body.json", "-I", "--no-location", "--max-redirs", "2"],
    ])
    func commonCommandLinesTakeTheFastPathAndMeanTheSame(_ words: [String]) throws {
        let fast = try #require(CheckArgumentScanner.scan(words), "the scanner declined a common command line")
        #expect(Self.parsedByArgumentParser(words) == fast)
    }

    @Test(arguments: [
        [], ["-k"], ["--help"], ["http://h/", "-h"], ["help"], ["http://h/", "--generate-completion-script", "bash"],
        ["http://h/", "--experimental-dump-help"], ["http://h/", "--nope"], ["http://h/", "--samples", "x"],
        ["http://h/", "--format", "jsno"], ["http://h/", "-XPOST"], ["http://h/", "--", "-x"], ["http://h/", "-H", "-x"],
        ["http://h/", "--insecure=1"], ["http://h/", "-"], ["http://h/", "-sX", "POST"], ["http://h/", "--max-time"],
        ["http://h/", "--version"],
    ])
    func whatItIsNotSureOfGoesToArgumentParser(_ words: [String]) {
        #expect(CheckArgumentScanner.scan(words) == nil)
    }

    /// Random command lines built from the table (valid and invalid values, both spellings of
    /// every name, grouped short flags, repeats, URLs anywhere): whenever the scanner accepts
    /// one, ArgumentParser accepts it too and fills in the same values.
    @Test func bothParsersAgreeOnEveryCommandLineTheScannerAccepts() {
        var rng = SplitMix64(seed: 0x6874_7470_6469_6167)
        let strings = ["POST", "a b", "@file", "X-Test: 1", "http://h:1/", "", "é", "=x", "-x", "x=y", "%{http_code}"]
        let numbers = ["3", "0", "1.5", "x", "1e2", "inf", "-1", "007", " 2"]
        let formats = ["json", "text", "markdown", "jsno", "JSON"]
        let shortFlags = CheckArgumentScanner.specs.compactMap { spec -> Character? in
            if case .flag = spec.action { return spec.short }
            return nil
        }
        var accepted = 0
        var disagreements: [[String]] = []
        let total = 600
        for _ in 0..<total {
            var words: [String] = []
            for _ in 0..<rng.next(upTo: 7) {
                let spec = CheckArgumentScanner.specs[rng.next(upTo: CheckArgumentScanner.specs.count)]
                let useShort = spec.short != nil && rng.next(upTo: 2) == 0
                let name = useShort ? "-\(spec.short!)" : "--\(spec.long)"
                switch spec.action {
                case .flag:
                    if rng.next(upTo: 5) == 0 {
                        words.append("-" + String((0..<(1 + rng.next(upTo: 3))).map { _ in shortFlags[rng.next(upTo: shortFlags.count)] }))
                    } else {
                        words.append(name)
                    }
                case .value:
                    let pool =
                        spec.long == "format"
                        ? formats
                        : ["max-redirs", "connect-timeout", "max-time", "samples", "capture-body", "max-download", "cert-warn-days"]
                            .contains(spec.long) ? numbers : strings
                    let value = pool[rng.next(upTo: pool.count)]
                    if !useShort && rng.next(upTo: 3) == 0 { words.append("\(name)=\(value)") } else { words += [name, value] }
                }
            }
            for _ in 0..<rng.next(upTo: 3) { words.insert("http://u\(rng.next(upTo: 9))/", at: rng.next(upTo: words.count + 1)) }
            guard let fast = CheckArgumentScanner.scan(words) else { continue }
            accepted += 1
            if Self.parsedByArgumentParser(words) != fast { disagreements.append(words) }
        }
        #expect(disagreements.prefix(5).map { $0 } == [], "\(disagreements.count) command lines parsed differently")
        // Not a test that passes by declining everything: most generated lines are ordinary.
        #expect(accepted > total / 3, "the scanner accepted only \(accepted) of \(total)")
    }
}

/// A small seeded generator: the same command lines on every run.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(upTo n: Int) -> Int { Int(next() % UInt64(n)) }
}
