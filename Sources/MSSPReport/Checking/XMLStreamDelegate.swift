import CXMLCheck

/// Receives the events of a streaming XML parse. Names and values are handed over as the parser's own bytes,
/// valid only during the call: an audit turns into `String`s only what it keeps, which keeps the check cheap
/// on large documents.
protocol XMLStreamDelegate: AnyObject {
    /// A start tag: its local name, attributes (local names, decoded values) and line.
    func startElement(_ name: XMLName, attributes: UnsafeBufferPointer<cxml_attribute>, line: Int)
    /// A start tag with the prefix of its qualified name and whether it declares namespaces; by default the
    /// same as `startElement(_:attributes:line:)`.
    func startElement(
        _ name: XMLName, prefix: XMLName?, declaresNamespaces: Bool, attributes: UnsafeBufferPointer<cxml_attribute>,
        line: Int)
    /// An end tag.
    func endElement(_ name: XMLName)
    /// Character data, decoded.
    func characters(_ text: UnsafeRawBufferPointer)
    /// A problem the parser found. Errors and fatal errors make the document fail.
    func problem(isError: Bool, code: Int, line: Int, column: Int, message: String)
    /// Whether `characters` and `endElement` should be called for the whole document (not calling them saves
    /// time).
    var needsCharacters: Bool { get }
    /// Without `needsCharacters`: whether the delegate may want the text of some elements (`wantsCharacters`).
    var mayWantCharacters: Bool { get }
    /// Whether the text (and the end tags) should come now; read after each start and end tag.
    var wantsCharacters: Bool { get }
}
