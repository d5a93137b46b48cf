import Foundation
import Testing

@Suite struct DiagnosticsTests {
    /// A CSV with `count` rows whose tenant IDs are all malformed.
    func floodFile(_ count: Int) throws -> URL {
        let directory = try makeTemporaryDirectory()
        let file = directory.appendingPathComponent("flood.csv")
        let rows = (0..<count).map { "Customer \($0),bad-\($0)" }
        try (["Name,Tenant ID"] + rows).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func capsAFloodOfTextDiagnosticsAndSaysHowManyMore() throws {
        let file = try floodFile(120)
        let result = try Binary.run([file.path, "--check"])
        #expect(result.status == 1)
        #expect(result.errorLines.count == 52)
        #expect(
            result.errorLines[49]
                == "\(file.path):51:13: error: tenant ID \"bad-49\" is not a GUID (expected 8-4-4-4-12 hex digits)")
        #expect(
            result.errorLines[50]
                == "mssp-report: note: 70 more diagnostics not shown; --diagnostics json prints them all")
        #expect(result.errorLines[51].hasPrefix("mssp-report: 120 rows read, 0 customers valid, 120 errors"))
    }

    @Test func jsonDiagnosticsGiveEveryOneAndASummary() throws {
        let file = try floodFile(120)
        let result = try Binary.run([file.path, "--check", "--diagnostics", "json"])
        #expect(result.status == 1)
        #expect(result.errorLines.count == 121)
        let objects = result.errorLines.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(objects.count == 121)
        #expect(objects[119]["line"] as? Int == 121)
        #expect(objects[119]["code"] as? String == "invalid-tenant-id")
        #expect(objects[120]["exitCode"] as? Int == 1)
    }

    @Test func warningsAsErrorsRefusesWarnings() throws {
        let directory = try makeTemporaryDirectory()
        let file = directory.appendingPathComponent("braced.csv")
        try "Name,Tenant ID\nContoso,{d13c513a-42f8-4da1-97b1-165f0971b7c4}\n".write(
            to: file, atomically: true, encoding: .utf8)
        let index = directory.appendingPathComponent("index.html")
        let lenient = try Binary.run([file.path, "-o", index.path])
        #expect(lenient.status == 0)
        #expect(lenient.errorLines.first?.contains(": warning: tenant ID") == true)
        try FileManager.default.removeItem(at: index)
        let strict = try Binary.run([file.path, "-o", index.path, "--warnings-as-errors"])
        #expect(strict.status == 1)
        #expect(
            strict.errorLines.first
                == "\(file.path):2:9: error: tenant ID \"{d13c513a-42f8-4da1-97b1-165f0971b7c4}\" is written in braces; read as d13c513a-42f8-4da1-97b1-165f0971b7c4"
        )
        #expect(!FileManager.default.fileExists(atPath: index.path))
    }

    @Test func quietPrintsOnlyErrors() throws {
        let result = try Binary.run(["samples/customers-with-mistakes.csv", "--check", "--quiet"])
        #expect(result.status == 1)
        #expect(result.errorLines.count == 8)
        #expect(result.errorLines.allSatisfy { $0.contains(": error: ") })
    }

    @Test func neverColoursAPipe() throws {
        let result = try Binary.run(["samples/customers-with-mistakes.csv", "--check"])
        #expect(!result.standardError.contains("\u{1B}["))
    }
}
