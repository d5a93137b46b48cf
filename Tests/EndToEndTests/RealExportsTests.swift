import Foundation
import Testing

/// The exports MSSPs really have (`samples/exports/`): each reads right, or is refused at its place with the fix.
@Suite struct RealExportsTests {
    func file(_ name: String, _ text: String) throws -> String {
        let url = try makeTemporaryDirectory().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The customer rows of a Markdown index: (name, tenant ID).
    func rows(_ markdown: String) -> [(String, String)] {
        markdown.split(separator: "\n").compactMap { line -> (String, String)? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count > 3, cells[2].hasPrefix("`"), cells[2].count == 38 else { return nil }
            return (cells[1], String(cells[2].dropFirst().dropLast()))
        }
    }

    @Test(arguments: [
        "graph-delegated-admin-relationships.json", "graph-delegated-admin-customers.json", "graph-contracts.json",
        "powershell-5.1-export-csv.csv", "powershell-7-export-csv.csv", "powershell-export-csv-unicode.csv",
    ])
    func eachExportListsItsCustomersOnce(_ name: String) throws {
        let result = try Binary.run(["samples/exports/\(name)", "--format", "markdown", "--quiet"])
        #expect(result.status == 0, "\(result.standardError)")
        let found = rows(result.standardOutput)
        #expect(found.map(\.0) == ["Contoso Ltd", "Fabrikam, Inc&#46;"])  // the Markdown escape of "."
        #expect(found.map(\.1) == ["d13c513a-42f8-4da1-97b1-165f0971b7c4", "25abd89b-d67e-4d92-8a83-18174d645fa6"])
    }

    @Test func aGDAPRelationshipNamesItsCustomerNotItselfAndRepeatsAreMerged() throws {
        let result = try Binary.run([
            "samples/exports/graph-delegated-admin-relationships.json", "--format", "markdown", "--group-by", "status",
        ])
        #expect(result.status == 0)
        #expect(!result.standardOutput.contains("SOC tier"))
        #expect(result.standardOutput.contains("## active (2)"))
        // One relationship per SOC tier is the common GDAP design: a customer listed again by an export of
        // relationships is expected, not a warning. What the export says about access is.
        #expect(!result.standardError.contains("repeated-customer") && !result.standardError.contains("listed again"))
        #expect(
            result.errorLines.first
                == "samples/exports/graph-delegated-admin-relationships.json:22:5: warning: customer \"Fabrikam, Inc.\" cannot open Microsoft Defender: GDAP relationship \"SOC tier 1\" is active but grants no role that opens it (Exchange Administrator (none)); Security Reader, Security Operator or Security Administrator do"
        )
        let quiet = try Binary.run(["samples/exports/graph-delegated-admin-relationships.json", "--quiet", "--check"])
        #expect(quiet.standardError.isEmpty)
        // The same customer in two exports given together is merged too; another name for one tenant is not.
        let both = try Binary.run([
            "samples/exports/graph-contracts.json", "samples/exports/powershell-7-export-csv.csv", "--check",
        ])
        #expect(both.status == 0)
        #expect(both.errorLines.count == 3)
        let other = try file(
            "other.csv", "Name,Tenant ID\nContoso Holdings,d13c513a-42f8-4da1-97b1-165f0971b7c4\n")
        let clash = try Binary.run(["samples/exports/graph-contracts.json", other, "--check"])
        #expect(clash.status == 1)
        #expect(clash.errorLines.first?.contains("is listed twice") == true)
    }

    @Test func nestedKeysGroupAndFillLinksByTheirDottedPath() throws {
        let input = try file(
            "c.json",
            """
            {"value": [
              {"displayName": "rel 1", "customer": {"tenantId": "d13c513a-42f8-4da1-97b1-165f0971b7c4", "displayName": "Contoso Ltd", "profile": {"tier": "gold"}}},
              {"displayName": "rel 2", "customer": {"tenantId": "25abd89b-d67e-4d92-8a83-18174d645fa6", "displayName": "Fabrikam", "profile": {"tier": "silver"}}}
            ]}

            """)
        let catalog = try file(
            "links.yaml",
            """
            links:
              - name: tier
                title: Tier page
                url: https://docs.example.com/tiers/{column:customer.profile.tier}
                source: https://docs.example.com
                evidence: own
            """)
        let result = try Binary.run([
            input, "--group-by", "customer.profile.tier", "--link-catalog", catalog, "--links", "tier", "--format",
            "markdown",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("## gold (1)") && result.standardOutput.contains("## silver (1)"))
        #expect(result.standardOutput.contains("(https://docs.example.com/tiers/silver)"))
        #expect(!result.standardOutput.contains("rel 1"))
    }

    @Test func aValueThatConvertToJsonFlattenedIsAnErrorWithTheFix() throws {
        let result = try Binary.run(["samples/exports/powershell-convertto-json-depth-2.json", "--check"])
        #expect(result.status == 1)
        #expect(
            result.errorLines.first?.hasPrefix(
                "samples/exports/powershell-convertto-json-depth-2.json:4:17: error: \"customer\" holds \"@{tenantId=")
                == true)
        #expect(result.errorLines.first?.hasSuffix("export again with ConvertTo-Json -Depth 5") == true)
    }

