import Foundation
import Testing

/// Found by the FuzzHTML and FuzzMarkdown targets: libxml2's SAX2 reports '&' in attribute values as "&#38;",
/// so a link kind with '&' in its query (Partner Center's old Microsoft 365 admin center link had one) failed the
/// audit in both formats.
@Suite struct AmpersandInURLRegressionTests {
    @Test(arguments: ["html", "markdown"])
    func aLinkWithAnAmpersandPassesTheAudit(_ format: String) throws {
        let catalog = try makeTemporaryDirectory().appendingPathComponent("links.yaml")
        try """
        links:
          - name: session
            title: Delegated session
            url: https://admin.example/Begin.aspx?CTID={tenantId}&CSDEST=home
            source: https://docs.example/sessions
            evidence: own
        """.write(to: catalog, atomically: true, encoding: .utf8)
        let result = try Binary.run([
            "samples/customers.csv", "--link-catalog", catalog.path, "--links", "session", "--format", format,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("CTID=d13c513a-42f8-4da1-97b1-165f0971b7c4&"))
    }
}
