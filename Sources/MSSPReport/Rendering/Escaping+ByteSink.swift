extension Escaping {
    /// Appends `text` to `sink`, escaped.
    func append(_ text: String, to sink: ByteSink) {
        var text = text
        text.withUTF8 { append($0, to: sink) }
    }

    /// Appends the UTF-8 text `bytes` to `sink`, escaped.
    func append(_ bytes: UnsafeBufferPointer<UInt8>, to sink: ByteSink) {
        switch self {
        case .none: sink.append(UnsafeRawBufferPointer(bytes))
        case .xhtml: Self.appendXHTML(bytes, to: sink)
        case .markdown: Self.appendMarkdown(bytes, to: sink)
        }
    }

    /// The escaped text, for tests and small values.
    func escape(_ text: String) -> String {
        var result: [UInt8] = []
        let sink = ByteSink(chunkSize: 1 << 16) { chunk in
            result.append(contentsOf: chunk)
            return true
        }
        append(text, to: sink)
        sink.flush()
        return String(decoding: result, as: UTF8.self)
    }

    // MARK: XHTML

    /// `&`, `<`, `>`, `"` and `'` become character references; everything else is copied in runs.
    ///
    /// swift-mustache's HTML escaper looked every Character up in a dictionary, which was the largest single cost
    /// of rendering a large index (perf, 100,000 customers); a byte scan costs next to nothing.
    private static func appendXHTML(_ bytes: UnsafeBufferPointer<UInt8>, to sink: ByteSink) {
        var runStart = 0
        for index in 0..<bytes.count {
            let reference: StaticString
            switch bytes[index] {
            case UInt8(ascii: "&"): reference = "&amp;"
            case UInt8(ascii: "<"): reference = "&lt;"
            case UInt8(ascii: ">"): reference = "&gt;"
            case UInt8(ascii: "\""): reference = "&quot;"
            case UInt8(ascii: "'"): reference = "&#39;"
            default: continue
            }
            sink.append(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[runStart..<index]))
            sink.append(reference)
            runStart = index + 1
        }
        sink.append(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[runStart...]))
    }

    // MARK: Markdown

    /// Escapes for Markdown so that the text renders as exactly itself inside a table cell, a list item or a link
    /// text, in every common renderer (cmark-gfm, goldmark, markdown-it, marked, Python-Markdown, mistune, marko,
    /// pandoc, kramdown, redcarpet, league/commonmark, Parsedown; `Tests/Renderers` runs them all): no emphasis,
    /// code, link, autolink, attribute list, math, smart quote, HTML or table cell break can come from it.
    ///
    /// - Every ASCII punctuation character but `,`, `;`, `?` and `%` becomes a numeric character reference
    ///   (`|` is `&#124;`). Backslash escapes are not used: Python-Markdown, Parsedown and kramdown honour only
    ///   some of them (`\:` shows its backslash), redcarpet ignores `\|`, and Parsedown lets `\<b>` through.
    ///   Every one of those renderers decodes a character reference as the character, and none looks for syntax
    ///   inside one, so `{`, `$`, `'` and `` ` `` start no attribute list, math, smart quote or code span.
    /// - Controls, C1 controls, U+2028 and U+2029 become references too, so that no line ends a table row
    ///   (marked ends a table at U+2028); so do a few other scalars (see `referencedScalar`) and a space after a
    ///   space, which some renderers would drop, join or compose.
    /// - Three characters become code spans instead, because some renderers find links in text after they have
    ///   decoded the references (markdown-it's linkify before version 13, cmark-gfm's e-mail autolinks): a run of
    ///   `@`, a run of two or more `/`, and a `.` between two letters or digits (`evil.com`). The text reads back
    ///   the same; renderers show those characters in monospace. Neighbouring spans are written as one, since
    ///   `` `@``.` `` would be a single double-backtick span.
    private static func appendMarkdown(_ bytes: UnsafeBufferPointer<UInt8>, to sink: ByteSink) {
        var runStart = 0
        var index = 0
        var spanOpen = false
        func copyRun() {
            guard runStart < index else { return }
            closeSpan()
            sink.append(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[runStart..<index]))
        }
        func closeSpan() {
            if spanOpen { sink.append(UInt8(ascii: "`")) }
            spanOpen = false
        }
        func isWordByte(_ position: Int) -> Bool {
            guard position >= 0, position < bytes.count else { return false }
            let byte = bytes[position]
            return byte >= 0x80 || Self.wordByte[Int(byte)]
        }
        func reference(_ scalar: Int, length: Int) {
            copyRun()
            closeSpan()
            sink.append(UInt8(ascii: "&"))
            sink.append(UInt8(ascii: "#"))
            sink.append(decimal: scalar)
            sink.append(UInt8(ascii: ";"))
            index += length
            runStart = index
        }
        while index < bytes.count {
            let byte = bytes[index]
            guard markdownSpecial[Int(byte)] else {
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: " "):
                // A second space: pandoc joins spaces into one.
                if index > 0, bytes[index - 1] == UInt8(ascii: " ") {
                    reference(0x20, length: 1)
                } else {
                    index += 1
                }
                continue
            case 0xC0...:
                let (scalar, length) = Self.scalar(in: bytes, at: index)
                if Self.referencedScalar(scalar) {
                    reference(scalar, length: length)
                } else {
                    index += length
                }
                continue
            case UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "."):
                var end = index + 1
                if byte != UInt8(ascii: ".") {
                    while end < bytes.count, bytes[end] == byte { end += 1 }
                }
                let inSpan =
                    switch byte {
                    case UInt8(ascii: "@"): true
                    case UInt8(ascii: "/"): end - index >= 2
                    default: isWordByte(index - 1) && isWordByte(index + 1)
                    }
                if inSpan {
                    copyRun()
                    if !spanOpen { sink.append(UInt8(ascii: "`")) }
                    spanOpen = true
                    sink.append(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[index..<end]))
                    index = end
                    runStart = end
                } else {
                    // A lone `/` or a `.` not inside a word: `end` is `index + 1`.
                    reference(Int(byte), length: 1)
                }
                continue
            default:
                reference(Int(byte), length: 1)
            }
        }
        copyRun()
        closeSpan()
    }

    /// Bytes that may need more than copying: controls, space, ASCII punctuation but `, ; ? %`, and the lead
    /// bytes of the scalars `referencedScalar` names.
    private static let markdownSpecial: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for value in 0..<0x20 { table[value] = true }
        for byte in " !\"#$&'()*+-./:<=>@[\\]^_`{|}~".utf8 { table[Int(byte)] = true }
        for lead in [0x7F, 0xC2, 0xCC, 0xCD, 0xE1, 0xE2, 0xE3, 0xEF] { table[lead] = true }
        return table
    }()

    /// Non-ASCII scalars written as references: C1 controls (U+0085 ends a line in some readers), U+2028 and
    /// U+2029 (marked ends a table there); the spaces and U+FEFF that JavaScript's `trim()` removes, so that
    /// markdown-it and marked keep them at a cell's edge; combining marks U+0300 to U+036F, which pandoc would
    /// compose with the letter before (it applies Unicode NFC to its input).
    private static func referencedScalar(_ scalar: Int) -> Bool {
        switch scalar {
        case 0x80...0xA0, 0x300...0x36F, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            true
        default: false
        }
    }

    /// The scalar whose UTF-8 encoding starts at `index` (a lead byte), and its length; U+FFFD for a malformed
    /// sequence, which is not referenced and copied as it is.
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Int, Int) {
        let lead = Int(bytes[index])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard index + length <= bytes.count else { return (0xFFFD, 1) }
        var scalar = lead & (0x7F >> length)
        for offset in 1..<length {
            let byte = Int(bytes[index + offset])
            guard byte & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            scalar = scalar << 6 | byte & 0x3F
        }
        return (scalar, length)
    }

    /// ASCII letters and digits.
    private static let wordByte: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8 { table[Int(byte)] = true }
        return table
    }()
}
