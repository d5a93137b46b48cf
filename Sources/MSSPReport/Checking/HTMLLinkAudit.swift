import CXMLCheck

/// Audits the links of an HTML index while libxml2 streams through it.
///
/// It requires: well-formed XML; each customer's portal link exactly once; each related topic; every `href`
/// either `https:` or a fragment within the page; no element or attribute that could run code or load
/// content (`iframe`, `object`, `embed`, `base`, `form`, `on…` handlers, `javascript:` URLs), and
/// `rel="noopener noreferrer"` on every link that opens a new tab.
///
/// The one `script` allowed is the page script of the templates (`PageScript`), inline, without attributes,
/// recognised by the SHA-256 of its text: any other script, a second copy, or a Content-Security-Policy that
/// allows scripts by anything but that hash is a problem.
///
/// With a `MarkupVocabulary` (Confluence storage format, an HTML fragment) every element, attribute and macro must
/// also be one the vocabulary names, and no element may declare a namespace; the outermost element is the
/// wrapper the check adds (`OutputCheck`), not the document's.
final class HTMLLinkAudit: XMLStreamDelegate {
    private let model: IndexModel
    /// The tenant IDs in document order and the portal's link pattern, this audit's own copies: the audit runs
    /// while the document is rendered on the other core, and reading the model's arrays from both threads
    /// would change their shared reference counts once per link.
    private let tenantIDs: [TenantID]
    private let portalPattern: URLPattern
    /// How often each customer's portal link was seen, by position in the document (saturating).
    private var portalLinkCounts: [UInt8]
    /// The next customer whose portal link is expected: templates list customers in order, so almost every
    /// link is recognised by comparing bytes with this one customer's link, with no string built.
    private var nextExpected = 0
    /// Positions by tenant ID, built only if a link comes out of order.
    private var positions: [TenantID: Int]?
    /// Portal links to tenants that are not in the index.
    private var strayTenants: Set<TenantID> = []
    private var seenURLs: Set<String> = []
    /// Extra links (`--links`) still expected, with how often each was seen.
    private var extraLinkCounts: [String: Int] = [:]
    private var problems: [OutputProblem] = []
    /// Whether libxml2 has found the document not well-formed (nothing later can make it pass).
    private(set) var parseFailed = false
    /// The script the page may have.
    private let script: PageScript?
    /// The text of the `script` element being read, or `nil` outside one.
    private var scriptText: [UInt8]?
    private var scriptCount = 0
    /// The line of the first script, for messages about the policy.
    private var scriptLine = 0
    /// The line of the script being read.
    private var currentScriptLine = 0
    /// The sources of the Content-Security-Policy's `script-src` (or of `default-src` without one), if the page
    /// has a policy.
    private var scriptSources: [String]?

    /// The audit reads tags and attributes, and the text of the script only.
    var needsCharacters: Bool { false }
    var mayWantCharacters: Bool { true }
    var wantsCharacters: Bool { scriptText != nil }

    /// What a restricted format may contain, or `nil` for an HTML page.
    private let vocabulary: MarkupVocabulary?
    /// Whether the wrapper element the check adds has been seen (with a vocabulary).
    private var wrapperSeen = false

    init(model: IndexModel, script: PageScript?, vocabulary: MarkupVocabulary? = nil) {
        self.model = model
        self.script = script
        self.vocabulary = vocabulary
        portalLinkCounts = [UInt8](repeating: 0, count: model.count)
        tenantIDs = model.withCustomersInOrder { customers in (0..<customers.count).map(customers.tenantID(at:)) }
        portalPattern = model.portal.makePattern()
        if !model.linkKinds.isEmpty {
            for position in 0..<model.count {
                for case let url? in model.links(at: position) { extraLinkCounts[url] = 0 }
            }
        }
    }

