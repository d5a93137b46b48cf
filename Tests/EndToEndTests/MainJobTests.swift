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
                "<a href=\"https://security.microsoft.com/?tid=d13c513a-42f8-4da1-97b1-165f0971b7c4\" target=\"_blank\" rel=\"noopener noreferrer\">Open Microsoft Defender portal for <bdi>Contoso Ltd</bdi></a>"
            ))
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

    @Test func isAcceptedByXmllint() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") else {
            Issue.record("xmllint is missing: scripts/setup installs libxml2-utils")
            return
        }
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

@Suite struct TemplateTests {
    @Test func theBinaryCarriesItsTemplatesAndWorksFromAnEmptyDirectory() throws {
        let directory = try makeTemporaryDirectory()
        let copy = directory.appendingPathComponent("mssp-report")
        try FileManager.default.copyItem(at: Binary.url, to: copy)
        try FileManager.default.copyItem(
            at: Binary.packageRoot.appendingPathComponent("samples/customers.csv"),
            to: directory.appendingPathComponent("customers.csv"))
        let result = try Binary.run(["customers.csv", "-o", "index.html"], in: directory, executable: copy)
        #expect(result.status == 0)
        let reference = try Binary.run(["samples/customers.csv"])
        #expect(
            try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
                == reference.standardOutput)
    }

    @Test func customTemplatesReplaceTheDefaultsByName() throws {
        let directory = try makeTemporaryDirectory()
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("partials"), withIntermediateDirectories: true)
        try """
        <tr id="{{anchor}}"><td class="custom">{{name}}</td><td><a href="{{portalUrl}}">{{name}}</a></td></tr>

        """.write(
            to: directory.appendingPathComponent("partials/customer-row.html.mustache"), atomically: true,
            encoding: .utf8)
        let result = try Binary.run(["samples/customers.csv", "--templates", directory.path])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("<td class=\"custom\">Contoso Ltd</td>"))
        #expect(result.standardOutput.contains("<h2>Related topics</h2>"))
    }

    @Test func aBrokenTemplateFailsTheCheckWithExit70AndWritesNothing() throws {
        let directory = try makeTemporaryDirectory()
        let templates = directory.appendingPathComponent("templates/partials")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "<tr><td><a href=\"{{portalUrl}}\">{{name}}</td></tr>\n"
            .write(
                to: templates.appendingPathComponent("customer-row.html.mustache"), atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("index.html")
        let result = try Binary.run([
            "samples/customers.csv", "-o", output.path, "--templates",
            directory.appendingPathComponent("templates").path,
        ])
        #expect(result.status == 70)
        let first = try #require(result.errorLines.first)
        #expect(first.hasPrefix("\(output.path) (rendered, not written):"))
        #expect(first.contains("error: libxml2: Opening and ending tag mismatch: a line"))
        // file:line:column: the line and column of the libxml2 error in the rendered document.
        let place = first.dropFirst("\(output.path) (rendered, not written):".count).split(separator: ":")
        #expect(Int(place[0]) ?? 0 > 1)
        #expect(Int(place[1]) ?? 0 > 1)
        #expect(result.errorLines.last?.contains("nothing written") == true)
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["templates"])
    }

    @Test func aTemplateSyntaxErrorIsExit1WithItsFileLineAndColumn() throws {
        let directory = try makeTemporaryDirectory()
        try "<p>{{#customers}}\n{{name}}\n".write(
            to: directory.appendingPathComponent("index.html.mustache"), atomically: true, encoding: .utf8)
        let result = try Binary.run(["samples/customers.csv", "--templates", directory.path])
        #expect(result.status == 1)
        // The place of the section that is never closed, not the end of the file.
        #expect(
            result.errorLines.first
                == "\(directory.path)/index.html.mustache:1:4: error: cannot parse the template: the section {{#customers}} is opened but never closed"
        )
        #expect(result.standardOutput.isEmpty)
    }
}

@Suite struct TemplateErrorTests {
    @Test func anUnknownVariableOrMissingPartialInACustomTemplateIsExit1WithItsPlace() throws {
        let directory = try makeTemporaryDirectory()
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("partials"), withIntermediateDirectories: true)
        try
            "<tr id=\"{{anchor}}\">\n<th>{{nmae}}</th><td><a href=\"{{portalUrl}}\">{{name}}</a>{{> partials/extra}}</td></tr>\n"
            .write(
                to: directory.appendingPathComponent("partials/customer-row.html.mustache"), atomically: true,
                encoding: .utf8)
        let output = directory.appendingPathComponent("index.html")
        let result = try Binary.run(["samples/customers.csv", "--templates", directory.path, "-o", output.path])
        #expect(result.status == 1)
        let file = "\(directory.path)/partials/customer-row.html.mustache"
        #expect(result.errorLines.first?.hasPrefix("\(file):2:5: error: unknown variable \"nmae\"") == true)
        #expect(
            result.errorLines.dropFirst().first?.hasPrefix(
                "\(file):2:58: error: there is no template named \"partials/extra\"") == true)
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
