/// The formats a customer list can be read from.
public enum InputFormat: String, Sendable, CaseIterable {
    case csv
    case json
    case ndjson

    /// The format a file name's extension names, or `nil` when it names none (`-`, `.txt`, no extension).
    public static func fromExtension(of path: String) -> InputFormat? {
        switch path.lowercasedExtension {
        case "csv", "tsv": return .csv
        case "json": return .json
        case "ndjson", "jsonl": return .ndjson
        default: return nil
        }
    }

    /// Guesses the format from the first non-blank byte: `[` or `{` is JSON, anything else CSV.
    public static func sniff(_ bytes: [UInt8]) -> InputFormat {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        for byte in bytes[start...] {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): continue
            case UInt8(ascii: "["), UInt8(ascii: "{"): return .json
            default: return .csv
            }
        }
        return .csv
    }
}

extension String {
    /// The part after the last `.` of the file name, lowercased; `nil` when the name has none.
    var lowercasedExtension: String? {
        guard let dot = lastIndex(of: "."), !self[dot...].contains("/") else { return nil }
        return self[index(after: dot)...].lowercased()
    }
}
