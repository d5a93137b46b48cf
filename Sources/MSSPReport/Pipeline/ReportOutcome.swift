/// What a run did: the diagnostics about the data, the counts for the summary line, and, apart from them, the
/// failure that stopped the run if there was one. The command line maps the failure to its exit code.
public struct ReportOutcome: Sendable {
    /// Every problem found in the customer data, in input order (file, line, column). Failures of the run are
    /// not among them: see `failure`.
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
    /// Each customer's GDAP access, when relationships were read.
    public var access: AccessReport?
    /// Why the run failed, if it did.
    public var failure: ReportFailure?

    /// An outcome with nothing read and nothing found yet.
    public init() {}

    /// Errors among the diagnostics.
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    /// Warnings among the diagnostics.
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// The exit code the process ends with: 0, or the failure's.
    public var exitCode: Int32 { failure?.exitCode ?? 0 }
}
