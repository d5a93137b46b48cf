import CXMLCheck

/// Receives the events of a streaming XML parse.
protocol XMLStreamDelegate: AnyObject {
    /// A start tag with its attributes (local names, decoded values) and line.
    func startElement(_ name: String, attributes: [(name: String, value: String)], line: Int)
    /// An end tag.
    func endElement(_ name: String)
    /// Character data, decoded.
    func characters(_ text: String)
    /// A problem the parser found. Errors and fatal errors make the document fail.
    func problem(isError: Bool, code: Int, line: Int, column: Int, message: String)
}

/// A streaming, well-formedness-checking XML parse through libxml2's SAX2 push parser (via `CXMLCheck`).
/// No tree is built: memory stays flat however large the document.
final class XMLStream {
    private let delegate: any XMLStreamDelegate
    private var stream: OpaquePointer?

    init(delegate: any XMLStreamDelegate) {
        self.delegate = delegate
    }

    /// Parses the whole document; events arrive at the delegate during the call.
    func parse(_ document: String) {
        var handlers = cxml_handlers()
        handlers.context = Unmanaged.passUnretained(self).toOpaque()
        handlers.start_element = { context, name, attributes, count, line in
            let stream = Unmanaged<XMLStream>.fromOpaque(context!).takeUnretainedValue()
            var list: [(name: String, value: String)] = []
            list.reserveCapacity(Int(count))
            for index in 0..<Int(count) {
                let attribute = attributes![index]
                list.append((String(cString: attribute.name), String(cString: attribute.value)))
            }
            stream.delegate.startElement(String(cString: name!), attributes: list, line: line)
        }
        handlers.end_element = { context, name in
            let stream = Unmanaged<XMLStream>.fromOpaque(context!).takeUnretainedValue()
            stream.delegate.endElement(String(cString: name!))
        }
        handlers.characters = { context, text, length in
            let stream = Unmanaged<XMLStream>.fromOpaque(context!).takeUnretainedValue()
            let buffer = UnsafeRawBufferPointer(start: text, count: Int(length))
            stream.delegate.characters(String(decoding: buffer, as: UTF8.self))
        }
        handlers.problem = { context, level, code, line, column, message in
            let stream = Unmanaged<XMLStream>.fromOpaque(context!).takeUnretainedValue()
            stream.delegate.problem(
                isError: level != CXML_LEVEL_WARNING, code: Int(code), line: line, column: Int(column),
                message: String(cString: message!))
        }
        guard let stream = cxml_stream_create(&handlers) else {
            delegate.problem(isError: true, code: -1, line: 0, column: 0, message: "cannot create an XML parser")
            return
        }
        defer { cxml_stream_free(stream) }
        var document = document
        document.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                _ = cxml_stream_feed(stream, chars.baseAddress, chars.count, 1)
            }
        }
    }
}
