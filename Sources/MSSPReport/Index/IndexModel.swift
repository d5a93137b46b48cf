/// Everything a template may show, with every URL already built. A plain value.
public struct IndexModel: Sendable, Equatable {
    /// The page title.
    public var title: String
    /// The portal that each customer's main link opens.
    public var portal: LinkKind
    /// The extra link kinds (`--links`), in the order each entry's `links` lists them.
    public var linkKinds: [LinkKind]
    /// The customers, sorted by group (with `--group-by`), name, then tenant ID: the order of the document.
    public var entries: [Entry]
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
        /// The group's customers, as positions in `entries`.
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
