/// Everything a template may show, with every URL already built. A plain value.
public struct IndexModel: Sendable, Equatable {
    /// The page title.
    public var title: String
    /// The portal that each customer's main link opens.
    public var portal: LinkKind
    /// The extra link kinds (`--links`), in the order each entry's `links` lists them.
    public var linkKinds: [LinkKind]
    /// The customers, in input order.
    public var customers: CustomerList
    /// The order of the document: positions in `customers`, sorted by group (with `--group-by`), name, then
    /// tenant ID.
    public var order: [Int32]
    /// The groups of `--group-by`, in order, each a run of `entries`; one untitled group without it.
    public var groups: [Group]
    /// Whether the customers are grouped by a column.
    public var isGrouped: Bool
    /// The related topics of the source article.
    public var relatedTopics: [Link]
    /// The article the index is built from.
    public var sourceArticle: Link
    /// The note that a link grants no access by itself.
    public var accessNote: String
    /// Counts for the summary.
    public var summary: Summary
    /// The generation date (`YYYY-MM-DD`, UTC), present only when `SOURCE_DATE_EPOCH` sets it, so that the
    /// same input gives the same bytes.
    public var generatedOn: String?

    /// The customers in document order, each built when it is accessed (for tests and messages; the renderer
    /// and the checks read `customers` directly).
    public var entries: Entries { Entries(model: self) }

    /// The number of customers in the index.
    public var count: Int { order.count }

    /// The tenant ID of the customer at `position` in the document.
    func tenantID(at position: Int) -> TenantID {
        customers.tenantID(at: Int(order[position]))
    }

    /// The name of the customer at `position` in the document.
    func name(at position: Int) -> String {
        customers.name(at: Int(order[position]))
    }

    /// The extra links (`--links`) of the customer at `position` in the document, in `linkKinds` order; `nil`
    /// where the kind needs a domain the customer lacks.
    func links(at position: Int) -> [String?] {
        guard !linkKinds.isEmpty else { return [] }
        let index = Int(order[position])
        let (tenantID, domain) = (customers.tenantID(at: index), customers.domain(at: index))
        return linkKinds.map { $0.url(tenantID: tenantID, domain: domain) }
    }

    /// The customers in document order.
    public struct Entries: RandomAccessCollection, Sendable {
        let model: IndexModel
        public var startIndex: Int { 0 }
        public var endIndex: Int { model.order.count }

        public subscript(position: Int) -> Entry {
            let index = Int(model.order[position])
            let tenantID = model.customers.tenantID(at: index)
            return Entry(
                name: model.customers.name(at: index), tenantID: tenantID, portalURL: model.portal.url(for: tenantID),
                domain: model.customers.domain(at: index), links: model.links(at: position))
        }
    }

    /// One customer's row.
    public struct Entry: Sendable, Equatable {
        /// The customer's name.
        public var name: String
        /// The tenant ID, canonical form.
        public var tenantID: TenantID
        /// The customer's portal link.
        public var portalURL: String
        /// The domain, when the input has one.
        public var domain: String?
        /// One URL per extra link kind, in `linkKinds` order; `nil` where the kind needs a domain the customer
        /// lacks.
        public var links: [String?] = []
        /// A stable fragment identifier for the row: `tenant-<tenant ID>`.
        public var anchor: String { "tenant-\(tenantID)" }
    }

    /// A run of customers that share a value in the `--group-by` column.
    public struct Group: Sendable, Equatable {
        /// The shared value, or "No <column>" for customers without one.
        public var title: String
        /// A fragment identifier for the group's section.
        public var anchor: String
        /// The group's customers, as positions in the document (`entries`, `order`).
        public var range: Range<Int>
    }

    /// Counts shown in the summary.
    public struct Summary: Sendable, Equatable {
        /// Customers in the index.
        public var customerCount: Int
        /// Rows left out because they had errors (only with `--skip-invalid`).
        public var skippedCount: Int
    }
}
