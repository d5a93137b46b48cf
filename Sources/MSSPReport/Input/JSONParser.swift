/// A strict JSON parser (RFC 8259) over UTF-8 bytes that keeps line and column for values and errors.
///
/// Strict means: no trailing commas, no comments, no single quotes, no unescaped control characters in
/// strings, and no invalid UTF-8. A document may hold several top-level values separated by whitespace,
/// which is how JSON Lines / NDJSON files are read.
struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let file: String
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0

    /// Nesting beyond this is refused rather than risking the stack.
    static let maximumDepth = 256

    init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// Parses every top-level value in the document.
    mutating func parseValues() throws(JSONSyntaxError) -> [JSONValue] {
        var values: [JSONValue] = []
        skipWhitespace()
        while index < bytes.count {
            values.append(try parseValue())
            let lineOfValueEnd = line
            skipWhitespace()
            // JSON Lines: one value per line. Two values on one line (`{…}{…}`, `[][]`) are no list of anything.
            if index < bytes.count, line == lineOfValueEnd {
                throw error(
                    "more JSON after the value on the same line; a JSON text holds one value, and JSON Lines one value per line"
                )
            }
        }
        return values
    }

    // MARK: Positions

    private var columns = ColumnCounter()

    private mutating func column(at position: Int) -> Int {
        columns.column(of: position, lineStart: lineStart, in: bytes)
    }

    private mutating func location(at position: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column(at: position))
    }

    private mutating func error(_ message: String, at position: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(message: message, location: location(at: position ?? index))
    }

    private func describeByte(at position: Int) -> String {
        guard position < bytes.count else { return "the end of the file" }
        let byte = bytes[position]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    // MARK: Values

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard index < bytes.count else { throw error("expected a value, found the end of the file") }
        let start = location(at: index)
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(start)
        case UInt8(ascii: "["): return try parseArray(start)
        case UInt8(ascii: "\""): return .string(try parseString(), at: start)
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true, at: start)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false, at: start)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null(at: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber(), at: start)
        default: throw error("expected a value, found \(describeByte(at: index))")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        guard index + count <= bytes.count, expected.elementsEqual(bytes[index..<index + count]) else {
            throw error("expected a value, found \(describeByte(at: index))")
        }
        index += count
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("values are nested more than \(Self.maximumDepth) deep") }
    }

    private mutating func parseObject(_ start: SourceLocation) throws(JSONSyntaxError) -> JSONValue {
        try enter()
        index += 1
        var members: [JSONValue.Member] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members, at: start)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                if index < bytes.count, bytes[index] == UInt8(ascii: "}"), !members.isEmpty {
                    throw error("trailing comma before '}' (JSON allows none)")
                }
                throw error("expected a key in double quotes, found \(describeByte(at: index))")
            }
            let keyLocation = location(at: index)
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected ':' after the key \"\(key)\", found \(describeByte(at: index))")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(.init(key: key, keyLocation: keyLocation, value: value))
            if members.count > InputLimits.maximumColumns {
                throw JSONSyntaxError(
                    message: "the object has more than \(InputLimits.maximumColumns) keys, the limit", location: start)
            }
            skipWhitespace()
            guard index < bytes.count else { throw error("the object opened at \(start) is never closed") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return .object(members, at: start)
            }
            throw error("expected ',' or '}' in the object, found \(describeByte(at: index))")
        }
    }

    private mutating func parseArray(_ start: SourceLocation) throws(JSONSyntaxError) -> JSONValue {
        try enter()
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements, at: start)
        }
        while true {
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                throw error("trailing comma before ']' (JSON allows none)")
            }
            elements.append(try parseValue())
            if elements.count > InputLimits.maximumRows {
                throw JSONSyntaxError(
                    message: "the array has more than \(InputLimits.maximumRows) elements, the limit", location: start)
            }
            skipWhitespace()
            guard index < bytes.count else { throw error("the array opened at \(start) is never closed") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return .array(elements, at: start)
            }
            throw error("expected ',' or ']' in the array, found \(describeByte(at: index))")
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        func digits() -> Int {
            let first = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                index += 1
            }
            return index - first
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        if integerDigits == 0 { throw error("expected a digit, found \(describeByte(at: index))") }
        if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
            throw error("numbers must not have leading zeros", at: integerStart)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            if digits() == 0 { throw error("expected a digit after '.', found \(describeByte(at: index))") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            if digits() == 0 { throw error("expected a digit in the exponent, found \(describeByte(at: index))") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let open = index
        index += 1
        let contentStart = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if index - contentStart > InputLimits.maximumFieldBytes {
                throw error(
                    "the string opened here is longer than \(InputLimits.describe(bytes: InputLimits.maximumFieldBytes)), the limit",
                    at: open)
            }
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[contentStart..<index])
                index += 1
                guard let text = TextDecoding.string(validating: slice) else {
                    throw error("the string is not valid UTF-8", at: open)
                }
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw controlCharacterError(byte, stringOpenedAt: open) }
            index += 1
        }
        guard index < bytes.count else { throw error("the string opened here is never closed", at: open) }
        return try parseEscapedString(openedAt: open, contentStart: contentStart)
    }

    /// The rest of a string from its first backslash, decoding escapes.
    private mutating func parseEscapedString(openedAt open: Int, contentStart: Int) throws(JSONSyntaxError) -> String {
        var decoded = Array(bytes[contentStart..<index])
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                guard let text = decoded.withUnsafeBufferPointer(TextDecoding.string(validating:)) else {
                    throw error("the string is not valid UTF-8", at: open)
                }
                return text
            }
            if byte < 0x20 { throw controlCharacterError(byte, stringOpenedAt: open) }
            if byte != UInt8(ascii: "\\") {
                decoded.append(byte)
                index += 1
                continue
            }
            let escapeStart = index
            index += 1
            guard index < bytes.count else { break }
            try parseEscape(into: &decoded, escapeStart: escapeStart)
        }
        throw error("the string opened here is never closed", at: open)
    }

    /// The error for a control character in a string: a line break means the string was never closed.
    private mutating func controlCharacterError(_ byte: UInt8, stringOpenedAt open: Int) -> JSONSyntaxError {
        byte == UInt8(ascii: "\n")
            ? error("the string opened here is not closed on its line", at: open)
            : error("control character in a string must be escaped", at: index)
    }

    /// The byte a one-letter escape (`\\n`, `\\"`, ...) stands for, or `nil` for any other letter (`u` included).
    static func unescaped(_ letter: UInt8) -> UInt8? {
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): letter
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
    }

    /// Decodes the escape whose letter is at `index` (after the backslash at `escapeStart`), moving past it.
    private mutating func parseEscape(into decoded: inout [UInt8], escapeStart: Int) throws(JSONSyntaxError) {
        if let byte = Self.unescaped(bytes[index]) {
            decoded.append(byte)
            index += 1
            return
        }
        guard bytes[index] == UInt8(ascii: "u") else {
            throw error("invalid escape '\\\(describeByte(at: index))' in a string", at: escapeStart)
        }
        index += 1
        let scalar = try parseUnicodeEscape(escapeStart)
        UTF8.encode(scalar) { decoded.append($0) }
    }

    /// The scalar of a `\\u` escape whose hex digits start at `index`, with the low surrogate's escape after a
    /// high surrogate.
    private mutating func parseUnicodeEscape(_ escapeStart: Int) throws(JSONSyntaxError) -> Unicode.Scalar {
        var scalarValue = try hex4(escapeStart)
        if (0xD800...0xDBFF).contains(scalarValue) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else { throw error("a high surrogate \\u escape must be followed by a low one", at: escapeStart) }
            index += 2
            let low = try hex4(escapeStart)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error("a high surrogate \\u escape must be followed by a low one", at: escapeStart)
            }
            scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalarValue) {
            throw error("a low surrogate \\u escape without a high one", at: escapeStart)
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { throw error("invalid \\u escape", at: escapeStart) }
        return scalar
    }

    private mutating func hex4(_ escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits", at: escapeStart) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("a \\u escape needs four hex digits", at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
