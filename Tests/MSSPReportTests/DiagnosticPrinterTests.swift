import Foundation
import Testing

@testable import MSSPReport

@Suite struct DiagnosticPrinterTests {
    let diagnostic = Diagnostic.error(
        .invalidTenantID, "tenant ID \"8f3c-11\" is not a GUID (expected 8-4-4-4-12 hex digits)",
        at: SourceLocation(file: "customers.csv", line: 14, column: 22))

    @Test func printsTheFormCompilersUse() {
        #expect(
            DiagnosticPrinter().format(diagnostic)
                == "customers.csv:14:22: error: tenant ID \"8f3c-11\" is not a GUID (expected 8-4-4-4-12 hex digits)")
    }

    @Test func colorsOnlyWhenAsked() {
        #expect(DiagnosticPrinter(colored: true).format(diagnostic).contains("\u{1B}[1;31merror:\u{1B}[0m"))
    }

    @Test func printsOneJSONObjectPerDiagnostic() throws {
        let line = DiagnosticPrinter(style: .json).format(diagnostic)
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["file"] as? String == "customers.csv")
        #expect(object?["line"] as? Int == 14)
        #expect(object?["column"] as? Int == 22)
        #expect(object?["severity"] as? String == "error")
        #expect(object?["code"] as? String == "invalid-tenant-id")
        #expect((object?["message"] as? String)?.hasPrefix("tenant ID \"8f3c-11\"") == true)
    }
}
