import CXMLCheck

/// Audits the links of an HTML index while libxml2 streams through it.
///
/// It requires: well-formed XML; each customer's portal link exactly once; each related topic; every `href`
/// either `https:` or a fragment within the page; no element or attribute that could run code or load
/// content (`script`, `iframe`, `object`, `embed`, `base`, `form`, `on…` handlers, `javascript:` URLs), and
/// `rel="noopener noreferrer"` on every link that opens a new tab.
final class HTMLLinkAudit: XMLStreamDelegate {
    private let model: IndexModel
    private var portalLinkCounts: [TenantID: Int] = [:]
    private var seenURLs: Set<String> = []
    /// Extra links (`--links`) still expected, with how often each was seen.
    private var extraLinkCounts: [String: Int] = [:]
    private var problems: [OutputProblem] = []
    private var parseFailed = false
    /// Whether libxml2 has found the document not well-formed (nothing later can make it pass).
    var hasParseFailed: Bool { parseFailed }

    /// Elements that run code, load other documents or submit data.
    private static let forbiddenElements: [StaticString] = [
        "script", "iframe", "frame", "object", "embed", "base", "form", "applet",
    ]
    /// Attributes whose value is a URL.
    private static let urlAttributes: [StaticString] = [
        "href", "src", "action", "formaction", "srcset", "poster", "data",
    ]

    init(model: IndexModel) {
        self.model = model
        portalLinkCounts.reserveCapacity(model.entries.count)
        for entry in model.entries {
            for case let url? in entry.links { extraLinkCounts[url] = 0 }
        }
    }

    private func report(line: Int, column: Int = 0, _ message: String) {
        if problems.count < OutputChecker.problemLimit {
            problems.append(OutputProblem(line: line, column: column, message: message))
        }
    }

    func startElement(_ name: XMLName, attributes: UnsafeBufferPointer<cxml_attribute>, line: Int) {
        if Self.forbiddenElements.contains(where: name.equals) {
            report(line: line, "the document contains a <\(name.string)> element, which the index must not have")
        }
        // A link that opens a new tab must not hand the new page a reference back to the index.
        if name.equals("a"), attributes.contains(where: { XMLName(pointer: $0.name).equals("target") }) {
            let rel = attributes.first { XMLName(pointer: $0.name).equals("rel") }.map { String(cString: $0.value) }
            let values = Set((rel ?? "").split(separator: " ").map { $0.lowercased() })
            if !values.isSuperset(of: ["noopener", "noreferrer"]) {
                report(line: line, "a link that opens a new tab lacks rel=\"noopener noreferrer\"")
            }
        }
        for attribute in attributes {
            let attributeName = XMLName(pointer: attribute.name)
            let first = attribute.name[0] | 0x20
            let second = first == UInt8(ascii: "o") ? attribute.name[1] | 0x20 : 0
            if first == UInt8(ascii: "o"), second == UInt8(ascii: "n") {
                report(
                    line: line, "the <\(name.string)> element has an event-handler attribute \(attributeName.string)")
            }
            guard Self.urlAttributes.contains(where: attributeName.equals) else { continue }
            let url = String(cString: attribute.value)
            if url.utf8.first == UInt8(ascii: "#") { continue }
            guard url.utf8.starts(with: "https://".utf8) else {
                report(
                    line: line,
                    "\(attributeName.string)=\(url.quotedForDiagnostic) is not an https: URL or a link within the page")
                continue
            }
            if name.equals("a"), attributeName.equals("href") {
                if let tenantID = model.portal.tenantID(inURL: url) {
                    portalLinkCounts[tenantID, default: 0] += 1
                } else if extraLinkCounts[url] != nil {
                    extraLinkCounts[url]! += 1
                } else {
                    seenURLs.insert(url)
                }
            }
        }
    }

    func endElement(_ name: XMLName) {}

    func characters(_ text: UnsafeRawBufferPointer) {}

    func problem(isError: Bool, code: Int, line: Int, column: Int, message: String) {
        guard isError else { return }
        parseFailed = true
        report(line: line, column: column, "libxml2: \(message)")
    }

    /// The problems, after the links found are compared with the model.
    func finish() -> [OutputProblem] {
        // A document that does not parse has no trustworthy links to audit.
        if parseFailed { return problems }
        var expected = Set<TenantID>()
        expected.reserveCapacity(model.entries.count)
        for entry in model.entries {
            expected.insert(entry.tenantID)
            switch portalLinkCounts[entry.tenantID, default: 0] {
            case 1: break
            case 0:
                report(line: 0, "the link \(entry.portalURL) for customer \(entry.name.quotedForDiagnostic) is missing")
            case let count:
                report(
                    line: 0,
                    "the link \(entry.portalURL) for customer \(entry.name.quotedForDiagnostic) appears \(count) times")
            }
        }
        for tenantID in portalLinkCounts.keys.sorted() where !expected.contains(tenantID) {
            report(
                line: 0,
                "the document links to \(model.portal.url(for: tenantID)), which belongs to no customer in the index")
        }
        for entry in model.entries {
            for (kind, link) in zip(model.linkKinds, entry.links) {
                guard let link else { continue }
                let count = extraLinkCounts[link] ?? 0
                if count != 1 {
                    report(
                        line: 0,
                        "the \(kind.title) link \(link) for customer \(entry.name.quotedForDiagnostic) appears \(count) times"
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
