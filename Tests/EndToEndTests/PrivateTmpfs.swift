import Foundation
import Testing

/// A tmpfs mounted in a private mount namespace (`unshare --mount`), so that a test can fill a small filesystem
/// without touching the machine's mounts.
enum PrivateTmpfs {
    /// Whether this machine lets the tests mount one.
    static let isAvailable: Bool = {
        guard let directory = try? makeTemporaryDirectory(),
            let result = try? run(size: "16k", at: directory, "true", environment: [:])
        else { return false }
        return result.status == 0
    }()

    /// Runs the shell `script` with a tmpfs of `size` mounted at `directory`, in a mount namespace of its own.
    static func run(
        size: String, at directory: URL, _ script: String, environment: [String: String]
    ) throws
        -> Binary.Result
    {
        try Binary.run(
            [
                "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs -o size=\(size) mssp-report-test \"$0\" || exit 99\n\(script)", directory.path,
            ], environment: environment, executable: URL(fileURLWithPath: "/usr/bin/unshare"))
    }
}
