import Foundation
import Testing

@Suite struct CommandLineTests {
    /// Every long option of the command, read from swift-argument-parser's own description of it.
    func longOptions() throws -> [String] {
        let dump = try Binary.run(["--experimental-dump-help"])
        let object = try JSONSerialization.jsonObject(with: Data(dump.standardOutput.utf8)) as? [String: Any]
        let command = object?["command"] as? [String: Any]
        let arguments = command?["arguments"] as? [[String: Any]] ?? []
        return arguments.compactMap { argument in
            guard argument["shouldDisplay"] as? Bool ?? true else { return nil }
            let names = argument["names"] as? [[String: Any]] ?? []
            return names.first { $0["kind"] as? String == "long" }?["name"] as? String
        }
    }

    @Test func helpHasPurposeExamplesDefaultsAndExitCodes() throws {
        let help = try Binary.run(["--help"]).standardOutput
        #expect(help.hasPrefix("OVERVIEW: Build a checked index of Microsoft Defender portal links"))
        #expect(help.contains("mssp-report samples/customers.csv -o index.html"))
        #expect(help.contains("-o index.md"))
        #expect(help.contains("--check\n"))
        #expect(help.contains("(default: Microsoft"))
        let options = try longOptions()
        #expect(options.count >= 15)
        for option in options { #expect(help.contains("--\(option)"), "--\(option) missing from --help") }
    }

    @Test func versionPrintsTheVersion() throws {
        let result = try Binary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.standardOutput == "0.1.0\n")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsMentionEveryOption(_ shell: String) throws {
        let result = try Binary.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        for option in try longOptions() where option != "help" {
            #expect(result.standardOutput.contains(option), "\(shell) completion lacks --\(option)")
        }
    }

    static let manual = Binary.packageRoot.appendingPathComponent(
        ".build/plugins/GenerateManual/outputs/mssp-report/mssp-report.1")

    /// scripts/test generates the manual with swift-argument-parser's plugin before the tests run.
    @Test(
        ExternalTool.needed(
            FileManager.default.fileExists(atPath: manual.path), "run scripts/test to generate the manual"))
    func theManualMentionsEveryOption() throws {
        let page = try String(contentsOf: Self.manual, encoding: .utf8)
        #expect(page.contains(".Nm mssp-report"))
        for option in try longOptions() {
            #expect(page.contains("Fl -\(option)"), "the manual lacks --\(option)")
        }
    }

    @Test(arguments: [
        (
            ["samples/customers.csv", "--portal", "defender", "--portal-url", "https://x.example/{tenantId}"],
            "--portal and --portal-url"
        ),
        (["samples/customers.csv", "--warnings-as-errors", "--skip-invalid"], "choose one"),
        (["samples/customers.csv", "--check", "-o", "x.html"], "--check writes nothing"),
        (["-", "-"], "Standard input"),
    ])
    func conflictingOptionsAreExit64WithAMessageSayingWhatToDo(_ arguments: [String], _ message: String) throws {
        let result = try Binary.run(arguments)
        #expect(result.status == 64)
        #expect(result.standardError.contains(message))
    }

    @Test func aClosedPipeEndsTheToolQuietly() throws {
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["samples/customers.csv"]
        process.currentDirectoryURL = Binary.packageRoot
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try output.fileHandleForReading.close()
        try process.run()
        let errorText = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(errorText.isEmpty)
        #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus == 0)
    }

    @Test(ExternalTool.needed(ExternalTool.hasScript, "needs script(1) to give the tool a terminal; Debian's bsdutils"))
    func showsProgressOnlyOnATerminal() throws {
        // `script` gives the tool a terminal; the progress line is drawn and then cleared.
        let command = "'\(Binary.url.path)' samples/customers.csv --format html -o /dev/null --progress-after 0"
        let terminal = try Binary.run(
            ["-qec", command, "/dev/null"],
            executable: URL(fileURLWithPath: "/usr/bin/script"))
        #expect(terminal.standardOutput.contains("\r\u{1B}[K"))
        let pipe = try Binary.run([
            "samples/customers.csv", "--format", "html", "-o", "/dev/null", "--progress-after", "0",
        ])
        #expect(!pipe.standardError.contains("\u{1B}["))
    }
}
