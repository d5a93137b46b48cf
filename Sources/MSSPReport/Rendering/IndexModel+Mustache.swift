import Mustache

// The template variables. Templates/README.md documents each; keep the two in step.
// Lookups go through `MustacheParent` views rather than reflection, which is both explicit and fast, and
// keeps the model itself free of template concerns.

/// The whole index as templates see it.
struct IndexView: MustacheParent {
    let model: IndexModel
    /// Computed once: a template may look these up once per customer.
    let customers: [EntryView]
    let hasDomains: Bool
    let portal: PortalView
    let linkKinds: [PortalView]
    let groups: [GroupView]

    init(model: IndexModel) {
        self.model = model
        customers = model.entries.map { EntryView(entry: $0, kinds: model.linkKinds) }
        hasDomains = model.entries.contains { $0.domain != nil }
        portal = PortalView(kind: model.portal)
        linkKinds = model.linkKinds.map(PortalView.init(kind:))
        let customers = self.customers
        groups = model.groups.map { group in
            GroupView(title: group.title, anchor: group.anchor, customers: Array(customers[group.range]))
        }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "title": model.title
        case "portal": portal
        case "customers": customers
        case "relatedTopics": model.relatedTopics.map(LinkView.init)
        case "sourceArticle": LinkView(link: model.sourceArticle)
        case "accessNote": model.accessNote
        case "summary": SummaryView(summary: model.summary)
        case "generatedOn": model.generatedOn
        case "hasDomains": hasDomains
        case "linkKinds": linkKinds
        case "groups": groups
        case "isGrouped": model.isGrouped
        default: nil
        }
    }
}

/// One customer row, its text prepared once: a template may use a value several times.
struct EntryView: MustacheParent {
    let name: String
    let tenantID: String
    let portalURL: String
    let anchor: String
    let domain: String?
    let links: [EntryLinkView]

    init(entry: IndexModel.Entry, kinds: [LinkKind]) {
        name = entry.name
        tenantID = entry.tenantID.description
        portalURL = entry.portalURL
        anchor = entry.anchor
        domain = entry.domain
        links = zip(kinds, entry.links).map { EntryLinkView(title: $0.title, url: $1) }
    }

    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "tenantId": tenantID
        case "portalUrl": portalURL
        case "anchor": anchor
        case "domain": domain
        case "links": links
        default: nil
        }
    }
}

/// One group of customers (`--group-by`).
struct GroupView: MustacheParent {
    let title: String
    let anchor: String
    let customers: [EntryView]

    func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "anchor": anchor
        case "count": customers.count
        case "customers": customers
        default: nil
        }
    }
}

/// One extra link of a customer (`--links`).
struct EntryLinkView: MustacheParent {
    let title: String
    let url: String?

    func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "url": url
        case "hasUrl": url != nil
        default: nil
        }
    }
}

/// The summary counts.
struct SummaryView: MustacheParent {
    var summary: IndexModel.Summary

    func child(named name: String) -> Any? {
        switch name {
        case "customerCount": summary.customerCount
        case "skippedCount": summary.skippedCount
        case "hasSkipped": summary.skippedCount > 0
        case "isEmpty": summary.customerCount == 0
        default: nil
        }
    }
}

/// A related topic or the source article.
struct LinkView: MustacheParent {
    var link: Link

    func child(named name: String) -> Any? {
        switch name {
        case "title": link.title
        case "url": link.url
        default: nil
        }
    }
}

/// The portal.
struct PortalView: MustacheParent {
    var kind: LinkKind

    func child(named name: String) -> Any? {
        switch name {
        case "id": kind.id
        case "title": kind.title
        default: nil
        }
    }
}
