import Foundation
import Testing

/// The link catalog is data (`Catalog/links.yaml`), every kind says where its form comes from, links take the
/// identifiers they need, and an MSSP's own catalog (`--link-catalog`) adds or replaces kinds safely.
@Suite struct LinkCatalogTests {
    /// The hrefs of a document, HTML or Markdown.
    func links(in document: String, format: String) -> [String] {
        format == "html"
            ? hrefs(in: document).map { $0.replacingOccurrences(of: "&amp;", with: "&") }
            : document.components(separatedBy: "](").dropFirst().compactMap { $0.components(separatedBy: ")").first }
    }

    /// Writes `text` to a file in a fresh directory and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = try makeTemporaryDirectory().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test(arguments: ["html", "markdown"])
    func everyKindOfTheCatalogHasItsCurrentForm(_ format: String) throws {
        let all = LinkCatalogText.kinds().filter { $0.section == "links" }.map(\.name).joined(separator: ",")
        let result = try Binary.run([
            "samples/customers-with-domains.csv", "--links", all, "--format", format, "--quiet",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let found = links(in: result.standardOutput, format: format)
        let contoso = "d13c513a-42f8-4da1-97b1-165f0971b7c4"
        for expected in [
            "https://security.microsoft.com/?tid=\(contoso)",
            "https://security.microsoft.com/incidents?tid=\(contoso)",
            "https://security.microsoft.com/alerts?tid=\(contoso)",
            "https://entra.microsoft.com/\(contoso)",
            "https://portal.azure.com/\(contoso)",
            "https://intune.microsoft.com/\(contoso)",
            "https://purview.microsoft.com/?tid=\(contoso)",
            "https://admin.cloud.microsoft/?delegatedOrg=contoso.onmicrosoft.com",
            "https://admin.cloud.microsoft/exchange?delegatedOrg=contoso.onmicrosoft.com",
            "https://admin.teams.microsoft.com/?delegatedOrg=contoso.onmicrosoft.com",
            "https://partner.microsoft.com/dashboard/v2/customers/\(contoso)/servicemanagementpage",
            "https://admin.powerplatform.microsoft.com/account/login/\(contoso)",
            "https://app.powerbi.com/admin-portal?ctid=\(contoso)",
            "https://myaccess.microsoft.com/@contoso.onmicrosoft.com",
            "https://security.microsoft.com/securescore?tid=\(contoso)",
            "https://security.microsoft.com/securitysettings/endpoints/onboarding?tid=\(contoso)",
            "https://security.microsoft.com/machines?category=all-devices&tid=\(contoso)",
        ] {
            #expect(found.count { $0 == expected } == 1, "\(expected)")
        }
        #expect(
            !found.contains {
                $0.contains("BeginClientSession") || $0.contains("admin.exchange.microsoft.com")
                    || $0.contains("commerce2")
            })
        // The multitenant view, once, before the first customer's link.
        #expect(found.count { $0 == "https://mto.security.microsoft.com/" } == 1)
        #expect(
            found.firstIndex(of: "https://mto.security.microsoft.com/")! < found.firstIndex { $0.contains(contoso) }!)
    }

