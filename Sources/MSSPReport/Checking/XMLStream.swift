import CXMLCheck

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Receives the events of a streaming XML parse. Names and values are handed over as the parser's own bytes,
/// valid only during the call: an audit turns into `String`s only what it keeps, which keeps the check cheap
/// on large documents.
protocol XMLStreamDelegate: AnyObject {
    /// A start tag: its local name, attributes (local names, decoded values) and line.
    func startElement(_ name: XMLName, attributes: UnsafeBufferPointer<cxml_attribute>, line: Int)
    /// An end tag.
    func endElement(_ name: XMLName)
    /// Character data, decoded.
    func characters(_ text: UnsafeRawBufferPointer)
    /// A problem the parser found. Errors and fatal errors make the document fail.
    func problem(isError: Bool, code: Int, line: Int, column: Int, message: String)
    /// Whether `characters` and `endElement` should be called at all (not calling them saves time).
    var needsCharacters: Bool { get }
}

extension XMLStreamDelegate {
    var needsCharacters: Bool { true }
}

/// A NUL-terminated name or value from the parser.
struct XMLName {
    let pointer: UnsafePointer<CChar>

    /// Whether the bytes equal `text` (ASCII).
    func equals(_ text: StaticString) -> Bool {
        strcmp(pointer, UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    /// The bytes as a Swift string.
    var string: String { String(cString: pointer) }
}

/// A streaming, well-formedness-checking XML parse through libxml2's SAX2 push parser (via `CXMLCheck`).
/// No tree is built: memory stays flat however large the document. Feed it the document in chunks of any size.
final class XMLStream {
    private let delegate: any XMLStreamDelegate
    private var stream: OpaquePointer?

    init(delegate: any XMLStreamDelegate) {
        self.delegate = delegate
        var handlers = cxml_handlers()
        handlers.context = Unmanaged.passUnretained(self).toOpaque()
        handlers.start_element = { context, name, attributes, count, line in
            let stream = Unmanaged<XMLStream>.fromOpaque(context!).takeUnretainedValue()
            stream.delegate.startElement(
                XMLName(pointer: name!), attributes: UnsafeBufferPointer(start: attributes, count: Int(count)),
                line: line)
        }
        handlers.end_element = { context, name in
            let stream = Unmanaged<XMLStream>.fromOpaque(context!).takeUnretainedValue()
            stream.delegate.endElement(XMLName(pointer: name!))
        }
        handlers.characters = { context, text, length in
            let stream = Unmanaged<XMLStream>.fromOpaque(context!).takeUnretainedValue()
            stream.delegate.characters(UnsafeRawBufferPointer(start: text, count: Int(length)))
        }
        handlers.problem = { context, level, code, line, column, message in
            let stream = Unmanaged<XMLStream>.fromOpaque(context!).takeUnretainedValue()
            stream.delegate.problem(
                isError: level != CXML_LEVEL_WARNING, code: Int(code), line: line, column: Int(column),
                message: String(cString: message!))
        }
        if !delegate.needsCharacters {
            handlers.characters = nil
            handlers.end_element = nil
        }
        stream = cxml_stream_create(&handlers)
        if stream == nil {
            delegate.problem(isError: true, code: -1, line: 0, column: 0, message: "cannot create an XML parser")
        }
    }

    deinit {
        cxml_stream_free(stream)
    }

    /// Feeds the next chunk; events arrive at the delegate during the call. `isLast` ends the document.
    func feed(_ bytes: UnsafeRawBufferPointer, isLast: Bool = false) {
        guard let stream else { return }
        _ = cxml_stream_feed(
            stream, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count, isLast ? 1 : 0)
    }

    /// Ends the document.
    func finish() {
        feed(UnsafeRawBufferPointer(start: nil, count: 0), isLast: true)
    }

    /// Parses a whole document given in consecutive parts.
    func parse(_ parts: [String]) {
        for part in parts {
            var part = part
            part.withUTF8 { feed(UnsafeRawBufferPointer($0)) }
        }
        finish()
    }

    /// Parses a whole document.
    func parse(_ document: String) {
        parse([document])
    }
}
