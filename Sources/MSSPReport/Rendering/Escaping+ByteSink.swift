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

    /// Escapes for GitHub Flavored Markdown so that the text renders as exactly itself inside a table cell or a
    /// link text: no emphasis, code, link, image, autolink, HTML, entity or table cell break can come from it.
    ///
    /// - ASCII punctuation with a meaning in Markdown gets a backslash (CommonMark allows a backslash before any
    ///   ASCII punctuation): `\ ` * _ [ ] ( ) < > & | ~ ! # :`, and `+`, `-` at the start.
    /// - `.` after `www` gets one too, so that the autolink extension sees no `www.` address; `:` is escaped
    ///   against `https:` autolinks.
    /// - A run of `@` becomes a code span: `` `@` ``. cmark-gfm joins text nodes before it looks for e-mail
    ///   addresses, so no escape or entity stops `name@example.com` from becoming a `mailto:` link; a code span
    ///   does. The text reads back the same; GitHub shows that character in monospace.
    /// - Control characters become numeric character references, so that no line break splits a table row.
    private static func appendMarkdown(_ bytes: UnsafeBufferPointer<UInt8>, to sink: ByteSink) {
        var runStart = 0
        var index = 0
        func copyRun() {
            sink.append(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[runStart..<index]))
        }
        while index < bytes.count {
            let byte = bytes[index]
            guard markdownSpecial[Int(byte)] else {
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "@"):
                copyRun()
                var end = index
                while end < bytes.count, bytes[end] == UInt8(ascii: "@") { end += 1 }
                sink.append(UInt8(ascii: "`"))
                sink.append(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[index..<end]))
                sink.append(UInt8(ascii: "`"))
                index = end
                runStart = end
                continue
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                guard index == 0 else {
                    index += 1
                    continue
                }
            case UInt8(ascii: "."):
                let followsWWW =
                    index >= 3 && (index - 3..<index).allSatisfy { bytes[$0] | 0x20 == UInt8(ascii: "w") }
                guard followsWWW else {
                    index += 1
                    continue
                }
            default:
                break
            }
            copyRun()
            if byte < 0x20 || byte == 0x7F {
                sink.append(UInt8(ascii: "&"))
                sink.append(UInt8(ascii: "#"))
                sink.append(decimal: Int(byte))
                sink.append(UInt8(ascii: ";"))
            } else {
                sink.append(UInt8(ascii: "\\"))
                sink.append(byte)
            }
            index += 1
            runStart = index
        }
        copyRun()
    }

    /// Bytes that may need more than copying: controls, Markdown punctuation, and the characters that matter
    /// only in some places (`-`, `+` first, `.` after `www`, `@`).
    private static let markdownSpecial: [Bool] = (0..<256).map { value in
        value < 0x20 || value == 0x7F || "\\`*_[]()<>&|~!#:-+.@".utf8.contains(UInt8(value))
    }
}
