import ArgumentParser
import Foundation
import HTTPDiagCore
import HTTPDiagFleet

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Recent results of one endpoint (a latency sparkline on a terminal)."
    )
    @Argument(help: "Endpoint name.") var name: String
    @Option(help: "SQLite state file.") var state: String?
    @Option(help: "Results to show.") var limit = 20
    @Option(help: "text or json.") var format: StateFormat = .text

    func run() throws {
        let path = state ?? StateStore.defaultPath()
        guard FileManager.default.fileExists(atPath: path) else { throw InputError("no state at \(path): run `httpdiag run --config FILE` first") }
        let rows = try StateStore.openForReading(path: path).history(endpoint: name, limit: limit)
        guard !rows.isEmpty else { throw InputError("no results for endpoint '\(name)' in \(path)") }
        if isatty(1) == 1 && format == .text {
            let ms = rows.map(\.totalMs)
            let range = "(\(Format.fixed(ms.min() ?? 0, 0))–\(Format.fixed(ms.max() ?? 0, 0)) ms)"
            print("latency " + Sparkline.render(ms) + "  " + range)
        }
        // Rows are neutral since the evidence is (Prober.check); a state file written by an
        // older httpdiag, or by anyone else, is input too, so what it says is neutralised here.
        // And through the output boundary (shapes and the environment's credentials).
        let boundary = OutputBoundary()
        if format == .json {
            StandardOutput.print(boundary.pass(try StateReport.historyJSON(endpoint: name, rows)))
            return
        }
        for line in StateReport.historyLines(rows) { StandardOutput.print(boundary.pass(line)) }
    }
}

struct IncidentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "incidents", abstract: "Incidents recorded by `httpdiag run`.")
    @Flag(help: "Only incidents that are still open.") var open = false
    @Option(help: "SQLite state file.") var state: String?
    @Option(help: "text or json.") var format: StateFormat = .text

    func run() throws {
        let path = state ?? StateStore.defaultPath()
        guard FileManager.default.fileExists(atPath: path) else { throw InputError("no state at \(path): run `httpdiag run --config FILE` first") }
        let list = try StateStore.openForReading(path: path).incidents(openOnly: open)
        let boundary = OutputBoundary()
        if format == .json {
            StandardOutput.print(boundary.pass(try StateReport.incidentsJSON(list)))
            return
        }
        if list.isEmpty {
            print(open ? "no open incidents" : "no incidents")
            return
        }
        for line in StateReport.incidentLines(list) { StandardOutput.print(boundary.pass(line)) }
    }
}

/// `--format` of history and incidents.
enum StateFormat: String, ExpressibleByArgument { case text, json }

enum Sparkline {
    static func render(_ values: [Double]) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        guard let lo = values.min(), let hi = values.max(), hi > lo else { return String(repeating: "▄", count: values.count) }
        return String(values.map { bars[min(bars.count - 1, Int(($0 - lo) / (hi - lo) * Double(bars.count - 1)))] })
    }
}
