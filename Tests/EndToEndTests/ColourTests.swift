import Foundation
import Testing

@Suite struct ColourTests {
    /// Runs the binary on a terminal (through `script`) and returns what the terminal showed.
    func onATerminal(_ arguments: String, noColor: Bool) throws -> String {
        // The test runner may itself set NO_COLOR; say explicitly whether the tool sees it.
        let command = (noColor ? "env NO_COLOR=1 " : "env -u NO_COLOR ") + "'\(Binary.url.path)' \(arguments)"
        return try Binary.run(
            ["-qec", command, "/dev/null"],
            executable: URL(fileURLWithPath: "/usr/bin/script")
        ).standardOutput
    }

    @Test(ExternalTool.needed(ExternalTool.hasScript, "needs script(1) to give the tool a terminal; Debian's bsdutils"))
    func coloursOnATerminalUnlessNoColorIsSet() throws {
        let coloured = try onATerminal("samples/customers-with-mistakes.csv --check", noColor: false)
        #expect(coloured.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[1;35mwarning:\u{1B}[0m"))
        let plain = try onATerminal("samples/customers-with-mistakes.csv --check", noColor: true)
        #expect(plain.contains(" error: tenant ID"))
        #expect(!plain.contains("\u{1B}[1;31m"))
    }
}
