import ArgumentParser
import HTTPDiagCore
import HTTPDiagPlaybooks

struct PlaybooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playbooks",
        abstract: "List, validate and test the root-cause playbooks.",
        subcommands: [List.self, Lint.self, Test.self, Eval.self, GenerateSwift.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "One line per playbook: id, layer, severity, title.")
        @OptionGroup var playbooks: PlaybookOptions

        func run() throws {
            for p in try playbooks.load().sorted(by: { ($0.layer, $0.id) < ($1.layer, $1.id) }) {
                print("\(p.id.padding(46)) \(p.layer.padding(14)) \(p.severity.padding(9)) \(p.title)")
            }
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Validate every playbook and case file; report every error with file and line."
        )
        @OptionGroup var playbooks: PlaybookOptions

        func run() throws {
            do {
                let files = try playbooks.source.files()
                let runner = CaseRunner(engine: DiagnosisEngine(library: files.library))
                let cases = try runner.loadCases(directory: files.directories.last ?? ".", playbooks: files.own.playbooks)
                let hopCases = try HopCaseLoader.load(directories: files.directories)
                print(
                    "\(files.own.playbooks.count) playbooks, \(cases.count) cases, \(files.own.hops.count) hop signatures and \(hopCases.count) hop cases are valid (\(files.directories.joined(separator: ", ")))"
                )
            } catch let e as PlaybookError {
                for error in e.errors { print(error) }
                throw ExitCode(ExitStatus.of(e))
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run every playbook's fixture cases; print failures and top-1 accuracy."
        )
        @OptionGroup var playbooks: PlaybookOptions
        @Flag(help: "Print every case, not only failures.") var verbose = false

        func run() throws {
            let engine: DiagnosisEngine
            let cases: [PlaybookCase]
            let hopCases: [HopCase]
            do {
                let files = try playbooks.source.files(strict: false)
                engine = DiagnosisEngine(library: files.library)
                cases = try CaseRunner(engine: engine).loadCases(directory: ".", playbooks: files.own.playbooks)
                hopCases = try HopCaseLoader.load(directories: files.directories)
                if cases.isEmpty && hopCases.isEmpty {
                    throw PlaybookError(file: files.directories.joined(separator: ", "), line: nil, message: "no cases to run")
                }
            } catch let e as PlaybookError {
                for error in e.errors { print(error) }
                throw ExitCode(ExitStatus.of(e))
            }
            let runner = CaseRunner(engine: engine)
            var tally = CaseTally(playbooks: engine.playbooks.count)
            for c in cases {
                let r = runner.run(c)
                tally.add(c.expect, passed: r.passed)
                if !r.passed || verbose {
                    print(
                        "\(r.passed ? "ok  " : "FAIL") \(c.playbookID): \(c.name) [expect \(c.expect.rawValue)] → top \(r.topID ?? "none")"
                            + (r.passed
                                ? ""
                                : "\n      \(c.file):\(c.line.map(String.init) ?? "?")\n      ranked: \(r.diagnosisIDs.prefix(5).joined(separator: ", "))")
                    )
                    for u in r.unmetConditions { print("      unmet \(u)") }
                }
            }
            tally.hopCases = hopCases.count
            tally.hopSignatures = engine.hops.count
            for c in hopCases {
                let problem = c.failure(signatures: engine.hops)
                if problem != nil { tally.hopFailed += 1 }
                if problem != nil || verbose {
                    print(
                        "\(problem == nil ? "ok  " : "FAIL") hop \(c.hop): \(c.name)"
                            + (problem.map { "\n      \(c.file):\(c.line.map(String.init) ?? "?")\n      \($0)" } ?? "")
                    )
                }
            }
            for line in tally.lines { print(line) }
            if tally.failed > 0 { throw ExitCode(Verdict.critical) }
        }
    }

    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Top-1 and top-3 accuracy on directories of recorded responses (*.http with # root_cause:), one line per directory."
        )
        @OptionGroup var playbooks: PlaybookOptions
        @Flag(help: "Print every miss with what ranked instead.") var verbose = false
        @Argument(help: "Corpus directories, e.g. Playbooks/corpus Playbooks/corpus-heldback.") var directories: [String]

        func run() throws {
            let engine = try playbooks.engine()
            if engine.playbooks.isEmpty { throw PlaybookError.noPlaybooks }
            let evaluator = CorpusEvaluator(engine: engine)
            for dir in directories {
                let entries: [CorpusEvaluator.Entry]
                do { entries = try evaluator.evaluate(directory: dir) } catch let e as PlaybookError {
                    print(e)
                    throw ExitCode(ExitStatus.of(e))
                }
                let n = max(entries.count, 1)
                let top1 = entries.filter(\.top1).count
                let top3 = entries.filter(\.top3).count
                let empty = entries.filter(\.ranked.isEmpty).count
                if verbose {
                    for e in entries where !e.top1 {
                        print("  miss \(e.file): expected \(e.expected.joined(separator: "|")), ranked \(e.ranked.prefix(3).joined(separator: ", "))")
                    }
                }
                print(
                    "\(dir): \(entries.count) responses, top-1 \(top1)/\(entries.count) = \(Format.fixed(Double(top1) / Double(n), 2)), "
                        + "top-3 \(top3)/\(entries.count) = \(Format.fixed(Double(top3) / Double(n), 2)), no diagnosis: \(empty)"
                )
            }
        }
    }
}

extension String {
    func padding(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}
