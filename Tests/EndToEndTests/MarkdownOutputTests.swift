import Foundation
import Testing

@Suite struct MarkdownOutputTests {
    /// Every `](<url>)` link destination in a Markdown document, in order.
    func destinations(in markdown: String) -> [String] {
        markdown.components(separatedBy: "](").dropFirst().compactMap { $0.components(separatedBy: ")").first }
    }

    @Test(arguments: ["index.md", "index.markdown"])
    func writesMarkdownForMarkdownExtensions(_ name: String) throws {
        let directory = try makeTemporaryDirectory()
        let output = directory.appendingPathComponent(name)
        let result = try Binary.run(["samples/customers.csv", "-o", output.path])
        #expect(result.status == 0)
        let markdown = try String(contentsOf: output, encoding: .utf8)
        // The count a later run compares with (a link reference definition, which renders as nothing), then the title.
        #expect(
            markdown.hasPrefix("[//]: # (mssp-report-customers: 14)\n\n# Microsoft Defender portals of our customers\n")
        )
        let links = destinations(in: markdown)
        for tenant in try sampleTenantIDs() {
            #expect(links.count { $0 == "https://security.microsoft.com/?tid=\(tenant)" } == 1)
        }
        #expect(links.contains("https://learn.microsoft.com/en-us/defender-endpoint/api/fetch-alerts-mssp"))
        #expect(
            markdown.contains("| Müller &#38; Söhne &#60;Logistik&#62; GmbH | `3cbb7daa-64c1-44fa-88a7-c8252abc5619` |")
        )
        #expect(markdown.contains("A link grants no access by itself"))
    }

    @Test func formatMarkdownOverridesTheExtension() throws {
        let result = try Binary.run(["samples/customers.json", "--format", "markdown"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("[//]: # (mssp-report-customers: 14)\n\n# "))
    }

    @Test func anUnescapedCustomTemplateIsCaughtByTheCheck() throws {
        let directory = try makeTemporaryDirectory()
        let templates = directory.appendingPathComponent("t/partials")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try
            "{{% CONTENT_TYPE: MARKDOWN }}\n| {{{name}}} | `{{tenantId}}` | [Open for {{{name}}}](<{{{portalUrl}}}>) |\n"
            .write(to: templates.appendingPathComponent("customer-row.md.mustache"), atomically: true, encoding: .utf8)
        let input = directory.appendingPathComponent("hostile.csv")
        try "Name,Tenant ID\n\"Evil | [x](https://evil.example)\",d13c513a-42f8-4da1-97b1-165f0971b7c4\n"
            .write(to: input, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("index.md")
        let result = try Binary.run([
            input.path, "-o", output.path, "--templates", directory.appendingPathComponent("t").path,
        ])
        #expect(result.status == 70)
        #expect(result.standardError.contains("row 1 of the customer table"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        // The default templates escape the same name correctly.
        let safe = try Binary.run([input.path, "-o", output.path])
        #expect(safe.status == 0)
    }
}
