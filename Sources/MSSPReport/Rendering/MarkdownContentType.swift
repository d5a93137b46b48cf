import Mustache

/// Escapes text for GitHub Flavored Markdown so that it renders as exactly itself inside a table cell or a
/// link text: no emphasis, code, link, image, autolink, HTML, entity or table cell break can come from it.
///
/// - ASCII punctuation with a meaning in Markdown gets a backslash (CommonMark allows a backslash before any
///   ASCII punctuation): `\ ` * _ [ ] ( ) < > & | ~ ! # : @`, and `+`, `-` at the start.
/// - `.` after `www` gets one too, so that the autolink extension sees no `www.` address; `:` is escaped
///   against `https:` autolinks.
/// - `@` (or a run of them) becomes the code span `` `@` ``. cmark-gfm joins text nodes before it looks for e-mail addresses, so
///   no escape or entity stops `name@example.com` from becoming a `mailto:` link; a code span does. The
///   text reads back the same; GitHub shows that one character in monospace.
/// - Control characters become numeric character references, so that no line break splits a table row.
struct MarkdownContentType: MustacheContentType {
    /// The name templates declare: `{{% CONTENT_TYPE: MARKDOWN }}`.
    static let name = "MARKDOWN"

    func escapeText(_ text: String) -> String {
        guard text.utf8.contains(where: Self.mayNeedEscaping) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + 8)
        var previous: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                output += "&#\(scalar.value);"
            } else if scalar == "@" {
                // A run of @ is one code span: `@``@` would read as one span delimited by double backticks.
                if output.hasSuffix("@`"), previous.last == "@" {
                    output.removeLast()
                    output += "@`"
                } else {
                    output += "`@`"
                }
            } else if Self.alwaysEscaped.contains(scalar) {
                output += "\\"
                output.unicodeScalars.append(scalar)
            } else if (scalar == "-" || scalar == "+") && output.isEmpty {
                output += "\\"
                output.unicodeScalars.append(scalar)
            } else if scalar == ".", previous.count == 3,
                previous.allSatisfy({ $0 == "w" || $0 == "W" })
            {
                output += "\\."
            } else {
                output.unicodeScalars.append(scalar)
            }
            previous.append(scalar)
            if previous.count > 3 { previous.removeFirst() }
        }
        return output
    }

    private static let alwaysEscaped: Set<Unicode.Scalar> = [
        "\\", "`", "*", "_", "[", "]", "(", ")", "<", ">", "&", "|", "~", "!", "#", ":",
    ]

    /// Bytes that may need more than copying: controls, the always-escaped set, and the characters that
    /// matter only in some places (`-`, `+` first, `.` after `www`, `@`). Derived from `alwaysEscaped`.
    private static let bytesNeedingEscaping: [Bool] = (0..<256).map { value in
        let byte = UInt8(value)
        return byte < 0x20 || byte == 0x7F || "-+.@".utf8.contains(byte)
            || (byte < 0x80 && alwaysEscaped.contains(Unicode.Scalar(byte)))
    }

    private static func mayNeedEscaping(_ byte: UInt8) -> Bool {
        bytesNeedingEscaping[Int(byte)]
    }
}
