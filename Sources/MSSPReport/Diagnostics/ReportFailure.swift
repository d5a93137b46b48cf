/// A failure of the run as a whole, as opposed to a problem in the customer data (a `Diagnostic`).
/// Each case maps to one exit code of the command line.
public enum ReportFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The customer data has errors; the diagnostics were reported. Nothing was written.
    case invalidData(errorCount: Int)
    /// An input has a problem of the whole file (a missing required column, no header, a JSON syntax error, an
    /// unreadable encoding, the size limit): nothing was written, even with `--skip-invalid`, which skips rows.
    case inputUnusable(errorCount: Int)
    /// A custom template cannot be used. Nothing was written.
    case templateInvalid([Diagnostic])
    /// A link catalog (`--link-catalog`) cannot be used. Nothing was written.
    case linkCatalogInvalid([Diagnostic])
    /// An input cannot be opened or read.
    case inputUnreadable(path: String, reason: String)
    /// The rendered document failed its own check: a bug, or a broken custom template. Nothing was written.
    case outputCheckFailed([OutputProblem])
    /// The output cannot be written.
    case outputUnwritable(path: String, reason: String)
    /// The new index would list fewer than half the customers of the one it replaces (`--allow-shrink` allows
    /// it). Nothing was written.
    case shrinkRefused(path: String, existing: Int, new: Int)

    public var description: String {
        switch self {
        case .invalidData(let count):
            "the customer data has \(count) error\(count == 1 ? "" : "s")"
        case .inputUnusable:
            "an input cannot be used as a whole, and --skip-invalid skips rows, not files"
        case .templateInvalid(let diagnostics):
            "the templates have \(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s")"
        case .linkCatalogInvalid(let diagnostics):
            "the link catalog has \(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s")"
        case .inputUnreadable(let path, let reason):
            "\(path): cannot read: \(reason)"
        case .outputCheckFailed(let problems):
            "the rendered document failed its check (\(problems.count) problem\(problems.count == 1 ? "" : "s"))"
        case .outputUnwritable(let path, let reason):
            "\(path): cannot write: \(reason)"
        case .shrinkRefused(let path, let existing, let new):
            "\(path) lists \(existing) customers and the new index would list \(new); more than half would disappear, so \(path) was left as it was (check the export, or pass --allow-shrink if the customers really left)"
        }
    }

    /// The process exit code for this failure, as the README and `--help` document them: 1 for the data or a
    /// template, 66 for an unreadable input, 70 for a document that failed its own check, 73 for an output that
    /// cannot be written.
    public var exitCode: Int32 {
        switch self {
        case .invalidData, .inputUnusable, .templateInvalid, .linkCatalogInvalid, .shrinkRefused: 1
        case .inputUnreadable: 66
        case .outputCheckFailed: 70
        case .outputUnwritable: 73
        }
    }
}
