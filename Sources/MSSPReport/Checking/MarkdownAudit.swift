import CMarkdown

/// Audits a Markdown index as cmark-gfm, GitHub's renderer, parses it: a walk over cmark-gfm's document tree,
/// the tree it renders to HTML (tables, autolinks; raw HTML is what safe mode would omit).
///
/// It requires: the tables (one, or one per group) have exactly one body row per customer, in index order; each
/// row has a cell that reads back as exactly the customer's name, one that reads back as the tenant ID and, when
/// relationships were given, one that reads back as the customer's access state, and
/// exactly one link, to the customer's portal URL, whose text contains the name; the related topics and the
/// source article are linked; there is no other link, no image and no raw HTML.
///
/// The tree is walked rather than the HTML rendered and parsed again: perf showed rendering and re-parsing the
/// HTML to take longer than parsing the Markdown.
final class MarkdownAudit {
    private let model: IndexModel
    private let portalPattern: URLPattern
    private var problems: [OutputProblem] = []
    private var containsRawHTML = false

    private var tablesSeen = 0
    private var inBodyRow = false
    private var rowIndex = 0
    // The current row, without an allocation per row: the text of its cells in one buffer, each cell a range
    // of it, and its links with the range of their text.
    private var rowText: [UInt8] = []
    private var cellRanges: [Range<Int>] = []
    private var cellStart: Int?
    private var rowLinks: [RowLink] = []
    /// A link outside the tables: its destination and text.
    private var sharedLink: (href: String, text: [UInt8])?
    private var seenURLs: Set<String> = []
    /// Told the cells of each customer row as they read back (for a test that compares them with what the
    /// rendered HTML shows).
    private let onRow: (([String]) -> Void)?

    /// A link in a customer row.
    private struct RowLink {
        /// `nil` when it is the row's portal link (recognised byte by byte, so the usual case builds no string).
        var href: String?
        var textStart: Int
        var textEnd: Int?
    }

    init(model: IndexModel, onRow: (([String]) -> Void)? = nil) {
        self.model = model
        self.onRow = onRow
        portalPattern = model.portal.makePattern()
    }

    private func report(line: Int = 0, _ message: String) {
        if problems.count < ProblemLog.limit {
            problems.append(OutputProblem(line: line, column: 0, message: message))
        }
    }

    /// Walks the tree of `document` (which the caller frees afterwards); the problems found.
    ///
    /// The walk over cmark-gfm's tree runs on another thread and hands its events over in batches, so that
    /// walking the tree (a cache miss per node) and auditing the rows use both cores.
    func audit(_ document: OpaquePointer) -> [OutputProblem] {
        let shared = UncheckedSendable(document)
        _ = ChunkPipeline.run(
            produce: { (emit: @escaping (UncheckedSendable<[cmarkdown_event]>) -> Bool) in
                let sink = EventSink(emit: emit)
                withExtendedLifetime(sink) {
                    cmarkdown_document_walk(shared.value, Unmanaged.passUnretained(sink).toOpaque()) {
                        context, events, count in
                        let sink = Unmanaged<EventSink>.fromOpaque(context!).takeUnretainedValue()
                        return sink.emit(UncheckedSendable(Array(UnsafeBufferPointer(start: events, count: count))))
                            ? 1 : 0
                    }
                }
            },
            consume: { (batch: UncheckedSendable<[cmarkdown_event]>) in
                // The texts and URLs point into the tree, which lives until `document` is freed.
                for event in batch.value {
                    switch event.type {
                    case CMARKDOWN_ENTER: enter(event.kind, url: event.data)
                    case CMARKDOWN_EXIT: exit(event.kind)
                    case CMARKDOWN_TEXT: text(UnsafeRawBufferPointer(start: event.data, count: event.length))
                    default: break
                    }
                }
                return true
            })
        return finish()
    }

    private func enter(_ kind: cmarkdown_kind, url: UnsafePointer<CChar>?) {
        switch kind {
        case CMARKDOWN_TABLE:
            // Every table holds customers: one, or one per group with --group-by.
            tablesSeen += 1
        case CMARKDOWN_TABLE_ROW:
            inBodyRow = true
            rowText.removeAll(keepingCapacity: true)
            cellRanges.removeAll(keepingCapacity: true)
            rowLinks.removeAll(keepingCapacity: true)
        case CMARKDOWN_TABLE_CELL where inBodyRow:
            cellStart = rowText.count
        case CMARKDOWN_LINK where cellStart != nil:
            let isPortalLink =
                rowIndex < model.count && url.map { portalPattern.isURL($0, for: model.tenantID(at: rowIndex)) } == true
            rowLinks.append(
                RowLink(href: isPortalLink ? nil : url.map { String(cString: $0) } ?? "", textStart: rowText.count))
        case CMARKDOWN_LINK:
            sharedLink = (url.map { String(cString: $0) } ?? "", [])
        case CMARKDOWN_IMAGE:
            report("the Markdown renders an image, which the index must not have")
        case CMARKDOWN_HTML:
            containsRawHTML = true
        default:
            break
        }
    }

    private func exit(_ kind: cmarkdown_kind) {
        switch kind {
        case CMARKDOWN_LINK where cellStart != nil:
            if !rowLinks.isEmpty { rowLinks[rowLinks.count - 1].textEnd = rowText.count }
        case CMARKDOWN_LINK:
            guard let (href, text) = sharedLink else { return }
            if !isExpectedSharedLink(href) {
                report(
                    "the Markdown renders a link to \(href.quotedForDiagnostic) (text \(String(decoding: text, as: UTF8.self).quotedForDiagnostic)), which the index must not have"
                )
            }
            sharedLink = nil
        case CMARKDOWN_TABLE_CELL where inBodyRow:
            if let start = cellStart { cellRanges.append(start..<rowText.count) }
            cellStart = nil
        case CMARKDOWN_TABLE_ROW:
            checkRow()
            rowIndex += 1
            inBodyRow = false
        default:
            break
        }
    }

