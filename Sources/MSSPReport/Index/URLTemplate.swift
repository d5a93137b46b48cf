/// A link kind's URL with placeholders (`{tenantId}`, `{initialDomain}`, `{defaultDomain}`, `{column:NAME}`),
/// parsed once and checked: `https:`, a fixed host, only characters a URL may hold, and only known
/// placeholders, none of them before the path. A value filled in can therefore never change where a link goes.
public struct URLTemplate: Hashable, Sendable, CustomStringConvertible {
    /// One piece of the template.
    enum Segment: Hashable, Sendable {
        case literal(String)
        case value(LinkIdentifier)
    }

    /// The template as written.
    public let text: String
    let segments: [Segment]
    /// `https://host` with nothing after it: the same for every link of the template.
    public let origin: String

    /// What is wrong with a template, and where: the offset (in Unicode scalars) in the template text.
    public struct Problem: Error, Hashable, Sendable {
        public var message: String
        public var offset: Int
    }

    /// Parses `text`.
    /// - Throws: `Problem` for the first thing wrong with it.
    public init(_ text: String) throws(Problem) {
        self.text = text
        let scalars = Array(text.unicodeScalars)
        guard String(String.UnicodeScalarView(scalars.prefix(8))).lowercased() == "https://" else {
            throw Problem(message: "the URL must start with https://", offset: 0)
        }
        // The host (and port) come before the first '/', '?' or '#': no placeholder may stand there.
        var hostEnd = 8
        while hostEnd < scalars.count, !"/?#".unicodeScalars.contains(scalars[hostEnd]) { hostEnd += 1 }
        if hostEnd == 8 { throw Problem(message: "the URL has no host after https://", offset: 8) }
        origin = "https://" + String(String.UnicodeScalarView(scalars[8..<hostEnd]))
        if let brace = scalars[8..<hostEnd].firstIndex(where: { $0 == "{" || $0 == "@" }) {
            throw Problem(
                message: scalars[brace] == "@"
                    ? "the URL must not hold a user name before its host"
                    : "a placeholder cannot stand in the host: the host must be the same for every customer",
                offset: brace)
        }
        var segments: [Segment] = []
        var literal = ""
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "{" {
                guard let close = scalars[index...].firstIndex(of: "}") else {
                    throw Problem(message: "the placeholder is not closed with }", offset: index)
                }
                let inner = Substring(String(String.UnicodeScalarView(scalars[(index + 1)..<close])))
                guard let identifier = LinkIdentifier(placeholder: inner) else {
                    throw Problem(
                        message:
                            "unknown placeholder {\(inner)}; the placeholders are {tenantId}, {initialDomain}, {defaultDomain} and {column:NAME}",
                        offset: index)
                }
                if !literal.isEmpty { segments.append(.literal(literal)) }
                literal = ""
                segments.append(.value(identifier))
                index = close + 1
                continue
            }
            // Parentheses too: a Markdown link destination is written bare (`[label](url)`), since Parsedown
            // reads no `<url>` form.
            if scalar.value <= 0x20 || scalar.value >= 0x7F || "\"'<>\\`|^}()".unicodeScalars.contains(scalar) {
                throw Problem(
                    message:
                        "the URL holds \"\(scalar.escaped(asASCII: true))\", which is not allowed in a URL (percent-encode it)",
                    offset: index)
            }
            literal.unicodeScalars.append(scalar)
            index += 1
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        self.segments = segments
    }

    /// The identifiers the template needs, in order, each once.
    public var identifiers: [LinkIdentifier] {
        var seen: [LinkIdentifier] = []
        for case .value(let identifier) in segments where !seen.contains(identifier) { seen.append(identifier) }
        return seen
    }

    /// The URL with `values` filled in (each percent-encoded, except the tenant ID and domains, which are
    /// checked to hold only URL-safe characters); `nil` when a value is missing.
    func url(_ values: (LinkIdentifier) -> String?) -> String? {
        var url = ""
        url.reserveCapacity(text.utf8.count + 64)
        for segment in segments {
            switch segment {
            case .literal(let text):
                url += text
            case .value(let identifier):
                guard let value = values(identifier), !value.isEmpty else { return nil }
                url += Self.percentEncoded(value)
            }
        }
        return url
    }

    /// `value` with every byte but the unreserved characters of RFC 3986 (`A–Z a–z 0–9 - . _ ~`) percent-encoded:
    /// safe in a path segment, a query value or a fragment alike.
    static func percentEncoded(_ value: String) -> String {
        // Tenant IDs and domains, the usual values, need no escaping.
        if value.utf8.allSatisfy(isUnreserved) { return value }
        var result = ""
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in value.utf8 {
            if isUnreserved(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]], as: UTF8.self)
            }
        }
        return result
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }

    public var description: String { text }
}
