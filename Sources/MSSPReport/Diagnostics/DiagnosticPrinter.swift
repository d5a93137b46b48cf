/// Formats diagnostics for standard error: as text lines that compilers and editors understand, or as JSON
/// lines for tooling.
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
