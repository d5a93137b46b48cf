public import Foundation

/// A file a test compares what it made with: `Tests/Golden/*` for the templates, the hostile corpus for the
/// Python tests. After an intended change, `MSSP_REPORT_RECORD_GOLDEN=1 swift test --filter NAME` writes the new
/// bytes, and the test then fails once to say so; review the diff and commit it.
public enum GoldenFile {
    /// Whether this run records golden files instead of comparing with them.
    public static let isRecording = ProcessInfo.processInfo.environment["MSSP_REPORT_RECORD_GOLDEN"] == "1"

    /// Compares `made` with the file at `url`, or writes it there when recording: `nil` when they are the same,
    /// else what to report (the first line that differs, or that the file was recorded).
    public static func mismatch(_ made: Data, _ url: URL) throws -> String? {
        if isRecording {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try made.write(to: url)
            return "recorded \(url.path); run the tests again without MSSP_REPORT_RECORD_GOLDEN"
        }
        let expected = try Data(contentsOf: url)
        guard made != expected else { return nil }
        let (new, old) = (String(decoding: made, as: UTF8.self), String(decoding: expected, as: UTF8.self))
        let firstDifference = zip(
            new.split(separator: "\n", omittingEmptySubsequences: false),
            old.split(separator: "\n", omittingEmptySubsequences: false)
        )
        .enumerated().first { $0.element.0 != $0.element.1 }
        let place =
            firstDifference.map { " at line \($0.offset + 1):\n  golden: \($0.element.1)\n  made:   \($0.element.0)" }
            ?? " in length"
        return """
            \(url.lastPathComponent) differs from the golden file\(place)
            (re-record with MSSP_REPORT_RECORD_GOLDEN=1 once the change is intended)
            """
    }
}