    @Test(arguments: [
        ("[{\"name\":\"A\",\"tenantId\":\"d13c513a-42f8-4da1-97b1-165f0971b7c4\"}] 5\n", "json", "1:66"),
        ("[{\"name\":\"A\",\"tenantId\":\"d13c513a-42f8-4da1-97b1-165f0971b7c4\"}]\n[]\n", "json", "2:1"),
        ("[][]\n", "json", "1:3"),
        ("[][]\n", "ndjson", "1:3"),
        (
            "{\"name\":\"A\",\"tenantId\":\"d13c513a-42f8-4da1-97b1-165f0971b7c4\"}{\"name\":\"B\",\"tenantId\":\"25abd89b-d67e-4d92-8a83-18174d645fa6\"}\n",
            "ndjson", "1:63"
        ),
        (
            "{\"name\":\"A\",\"tenantId\":\"d13c513a-42f8-4da1-97b1-165f0971b7c4\"}\n{\"name\":\"B\",\"tenantId\":\"25abd89b-d67e-4d92-8a83-18174d645fa6\"}\n",
            "json", "2:1"
        ),
    ])
    func jsonIsOneValueAndJSONLinesOneValuePerLine(_ text: String, _ format: String, _ place: String) throws {
        let input = try file("c.txt", text)
        let result = try Binary.run([input, "--input-format", format, "--check"])
        #expect(result.status == 1)
        #expect(result.errorLines.first?.hasPrefix("\(input):\(place): error: ") == true, "\(result.errorLines)")
        // One object per line is JSON Lines when the format is not declared JSON.
        let lines = try file(
            "c.jsonl",
            "{\"name\":\"A\",\"tenantId\":\"d13c513a-42f8-4da1-97b1-165f0971b7c4\"}\n{\"name\":\"B\",\"tenantId\":\"25abd89b-d67e-4d92-8a83-18174d645fa6\"}\n"
        )
        #expect(try Binary.run([lines, "--check"]).status == 0)
    }

    @Test func aKeyGivenTwiceIsAnErrorWhenItsValuesDifferAndAWarningOtherwise() throws {
        let input = try file(
            "c.json",
            """
            [
              {"name": "A", "tenantId": "d13c513a-42f8-4da1-97b1-165f0971b7c4", "tenantId": "25abd89b-d67e-4d92-8a83-18174d645fa6"},
              {"name": "B", "tenantId": "3cbb7daa-64c1-44fa-88a7-c8252abc5619", "note": "x", "note": "y"}
            ]

            """)
        let result = try Binary.run([input, "--check"])
        #expect(result.status == 1)
        #expect(
            result.errorLines.prefix(2) == [
                "\(input):2:69: error: \"tenantId\" is given twice in this object, with different values; the first is at \(input):2:17",
                "\(input):3:82: warning: \"note\" is given twice in this object; the first, at \(input):3:69, is used",
            ])
    }

    @Test func twoTenantIDColumnsThatDisagreeAreAnErrorAtTheRow() throws {
        let input = try file(
            "c.csv",
            """
            Name,tenantId,customerId
            Contoso,d13c513a-42f8-4da1-97b1-165f0971b7c4,D13C513A-42F8-4DA1-97B1-165F0971B7C4
            Fabrikam,25abd89b-d67e-4d92-8a83-18174d645fa6,3cbb7daa-64c1-44fa-88a7-c8252abc5619

            """)
        let result = try Binary.run([input, "--check"])
        #expect(result.status == 1)
        #expect(
            result.errorLines.first
                == "\(input):3:47: error: columns \"tenantId\" and \"customerId\" both give the tenant ID and disagree: \"25abd89b-d67e-4d92-8a83-18174d645fa6\" and \"3cbb7daa-64c1-44fa-88a7-c8252abc5619\""
        )
        #expect(result.errorLines.last?.hasPrefix("mssp-report: 2 rows read, 1 customer valid, 1 error") == true)
    }
}
