/// The parser behind `ParsedTemplate`. Works on UTF-8 bytes; columns count Unicode scalars.
struct TemplateParser {
    let bytes: [UInt8]
    let path: String
    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)
    private var escaping = Escaping.xhtml
    // Line bookkeeping, advanced monotonically by `location(of:)`.
    private var scannedUpTo = 0
    private var line = 1
    private var lineStart = 0

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    private struct OpenSection {
        var name: String
        var inverted: Bool
        var location: SourceLocation
        var outer: [ParsedTemplate.Node]
    }

    private enum Kind {
        case variable(raw: Bool), section, inverted, close, partial, comment, setDelimiters, config, unsupported
    }

    mutating func parse() throws(TemplateSyntaxError) -> [ParsedTemplate.Node] {
        var nodes: [ParsedTemplate.Node] = []
        var sections: [OpenSection] = []
        var textStart = 0
        var position = 0
        while let tagStart = find(open, from: position) {
            let location = location(of: tagStart)
            var cursor = tagStart + open.count
            let triple = open == Array("{{".utf8) && cursor < bytes.count && bytes[cursor] == UInt8(ascii: "{")
            if triple { cursor += 1 }
            let closing = triple ? [UInt8(ascii: "}")] + close : close
            guard let closeAt = find(closing, from: cursor) else {
                throw error("a tag is not closed (expected \(String(decoding: closing, as: UTF8.self)))", at: location)
            }
            let tagEnd = closeAt + closing.count
            var body = trimmed(cursor, closeAt)
            let kind: Kind
            if triple {
                kind = .variable(raw: true)
            } else {
                switch body.first {
                case UInt8(ascii: "&"): kind = .variable(raw: true)
                case UInt8(ascii: "#"): kind = .section
                case UInt8(ascii: "^"): kind = .inverted
                case UInt8(ascii: "/"): kind = .close
                case UInt8(ascii: ">"): kind = .partial
                case UInt8(ascii: "!"): kind = .comment
                case UInt8(ascii: "="): kind = .setDelimiters
                case UInt8(ascii: "%"): kind = .config
                case UInt8(ascii: "<"), UInt8(ascii: "$"): kind = .unsupported
                default: kind = .variable(raw: false)
                }
                if case .variable(raw: false) = kind {} else { body = Array(body.dropFirst()) }
            }

            // A tag other than a variable that is alone on its line takes the whole line with it.
            var standaloneEnd: Int?
            var indentationStart = tagStart
            if case .variable = kind {
            } else {
                var start = tagStart
                while start > textStart, bytes[start - 1] == UInt8(ascii: " ") || bytes[start - 1] == UInt8(ascii: "\t")
                {
                    start -= 1
                }
                // Only white space since the start of the line (not since another tag on the same line).
                if start == 0 || bytes[start - 1] == UInt8(ascii: "\n") {
                    var end = tagEnd
                    while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") {
                        end += 1
                    }
                    if end == bytes.count {
                        standaloneEnd = end
                    } else if bytes[end] == UInt8(ascii: "\n") {
                        standaloneEnd = end + 1
                    } else if bytes[end] == UInt8(ascii: "\r"), end + 1 < bytes.count,
                        bytes[end + 1] == UInt8(ascii: "\n")
                    {
                        standaloneEnd = end + 2
                    }
                    if standaloneEnd != nil { indentationStart = start }
                }
            }
            if indentationStart > textStart { nodes.append(.text(Array(bytes[textStart..<indentationStart]))) }
            let indentation = Array(bytes[indentationStart..<tagStart])
            position = standaloneEnd ?? tagEnd
            textStart = position

            let name = String(decoding: trimmed(body), as: UTF8.self)
            switch kind {
            case .comment:
                break
            case .unsupported:
                throw error("template inheritance ({{< …}} and {{$ …}}) is not supported", at: location)
            case .setDelimiters:
                guard body.last == UInt8(ascii: "=") else { throw error("invalid set-delimiter tag", at: location) }
                let parts = body.dropLast().split(whereSeparator: {
                    $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t")
                })
                guard parts.count == 2, !parts.contains(where: { $0.contains(UInt8(ascii: "=")) }) else {
                    throw error("invalid set-delimiter tag (expected {{=<open> <close>=}})", at: location)
                }
                open = Array(parts[0])
                close = Array(parts[1])
            case .config:
                let setting = name.split(separator: ":", maxSplits: 1).map { String($0).trimmingSpaces }
                guard setting.count == 2, setting[0] == "CONTENT_TYPE" else {
                    throw error("unknown configuration tag (the only one is {{% CONTENT_TYPE: … }})", at: location)
                }
                switch setting[1] {
                case "HTML": escaping = .xhtml
                case "MARKDOWN": escaping = .markdown
                case "TEXT": escaping = .none
                default:
                    throw error(
                        "unknown content type \"\(setting[1])\" (expected HTML, MARKDOWN or TEXT)", at: location)
                }
            case .variable(let raw):
                try validate(name, at: location)
                nodes.append(.variable(name: name, escaping: raw ? .none : escaping, location: location))
            case .partial:
                guard !name.isEmpty else { throw error("a partial tag without a name", at: location) }
                nodes.append(
                    .partial(name: name, indentation: standaloneEnd == nil ? [] : indentation, location: location))
            case .section, .inverted:
                try validate(name, at: location)
                var inverted = false
                if case .inverted = kind { inverted = true }
                sections.append(OpenSection(name: name, inverted: inverted, location: location, outer: nodes))
                nodes = []
            case .close:
                guard let section = sections.popLast() else {
                    throw error("{{/\(name)}} closes a section that is not open", at: location)
                }
                guard section.name == name else {
                    throw error(
                        "a section is closed with another name than it was opened with ({{#\(section.name)}} at \(section.location.line):\(section.location.column), closed by {{/\(name)}})",
                        at: location)
                }
                let body = nodes
                nodes = section.outer
                nodes.append(.section(name: name, inverted: section.inverted, body: body, location: section.location))
            }
        }
        if textStart < bytes.count { nodes.append(.text(Array(bytes[textStart...]))) }
        if let section = sections.last {
            throw error("the section {{#\(section.name)}} is opened but never closed", at: section.location)
        }
        return nodes
    }

    private func validate(_ name: String, at location: SourceLocation) throws(TemplateSyntaxError) {
        guard !name.isEmpty else { throw error("a tag without a name", at: location) }
        if name.contains("(") {
            throw error("transforms such as \(name) are not supported; templates show values as they are", at: location)
        }
        if name.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            throw error("a variable name cannot contain white space: \"\(name)\"", at: location)
        }
    }

    private func error(_ message: String, at location: SourceLocation) -> TemplateSyntaxError {
        TemplateSyntaxError(diagnostic: .error(.templateSyntax, "cannot parse the template: \(message)", at: location))
    }

    /// The line and column of byte `offset`; offsets must not decrease between calls.
    private mutating func location(of offset: Int) -> SourceLocation {
        while scannedUpTo < offset {
            if bytes[scannedUpTo] == UInt8(ascii: "\n") {
                line += 1
                lineStart = scannedUpTo + 1
            }
            scannedUpTo += 1
        }
        let column = bytes[lineStart..<offset].count { $0 & 0xC0 != 0x80 } + 1
        return SourceLocation(file: path, line: line, column: column)
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start + needle.count <= bytes.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var matched = 1
                while matched < needle.count, bytes[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    private func trimmed(_ start: Int, _ end: Int) -> [UInt8] {
        trimmed(bytes[start..<end])
    }

    private func trimmed<Bytes: BidirectionalCollection<UInt8>>(_ slice: Bytes) -> [UInt8] {
        let isSpace = { (byte: UInt8) in
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 10 || byte == 13
        }
        guard let first = slice.firstIndex(where: { !isSpace($0) }), let last = slice.lastIndex(where: { !isSpace($0) })
        else { return [] }
        return Array(slice[first...last])
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " || slice.first == "\t" { slice = slice.dropFirst() }
        while slice.last == " " || slice.last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
