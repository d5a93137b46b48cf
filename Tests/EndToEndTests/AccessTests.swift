import Foundation
import Testing

/// GDAP access beside each link (`--relationships`, `--access-assignments`, `--as-of`): the states in every
/// format, the diagnostics a scheduled job fails on, and a relationships export as the customer list.
@Suite struct AccessTests {
    static let asOf = ["--as-of", "2026-12-06"]
    static let withRelationships = ["samples/customers.csv", "--relationships", "samples/relationships.json"] + asOf

    /// Each customer of samples/customers.csv and its state as of 2026-12-06, from samples/relationships.json.
    static let expected: [(name: String, text: String)] = [
        ("Contoso Ltd", "Active until 2027-03-01, auto-extends"),
        ("Fabrikam, Inc.", "Expiring on 2026-12-13 (7 days left)"),
        ("Müller & Söhne <Logistik> GmbH", "Pending the customer's approval"),
        ("Ærøskøbing Sejl ApS", "No role that opens Defender"),
        ("Société Générale de Café", "Ended: expired 2026-10-01"),
        ("Łódź Water Works", "Ended: past its end date, 2026-12-04 (deprovisioning)"),
        ("株式会社さくら精機", "Active until 2027-01-31 (56 days left)"),
        ("Ελληνική Ναυτιλιακή Α.Ε.", "Pending: not yet sent for approval"),
        ("Northwind Traders", "Expiring today, 2026-12-06"),
        ("Tailspin Toys", "Active until 2027-10-01 (299 days left)"),
        ("Woodgrove Bank", "Ended: past its end date, 2026-11-30"),
        ("Adatum Corporation", "Pending: approved, activating"),
        ("Şişecam Cam Sanayi A.Ş.", "No GDAP relationship (B2B may still give access)"),
        ("Alpine Ski House", "No GDAP relationship (B2B may still give access)"),
    ]