    @Test func aKindWithoutWhatItNeedsIsLeftOutWithAWarningNamingTheColumn() throws {
        let result = try Binary.run(["samples/customers-with-domains.csv", "--links", "m365,teams", "--check"])
        #expect(result.status == 0)
        #expect(
            result.errorLines.first
                == "samples/customers-with-domains.csv:5:1: warning: customer \"Northwind Traders\" has no initial domain, so the index has no Microsoft 365 admin center or Teams admin center link for it; add or fill in an initialDomainName column (its *.onmicrosoft.com domain)"
        )
    }

    @Test func aPlainDomainColumnFillsTheInitialOrTheDefaultDomainByItsName() throws {
        let input = try file(
            "c.csv",
            """
            Name,Tenant ID,Domain
            Contoso,d13c513a-42f8-4da1-97b1-165f0971b7c4,contoso.onmicrosoft.com
            Fabrikam,25abd89b-d67e-4d92-8a83-18174d645fa6,fabrikam.com

            """)
        let catalog = try file(
            "links.yaml",
            """
            links:
              - name: site
                title: Default domain
                url: https://{defaultDomain}.example/x
                source: https://docs.example/x
                evidence: own
            """)
        // A placeholder in the host is refused (a value must never choose where a link goes).
        let refused = try Binary.run([input, "--link-catalog", catalog, "--links", "site"])
        #expect(refused.status == 1)
        #expect(
            refused.errorLines.first
                == "\(catalog):4:18: error: a placeholder cannot stand in the host: the host must be the same for every customer"
        )
        let result = try Binary.run([input, "--links", "m365", "--format", "markdown"])
        let found = links(in: result.standardOutput, format: "markdown")
        #expect(found.contains("https://admin.cloud.microsoft/?delegatedOrg=contoso.onmicrosoft.com"))
        #expect(!found.contains { $0.contains("fabrikam") })
        #expect(result.errorLines.first?.contains("customer \"Fabrikam\" has no initial domain") == true)
    }

    @Test(arguments: ["html", "markdown"])
    func anOwnCatalogAddsKindsAndReplacesOnesByName(_ format: String) throws {
        let result = try Binary.run([
            "samples/customers-with-domains.csv", "--link-catalog", "samples/link-catalog.yaml", "--links",
            "itglue,psa,exchange", "--format", format,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let found = links(in: result.standardOutput, format: format)
        #expect(found.contains("https://contoso-msp.itglue.com/1204881"))
        #expect(found.contains("https://psa.example.com/companies?code=NORTHWIND%20%26%20CO"))
        #expect(found.contains("https://admin.cloud.microsoft/exchange?delegatedOrg=contoso.onmicrosoft.com"))
        #expect(
            result.errorLines.first
                == "samples/customers-with-domains.csv:5:1: warning: customer \"Northwind Traders\" has no \"ITGlue ID\" value, so the index has no IT Glue organisation link for it; add or fill in the \"ITGlue ID\" column"
        )
        let listed = try Binary.run(["--link-catalog", "samples/link-catalog.yaml", "--list-links"])
        #expect(listed.standardOutput.contains("itglue         IT Glue organisation (IT Glue)"))
        #expect(listed.standardOutput.contains("needs: {column:ITGlue ID}"))
        #expect(listed.standardOutput.contains("own: https://docs.example.com/runbooks/it-glue-links"))
    }

    /// Values an attacker in a customer tenant (or a careless export) could put in a column a link takes.
    static let hostileValues = [
        "//evil.example/x", "@evil.example", "https://evil.example", "javascript:alert(1)", "../../admin",
        "a b?c=d&e#f", "%2F%2Fevil", "\u{202E}lmth.exe", "x\"><script>alert(1)</script>", "evil.example:443",
        "\\\\evil\\share", "[x](https://evil.example)", "Ünïcødé 名前",
    ]

    @Test(arguments: ["html", "markdown"])
    func noColumnValueCanMoveALinkToAnotherHostOrScheme(_ format: String) throws {
        var rows = ["Name,Tenant ID,Doc"]
        for (index, value) in Self.hostileValues.enumerated() {
            rows.append(
                "Customer \(index),\(String(format: "%08x-0000-4000-8000-%012x", index + 1, index + 1)),\"\(value.replacingOccurrences(of: "\"", with: "\"\""))\""
            )
        }
        let input = try file("c.csv", rows.joined(separator: "\n") + "\n")
        let catalog = try file(
            "links.yaml",
            """
            links:
              - name: doc
                title: Runbook
                url: https://docs.example.com/org/{column:Doc}?ref={column:Doc}#{column:Doc}
                source: https://docs.example.com/about
                evidence: own
            """)
        let result = try Binary.run([input, "--link-catalog", catalog, "--links", "doc", "--format", format])
        #expect(result.status == 0, "\(result.standardError)")
        let docLinks = links(in: result.standardOutput, format: format).filter { !$0.contains("microsoft.com") }
        #expect(docLinks.count == Self.hostileValues.count)
        for link in docLinks {
            #expect(link.hasPrefix("https://docs.example.com/org/"), "\(link)")
            let rest = link.dropFirst("https://docs.example.com/org/".count)
            // Only unreserved characters and percent-escapes in each value; the template's own ? and # once each.
            #expect(
                rest.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-._~%?=#ref".contains($0)) }, "\(link)")
            #expect(rest.count { $0 == "?" } == 1 && rest.count { $0 == "#" } == 1, "\(link)")
        }
        #expect(
            docLinks.contains(
                "https://docs.example.com/org/%2F%2Fevil.example%2Fx?ref=%2F%2Fevil.example%2Fx#%2F%2Fevil.example%2Fx")
        )
    }

    @Test func everyProblemOfAnOwnCatalogIsReportedAtItsPlace() throws {
        let catalog = try file(
            "links.yaml",
            """
            links:
              - name: plain
                title: Not https
                url: http://docs.example.com/{tenantId}
                source: https://docs.example.com
                evidence: own
              - name: typo
                title: Unknown placeholder
                url: https://docs.example.com/{tenantID}
                source: https://docs.example.com
                evidence: own
              - name: plain
                title: Twice
                url: https://docs.example.com/t/{tenantId}
                source: https://docs.example.com
                evidence: own
              - name: nourl
                title: No URL
                source: https://docs.example.com
                evidence: own
            portals:
              - name: bydomain
                title: Domain portal
                url: https://portal.example.com/{initialDomain}
                source: https://docs.example.com
                evidence: own
            """)
        let result = try Binary.run(["samples/customers.csv", "--link-catalog", catalog])
        #expect(result.status == 1)
        #expect(
            result.errorLines == [
                "\(catalog):4:10: error: the URL must start with https://",
                "\(catalog):9:35: error: unknown placeholder {tenantID}; the placeholders are {tenantId}, {initialDomain}, {defaultDomain} and {column:NAME}",
                "\(catalog):12:11: error: the link kind \"plain\" is defined twice; the first is at \(catalog):2:11",
                "\(catalog):17:5: error: the link kind has no \"url\"",
                "\(catalog):24:10: error: a portal's url must hold {tenantId} exactly once and no other placeholder: every row links to it",
                "mssp-report: nothing written",
            ])
        let broken = try file("broken.yaml", "links:\n  - name: [unclosed\n")
        let syntax = try Binary.run(["samples/customers.csv", "--link-catalog", broken])
        #expect(syntax.status == 1)
        #expect(syntax.errorLines.first?.hasPrefix("\(broken):3:1: error: the file is not valid YAML") == true)
        let missing = try Binary.run(["samples/customers.csv", "--link-catalog", "/no/such/links.yaml"])
        #expect(missing.status == 66)
    }

    /// Writes a customer-row partial into a fresh templates folder.
    func templates(row: String) throws -> String {
        let directory = try makeTemporaryDirectory()
        let partials = directory.appendingPathComponent("partials")
        try FileManager.default.createDirectory(at: partials, withIntermediateDirectories: true)
        try row.write(
            to: partials.appendingPathComponent("customer-row.html.mustache"), atomically: true, encoding: .utf8)
        return directory.path
    }

    @Test func aTemplateLaysOutEachKindByName() throws {
        let folder = try templates(
            row: """
                <tr><th><bdi>{{name}}</bdi></th><td>{{tenantId}}</td><td><a href="{{portalUrl}}">{{portal.label}} for {{name}}</a></td>                <td>{{#link.itglue.hasUrl}}<a href="{{link.itglue.url}}">{{link.itglue.label}}</a>{{/link.itglue.hasUrl}}</td>                <td>{{#link.exchange.hasUrl}}<a href="{{link.exchange.url}}">{{link.exchange.label}}</a>{{/link.exchange.hasUrl}}</td>                <td>{{#link.teams.hasUrl}}TEAMS{{/link.teams.hasUrl}}</td></tr>

                """)
        let result = try Binary.run([
            "samples/customers-with-domains.csv", "--link-catalog", "samples/link-catalog.yaml", "--links",
            "exchange,itglue", "--templates", folder, "--quiet",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("<a href=\"https://contoso-msp.itglue.com/1204881\">IT Glue</a>"))
        #expect(
            result.standardOutput.contains(
                "<a href=\"https://admin.cloud.microsoft/exchange?delegatedOrg=contoso.onmicrosoft.com\">Exchange</a>"))
        #expect(result.standardOutput.contains("Defender for Contoso Ltd"))
        // A kind of the catalog that the run does not request is missing, not an error.
        #expect(!result.standardOutput.contains("TEAMS"))

        let typo = try templates(row: "<tr><td>{{link.exchnage.url}}</td></tr>\n")
        let refused = try Binary.run(["samples/customers.csv", "--templates", typo])
        #expect(refused.status == 1)
        #expect(
            refused.errorLines.first?.hasPrefix(
                "\(typo)/partials/customer-row.html.mustache:1:9: error: unknown link kind \"exchnage\"") == true)
    }

    @Test func theAuditChecksAnOwnKindLikeABuiltInOne() throws {
        // A row template that shows only the portal link drops the --links column the run asked for.
        let folder = try templates(
            row:
                "<tr><th><bdi>{{name}}</bdi></th><td>{{tenantId}}</td><td><a href=\"{{portalUrl}}\">{{name}}</a></td></tr>\n"
        )
        let result = try Binary.run([
            "samples/customers-with-domains.csv", "--link-catalog", "samples/link-catalog.yaml", "--links", "itglue",
            "--templates", folder, "--quiet",
        ])
        #expect(result.status == 70)
        #expect(
            result.standardError.contains(
                "the IT Glue organisation link https://contoso-msp.itglue.com/1204881 for customer \"Contoso Ltd\" appears 0 times"
            ))
    }

    @Test func theLinksPageTableIsTheCatalog() throws {
        let readme = try String(
            contentsOf: Binary.packageRoot.appendingPathComponent("docs/links.md"), encoding: .utf8)
        for kind in LinkCatalogText.kinds() {
            #expect(
                readme.contains("| `\(kind.name)` |") && readme.contains("`\(kind.url)`")
                    && readme.contains("\(kind.evidence): [") && readme.contains("](\(kind.source))"),
                "docs/links.md lacks \(kind.name) as Catalog/links.yaml gives it")
            #expect(kind.source.hasPrefix("https://"))
            #expect(["documentation", "practice"].contains(kind.evidence))
        }
    }
}