    private func text(_ text: UnsafeRawBufferPointer) {
        if cellStart != nil { rowText.append(contentsOf: text) }
        if sharedLink != nil { sharedLink!.text.append(contentsOf: text) }
    }

    private func isExpectedSharedLink(_ href: String) -> Bool {
        if model.relatedTopics.contains(where: { $0.url == href }) || model.sourceArticle.url == href
            || model.multitenantView.url == href
        {
            seenURLs.insert(href)
            return true
        }
        return false
    }

    private func cellString(_ range: Range<Int>) -> String {
        String(decoding: rowText[range], as: UTF8.self)
    }

    private func checkRow() {
        onRow?(cellRanges.map(cellString))
        guard rowIndex < model.count else {
            report("the customer table has more rows than the \(model.count) customers")
            return
        }
        let name = model.name(at: rowIndex)
        let tenantID = model.tenantID(at: rowIndex)
        let row = "row \(rowIndex + 1) of the customer table"
        var name8 = name
        name8.withUTF8 { nameBytes in
            if cellRanges.first.map({ rowText[$0].elementsEqual(nameBytes) }) != true {
                let read = cellRanges.first.map { cellString($0).quotedForDiagnostic } ?? "nothing"
                report("the first cell of \(row) should name \(name.quotedForDiagnostic) but reads back as \(read)")
            }
        }
        let hasTenantCell = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { canonical in
            tenantID.writeCanonical(to: canonical.baseAddress!)
            return cellRanges.contains { rowText[$0].elementsEqual(canonical) }
        }
        if !hasTenantCell {
            report("\(row) has no cell that reads back as the tenant ID \(tenantID)")
        }
        let access = model.access(at: rowIndex)
        if let access {
            // The cell is the sentence, followed by the approval link's label where the state has one.
            let sentences = [access.text] + (access.approvalURL == nil ? [] : ["\(access.text) Approval link"])
            let hasAccessCell = sentences.contains { sentence in
                cellRanges.contains { rowText[$0].elementsEqual(sentence.utf8) }
            }
            if !hasAccessCell {
                report(
                    "\(row) has no cell that reads back as the customer's access state \(access.text.quotedForDiagnostic)"
                )
            }
        }
        let portalLinks = rowLinks.filter { $0.href == nil }
        if portalLinks.count != 1 {
            report(
                "\(row) should link once to \(model.portal.url(for: tenantID)) but does \(portalLinks.count) times")
        } else {
            checkLabel(of: portalLinks[0], kind: model.portal, in: row)
        }
        var others = rowLinks.compactMap(\.href)
        if let approval = access?.approvalURL {
            let found = others.count { $0 == approval }
            if found != 1 { report("\(row) should link once to the approval link \(approval) but does \(found) times") }
            others.removeAll { $0 == approval }
        }
        guard !others.isEmpty || !model.linkKinds.isEmpty else { return }
        let links = model.links(at: rowIndex)
        for (kind, link) in zip(model.linkKinds, links) where link.map(kind.keepsOrigin) == false {
            report("\(row) has a \(kind.title) link \(link!) that does not go to \(kind.url.origin)")
        }
        let expectedExtra = links.compactMap { $0 }
        for (kind, url) in zip(model.linkKinds, links) {
            guard let url else { continue }
            let found = rowLinks.filter { $0.href == url }
            if found.count == 1 {
                checkLabel(of: found[0], kind: kind, in: row)
            } else {
                report("\(row) should link once to \(url) but does \(found.count) times")
            }
        }
        for href in others where !expectedExtra.contains(href) {
            report("\(row) links to \(href.quotedForDiagnostic), which the index must not have")
        }
    }

    /// Checks that `link` reads as `kind`'s short label.
    private func checkLabel(of link: RowLink, kind: LinkKind, in row: String) {
        let text = rowText[link.textStart..<(link.textEnd ?? rowText.count)]
        if !text.elementsEqual(kind.label.utf8) {
            report(
                "the \(kind.title) link in \(row) should read \(kind.label.quotedForDiagnostic) but reads \(String(decoding: text, as: UTF8.self).quotedForDiagnostic)"
            )
        }
    }

    /// The problems, after the rows and links found are compared with the model.
    private func finish() -> [OutputProblem] {
        if tablesSeen == 0 {
            report("the Markdown renders no table of customers")
        } else if rowIndex < model.count {
            report("the customer table has \(rowIndex) rows for \(model.count) customers")
        }
        for topic in model.relatedTopics + [model.sourceArticle] where !seenURLs.contains(topic.url) {
            report("the link \(topic.title.quotedForDiagnostic) (\(topic.url)) is missing")
        }
        if containsRawHTML {
            report("the Markdown contains raw HTML, which cmark-gfm's safe mode removed")
        }
        return problems
    }
}

/// Hands the walk's batches from the C callback to the pipeline.
private final class EventSink {
    let emit: (UncheckedSendable<[cmarkdown_event]>) -> Bool

    init(emit: @escaping (UncheckedSendable<[cmarkdown_event]>) -> Bool) {
        self.emit = emit
    }
}
