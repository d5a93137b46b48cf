import CXMLCheck

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension XMLStreamDelegate {
    func startElement(
        _ name: XMLName, prefix: XMLName?, declaresNamespaces: Bool, attributes: UnsafeBufferPointer<cxml_attribute>,
        line: Int
    ) {
        startElement(name, attributes: attributes, line: line)
    }
    var needsCharacters: Bool { true }
    var mayWantCharacters: Bool { false }
    var wantsCharacters: Bool { needsCharacters }
}

/// A streaming, well-formedness-checking XML parse through libxml2's SAX2 push parser (via `CXMLCheck`).
/// No tree is built: memory stays flat however large the document. Feed it the document in chunks of any size.
final class XMLStream {
    private let delegate: any XMLStreamDelegate
    private var stream: OpaquePointer?
    /// What the parser was last told about delivering text (`wantsCharacters`).
    private var charactersWanted: Bool

    init(delegate: any XMLStreamDelegate) {
        self.delegate = delegate
        charactersWanted = delegate.needsCharacters
        var handlers = cxml_handlers()
        handlers.characters_at_start = delegate.needsCharacters ? 1 : 0
        handlers.context = Unmanaged.passUnretained(self).toOpaque()
        handlers.start_element = { context, name, prefix, namespaceCount, attributes, count, line in
            let stream = Unmanaged<XMLStream>.fromOpaque(context!).takeUnretainedValue()
            stream.delegate.startElement(
                XMLName(pointer: name!), prefix: prefix.map(XMLName.init(pointer:)),
                declaresNamespaces: namespaceCount > 0,
                attributes: UnsafeBufferPointer(start: attributes, count: Int(count)), line: line)
            stream.updateCharactersWanted()
        }
        handlers.end_element = { context, name in
            let stream = Unmanaged<XMLStream>.fromOpaque(context!).takeUnretainedValue()
            stream.delegate.endElement(XMLName(pointer: name!))
            stream.updateCharactersWanted()
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
        // A delegate that wants no text gets none and no end tags: the parser then does not even hand them over.
        if !delegate.needsCharacters, !delegate.mayWantCharacters {
            handlers.characters = nil
            handlers.end_element = nil
        }
        stream = cxml_stream_create(&handlers)
        if stream == nil {
            delegate.problem(isError: true, code: -1, line: 0, column: 0, message: "cannot create an XML parser")
        }
    }

    /// Tells the parser whether the delegate wants text now, when that changed.
    @inline(__always)
    private func updateCharactersWanted() {
        let wanted = delegate.wantsCharacters
        if wanted != charactersWanted {
            charactersWanted = wanted
            cxml_stream_want_characters(stream, wanted ? 1 : 0)
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
