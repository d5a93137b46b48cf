/// What the command line prints on standard error after a run: the diagnostics about the data (as many as a
/// reader can use), what stopped the run, and the summary line.
public struct OutcomeReport: Sendable {
    /// How each diagnostic is written.
    public var printer: DiagnosticPrinter
    /// Leave out warnings and the summary line (`--quiet`).
    public var quiet: Bool
    /// Warnings stopped the run as errors would have (`--warnings-as-errors`): print them as errors.
    public var warningsAsErrors: Bool

    /// How many diagnostics the text form prints before it counts the rest. A flood helps nobody on a terminal;
    /// JSON is for tools, which get everything.
    public static let textDiagnosticLimit = 50

    /// Creates a report.
    public init(printer: DiagnosticPrinter, quiet: Bool = false, warningsAsErrors: Bool = false) {
        self.printer = printer
        self.quiet = quiet
        self.warningsAsErrors = warningsAsErrors
    }

    /// The lines to print for `outcome`, without line breaks: the data's diagnostics, then what stopped the run
    /// (always shown), then the summary.
    /// - Parameters:
    ///   - output: Where the index was to go, to name the rendered document in the check's problems.
    ///   - format: The document's format, for the same.
    public func lines(for outcome: ReportOutcome, output: OutputDestination, format: OutputFormat) -> [String] {
        var shown = outcome
        if warningsAsErrors {
            for index in shown.diagnostics.indices { shown.diagnostics[index].severity = .error }
        }
        let data = shown.diagnostics.filter { !(quiet && $0.severity == .warning) }
        let limit = printer.style == .json ? Int.max : Self.textDiagnosticLimit
        var lines = data.prefix(limit).map(printer.format)
        if data.count > limit {
            lines.append(
                "mssp-report: note: \(data.count - limit) more diagnostics not shown; --diagnostics json prints them all"
            )
        }
        let failureDiagnostics = outcome.failure?.diagnostics(writingTo: output, format: format) ?? []
        lines += failureDiagnostics.map(printer.format)
        shown.diagnostics += failureDiagnostics
        if !quiet { lines.append(summary(of: shown)) }
        return lines
    }

    /// The hidden `--timings` lines: each stage's time and the process's peak resident memory, for the
    /// benchmark.
    public func timingLines(for outcome: ReportOutcome) -> [String] {
        var lines = ["mssp-report: timings (ms): \(outcome.timings.summary)"]
        if let peak = PeakMemory.residentKiB() { lines.append("mssp-report: peak resident memory (KiB): \(peak)") }
        return lines
    }

    /// The summary line: what was read, what was found, what was written or why not, and (JSON) the exit code
    /// the process ends with.
    public func summary(of outcome: ReportOutcome) -> String {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        func line(_ text: String) -> String {
            switch printer.style {
            case .text: "mssp-report: " + text
            case .json:
                "{\"summary\":\(DiagnosticPrinter.jsonString(text)),\(outcome.access.map(Self.accessJSON) ?? "")\"exitCode\":\(outcome.exitCode)}"
            }
        }
        switch outcome.failure {
        case .templateInvalid?, .linkCatalogInvalid?, .inputUnreadable?: return line("nothing written")
        default: break
        }
        var text = "\(plural(outcome.recordCount, "row")) read, \(plural(outcome.customerCount, "customer")) valid, "
        text += "\(plural(outcome.errorCount, "error")), \(plural(outcome.warningCount, "warning"))"
        if outcome.skippedCount > 0, outcome.failure == nil, outcome.written != nil {
            text += ", \(plural(outcome.skippedCount, "row")) skipped"
        }
        if let access = outcome.access { text += "; \(access.summaryText)" }
        switch (outcome.failure, outcome.written) {
        case (nil, .file(let path)?): text += "; wrote \(path)"
        case (nil, .standardOutput?): text += "; wrote the index to standard output"
        case (nil, nil): text += "; check passed, nothing written"
        case (.invalidData?, _) where outcome.customerCount > 0:
            text += "; nothing written (use --skip-invalid to write the index without the invalid rows)"
        case (.invalidData?, _), (.shrinkRefused?, _): text += "; nothing written"
        case (let failure?, _): text += "; nothing written: \(failure)"
        }
        return line(text)
    }
}

extension OutcomeReport {
    /// The access counts as a member of the JSON summary (with its trailing comma), for a scheduled job to read:
    /// `"access":{"asOf":"2026-12-06","source":"…","counts":{"active":6,…},"canOpenDefender":7,"multitenantLimit":100},`.
    static func accessJSON(_ access: AccessReport) -> String {
        let counts = CustomerAccess.State.allCases.map { "\"\($0.rawValue)\":\(access.count(of: $0))" }
        return
            "\"access\":{\"asOf\":\"\(access.asOf)\",\"source\":\(DiagnosticPrinter.jsonString(access.source)),\"expiringWithin\":\(access.expiringWithin),\"counts\":{\(counts.joined(separator: ","))},\"canOpenDefender\":\(access.defenderCount),\"multitenantLimit\":\(AccessReport.multitenantTenantLimit)},"
    }
}

extension ReportFailure {
    /// The failure as diagnostics to print after those about the data: the template's problems, the check's
    /// problems at their place in the rendered document, or one line saying why the run stopped.
    func diagnostics(writingTo output: OutputDestination, format: OutputFormat) -> [Diagnostic] {
        switch self {
        case .invalidData, .inputUnusable:
            return []
        case .templateInvalid(let diagnostics), .linkCatalogInvalid(let diagnostics):
            return diagnostics
        case .inputUnreadable:
            return [.error(.unreadableInput, description, at: nil)]
        case .outputUnwritable:
            return [.error(.unwritableOutput, description, at: nil)]
        case .shrinkRefused:
            return [.error(.indexWouldShrink, description, at: nil)]
        case .outputCheckFailed(let problems):
            let document: String
            switch output {
            case .standardOutput: document = "<rendered \(format.rawValue)>"
            case .file(let path): document = "\(path) (rendered, not written)"
            }
            return problems.map { problem in
                guard problem.line > 0 else { return .error(.outputCheck, "\(document): \(problem.message)", at: nil) }
                return .error(
                    .outputCheck, problem.message,
                    at: SourceLocation(file: document, line: problem.line, column: max(problem.column, 1)))
            }
        }
    }
}
