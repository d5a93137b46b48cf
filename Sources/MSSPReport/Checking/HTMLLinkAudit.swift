/// Audits the links of an HTML index while libxml2 streams through it.
///
/// It requires: well-formed XML; each customer's portal link exactly once; each related topic; every `href`
/// either `https:` or a fragment within the page; no element or attribute that could run code or load
/// content (`script`, `iframe`, `object`, `embed`, `base`, `form`, `on…` handlers, `javascript:` URLs).
final class HTMLLinkAudit: XMLStreamDelegate {
    private let model: IndexModel
    private var portalLinkCounts: [TenantID: Int] = [:]
    private var seenURLs: Set<String> = []
    private var problems: [OutputProblem] = []
    private var parseFailed = false

    private static let forbiddenElements: Set<String> = [
        "script", "iframe", "frame", "object", "embed", "base", "form", "applet",
    ]
    private static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "srcset", "poster", "data"]

    init(model: IndexModel) {
        self.model = model
        portalLinkCounts.reserveCapacity(model.entries.count)
    }

    private func report(line: Int, column: Int = 0, _ message: String) {
        if problems.count < OutputChecker.problemLimit {
            problems.append(OutputProblem(line: line, column: column, message: message))
        }
    }

    func startElement(_ name: String, attributes: [(name: String, value: String)], line: Int) {
        if Self.forbiddenElements.contains(name) {
            report(line: line, "the document contains a <\(name)> element, which the index must not have")
        }
        for attribute in attributes {
            if attribute.name.lowercased().hasPrefix("on") {
                report(line: line, "the <\(name)> element has an event-handler attribute \(attribute.name)")
            }
            guard Self.urlAttributes.contains(attribute.name) else { continue }
            let url = attribute.value
            if url.hasPrefix("#") { continue }
            guard url.hasPrefix("https://") else {
                report(
                    line: line,
                    "\(attribute.name)=\(url.quotedForDiagnostic) is not an https: URL or a link within the page")
                continue
            }
            if name == "a", attribute.name == "href" {
                seenURLs.insert(url)
                if let tenantID = model.portal.tenantID(inURL: url) {
                    portalLinkCounts[tenantID, default: 0] += 1
                }
            }
        }
    }

    func endElement(_ name: String) {}

    func characters(_ text: String) {}

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
        for topic in model.relatedTopics where !seenURLs.contains(topic.url) {
            report(line: 0, "the related topic \(topic.title.quotedForDiagnostic) (\(topic.url)) is missing")
        }
        return problems
    }
}
