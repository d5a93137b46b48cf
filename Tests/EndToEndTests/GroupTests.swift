import Foundation
import Testing

@Suite struct GroupTests {
    func input() throws -> URL {
        let file = try makeTemporaryDirectory().appendingPathComponent("tiers.csv")
        try """
        Name,Tenant ID,Tier
        Contoso,d13c513a-42f8-4da1-97b1-165f0971b7c4,Gold
        Fabrikam,25abd89b-d67e-4d92-8a83-18174d645fa6,Silver
        Northwind,cc9ff851-b6ab-4f1a-b79d-b4df2694e1f7,Gold
        Tailspin,72488b81-0dfa-4e39-8727-d4dad921bf95,

        """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func htmlHasOneSectionPerGroupWithCountsAndATableOfContents() throws {
        let result = try Binary.run([try input().path, "--group-by", "tier"])
        #expect(result.status == 0)
        let html = result.standardOutput
        #expect(
            html.contains(
                "<li><a href=\"#group-Gold\">Gold</a> (2)</li>\n<li><a href=\"#group-Silver\">Silver</a> (1)</li>\n<li><a href=\"#group-No-tier\">No tier</a> (1)</li>"
            ))
        #expect(html.contains("<section id=\"group-Gold\">\n<h2>Gold <span class=\"count\">(2)</span></h2>"))
        let gold = try #require(html.range(of: "<section id=\"group-Gold\">"))
        let silver = try #require(html.range(of: "<section id=\"group-Silver\">"))
        let northwind = try #require(html.range(of: "?tid=cc9ff851-b6ab-4f1a-b79d-b4df2694e1f7"))
        #expect(gold.upperBound < northwind.lowerBound && northwind.upperBound < silver.lowerBound)
    }

    @Test func markdownHasOneTablePerGroupAndPassesTheCheck() throws {
        let result = try Binary.run([try input().path, "--group-by", "Tier", "--format", "markdown"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("## Groups\n\n- **Gold** (2)\n- **Silver** (1)\n- **No Tier** (1)\n"))
        #expect(result.standardOutput.contains("## No Tier (1)\n\n| Customer |"))
    }

    @Test func aMissingGroupColumnIsAWarning() throws {
        let result = try Binary.run([try input().path, "--group-by", "region", "--check"])
        #expect(result.status == 0)
        #expect(
            result.errorLines.first
                == "mssp-report: warning: no customer has a \"region\" column or key to group by; all are under \"No region\""
        )
    }
}
