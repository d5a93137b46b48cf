/// Formats diagnostics and the summary line for standard error: as text lines that compilers and editors
/// understand, or as JSON lines for tooling.
public struct DiagnosticPrinter: Sendable {
    /// The output style.
    public enum Style: String, Sendable, CaseIterable {
        case text
        case json
    }

    /// Text or JSON.
    public var style: Style
    /// Colour severity words with ANSI escapes (text style only).
    public var colored: Bool

    /// Creates a printer.
    public init(style: Style = .text, colored: Bool = false) {
        self.style = style
        self.colored = colored
    }

    /// One line, without the line break.
    public func format(_ diagnostic: Diagnostic) -> String {
        switch style {
        case .text:
            let place = diagnostic.location.map { "\($0): " } ?? "mssp-report: "
            let word = diagnostic.severity.rawValue
            let painted: String
            if colored {
                painted = (diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;35m") + word + ":\u{1B}[0m"
            } else {
                painted = word + ":"
            }
            return "\(place)\(painted) \(diagnostic.message)"
        case .json:
            var fields: [(String, String)] = []
            if let location = diagnostic.location {
                fields.append(("file", Self.jsonString(location.file)))
                fields.append(("line", String(location.line)))
                fields.append(("column", String(location.column)))
            } else {
                fields.append(("file", "null"))
                fields.append(("line", "null"))
                fields.append(("column", "null"))
            }
            fields.append(("severity", Self.jsonString(diagnostic.severity.rawValue)))
            fields.append(("code", Self.jsonString(diagnostic.code.rawValue)))
            fields.append(("message", Self.jsonString(diagnostic.message)))
            return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        }
    }

    /// The summary line: what was read, what was found, what was written or why not, and (JSON) the exit
    /// code the process ends with.
    public func summary(of outcome: ReportOutcome, exitCode: Int32) -> String {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        switch outcome.failure {
        case .templateInvalid?, .linkCatalogInvalid?, .inputUnreadable?:
            let text = "nothing written"
            return style == .text
                ? "mssp-report: " + text : "{\"summary\":\(Self.jsonString(text)),\"exitCode\":\(exitCode)}"
        default: break
        }
        var text = "\(plural(outcome.recordCount, "row")) read, \(plural(outcome.customerCount, "customer")) valid, "
        text += "\(plural(outcome.errorCount, "error")), \(plural(outcome.warningCount, "warning"))"
        if outcome.skippedCount > 0, outcome.failure == nil, outcome.written != nil {
            text += ", \(plural(outcome.skippedCount, "row")) skipped"
        }
        switch (outcome.failure, outcome.written) {
        case (nil, .file(let path)?): text += "; wrote \(path)"
        case (nil, .standardOutput?): text += "; wrote the index to standard output"
        case (nil, nil): text += "; check passed, nothing written"
        case (.invalidData?, _) where outcome.customerCount > 0:
            text += "; nothing written (use --skip-invalid to write the index without the invalid rows)"
        case (.invalidData?, _), (.shrinkRefused?, _): text += "; nothing written"
        case (let failure?, _): text += "; nothing written: \(failure)"
        }
        switch style {
        case .text: return "mssp-report: " + text
        case .json: return "{\"summary\":\(Self.jsonString(text)),\"exitCode\":\(exitCode)}"
        }
    }

    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
