/// The version of mssp-report.
public enum MSSPReportVersion {
    /// Semantic version, printed by `--version`.
    public static let current = "0.1.0"
}
