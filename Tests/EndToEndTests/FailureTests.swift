import Foundation
import Testing

@Suite struct FailureTests {
    let existing = "<!-- the index from yesterday -->\n"

    /// A directory holding a good index from an earlier run.
    func directoryWithExistingIndex() throws -> (directory: URL, index: URL) {
        let directory = try makeTemporaryDirectory()
        let index = directory.appendingPathComponent("index.html")
        try existing.write(to: index, atomically: true, encoding: .utf8)
        return (directory, index)
    }

    func expectUntouched(_ directory: URL, _ index: URL, extra: Set<String> = []) throws {
        #expect(try String(contentsOf: index, encoding: .utf8) == existing)
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: directory.path)) == Set(["index.html"]).union(extra)
        )
    }

    @Test func aBadTenantIDIsReportedAtItsLineAndNothingIsWritten() throws {
        let (directory, index) = try directoryWithExistingIndex()
        let input = directory.appendingPathComponent("customers.csv")
        try "Name,Tenant ID\nContoso,d13c513a-42f8-4da1-97b1-165f0971b7c4\n\"Fabrikam, Inc.\",8f3c-11\n"
            .write(to: input, atomically: true, encoding: .utf8)
        let result = try Binary.run([input.path, "-o", index.path])
        #expect(result.status == 1)
        #expect(
            result.errorLines == [
                "\(input.path):3:18: error: tenant ID \"8f3c-11\" is not a GUID (expected 8-4-4-4-12 hex digits)",
                "mssp-report: 2 rows read, 1 customer valid, 1 error, 0 warnings; nothing written (use --skip-invalid to write the index without the invalid rows)",
            ])
        try expectUntouched(directory, index, extra: ["customers.csv"])
    }

    @Test func theSampleWithMistakesReportsEveryProblemInOneRun() throws {
        let result = try Binary.run(["samples/customers-with-mistakes.csv", "--check"])
        #expect(result.status == 1)
        let codes = try Binary.run(["samples/customers-with-mistakes.csv", "--check", "--diagnostics", "json"])
            .errorLines.dropLast().compactMap { line -> String? in
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return object?["code"] as? String
            }
        #expect(
            codes == [
                "invalid-tenant-id", "non-canonical-tenant-id", "non-canonical-tenant-id", "placeholder-tenant-id",
                "personal-account-tenant-id", "duplicate-tenant-id", "name-with-several-tenant-ids", "missing-name",
                "invalid-name", "field-count", "invalid-domain", "invalid-tenant-id",
            ])
        #expect(
            result.errorLines.first
                == "samples/customers-with-mistakes.csv:3:18: error: tenant ID \"8f3c-11\" is not a GUID (expected 8-4-4-4-12 hex digits)"
        )
    }

    @Test func skipInvalidWritesTheValidRowsAndSaysHowManyWereSkipped() throws {
        let directory = try makeTemporaryDirectory()
        let index = directory.appendingPathComponent("index.html")
        let result = try Binary.run(["samples/customers-with-mistakes.csv", "--skip-invalid", "-o", index.path])
        #expect(result.status == 0)
        #expect(
            result.errorLines.last
                == "mssp-report: 14 rows read, 6 customers valid, 8 errors, 4 warnings, 8 rows skipped; wrote \(index.path)"
        )
        let html = try String(contentsOf: index, encoding: .utf8)
        #expect(html.contains("6 customer tenants; 8 rows of the customer list had errors and are not listed."))
        #expect(hrefs(in: html).filter { $0.hasPrefix("https://security.microsoft.com/") }.count == 6)
        #expect(!html.contains("8f3c-11"))
    }

    @Test func checkValidatesAndWritesNothing() throws {
        let directory = try makeTemporaryDirectory()
        let good = try Binary.run(
            [Binary.packageRoot.appendingPathComponent("samples/customers.csv").path, "--check"], in: directory)
        #expect(good.status == 0)
        #expect(good.standardOutput.isEmpty)
        #expect(
            good.errorLines == [
                "mssp-report: 14 rows read, 14 customers valid, 0 errors, 0 warnings; check passed, nothing written"
            ])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func anUnwritableOutputIsExit73AndLeavesTheOldIndex() throws {
        let (directory, index) = try directoryWithExistingIndex()
        let missing = directory.appendingPathComponent("no-such-dir/index.html")
        let result = try Binary.run(["samples/customers.csv", "-o", missing.path])
        #expect(result.status == 73)
        #expect(result.errorLines.first?.hasPrefix("mssp-report: error: \(missing.path): cannot write:") == true)
        let folder = directory.appendingPathComponent("folder.html")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let onDirectory = try Binary.run(["samples/customers.csv", "-o", folder.path])
        #expect(onDirectory.status == 73)
        #expect(onDirectory.errorLines.first == "mssp-report: error: \(folder.path): cannot write: it is a directory")
        try expectUntouched(directory, index, extra: ["folder.html"])
    }

    @Test func aFailedCheckLeavesTheOldIndexByteForByte() throws {
        let (directory, index) = try directoryWithExistingIndex()
        let templates = directory.appendingPathComponent("t")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "<html><body>{{#customers}}<p>{{name}}</p>{{/customers}}</body></html>\n"
            .write(to: templates.appendingPathComponent("index.html.mustache"), atomically: true, encoding: .utf8)
        let result = try Binary.run(["samples/customers.csv", "-o", index.path, "--templates", templates.path])
        #expect(result.status == 70)
        #expect(result.standardError.contains("for customer \"Contoso Ltd\" is missing"))
        try expectUntouched(directory, index, extra: ["t"])
    }

    @Test func aMissingInputIsExit66() throws {
        let result = try Binary.run(["no-such-file.csv"])
        #expect(result.status == 66)
        #expect(result.errorLines.first == "mssp-report: error: no-such-file.csv: cannot read: no such file")
    }

    @Test(arguments: [
        ["samples/customers.csv", "--no-such-option"],
        ["samples/customers.csv", "--check", "-o", "index.html"],
        ["samples/customers.csv", "--portal", "elsewhere"],
        ["samples/customers.csv", "--portal-url", "http://example.com/{tenantId}"],
        ["samples/customers.csv", "-o", "index.pdf"],
        [],
    ])
    func usageErrorsAreExit64(_ arguments: [String]) throws {
        let result = try Binary.run(arguments)
        #expect(result.status == 64)
        #expect(result.standardError.contains("Error:"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func helpListsTheExitCodes() throws {
        let result = try Binary.run(["--help"])
        #expect(result.status == 0)
        for line in [
            "0   index written", "64  usage error", "66  an input cannot be opened", "70  the rendered output failed",
            "73  the output cannot be written",
        ] {
            #expect(result.standardOutput.contains(line))
        }
    }
}