    private func report(line: Int, column: Int = 0, _ message: String) {
        if problems.count < OutputChecker.problemLimit {
            problems.append(OutputProblem(line: line, column: column, message: message))
        }
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
        if let vocabulary {
            guard wrapperSeen else {
                wrapperSeen = true
                return
            }
            auditVocabulary(vocabulary, name, prefix: prefix, declaresNamespaces, attributes, line: line)
        }
        switch UInt8(bitPattern: name.pointer[0]) {
        case UInt8(ascii: "s") where name.equals("script"): startScript(attributes: attributes, line: line)
        case UInt8(ascii: "m") where name.equals("meta"): readPolicy(attributes)
        default:
            if Self.isForbidden(name) {
                report(line: line, "the document contains a <\(name.string)> element, which the index must not have")
            }
        }
        let isLink = name.equals("a")
        // A link that opens a new tab must not hand the new page a reference back to the index.
        if isLink, attributes.contains(where: { XMLName(pointer: $0.name).equals("target") }) {
            let rel = attributes.first { XMLName(pointer: $0.name).equals("rel") }
            if let rel, XMLName(pointer: rel.value).equals("noopener noreferrer") {
                // The usual value.
            } else {
                let values = Set(
                    (rel.map { String(cString: $0.value) } ?? "").split(separator: " ").map { $0.lowercased() })
                if !values.isSuperset(of: ["noopener", "noreferrer"]) {
                    report(line: line, "a link that opens a new tab lacks rel=\"noopener noreferrer\"")
                }
            }
        }
        for attribute in attributes {
            let attributeName = XMLName(pointer: attribute.name)
            let first = UInt8(bitPattern: attribute.name[0]) | 0x20
            if first == UInt8(ascii: "o"), UInt8(bitPattern: attribute.name[1]) | 0x20 == UInt8(ascii: "n") {
                report(
                    line: line, "the <\(name.string)> element has an event-handler attribute \(attributeName.string)")
            }
            guard Self.isURLAttribute(attributeName) else { continue }
            if attribute.value[0] == CChar(UInt8(ascii: "#")) { continue }
            if isLink, attributeName.equals("href"), nextExpected < tenantIDs.count,
                portalPattern.isURL(attribute.value, for: tenantIDs[nextExpected])
            {
                if portalLinkCounts[nextExpected] < .max { portalLinkCounts[nextExpected] += 1 }
                nextExpected += 1
                continue
            }
            let url = String(cString: attribute.value)
            guard url.utf8.starts(with: "https://".utf8) else {
                report(
                    line: line,
                    "\(attributeName.string)=\(url.quotedForDiagnostic) is not an https: URL or a link within the page")
                continue
            }
            if isLink, attributeName.equals("href") {
                if let tenantID = model.portal.tenantID(inURL: url) {
                    countOutOfOrder(tenantID)
                } else if extraLinkCounts[url] != nil {
                    extraLinkCounts[url]! += 1
                } else {
                    seenURLs.insert(url)
                }
            }
        }
    }

    /// Problems with an element that `vocabulary` does not allow, or with its attributes or macro name.
    private func auditVocabulary(
        _ vocabulary: MarkupVocabulary, _ name: XMLName, prefix: XMLName?, _ declaresNamespaces: Bool,
        _ attributes: UnsafeBufferPointer<cxml_attribute>, line: Int
    ) {
        // The qualified name is built only for a message: this runs for every element of the document.
        var elementName: String { prefix.map { "\($0.string):\(name.string)" } ?? name.string }
        guard let element = vocabulary.element(name, prefix: prefix) else {
            report(
                line: line,
                "the document contains a <\(elementName)> element, which \(vocabulary.formatName) here must not have")
            return
        }
        if declaresNamespaces {
            report(
                line: line,
                "the <\(elementName)> element declares a namespace, which \(vocabulary.formatName) here must not do")
        }
        for attribute in attributes where !vocabulary.allows(attribute, on: element) {
            let attributeName =
                attribute.prefix.map { String(cString: $0) + ":" + String(cString: attribute.name) }
                ?? String(cString: attribute.name)
            report(
                line: line,
                "the <\(elementName)> element has an attribute \(attributeName), which \(vocabulary.formatName) here must not have"
            )
        }
        if name.equals("structured-macro"), prefix?.equals("ac") == true {
            let macro = attributes.first {
                XMLName(pointer: $0.name).equals("name") && $0.prefix.map { XMLName(pointer: $0).equals("ac") } == true
            }.map { String(cString: $0.value) }
            if let macro, vocabulary.macroNames.contains(macro) {
                // A macro that shows text.
            } else {
                report(
                    line: line,
                    "the document contains the Confluence macro \((macro ?? "").quotedForDiagnostic), which is not one of \(vocabulary.macroNames.sorted().joined(separator: ", "))"
                )
            }
        }
    }

    /// Counts a portal link that is not the next one expected.
    private func countOutOfOrder(_ tenantID: TenantID) {
        if positions == nil {
            var positions: [TenantID: Int] = [:]
            positions.reserveCapacity(model.count)
            for position in 0..<model.count { positions[model.tenantID(at: position)] = position }
            self.positions = positions
        }
        if let position = positions?[tenantID] {
            if portalLinkCounts[position] < .max { portalLinkCounts[position] += 1 }
            // Templates that list each customer once more, later on, are matched in order again.
            if position == nextExpected { nextExpected += 1 }
        } else {
            strayTenants.insert(tenantID)
        }
    }

