import Foundation
import Testing

@testable import MSSPReport

/// What the command line prints after a run: which diagnostics, how many, in which form, and the summary line.
@Suite struct OutcomeReportTests {
    static func warning(line: Int) -> Diagnostic {
        .warning(.repeatedCustomer, "repeated", at: SourceLocation(file: "c.csv", line: line, column: 1))
    }

    static let error = Diagnostic.error(
        .invalidTenantID, "not a GUID", at: SourceLocation(file: "c.csv", line: 3, column: 18))

    func outcome(
        _ diagnostics: [Diagnostic], failure: ReportFailure? = nil, written: OutputDestination? = nil
    )
        -> ReportOutcome
    {
        var outcome = ReportOutcome()
        outcome.diagnostics = diagnostics
        outcome.recordCount = 14
        outcome.customerCount = 6
        outcome.failure = failure
        outcome.written = written
        return outcome
    }

    func lines(_ report: OutcomeReport, _ outcome: ReportOutcome) -> [String] {
        report.lines(for: outcome, output: .file("index.html"), format: .html)
    }

    @Test func printsTheDiagnosticsThenTheSummary() {
        let report = OutcomeReport(printer: DiagnosticPrinter())
        #expect(
            lines(report, outcome([Self.error], failure: .invalidData(errorCount: 1))) == [
                "c.csv:3:18: error: not a GUID",
                "mssp-report: 14 rows read, 6 customers valid, 1 error, 0 warnings; nothing written (use --skip-invalid to write the index without the invalid rows)",
            ])
    }

    @Test func summarisesAWrittenIndex() {
        let report = OutcomeReport(printer: DiagnosticPrinter())
        #expect(
            lines(report, outcome([Self.warning(line: 2)], written: .file("index.html")))
                == [
                    "c.csv:2:1: warning: repeated",
                    "mssp-report: 14 rows read, 6 customers valid, 0 errors, 1 warning; wrote index.html",
                ])
        #expect(
            report.summary(of: outcome([]))
                == "mssp-report: 14 rows read, 6 customers valid, 0 errors, 0 warnings; check passed, nothing written")
    }

    @Test func quietLeavesOutWarningsAndTheSummary() {
        let report = OutcomeReport(printer: DiagnosticPrinter(), quiet: true)
        #expect(lines(report, outcome([Self.warning(line: 2), Self.error])) == ["c.csv:3:18: error: not a GUID"])
    }

    @Test func warningsAsErrorsPrintsWarningsAsErrorsAndCountsThem() {
        let report = OutcomeReport(printer: DiagnosticPrinter(), warningsAsErrors: true)
        let printed = lines(report, outcome([Self.warning(line: 2)], failure: .invalidData(errorCount: 1)))
        #expect(printed.first == "c.csv:2:1: error: repeated")
        #expect(printed.last?.contains("1 error, 0 warnings") == true)
    }

    @Test func textStopsAfterFiftyDiagnosticsAndJSONPrintsThemAll() {
        let many = (1...60).map { Self.warning(line: $0 + 1) }
        let text = lines(OutcomeReport(printer: DiagnosticPrinter()), outcome(many))
        #expect(text.count == OutcomeReport.textDiagnosticLimit + 2)
        #expect(
            text[OutcomeReport.textDiagnosticLimit]
                == "mssp-report: note: 10 more diagnostics not shown; --diagnostics json prints them all")
        let json = lines(OutcomeReport(printer: DiagnosticPrinter(style: .json)), outcome(many))
        #expect(json.count == 61)
        #expect(
            json.last
                == "{\"summary\":\"14 rows read, 6 customers valid, 0 errors, 60 warnings; check passed, nothing written\",\"exitCode\":0}"
        )
    }

    @Test func whatStoppedTheRunComesAfterTheDataAndIsAlwaysShown() {
        let report = OutcomeReport(printer: DiagnosticPrinter(), quiet: true)
        let failure = ReportFailure.outputCheckFailed([OutputProblem(line: 7, column: 3, message: "broken")])
        #expect(
            report.lines(for: outcome([], failure: failure), output: .file("index.html"), format: .html) == [
                "index.html (rendered, not written):7:3: error: broken"
            ])
        #expect(
            report.lines(for: outcome([], failure: failure), output: .standardOutput, format: .markdown) == [
                "<rendered markdown>:7:3: error: broken"
            ])
    }

    @Test(arguments: [
        (ReportFailure.invalidData(errorCount: 1), Int32(1)), (.inputUnreadable(path: "x", reason: "gone"), 66),
        (.outputCheckFailed([]), 70), (.outputUnwritable(path: "x", reason: "full"), 73),
        (.shrinkRefused(path: "x", existing: 10, new: 1), 1),
    ])
    func eachFailureHasItsExitCode(_ failure: ReportFailure, _ code: Int32) {
        #expect(outcome([], failure: failure).exitCode == code)
        #expect(outcome([]).exitCode == 0)
    }
}

/// Which format an output gets, and what `--list-links` prints.
@Suite struct OutputChoiceTests {
    @Test func theFormatFollowsTheRequestThenTheExtension() {
        #expect(OutputDestination.file("a.md").format(requested: nil) == .markdown)
        #expect(OutputDestination.file("a.md").format(requested: .html) == .html)
        #expect(OutputDestination.file("a.confluence.xml").format(requested: nil) == .confluence)
        #expect(OutputDestination.standardOutput.format(requested: nil) == .html)
        #expect(OutputDestination.file("/dev/null").format(requested: nil) == .html)
        #expect(OutputDestination.file("index.txt").format(requested: nil) == nil)
    }

    @Test func theListingShowsEachKindWithItsSource() {
        let listing = LinkCatalog.builtIn.listing.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(listing.first == "Portals (--portal; the first is the default):")
        #expect(listing[1] == "  defender       Microsoft Defender portal (Defender)")
        #expect(listing[2] == "                 https://security.microsoft.com/?tid={tenantId}")
        #expect(listing[3] == "                 needs: {tenantId}")
        #expect(listing[4].hasPrefix("                 documentation: https://learn.microsoft.com/"))
        #expect(listing.contains("Links (--links kind,...):"))
        #expect(listing.count == 2 + 4 * (LinkCatalog.builtIn.portals.count + LinkCatalog.builtIn.links.count) + 1)
    }

    @Test func unknownNamesAreUsageErrorsThatListTheKinds() {
        #expect(throws: LinkCatalog.UnknownKind.self) { try LinkCatalog.builtIn.portal(named: "nope", url: nil) }
        #expect(throws: LinkCatalog.UnknownKind.self) { try LinkCatalog.builtIn.links(named: ["entra", "nope"]) }
        #expect((try? LinkCatalog.builtIn.portal(named: nil, url: nil))?.id == "defender")
        #expect((try? LinkCatalog.builtIn.portal(named: nil, url: "https://x.example/{tenantId}"))?.id == "custom")
        #expect((try? LinkCatalog.builtIn.links(named: ["m365", "entra"]))?.map(\.id) == ["m365", "entra"])
    }
}