    /// The text with character references decoded, as a reader of the rendered document sees it.
    static func decoded(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            if let semicolon = after.prefix(8).firstIndex(of: ";") {
                let name = after[..<semicolon]
                if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) {
                    result.unicodeScalars.append(scalar)
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
                if let value = named[String(name)] {
                    result += value
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }

    @Test(arguments: ["html", "markdown", "confluence", "fragment"])
    func everyCustomersStateIsInEveryFormat(_ format: String) throws {
        let result = try Binary.run(Self.withRelationships + ["--format", format, "--quiet"])
        #expect(result.status == 0, "\(result.standardError)")
        // Markdown writes a dot between letters as a code span, so that no renderer links it.
        let document = Self.decoded(result.standardOutput).replacingOccurrences(of: "`.`", with: ".")
        #expect(
            document.contains(
                format == "html"
                    ? "Access as of <time datetime=\"2026-12-06\">2026-12-06</time>" : "Access as of 2026-12-06"))
        #expect(document.contains("From the GDAP relationships in samples/relationships.json."))
        #expect(document.contains("5 customers can open Microsoft Defender; the multitenant view takes up to 100"))
        #expect(!document.contains("A link grants no access by itself"))
        let lines = document.split(separator: "\n")
        for (name, text) in Self.expected {
            switch format {
            case "markdown":
                let row = lines.first { $0.hasPrefix("| \(name) |") }
                #expect(row?.contains("| \(text) |") == true || row?.contains("| \(text) [Approval link](") == true)
            case "html":
                #expect(document.contains("<span class=\"access-state\">\(text)</span>"), "\(name): \(text)")
            default:
                let row = lines.first { $0.hasPrefix("<tr><td>\(name)</td>") }
                #expect(row?.contains("<strong>\(text)</strong>") == true, "\(name): \(text)")
            }
        }
        let approval =
            "https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/00000004-0000-4000-8000-000000000004-8777b240-c6f0-4469-9e98-a3205431b836"
        #expect(document.contains(format == "markdown" ? "[Approval link](\(approval))" : "href=\"\(approval)\""))
        for count in ["3 active", "2 expiring", "3 pending", "1 no Defender role", "3 ended", "2 no relationship"] {
            #expect(document.contains(count), "\(format) lacks \(count)")
        }
    }

    @Test func theSummaryLinksFilterThePageByState() throws {
        let result = try Binary.run(Self.withRelationships + ["--quiet"])
        #expect(
            result.standardOutput.contains(
                "<a href=\"#filter=access:expiring\" class=\"access-expiring\">2 expiring</a>"))
        #expect(
            result.standardOutput.contains(
                "<tr id=\"tenant-25abd89b-d67e-4d92-8a83-18174d645fa6\" data-access=\"access:expiring\">"))
    }

    @Test func theDiagnosticsPointAtTheCustomerAndTheRelationship() throws {
        let result = try Binary.run(Self.withRelationships + ["--check"])
        #expect(result.status == 0)
        let lines = result.errorLines
        #expect(
            lines.contains(
                "samples/customers.csv:3:1: warning: customer \"Fabrikam, Inc.\"'s access to Microsoft Defender ends in 7 days, on 2026-12-13 (within 7 days): GDAP relationship \"SOC - Fabrikam\" (samples/relationships.json:50:5) does not auto-extend; extend it or have the customer approve a new one"
            ))
        #expect(
            lines.contains(
                "samples/relationships.json:381:5: warning: GDAP relationship \"SOC - any customer\" names no customer (customer.tenantId); a relationship created for any customer has none until one approves it"
            ))
        #expect(
            lines.contains(
                "samples/relationships.json:401:5: warning: GDAP relationship \"SOC - Wide World Importers\" is with tenant 0b9e3c57-7a2e-4b0b-9d1e-2f3a4b5c6d7e (\"Wide World Importers\"), which is not in the customer list"
            ))
        #expect(
            lines.last
                == "mssp-report: 14 rows read, 14 customers valid, 0 errors, 13 warnings; access as of 2026-12-06 from samples/relationships.json: 3 active, 2 expiring, 3 pending, 1 no Defender role, 3 ended, 2 no relationship; 5 can open Defender (the multitenant view takes up to 100 tenants); check passed, nothing written"
        )
    }

    @Test func aScheduledJobFailsOnAccessWarnings() throws {
        let result = try Binary.run(
            Self.withRelationships + ["--check", "--warnings-as-errors", "--diagnostics", "json"])
        #expect(result.status == 1)
        let objects = try result.errorLines.map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let codes = objects.compactMap { $0["code"] as? String }
        for code in [
            "access-expiring", "access-pending", "access-no-defender-role", "access-ended", "access-no-relationship",
            "relationship-without-customer", "relationship-customer-not-listed",
        ] {
            #expect(codes.contains(code), "no \(code)")
        }
        let summary = try #require(objects.last)
        #expect(summary["exitCode"] as? Int == 1)
        let access = try #require(summary["access"] as? [String: Any])
        #expect(access["asOf"] as? String == "2026-12-06")
        #expect(access["canOpenDefender"] as? Int == 5)
        #expect(access["multitenantLimit"] as? Int == 100)
        let counts = try #require(access["counts"] as? [String: Int])
        #expect(
            counts == [
                "active": 3, "expiring": 2, "pending": 3, "no-defender-role": 1, "ended": 3, "no-relationship": 2,
            ])
    }

    @Test func assignmentsCountOnlyActiveOnes() throws {
        let result = try Binary.run(
            Self.withRelationships + [
                "--access-assignments", "samples/access-assignments.json", "--format", "markdown", "-q",
            ])
        #expect(result.status == 0)
        let tailspin = result.standardOutput.split(separator: "\n").first { $0.hasPrefix("| Tailspin Toys |") }
        #expect(tailspin?.contains("| No role that opens Defender is assigned |") == true)
        #expect(result.standardOutput.contains("a role counts only where an active access assignment grants it"))
    }

    @Test func aRelationshipsExportAloneIsTheCustomerList() throws {
        let result = try Binary.run(["--relationships", "samples/relationships.json", "--check"] + Self.asOf)
        #expect(result.status == 0)
        // Every customer of a relationship is listed; none twice, none without a relationship.
        #expect(!result.standardError.contains("listed again"))
        #expect(
            !result.standardError.contains("access-no-relationship") && !result.standardError.contains("has no GDAP"))
        #expect(result.errorLines.last?.hasPrefix("mssp-report: 18 rows read, 13 customers valid, 0 errors") == true)
        #expect(
            result.errorLines.last?.contains("4 active, 2 expiring, 3 pending, 1 no Defender role, 3 ended;") == true)
        let positional = try Binary.run(["samples/relationships.json", "--check"] + Self.asOf)
        #expect(positional.errorLines.last == result.errorLines.last)
    }

    @Test func aFileIsReadAsAStreamAndStandardInputWholeAlike() throws {
        let export = try String(
            contentsOf: Binary.packageRoot.appendingPathComponent("samples/relationships.json"), encoding: .utf8)
        let file = try Binary.run(["samples/relationships.json", "--format", "markdown", "-q"] + Self.asOf)
        let standardInput = try Binary.run(["-", "--format", "markdown", "-q"] + Self.asOf, input: export)
        #expect(file.status == 0 && standardInput.status == 0)
        let rows = { (markdown: String) in markdown.split(separator: "\n").filter { $0.hasPrefix("| ") } }
        #expect(rows(file.standardOutput).count == 15)
        #expect(rows(file.standardOutput) == rows(standardInput.standardOutput))
    }

    @Test func theDayComesFromAsOfElseSourceDateEpoch() throws {
        let epoch = try Binary.run(
            ["samples/customers.csv", "--relationships", "samples/relationships.json", "--check", "-q"],
            environment: ["SOURCE_DATE_EPOCH": "1796515200"])  // 2026-12-06T00:00:00Z
        #expect(epoch.status == 0)
        let json = try Binary.run(
            [
                "samples/customers.csv", "--relationships", "samples/relationships.json", "--check", "--diagnostics",
                "json",
            ],
            environment: ["SOURCE_DATE_EPOCH": "1796515200"])
        #expect(json.errorLines.last?.contains("\"asOf\":\"2026-12-06\"") == true)
        let bad = try Binary.run(Self.withRelationships.dropLast(2) + ["--as-of", "6/12/2026"])
        #expect(bad.status == 64)
        #expect(bad.standardError.contains("--as-of 6/12/2026: expected a date as YYYY-MM-DD"))
    }

    @Test func aRelationshipsExportMustBeGraphsJSON() throws {
        let result = try Binary.run(["samples/customers.csv", "--relationships", "samples/customers.csv", "--check"])
        #expect(result.status == 1)
        #expect(
            result.errorLines.first
                == "samples/customers.csv:1:1: error: expected GDAP relationships as Microsoft Graph writes them (JSON), found CSV; docs/access.md shows how to export them"
        )
        let customers = try Binary.run([
            "samples/customers.csv", "--relationships", "samples/customers.json", "--check",
        ])
        #expect(customers.status == 1)
        #expect(customers.standardError.contains("expected a GDAP relationship object (with \"accessDetails\""))
    }
}