    /// A `script` element: allowed once, inline and without attributes, when the templates have a script.
    private func startScript(attributes: UnsafeBufferPointer<cxml_attribute>, line: Int) {
        scriptCount += 1
        if scriptCount == 1 { scriptLine = line }
        currentScriptLine = line
        guard script != nil else {
            report(line: line, "the document contains a <script> element, and the templates have no page script")
            return
        }
        if scriptCount > 1 {
            report(line: line, "the document contains more than one <script> element")
        }
        for attribute in attributes {
            report(
                line: line,
                "the <script> element has an attribute \(XMLName(pointer: attribute.name).string); the page script is inline, with none"
            )
        }
        scriptText = []
    }

    /// Reads the script sources of a `<meta http-equiv="Content-Security-Policy">`.
    private func readPolicy(_ attributes: UnsafeBufferPointer<cxml_attribute>) {
        func value(_ name: StaticString) -> String? {
            attributes.first { XMLName(pointer: $0.name).equals(name) }.map { String(cString: $0.value) }
        }
        guard value("http-equiv")?.lowercased() == "content-security-policy", let policy = value("content") else {
            return
        }
        var directives: [String: [String]] = [:]
        for directive in policy.split(separator: ";") {
            let words = directive.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let name = words.first?.lowercased(), directives[name] == nil else { continue }
            directives[name] = Array(words.dropFirst())
        }
        scriptSources = directives["script-src"] ?? directives["default-src"] ?? []
    }

    func endElement(_ name: XMLName) {
        guard let text = scriptText, name.equals("script") else { return }
        scriptText = nil
        guard let script else { return }
        let hash = PageScript.hash(of: text)
        if hash != script.hash {
            report(
                line: currentScriptLine,
                "the <script> element's text (\(hash)) is not the page script \(script.path) (\(script.hash)); write it as <script>{{{script.source}}}</script>"
            )
        }
    }

    func characters(_ text: UnsafeRawBufferPointer) {
        if scriptText != nil { scriptText!.append(contentsOf: text) }
    }

    /// Problems with the Content-Security-Policy's script sources: each must be the page script's hash (or
    /// `'none'`), and a page with a script must allow it.
    private func auditPolicy() {
        guard let sources = scriptSources else { return }
        let allowed = script.map { "'\($0.hash)'" }
        for source in sources where source != allowed && source.lowercased() != "'none'" {
            report(
                line: 0,
                "the Content-Security-Policy allows scripts by \(source.quotedForDiagnostic); it may allow only the page script's hash"
            )
        }
        if scriptCount > 0, let allowed, !sources.contains(allowed) {
            report(
                line: scriptLine,
                "the Content-Security-Policy does not allow the page script: add script-src '{{script.hash}}'")
        }
    }

    func problem(isError: Bool, code: Int, line: Int, column: Int, message: String) {
        guard isError else { return }
        parseFailed = true
        report(line: line, column: column, "libxml2: \(message)")
    }

    /// The problems, after the links found are compared with the model.
    func finish() -> [OutputProblem] {
        // A document that does not parse has no trustworthy links to audit.
        if parseFailed { return problems }
        auditPolicy()
        for position in 0..<model.count where portalLinkCounts[position] != 1 {
            let url = model.portal.url(for: model.tenantID(at: position))
            let name = model.name(at: position)
            switch portalLinkCounts[position] {
            case 0:
                report(line: 0, "the link \(url) for customer \(name.quotedForDiagnostic) is missing")
            case let count:
                report(
                    line: 0,
                    "the link \(url) for customer \(name.quotedForDiagnostic) appears \(count == .max ? "\(count) or more" : "\(count)") times"
                )
            }
        }
        for tenantID in strayTenants.sorted() {
            report(
                line: 0,
                "the document links to \(model.portal.url(for: tenantID)), which belongs to no customer in the index")
        }
        for position in 0..<model.count where !model.linkKinds.isEmpty {
            for (kind, link) in zip(model.linkKinds, model.links(at: position)) {
                guard let link else { continue }
                if !kind.keepsOrigin(link) {
                    report(
                        line: 0,
                        "the \(kind.title) link \(link) for customer \(model.name(at: position).quotedForDiagnostic) does not go to \(kind.url.origin)"
                    )
                }
                let count = extraLinkCounts[link] ?? 0
                if count != 1 {
                    report(
                        line: 0,
                        "the \(kind.title) link \(link) for customer \(model.name(at: position).quotedForDiagnostic) appears \(count) times"
                    )
                }
            }
        }
        for topic in model.relatedTopics where !seenURLs.contains(topic.url) {
            report(line: 0, "the related topic \(topic.title.quotedForDiagnostic) (\(topic.url)) is missing")
        }
        return problems
    }
}
