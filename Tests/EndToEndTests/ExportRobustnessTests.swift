import Foundation
import Testing

/// Exports as MSSPs make them (PowerShell, pipes, UTF-16), names nobody can see, and the scheduled run over a
/// broken export that must not wipe the published index.
@Suite struct ExportRobustnessTests {
    func file(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let url = try makeTemporaryDirectory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    func file(_ name: String, _ text: String) throws -> URL { try file(name, Array(text.utf8)) }

    @Test func windowsPowerShellsTypeLineIsSkippedAndLineNumbersStayTheFiles() throws {
        let input = try file(
            "ps51.csv",
            "#TYPE System.Management.Automation.PSCustomObject\r\n\"DisplayName\",\"TenantId\"\r\n\"Contoso\",\"d13c513a-42f8-4da1-97b1-165f0971b7c4\"\r\n\"Fabrikam\",\"8f3c-11\"\r\n"
        )
        let result = try Binary.run([input.path, "--check"])
        #expect(result.status == 1)
        #expect(
            result.errorLines == [
                "\(input.path):4:12: error: tenant ID \"8f3c-11\" is not a GUID (expected 8-4-4-4-12 hex digits)",
                "mssp-report: 2 rows read, 1 customer valid, 1 error, 0 warnings; nothing written (use --skip-invalid to write the index without the invalid rows)",
            ])
    }

    @Test func powerShellsUnicodeExportIsRead() throws {
        // Export-Csv -Encoding Unicode: UTF-16 little-endian with its byte-order mark, every field quoted.
        let text = "\"DisplayName\",\"TenantId\"\r\n\"Müller & Söhne\",\"d13c513a-42f8-4da1-97b1-165f0971b7c4\"\r\n"
        let input = try file("unicode.csv", [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let result = try Binary.run([input.path, "--format", "markdown"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("| Müller &#38; Söhne |"))
    }

    @Test(arguments: [true, false])
    func utf16WithoutAByteOrderMarkIsReportedWithTheFix(_ littleEndian: Bool) throws {
        let text = "Name,Tenant ID\nContoso,d13c513a-42f8-4da1-97b1-165f0971b7c4\n"
        let input = try file(
            "nobom.csv",
            text.utf16.flatMap {
                littleEndian ? [UInt8($0 & 0xFF), UInt8($0 >> 8)] : [UInt8($0 >> 8), UInt8($0 & 0xFF)]
            })
        let result = try Binary.run([input.path, "--check"])
        #expect(result.status == 1)
        #expect(
            result.errorLines.first
                == "\(input.path):1:1: error: the file looks like UTF-16 (\(littleEndian ? "little" : "big")-endian) without a byte-order mark; save it as UTF-8, or as Unicode text with its byte-order mark"
        )
    }

    @Test(arguments: ["|", ":", "~"])
    func anyASCIIPunctuationIsADelimiter(_ delimiter: String) throws {
        let input = try file(
            "d.csv", "Name\(delimiter)Tenant ID\nContoso, Inc.\(delimiter)d13c513a-42f8-4da1-97b1-165f0971b7c4\n")
        let result = try Binary.run([input.path, "--delimiter", delimiter, "--format", "markdown"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("| Contoso, Inc&#46; |"))
        for refused in ["\"", "x", "7", "ab", "é"] {
            #expect(try Binary.run([input.path, "--delimiter", refused]).status == 64, "\(refused)")
        }
    }

    @Test func aNameNobodyCanSeeIsAnErrorAndNoncharactersAreCalledSo() throws {
        let input = try file(
            "names.csv",
            "Name,Tenant ID\n\u{200B}\u{2064},d13c513a-42f8-4da1-97b1-165f0971b7c4\n\u{3164},25abd89b-d67e-4d92-8a83-18174d645fa6\nA\u{FFFE}B,3cbb7daa-64c1-44fa-88a7-c8252abc5619\n"
        )
        let result = try Binary.run([input.path, "--check"])
        #expect(result.status == 1)
        #expect(
            Array(result.errorLines.prefix(3)) == [
                "\(input.path):2:1: error: customer name \"\\u{200B}\\u{2064}\" has no visible character (only spaces, format or invisible characters)",
                "\(input.path):3:1: error: customer name \"\\u{3164}\" has no visible character (only spaces, format or invisible characters)",
                "\(input.path):4:1: error: customer name \"A\\u{FFFE}B\" contains the noncharacter U+FFFE, which Unicode reserves and no text may hold",
            ])
    }

    /// The scheduled job: yesterday's index of the 14 samples, then today's run over a broken export.
    func yesterdaysIndex(_ name: String) throws -> (directory: URL, index: URL, bytes: Data) {
        let directory = try makeTemporaryDirectory()
        let index = directory.appendingPathComponent(name)
        #expect(try Binary.run(["samples/customers.csv", "-o", index.path]).status == 0)
        return (directory, index, try Data(contentsOf: index))
    }

    @Test(arguments: ["index.html", "index.md"])
    func aRenamedHeaderIsNotSkippedAwayAndLeavesYesterdaysIndex(_ name: String) throws {
        let (directory, index, before) = try yesterdaysIndex(name)
        let sample = try String(
            contentsOf: Binary.packageRoot.appendingPathComponent("samples/customers.csv"), encoding: .utf8)
        let export = directory.appendingPathComponent("export.csv")
        try sample.replacingOccurrences(of: "Tenant ID", with: "Tenant").write(
            to: export, atomically: true, encoding: .utf8)
        let result = try Binary.run([export.path, "--skip-invalid", "-o", index.path])
        #expect(result.status == 1)
        #expect(
            result.errorLines.last
                == "mssp-report: 0 rows read, 0 customers valid, 1 error, 0 warnings; nothing written: an input cannot be used as a whole, and --skip-invalid skips rows, not files"
        )
        #expect(try Data(contentsOf: index) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["export.csv", name])
    }

    @Test(arguments: ["index.html", "index.md"])
    func aTruncatedExportDoesNotReplaceAnIndexOfMoreThanTwiceAsManyCustomers(_ name: String) throws {
        let (directory, index, before) = try yesterdaysIndex(name)
        let sample = try String(
            contentsOf: Binary.packageRoot.appendingPathComponent("samples/customers.csv"), encoding: .utf8)
        let export = directory.appendingPathComponent("export.csv")
        try sample.split(separator: "\n").prefix(7).joined(separator: "\n").write(
            to: export, atomically: true, encoding: .utf8)
        let refused = try Binary.run([export.path, "--skip-invalid", "-o", index.path])
        #expect(refused.status == 1)
        #expect(
            refused.errorLines.first
                == "mssp-report: error: \(index.path) lists 14 customers and the new index would list 6; more than half would disappear, so \(index.path) was left as it was (check the export, or pass --allow-shrink if the customers really left)"
        )
        #expect(try Data(contentsOf: index) == before)
        // Half of them is still a normal day; more than half needs the flag.
        try sample.split(separator: "\n").prefix(8).joined(separator: "\n").write(
            to: export, atomically: true, encoding: .utf8)
        #expect(try Binary.run([export.path, "-o", index.path, "--quiet"]).status == 0)
        #expect(try Binary.run(["samples/customers.csv", "-o", index.path, "--quiet"]).status == 0)
        try sample.split(separator: "\n").prefix(3).joined(separator: "\n").write(
            to: export, atomically: true, encoding: .utf8)
        let allowed = try Binary.run([export.path, "-o", index.path, "--allow-shrink", "--quiet"])
        #expect(allowed.status == 0)
        #expect(try Data(contentsOf: index) != before)
    }
}
