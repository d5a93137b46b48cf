import CXMLCheck

/// Audits an HTML index (a page, Confluence storage format or a fragment) while libxml2 streams through it.
///
/// It requires well-formed XML and nothing that could run code or load content: no `iframe`, `object`, `embed`,
/// `base`, `form`, no `on…` handler, every URL attribute `https:` or a fragment within the page, and
/// `rel="noopener noreferrer"` on every link that opens a new tab. The parts with rules of their own are audits
/// of their own, fed from here: `LinkAudit` (every expected link exactly once), `PageScriptAudit` (the one
/// script and its Content-Security-Policy) and, for a restricted format, `VocabularyAudit` (its allowlist).
final class HTMLAudit: XMLStreamDelegate {
    private let log: ProblemLog
    private let links: LinkAudit
    private let script: PageScriptAudit
    private let vocabulary: VocabularyAudit?
    private let access: AccessAudit?
    /// Whether libxml2 has found the document not well-formed (nothing later can make it pass).
    private(set) var parseFailed = false

    /// The audit reads tags and attributes, and the text of the script only.
    var needsCharacters: Bool { false }
    var mayWantCharacters: Bool { true }
    var wantsCharacters: Bool { script.isReadingScript || access != nil }

    /// An audit against `model`; the page may have `script`; a restricted format has a `vocabulary`.
    init(model: IndexModel, script: PageScript?, vocabulary: MarkupVocabulary? = nil) {
        let log = ProblemLog()
        self.log = log
        links = LinkAudit(model: model, log: log)
        self.script = PageScriptAudit(script: script, log: log)
        self.vocabulary = vocabulary.map { VocabularyAudit($0, log: log) }
        access = AccessAudit(model: model, log: log)
    }

    /// Elements that run code, load other documents or submit data (by first letter).
    private static func isForbidden(_ name: XMLName) -> Bool {
        switch UInt8(bitPattern: name.pointer[0]) {
        case UInt8(ascii: "i"): name.equals("iframe")
        case UInt8(ascii: "f"): name.equals("frame") || name.equals("form")
        case UInt8(ascii: "o"): name.equals("object")
        case UInt8(ascii: "e"): name.equals("embed")
        case UInt8(ascii: "b"): name.equals("base")
        case UInt8(ascii: "a"): name.equals("applet")
        default: false
        }
    }

    /// Attributes whose value is a URL.
    private static func isURLAttribute(_ name: XMLName) -> Bool {
        switch UInt8(bitPattern: name.pointer[0]) {
        case UInt8(ascii: "h"): name.equals("href")
        case UInt8(ascii: "s"): name.equals("src") || name.equals("srcset")
        case UInt8(ascii: "a"): name.equals("action")
        case UInt8(ascii: "f"): name.equals("formaction")
        case UInt8(ascii: "p"): name.equals("poster")
        case UInt8(ascii: "d"): name.equals("data")
        default: false
        }
    }

    func startElement(_ name: XMLName, attributes: UnsafeBufferPointer<cxml_attribute>, line: Int) {
        startElement(name, prefix: nil, declaresNamespaces: false, attributes: attributes, line: line)
    }

    func startElement(
        _ name: XMLName, prefix: XMLName?, declaresNamespaces: Bool, attributes: UnsafeBufferPointer<cxml_attribute>,
        line: Int
    ) {
        access?.startElement()
        if let vocabulary,
            !vocabulary.startElement(
                name, prefix: prefix, declaresNamespaces: declaresNamespaces, attributes: attributes, line: line)
        {
            return
        }
        switch UInt8(bitPattern: name.pointer[0]) {
        case UInt8(ascii: "s") where name.equals("script"): script.startScript(attributes: attributes, line: line)
        case UInt8(ascii: "m") where name.equals("meta"): script.readPolicy(attributes)
        default:
            if Self.isForbidden(name) {
                log.report(
                    line: line, "the document contains a <\(name.string)> element, which the index must not have")
            }
        }
        let isLink = name.equals("a")
        if isLink { auditNewTab(attributes, line: line) }
        for attribute in attributes { audit(attribute, of: name, isLink: isLink, line: line) }
    }

    /// A link that opens a new tab must not hand the new page a reference back to the index.
    private func auditNewTab(_ attributes: UnsafeBufferPointer<cxml_attribute>, line: Int) {
        guard attributes.contains(where: { XMLName(pointer: $0.name).equals("target") }) else { return }
        let rel = attributes.first { XMLName(pointer: $0.name).equals("rel") }
        // The usual value, compared without building a string.
        if let rel, XMLName(pointer: rel.value).equals("noopener noreferrer") { return }
        let values = Set((rel.map { String(cString: $0.value) } ?? "").split(separator: " ").map { $0.lowercased() })
        if !values.isSuperset(of: ["noopener", "noreferrer"]) {
            log.report(line: line, "a link that opens a new tab lacks rel=\"noopener noreferrer\"")
        }
    }

    /// An attribute: no event handler; a URL must be `https:` or a fragment, and a link's is counted.
    private func audit(_ attribute: cxml_attribute, of element: XMLName, isLink: Bool, line: Int) {
        let attributeName = XMLName(pointer: attribute.name)
        let first = UInt8(bitPattern: attribute.name[0]) | 0x20
        if first == UInt8(ascii: "o"), UInt8(bitPattern: attribute.name[1]) | 0x20 == UInt8(ascii: "n") {
            log.report(
                line: line, "the <\(element.string)> element has an event-handler attribute \(attributeName.string)")
        }
        guard Self.isURLAttribute(attributeName), attribute.value[0] != CChar(UInt8(ascii: "#")) else { return }
        let isHref = isLink && attributeName.equals("href")
        if isHref, links.countIfNextPortalLink(attribute.value) { return }
        let url = String(cString: attribute.value)
        guard url.utf8.starts(with: "https://".utf8) else {
            log.report(
                line: line,
                "\(attributeName.string)=\(url.quotedForDiagnostic) is not an https: URL or a link within the page")
            return
        }
        if isHref { links.count(url) }
    }

    func endElement(_ name: XMLName) {
        access?.endElement()
        if script.isReadingScript, name.equals("script") { script.endScript() }
    }

    func characters(_ text: UnsafeRawBufferPointer) {
        access?.characters(text)
        if script.isReadingScript { script.characters(text) }
    }

    func problem(isError: Bool, code: Int, line: Int, column: Int, message: String) {
        guard isError else { return }
        parseFailed = true
        log.report(line: line, column: column, "libxml2: \(message)")
    }

    /// The problems, after the links found are compared with the model.
    func finish() -> [OutputProblem] {
        // A document that does not parse has no trustworthy links to audit.
        if parseFailed { return log.problems }
        script.finish()
        links.finish()
        access?.finish()
        return log.problems
    }
}
