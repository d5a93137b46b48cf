/// The audit of the links of an HTML, Confluence or fragment index: each customer's portal link exactly once,
/// each extra link (`--links`) exactly once and on its kind's host, each related topic, and no portal link to a
/// tenant that is not in the index.
final class LinkAudit {
    private let model: IndexModel
    private let log: ProblemLog
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
    /// Other `https:` links seen (the related topics among them).
    private var seenURLs: Set<String> = []
    /// Extra links (`--links`) expected, with how often each was seen.
    private var extraLinkCounts: [String: Int] = [:]

    init(model: IndexModel, log: ProblemLog) {
        self.model = model
        self.log = log
        portalLinkCounts = [UInt8](repeating: 0, count: model.count)
        tenantIDs = model.withCustomersInOrder { customers in (0..<customers.count).map(customers.tenantID(at:)) }
        portalPattern = model.portal.makePattern()
        if !model.linkKinds.isEmpty {
            for position in 0..<model.count {
                for case let url? in model.links(at: position) { extraLinkCounts[url] = 0 }
            }
        }
    }

    /// Counts `href` if it is the next customer's portal link, the common case, without building a string.
    func countIfNextPortalLink(_ href: UnsafePointer<CChar>) -> Bool {
        guard nextExpected < tenantIDs.count, portalPattern.isURL(href, for: tenantIDs[nextExpected]) else {
            return false
        }
        if portalLinkCounts[nextExpected] < .max { portalLinkCounts[nextExpected] += 1 }
        nextExpected += 1
        return true
    }

    /// Counts any other `https:` link of an `a` element.
    func count(_ url: String) {
        if let tenantID = model.portal.tenantID(inURL: url) {
            countOutOfOrder(tenantID)
        } else if extraLinkCounts[url] != nil {
            extraLinkCounts[url]! += 1
        } else {
            seenURLs.insert(url)
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

    /// Compares the links found with the model.
    func finish() {
        for position in 0..<model.count where portalLinkCounts[position] != 1 {
            let url = model.portal.url(for: model.tenantID(at: position))
            let name = model.name(at: position)
            switch portalLinkCounts[position] {
            case 0:
                log.report(line: 0, "the link \(url) for customer \(name.quotedForDiagnostic) is missing")
            case let count:
                log.report(
                    line: 0,
                    "the link \(url) for customer \(name.quotedForDiagnostic) appears \(count == .max ? "\(count) or more" : "\(count)") times"
                )
            }
        }
        for tenantID in strayTenants.sorted() {
            log.report(
                line: 0,
                "the document links to \(model.portal.url(for: tenantID)), which belongs to no customer in the index")
        }
        if !model.linkKinds.isEmpty { auditExtraLinks() }
        for topic in model.relatedTopics where !seenURLs.contains(topic.url) {
            log.report(line: 0, "the related topic \(topic.title.quotedForDiagnostic) (\(topic.url)) is missing")
        }
    }

    /// Each extra link once, on its kind's host.
    private func auditExtraLinks() {
        for position in 0..<model.count {
            for (kind, link) in zip(model.linkKinds, model.links(at: position)) {
                guard let link else { continue }
                let customer = model.name(at: position).quotedForDiagnostic
                if !kind.keepsOrigin(link) {
                    log.report(
                        line: 0,
                        "the \(kind.title) link \(link) for customer \(customer) does not go to \(kind.url.origin)")
                }
                let count = extraLinkCounts[link] ?? 0
                if count != 1 {
                    log.report(
                        line: 0, "the \(kind.title) link \(link) for customer \(customer) appears \(count) times")
                }
            }
        }
    }
}
