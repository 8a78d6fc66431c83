import ArgumentParser
import HTTPDiagCore

struct LabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lab", abstract: "Local endpoints that reproduce failures (placeholder).", shouldDisplay: false)
    func run() throws {}
}
