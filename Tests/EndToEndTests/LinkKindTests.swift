import Foundation
import Testing

@Suite struct LinkKindTests {
    @Test func extraLinksAreWrittenForEveryCustomerAndDomainKindsOnlyWhereThereIsADomain() throws {
        let directory = try makeTemporaryDirectory()
        let input = directory.appendingPathComponent("c.csv")
        try
            "Name,Tenant ID,Domain\nContoso,d13c513a-42f8-4da1-97b1-165f0971b7c4,contoso.onmicrosoft.com\nFabrikam,25abd89b-d67e-4d92-8a83-18174d645fa6,\n"
            .write(to: input, atomically: true, encoding: .utf8)
        for format in ["html", "markdown"] {
            let result = try Binary.run([input.path, "--links", "entra,exchange", "--format", format])
            #expect(result.status == 0)
            #expect(
                result.errorLines.first
                    == "\(input.path):3:1: warning: customer \"Fabrikam\" has no initial domain, so the index has no Exchange admin center link for it; add or fill in an initialDomainName column (its *.onmicrosoft.com domain)"
            )
            let document = result.standardOutput
            let links =
                format == "html"
                ? hrefs(in: document)
                : document.components(separatedBy: "](").dropFirst().compactMap {
                    $0.components(separatedBy: ")").first
                }
            #expect(links.count { $0 == "https://entra.microsoft.com/d13c513a-42f8-4da1-97b1-165f0971b7c4" } == 1)
            #expect(links.count { $0 == "https://entra.microsoft.com/25abd89b-d67e-4d92-8a83-18174d645fa6" } == 1)
            #expect(
                links.count { $0 == "https://admin.cloud.microsoft/exchange?delegatedOrg=contoso.onmicrosoft.com" } == 1
            )
            #expect(!links.contains { $0.contains("delegatedOrg=&") || $0.hasSuffix("delegatedOrg=") })
        }
    }

    @Test func aTemplateThatDropsAnExtraLinkFailsTheCheck() throws {
        let directory = try makeTemporaryDirectory()
        let templates = directory.appendingPathComponent("partials")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "<tr><th>{{name}}</th><td>{{tenantId}}</td><td><a href=\"{{portalUrl}}\">{{name}}</a></td></tr>\n"
            .write(
                to: templates.appendingPathComponent("customer-row.html.mustache"), atomically: true, encoding: .utf8)
        let result = try Binary.run(["samples/customers.csv", "--links", "intune", "--templates", directory.path])
        #expect(result.status == 70)
        #expect(
            result.standardError.contains(
                "the Microsoft Intune admin center link https://intune.microsoft.com/d13c513a-42f8-4da1-97b1-165f0971b7c4 for customer \"Contoso Ltd\" appears 0 times"
            ))
    }

    @Test func listLinksPrintsTheCatalog() throws {
        let result = try Binary.run(["--list-links"])
        #expect(result.status == 0)
        for kind in LinkCatalogText.kinds() {
            #expect(result.standardOutput.contains("\n  \(kind.name) "), "\(kind.name)")
            #expect(result.standardOutput.contains("\n                 \(kind.url)\n"), "\(kind.url)")
        }
        #expect(result.standardOutput.contains("https://admin.cloud.microsoft/exchange?delegatedOrg={initialDomain}"))
        #expect(result.standardOutput.contains("needs: {initialDomain}"))
    }

    @Test func anUnknownKindIsAUsageError() throws {
        let result = try Binary.run(["samples/customers.csv", "--links", "entra,bogus"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("unknown link kind 'bogus'"))
    }

    @Test func aCustomPortalURLIsUsedAndAudited() throws {
        let result = try Binary.run([
            "samples/customers.csv", "--portal-url", "https://portal.example/t/{tenantId}/home",
        ])
        #expect(result.status == 0)
        #expect(
            hrefs(in: result.standardOutput).contains(
                "https://portal.example/t/d13c513a-42f8-4da1-97b1-165f0971b7c4/home"))
        let twice = try Binary.run(["samples/customers.csv", "--portal-url", "https://x.example/{tenantId}/{tenantId}"])
        #expect(twice.status == 64)
        #expect(twice.standardError.contains("exactly once"))
    }
}
