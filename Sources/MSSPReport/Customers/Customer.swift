/// A customer that passed validation: a name to show, a tenant ID to link to, and what other links need.
public struct Customer: Hashable, Sendable {
    /// The display name, trimmed.
    public var name: String
    /// The tenant ID.
    public var tenantID: TenantID
    /// The customer's initial `*.onmicrosoft.com` domain, lowercase, when the input has a valid one.
    public var initialDomain: String?
    /// The customer's default domain, lowercase, when the input has a valid one.
    public var defaultDomain: String?
    /// The other columns of the record, for templates and `{column:NAME}` links.
    public var otherFields: [CustomerRecord.OtherField]
    /// Where the customer's record starts.
    public var location: SourceLocation

    /// Creates a customer. A `domain` of unknown kind counts as the initial domain when it ends in
    /// `.onmicrosoft.com`, otherwise as the default domain.
    public init(
        name: String,
        tenantID: TenantID,
        domain: String? = nil,
        initialDomain: String? = nil,
        defaultDomain: String? = nil,
        otherFields: [CustomerRecord.OtherField] = [],
        location: SourceLocation
    ) {
        self.name = name
        self.tenantID = tenantID
        self.initialDomain = initialDomain ?? domain.flatMap { Self.isInitialDomain($0) ? $0 : nil }
        self.defaultDomain = defaultDomain ?? domain.flatMap { Self.isInitialDomain($0) ? nil : $0 }
        self.otherFields = otherFields
        self.location = location
    }

    /// The domain an index shows: the initial domain, else the default domain.
    public var domain: String? { initialDomain ?? defaultDomain }

    /// Whether `domain` is a `*.onmicrosoft.com` domain, the kind every tenant gets first.
    static func isInitialDomain(_ domain: String) -> Bool {
        // Bytes, not Characters: this runs once per row (domains are lowercase ASCII by then).
        let suffix = ".onmicrosoft.com".utf8
        return domain.utf8.count > suffix.count && domain.utf8.suffix(suffix.count).elementsEqual(suffix)
    }
}

extension Customer {
    /// The columns whose text the HTML page's filter also searches, in order of preference; matched as column
    /// names are. CIPP keeps a tenant alias for search (KelvinTegelaar/CIPP issue #3035); its EditTenant API
    /// names it `tenantAlias` (BNWEIN/CIPPAPIModule pull request #96).
    static let aliasColumns = ["aliases", "alias", "tenantAlias", "tags"]
    /// `aliasColumns`, normalized as column names are matched.
    static let aliasKeys = aliasColumns.map(ColumnRole.normalizedKey)

}

extension Customer {
    /// What a `{column:NAME}` placeholder or `--group-by` takes of a column's value: the trimmed text, `nil` when
    /// there is none.
    static func columnValue(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingWhitespace, !trimmed.isEmpty else { return nil }
        return trimmed
    }
}

extension [CustomerRecord.OtherField] {
    /// The value of this column or key (matched as column names are), if the record had it.
    func value(ofColumn column: String) -> String? {
        let key = ColumnRole.normalizedKey(column)
        return first { ColumnRole.normalizedKey($0.key) == key }?.field.value
    }
}
