import Mustache

/// The escaper for HTML and XHTML templates: `&`, `<`, `>`, `"` and `'` become character references.
///
/// swift-mustache's built-in HTML escaper looks every Character up in a dictionary; on a large index that
/// was the largest single cost of rendering (perf, 100,000 customers). This one scans UTF-8 bytes, returns
/// the string untouched when there is nothing to escape, and otherwise escapes in one pass.
struct XHTMLContentType: MustacheContentType {
    /// The name templates are given by `TemplateSet`.
    static let name = "MSSP_XHTML"

    func escapeText(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            guard let first = bytes.firstIndex(where: Self.needsEscaping) else { return text }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 16)
            output.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): output.append(contentsOf: "&#39;".utf8)
                default: output.append(byte)
                }
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
