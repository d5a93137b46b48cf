import Foundation
import Testing

/// Found by the FuzzHTML and FuzzMarkdown targets: libxml2's SAX2 reports '&' in attribute values as "&#38;",
/// so the Microsoft 365 admin center link (which has '&' in its query) failed the audit in both formats.
@Suite struct AmpersandInURLRegressionTests {
    @Test(arguments: ["html", "markdown"])
    func aLinkWithAnAmpersandPassesTheAudit(_ format: String) throws {
        let result = try Binary.run(["samples/customers.csv", "--links", "m365", "--format", format])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("CTID=d13c513a-42f8-4da1-97b1-165f0971b7c4&"))
    }
}
