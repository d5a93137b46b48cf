import CXMLCheck

/// Audits the HTML that cmark-gfm made of a Markdown index, while libxml2 streams through it.
///
/// It requires: the tables (one, or one per group) have exactly one body row per customer, in index order; each row has a cell
/// that reads back as exactly the customer's name and one that reads back as the tenant ID, and exactly one
/// link, to the customer's portal URL, whose text contains the name; the related topics and the source article
/// are linked; there is no other link, no image and no raw HTML.
final class MarkdownAudit: XMLStreamDelegate {
    private let model: IndexModel
    private let renderedHTML: String
    private var problems: [OutputProblem] = []
    private var parseFailed = false

    private var tablesSeen = 0
    private var inCustomerTable = false
    private var inBody = false
    private var rowIndex = 0
    private var cells: [String] = []
    private var cellText: [UInt8] = []
    private var inCell = false
    private var rowLinks: [(href: String, text: String)] = []
    private var linkText: [UInt8] = []
    private var linkHref: String?
    private var seenURLs: Set<String> = []
    /// The cells of every customer row as they read back, for tests.
    private(set) var readBack: [[String]] = []
    /// Keep `readBack` (tests only: it holds the whole table).
    var keepsReadBack = false

    init(model: IndexModel, renderedHTML: String) {
        self.model = model
        self.renderedHTML = renderedHTML
    }

    private func report(line: Int = 0, _ message: String) {
        if problems.count < OutputChecker.problemLimit {
            problems.append(OutputProblem(line: line, column: 0, message: message))
        }
    }

    func startElement(_ name: XMLName, attributes: UnsafeBufferPointer<cxml_attribute>, line: Int) {
        if name.equals("table") {
            // Every table holds customers: one, or one per group with --group-by.
            tablesSeen += 1
            inCustomerTable = true
        } else if inCustomerTable, name.equals("tbody") {
            inBody = true
        } else if inBody, name.equals("tr") {
            cells = []
            rowLinks = []
        } else if inBody, name.equals("td") {
            inCell = true
            cellText = []
        } else if name.equals("a") {
            let href = attributes.first { XMLName(pointer: $0.name).equals("href") }.map { String(cString: $0.value) }
            linkHref = href ?? ""
            linkText = []
        } else if name.equals("img") {
            report(line: line, "the Markdown renders an image, which the index must not have")
        }
    }

    func endElement(_ name: XMLName) {
        if name.equals("a"), let href = linkHref {
            let text = String(decoding: linkText, as: UTF8.self)
            if inCell {
                rowLinks.append((href, text))
            } else if !isExpectedSharedLink(href) {
                report(
                    "the Markdown renders a link to \(href.quotedForDiagnostic) (text \(text.quotedForDiagnostic)), which the index must not have"
                )
            }
            linkHref = nil
        } else if inBody, name.equals("td") {
            cells.append(String(decoding: cellText, as: UTF8.self))
            inCell = false
        } else if inBody, name.equals("tr") {
            checkRow()
            rowIndex += 1
        } else if name.equals("tbody") {
            inBody = false
        } else if name.equals("table") {
            inCustomerTable = false
        }
    }

    func characters(_ text: UnsafeRawBufferPointer) {
        if inCell { cellText.append(contentsOf: text) }
        if linkHref != nil { linkText.append(contentsOf: text) }
    }

    func problem(isError: Bool, code: Int, line: Int, column: Int, message: String) {
        guard isError else { return }
        parseFailed = true
        report(line: line, "libxml2, on the HTML that cmark-gfm rendered: \(message)")
    }

    private func isExpectedSharedLink(_ href: String) -> Bool {
        if model.relatedTopics.contains(where: { $0.url == href }) || model.sourceArticle.url == href {
            seenURLs.insert(href)
            return true
        }
        return false
    }

    private func checkRow() {
        if keepsReadBack { readBack.append(cells) }
        guard rowIndex < model.entries.count else {
            report("the customer table has more rows than the \(model.entries.count) customers")
            return
        }
        let entry = model.entries[rowIndex]
        let row = "row \(rowIndex + 1) of the customer table"
        if !cells.contains(entry.name) {
            let read = cells.first.map { $0.quotedForDiagnostic } ?? "nothing"
            report("\(row) should name \(entry.name.quotedForDiagnostic) but reads back as \(read)")
        }
        if !cells.contains(entry.tenantID.description) {
            report("\(row) has no cell that reads back as the tenant ID \(entry.tenantID)")
        }
        let portalLinks = rowLinks.filter { $0.href == entry.portalURL }
        if portalLinks.count != 1 {
            report("\(row) should link once to \(entry.portalURL) but does \(portalLinks.count) times")
        } else if !portalLinks[0].text.contains(entry.name) {
            report(
                "the link text in \(row) does not name \(entry.name.quotedForDiagnostic): \(portalLinks[0].text.quotedForDiagnostic)"
            )
        }
        let expectedExtra = entry.links.compactMap { $0 }
        for url in expectedExtra where rowLinks.count(where: { $0.href == url }) != 1 {
            report("\(row) should link once to \(url) but does \(rowLinks.count(where: { $0.href == url })) times")
        }
        for link in rowLinks where link.href != entry.portalURL && !expectedExtra.contains(link.href) {
            report("\(row) links to \(link.href.quotedForDiagnostic), which the index must not have")
        }
    }

    /// The problems, after the rows and links found are compared with the model.
    func finish() -> [OutputProblem] {
        if parseFailed { return problems }
        if tablesSeen == 0 {
            report("the Markdown renders no table of customers")
        } else if rowIndex < model.entries.count {
            report("the customer table has \(rowIndex) rows for \(model.entries.count) customers")
        }
        for topic in model.relatedTopics + [model.sourceArticle] where !seenURLs.contains(topic.url) {
            report("the link \(topic.title.quotedForDiagnostic) (\(topic.url)) is missing")
        }
        if renderedHTML.contains("<!-- raw HTML omitted -->") {
            report("the Markdown contains raw HTML, which cmark-gfm's safe mode removed")
        }
        return problems
    }
}
