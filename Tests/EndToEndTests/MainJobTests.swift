import Foundation
import Testing

@Suite struct MainJobTests {
    let relatedTopics = [
        "https://learn.microsoft.com/en-us/defender-endpoint/grant-mssp-access",
        "https://learn.microsoft.com/en-us/defender-endpoint/configure-mssp-notifications",
        "https://learn.microsoft.com/en-us/defender-endpoint/api/fetch-alerts-mssp",
    ]

    @Test(arguments: ["samples/customers.csv", "samples/customers.json"])
    func writesOnePortalLinkPerCustomerAndTheRelatedTopics(_ sample: String) throws {
        let directory = try makeTemporaryDirectory()
        let output = directory.appendingPathComponent("index.html")
        let result = try Binary.run([sample, "-o", output.path])
        #expect(result.status == 0)
        #expect(
            result.errorLines == [
                "mssp-report: 14 rows read, 14 customers valid, 0 errors, 0 warnings; wrote \(output.path)"
            ])
        let html = try String(contentsOf: output, encoding: .utf8)
        let links = hrefs(in: html)
        let tenants = try sampleTenantIDs()
        #expect(tenants.count == 14)
        for tenant in tenants {
            #expect(links.count { $0 == "https://security.microsoft.com/?tid=\(tenant)" } == 1, "tenant \(tenant)")
        }
        #expect(links.filter { $0.hasPrefix("https://security.microsoft.com/") }.count == tenants.count)
        for topic in relatedTopics { #expect(links.contains(topic)) }
        #expect(html.contains("Müller &amp; Söhne &lt;Logistik&gt; GmbH"))
        #expect(html.contains("Fabrikam, Inc."))
        #expect(html.contains("<bdi>株式会社さくら精機</bdi>"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["index.html"])
    }

    @Test func theNameStandsNextToItsLink() throws {
        let result = try Binary.run(["samples/customers.csv"])
        #expect(
            result.standardOutput.contains(
                "<a href=\"https://security.microsoft.com/?tid=d13c513a-42f8-4da1-97b1-165f0971b7c4\" target=\"_blank\" rel=\"noopener noreferrer\" aria-label=\"Defender for Contoso Ltd\">Defender</a>"
            ))
    }

    @Test func anAliasOrTagsColumnFeedsThePagesFilter() throws {
        let directory = try makeTemporaryDirectory()
        let json = directory.appendingPathComponent("cipp.json")
        try """
        [{"displayName": "Contoso Ltd", "customerId": "d13c513a-42f8-4da1-97b1-165f0971b7c4", "tenantAlias": " CTS "},
         {"displayName": "Fabrikam", "customerId": "25abd89b-d67e-4d92-8a83-18174d645fa6", "tags": "fab & \\"co\\""},
         {"displayName": "Tailspin", "customerId": "72488b81-0dfa-4e39-8727-d4dad921bf95", "tags": "  "}]
        """.write(to: json, atomically: true, encoding: .utf8)
        let index = directory.appendingPathComponent("index.html")
        #expect(try Binary.run([json.path, "-o", index.path]).status == 0)
        let html = try String(contentsOf: index, encoding: .utf8)
        #expect(html.contains("<tr id=\"tenant-d13c513a-42f8-4da1-97b1-165f0971b7c4\" data-aliases=\"CTS\">"))
        #expect(
            html.contains(
                "<tr id=\"tenant-25abd89b-d67e-4d92-8a83-18174d645fa6\" data-aliases=\"fab &amp; &quot;co&quot;\">"))
        #expect(html.contains("<tr id=\"tenant-72488b81-0dfa-4e39-8727-d4dad921bf95\">"))
    }

    @Test func csvAndJSONSamplesGiveTheSameBytes() throws {
        let csv = try Binary.run(["samples/customers.csv", "-o", "-"])
        let json = try Binary.run(["samples/customers.json", "-o", "-"])
        #expect(csv.status == 0 && json.status == 0)
        #expect(!csv.standardOutput.isEmpty)
        #expect(csv.standardOutput == json.standardOutput)
    }

    @Test func writesToStandardOutputWithoutOrWithDashO() throws {
        let implicit = try Binary.run(["samples/customers.csv"])
        let explicit = try Binary.run(["samples/customers.csv", "-o", "-"])
        #expect(implicit.status == 0)
        #expect(implicit.standardOutput.hasPrefix("<!DOCTYPE html>"))
        #expect(implicit.standardOutput == explicit.standardOutput)
        #expect(!implicit.standardError.contains("<!DOCTYPE"))
    }

    @Test func readsStandardInput() throws {
        let csv = try String(
            contentsOf: Binary.packageRoot.appendingPathComponent("samples/customers.csv"), encoding: .utf8)
        let piped = try Binary.run(["-"], input: csv)
        let file = try Binary.run(["samples/customers.csv"])
        #expect(piped.status == 0)
        #expect(piped.standardOutput == file.standardOutput)
    }

    @Test(ExternalTool.needed(ExternalTool.hasXmllint, "needs xmllint; scripts/setup installs libxml2-utils"))
    func isAcceptedByXmllint() throws {
        let directory = try makeTemporaryDirectory()
        let output = directory.appendingPathComponent("index.html")
        #expect(try Binary.run(["samples/customers.csv", "-o", output.path]).status == 0)
        let lint = Process()
        lint.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        lint.arguments = ["--noout", "--nonet", output.path]
        try lint.run()
        lint.waitUntilExit()
        #expect(lint.terminationStatus == 0)
    }

    @Test func linksToThe2021PortalWhenAsked() throws {
        let result = try Binary.run(["samples/customers.csv", "--portal", "securitycenter"])
        #expect(result.status == 0)
        let links = hrefs(in: result.standardOutput)
        #expect(links.contains("https://securitycenter.windows.com/?tid=d13c513a-42f8-4da1-97b1-165f0971b7c4"))
        #expect(!links.contains { $0.hasPrefix("https://security.microsoft.com/") })
    }

    @Test func honoursSourceDateEpochAndIsOtherwiseDeterministic() throws {
        let first = try Binary.run(["samples/customers.csv"])
        let second = try Binary.run(["samples/customers.csv"])
        #expect(first.standardOutput == second.standardOutput)
        #expect(!first.standardOutput.contains("Generated on"))
        let dated = try Binary.run(["samples/customers.csv"], environment: ["SOURCE_DATE_EPOCH": "1767225600"])
        #expect(dated.standardOutput.contains("Generated on <time datetime=\"2026-01-01\">2026-01-01</time>."))
    }
}
