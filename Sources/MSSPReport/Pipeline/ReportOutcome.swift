/// What a run did: every diagnostic, the counts for the summary line, and the failure if there was one.
public struct ReportOutcome: Sendable {
    /// Every problem found in the data, in the order found.
    public var diagnostics: [Diagnostic] = []
    /// Rows and objects read from all inputs.
    public var recordCount = 0
    /// Customers in the index (or that would be, with `--check`).
    public var customerCount = 0
    /// Rows left out for errors.
    public var skippedCount = 0
    /// Where the index was written, if it was.
    public var written: OutputDestination?
    /// How long each stage took.
    public var timings = StageTimings()
    /// Why the run failed, if it did.
    public var failure: ReportFailure?

    /// Errors among the diagnostics.
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    /// Warnings among the diagnostics.
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// The exit code: 0 on success, otherwise the failure's.
    public var exitCode: Int32 { failure?.exitCode ?? 0 }
}
