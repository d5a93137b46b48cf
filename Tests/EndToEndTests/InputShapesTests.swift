import Foundation
import Testing

@Suite struct InputShapesTests {
    @Test func theThreeExportShapesTogetherGiveTheSameIndexAsTheSample() throws {
        let merged = try Binary.run([
            "samples/cipp-tenants.json", "samples/partner-center-customers.csv",
            "samples/handwritten-excel-semicolon.csv",
        ])
        #expect(merged.status == 0)
        #expect(
            merged.errorLines == [
                "mssp-report: 14 rows read, 14 customers valid, 0 errors, 0 warnings; wrote the index to standard output"
            ])
        #expect(merged.standardOutput == (try Binary.run(["samples/customers.csv"])).standardOutput)
    }

    @Test func everyDiagnosticNamesItsOwnFile() throws {
        let directory = try makeTemporaryDirectory()
        let first = directory.appendingPathComponent("a.csv")
        let second = directory.appendingPathComponent("b.json")
        try "Name,Tenant ID\nContoso,d13c513a-42f8-4da1-97b1-165f0971b7c4\n".write(
            to: first, atomically: true, encoding: .utf8)
        try
            "[\n {\"name\": \"Contoso again\", \"tenantId\": \"D13C513A-42F8-4DA1-97B1-165F0971B7C4\"},\n {\"name\": \"X\", \"tenantId\": null}\n]\n"
            .write(to: second, atomically: true, encoding: .utf8)
        let result = try Binary.run(["a.csv", "b.json", "--check"], in: directory)
        #expect(result.status == 1)
        #expect(
            result.errorLines == [
                "b.json:2:40: error: tenant ID \"D13C513A-42F8-4DA1-97B1-165F0971B7C4\" is listed twice: d13c513a-42f8-4da1-97b1-165f0971b7c4 is already at a.csv:2:9 for customer \"Contoso\"",
                "b.json:3:28: error: \"tenantId\" holds null; expected a tenant ID in double quotes",
                "mssp-report: 3 rows read, 1 customer valid, 2 errors, 0 warnings; nothing written (use --skip-invalid to write the index without the invalid rows)",
            ])
    }

    @Test func detectsJSONLinesByContentAndHonoursInputFormat() throws {
        let directory = try makeTemporaryDirectory()
        let file = directory.appendingPathComponent("export.txt")
        try
            "{\"displayName\": \"Contoso\", \"customerId\": \"d13c513a-42f8-4da1-97b1-165f0971b7c4\"}\n{\"displayName\": \"Fabrikam\", \"customerId\": \"25abd89b-d67e-4d92-8a83-18174d645fa6\"}\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let sniffed = try Binary.run([file.path, "--check"])
        #expect(sniffed.errorLines.last?.hasPrefix("mssp-report: 2 rows read, 2 customers valid, 0 errors") == true)
        let forced = try Binary.run([file.path, "--check", "--input-format", "csv"])
        #expect(forced.status == 1)
    }

    @Test func readsSemicolonsAndTabsAndTheDelimiterOption() throws {
        let directory = try makeTemporaryDirectory()
        let file = directory.appendingPathComponent("list.csv")
        try "Name|Tenant ID\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try Binary.run([file.path, "--check", "--delimiter", ";"])
        #expect(result.status == 1)
        #expect(result.errorLines.first?.contains("missing") == false)
        #expect(result.errorLines.first?.contains("the header has no customer name column") == true)
    }

    @Test func anUnterminatedQuoteStopsReadingAndPointsAtTheQuote() throws {
        let directory = try makeTemporaryDirectory()
        let file = directory.appendingPathComponent("list.csv")
        try
            "Name,Tenant ID\n\"Contoso,d13c513a-42f8-4da1-97b1-165f0971b7c4\nFabrikam,25abd89b-d67e-4d92-8a83-18174d645fa6\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try Binary.run(["list.csv", "--check"], in: directory)
        #expect(result.status == 1)
        #expect(
            result.errorLines.first
                == "list.csv:2:1: error: the quote that opens this field is never closed; the rest of the file was not read"
        )
    }
}
