import Foundation
import Testing

/// `--format confluence` and `--format fragment` from the command line: chosen by extension or by option, written
/// like the other formats, their templates replaceable and checked (issue 17).
@Suite struct WikiFormatOutputTests {
    @Test(arguments: [
        ("index.confluence.xml", "<h1>"), ("index.confluence", "<h1>"), ("index.fragment.html", "<h2>"),
        ("index.fragment", "<h2>"),
    ])
    func theExtensionChoosesTheFormat(_ name: String, _ heading: String) throws {
        let output = try makeTemporaryDirectory().appendingPathComponent(name)
        let result = try Binary.run(["samples/customers.csv", "-o", output.path])
        #expect(result.status == 0, "\(result.standardError)")
        let written = try String(contentsOf: output, encoding: .utf8)
        #expect(written.hasPrefix("<!-- mssp-report-customers: 14 -->\n\(heading)Microsoft Defender portals"))
        // The same bytes on standard output with --format, every run.
        let format = name.contains("confluence") ? "confluence" : "fragment"
        let stdout = try Binary.run(["samples/customers.csv", "--format", format])
        #expect(stdout.standardOutput == written)
    }

    @Test func aCustomTemplateReplacesTheDefaultAndIsChecked() throws {
        let directory = try makeTemporaryDirectory()
        let partials = directory.appendingPathComponent("t/partials")
        try FileManager.default.createDirectory(at: partials, withIntermediateDirectories: true)
        let row = partials.appendingPathComponent("customer-row.confluence.xml.mustache")
        try
            "<tr><td><strong>{{name}}</strong></td><td><code>{{tenantId}}</code></td><td><a href=\"{{portalUrl}}\">{{portal.label}}</a></td></tr>\n"
            .write(to: row, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("index.confluence.xml")
        let templates = directory.appendingPathComponent("t").path
        let result = try Binary.run(["samples/customers.csv", "-o", output.path, "--templates", templates])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try String(contentsOf: output, encoding: .utf8).contains("<td><strong>Contoso Ltd</strong></td>"))

        try FileManager.default.removeItem(at: output)
        try
            "<tr><td><div style=\"color: red\">{{name}}</div></td><td><a href=\"{{portalUrl}}\">{{portal.label}}</a></td></tr>\n"
            .write(to: row, atomically: true, encoding: .utf8)
        let refused = try Binary.run(["samples/customers.csv", "-o", output.path, "--templates", templates])
        #expect(refused.status == 70)
        #expect(
            refused.standardError.contains(
                "the document contains a <div> element, which Confluence storage format here must not have"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func aRunThatWouldDropMostCustomersIsRefusedForTheNewFormatsToo() throws {
        let directory = try makeTemporaryDirectory()
        let output = directory.appendingPathComponent("index.fragment.html")
        #expect(try Binary.run(["samples/customers.csv", "-o", output.path]).status == 0)
        let few = directory.appendingPathComponent("few.csv")
        try "Name,Tenant ID\nContoso,d13c513a-42f8-4da1-97b1-165f0971b7c4\n".write(
            to: few, atomically: true, encoding: .utf8)
        let refused = try Binary.run([few.path, "-o", output.path])
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("14"))
        #expect(try String(contentsOf: output, encoding: .utf8).hasPrefix("<!-- mssp-report-customers: 14 -->"))
    }
}
