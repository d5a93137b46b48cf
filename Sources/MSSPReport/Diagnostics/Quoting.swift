extension String {
    /// The value in double quotes with control, invisible and bidirectional characters made visible as
    /// `\u{...}` escapes, so that a message shows exactly what is in the data and cannot reorder the terminal.
    public var quotedForDiagnostic: String {
        var result = "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default:
                if scalar.isVisibleInDiagnostics {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                }
            }
        }
        return result + "\""
    }
}

extension Unicode.Scalar {
    /// False for control characters, format characters (zero-width, bidi controls), separators
    /// other than the plain space, default-ignorable code points (such as the Hangul fillers), private-use and
    /// unassigned code points.
    var isVisibleInDiagnostics: Bool {
        if self == " " { return true }
        if properties.isDefaultIgnorableCodePoint { return false }
        switch properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .privateUse, .surrogate,
            .unassigned:
            return false
        default:
            return true
        }
    }
}
