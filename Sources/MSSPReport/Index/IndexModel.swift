/// Everything a template may show, with every URL already built. A plain value.
public struct IndexModel: Sendable, Equatable {
    /// The page title.
    public var title: String
    /// The portal that each customer's main link opens.
    public var portal: LinkKind
    /// The extra link kinds (`--links`), in the order each entry's `links` lists them.
    public var linkKinds: [LinkKind]
    /// The customers, in input order: the list validation produced, not copied.
    let customers: CustomerList
    /// The order of the document: positions in `customers`, sorted by group (with `--group-by`), name, then
    /// tenant ID.
    let order: [Int32]
    /// The groups of `--group-by`, in order, each a run of positions in the document; one untitled group
    /// without it.
    public var groups: [Group]
    /// Whether the customers are grouped by a column.
    public var isGrouped: Bool
    /// The related topics of the source article.
    public var relatedTopics: [Link]
    /// The article the index is built from.
    public var sourceArticle: Link
    /// Microsoft Defender multitenant management, linked once near the top of the page.
    public var multitenantView: Link
    /// The note that a link grants no access by itself.
    public var accessNote: String
    /// Counts for the summary.
    public var summary: Summary
    /// The generation date (`YYYY-MM-DD`, UTC), present only when `SOURCE_DATE_EPOCH` sets it, so that the
    /// same input gives the same bytes.
    public var generatedOn: String?
    /// Each customer's GDAP access as of a day, when relationships were given (`nil` otherwise: the index then
    /// keeps the note that a link grants no access by itself).
    public var access: AccessReport?

    /// The order of the document, for an audit's own copy.
    var documentOrder: [Int32] { order }

    /// The access of the customer at `position` in the document, when relationships were given.
    public func access(at position: Int) -> CustomerAccess? {
        access?.access(at: Int(order[position]))
    }

    /// The number of customers in the index.
    public var count: Int { order.count }

    /// The customer at `position` in the document (0 is the first row).
    public func customer(at position: Int) -> Customer {
        customers[Int(order[position])]
    }

    /// The tenant ID of the customer at `position` in the document.
    public func tenantID(at position: Int) -> TenantID {
        customers.tenantID(at: Int(order[position]))
    }

    /// The name of the customer at `position` in the document.
    public func name(at position: Int) -> String {
        customers.name(at: Int(order[position]))
    }

    /// The portal link of the customer at `position` in the document.
    public func portalURL(at position: Int) -> String {
        portal.url(for: tenantID(at: position))
    }

    /// The extra links (`--links`) of the customer at `position` in the document, in `linkKinds` order; `nil`
    /// where the customer lacks what the kind needs.
    public func links(at position: Int) -> [String?] {
        guard !linkKinds.isEmpty else { return [] }
        return linkKinds.map { link($0, at: position) }
    }

    /// The link of `kind` for the customer at `position` in the document, or `nil` when the customer lacks what
    /// it needs. Reads only the values the kind needs (no `Customer` is built: this runs once per link).
    func link(_ kind: LinkKind, at position: Int) -> String? {
        kind.url.url { identifier in value(of: identifier, at: position) }
    }

    /// Whether the customer at `position` in the document has everything `kind` needs.
    func hasLink(_ kind: LinkKind, at position: Int) -> Bool {
        kind.identifiers.allSatisfy { value(of: $0, at: position) != nil }
    }

    /// What fills `identifier` for the customer at `position` in the document.
    private func value(of identifier: LinkIdentifier, at position: Int) -> String? {
        customers.value(of: identifier, at: Int(order[position]))
    }

    /// The aliases or tags of the customer at `position` in the document (the first of the columns
    /// `Customer.aliasColumns` the record has, trimmed), or `nil`: words the page's filter also finds it by.
    func aliases(at position: Int) -> String? {
        let fields = customers.otherFields(at: Int(order[position]))
        guard !fields.isEmpty else { return nil }
        // Each field's key is normalized once (this runs once per row); the first field of each column counts,
        // as `value(ofColumn:)` would take it.
        var firstByColumn = [RecordField?](repeating: nil, count: Customer.aliasKeys.count)
        for field in fields {
            if let rank = Customer.aliasKeys.firstIndex(of: ColumnRole.normalizedKey(field.key)),
                firstByColumn[rank] == nil
            {
                firstByColumn[rank] = field.field
            }
        }
        return firstByColumn.lazy.compactMap { Customer.columnValue($0?.value) }.first
    }

    /// The fragment identifier of the row of a tenant: `tenant-<tenant ID>`.
    public static func anchor(of tenantID: TenantID) -> String { "tenant-\(tenantID)" }

    /// Calls `body` with read access to the customers in document order that builds no strings, valid only
    /// while `body` runs (for the renderer and the link audit, which read every customer).
    func withCustomersInOrder<Result>(_ body: (CustomersInOrder) -> Result) -> Result {
        customers.withContents { contents in
            order.withUnsafeBufferPointer { order in body(CustomersInOrder(contents: contents, order: order)) }
        }
    }

    /// The customers in document order, read without building strings. Valid only inside
    /// `withCustomersInOrder`.
    struct CustomersInOrder {
        private let contents: CustomerList.Contents
        private let order: UnsafeBufferPointer<Int32>

        fileprivate init(contents: CustomerList.Contents, order: UnsafeBufferPointer<Int32>) {
            self.contents = contents
            self.order = order
        }

        /// The number of customers.
        var count: Int { order.count }

        /// The tenant ID of the customer at `position` in the document.
        @inline(__always)
        func tenantID(at position: Int) -> TenantID { contents.tenantID(at: Int(order[position])) }

        /// The name's UTF-8 bytes.
        @inline(__always)
        func name(at position: Int) -> UnsafeBufferPointer<UInt8> { contents.name(at: Int(order[position])) }

        /// Whether any customer has a domain.
        var anyHasDomain: Bool { contents.anyHasDomain }

        /// The domain's UTF-8 bytes, or `nil`.
        @inline(__always)
        func domain(at position: Int) -> UnsafeBufferPointer<UInt8>? { contents.domain(at: Int(order[position])) }
    }

    /// A run of customers that share a value in the `--group-by` column.
    public struct Group: Sendable, Equatable {
        /// The shared value, or "No <column>" for customers without one.
        public var title: String
        /// A fragment identifier for the group's section.
        public var anchor: String
        /// The group's customers, as positions in the document (indices into `order`).
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
