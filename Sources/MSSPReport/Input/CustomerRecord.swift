/// One row of a CSV file or one object of a JSON file, its values sorted by the role they play.
public struct CustomerRecord: Hashable, Sendable {
    /// Where the record starts.
    public var location: SourceLocation
    /// The customer's display name, if the record has one.
    public var name: RecordField?
    /// The tenant ID as written, if the record has one.
    public var tenantID: RecordField?
    /// The customer's initial domain, if the record has a column for it.
    public var initialDomain: RecordField?
    /// The customer's default domain, if the record has a column for it.
    public var defaultDomain: RecordField?
    /// A domain of either kind, if the record has a plain domain column.
    public var domain: RecordField?
    /// Every other column or key, by its name as written in the header, in input order.
    public var otherFields: [OtherField]
    /// Whether the record is the customer of a GDAP relationship (a Graph `delegatedAdminRelationship` export):
    /// such an export names a customer once per relationship, so a customer listed again is expected.
    public var isRelationship = false

    /// A column or key that plays no role in validation but may be shown by a template.
    public struct OtherField: Hashable, Sendable {
        /// The column name or key as written.
        public var key: String
        /// The value.
        public var field: RecordField

        /// Creates a field.
        public init(key: String, field: RecordField) {
            self.key = key
            self.field = field
        }
    }

    /// Creates a record.
    public init(
        location: SourceLocation,
        name: RecordField? = nil,
        tenantID: RecordField? = nil,
        domain: RecordField? = nil,
        initialDomain: RecordField? = nil,
        defaultDomain: RecordField? = nil,
        otherFields: [OtherField] = []
    ) {
        self.initialDomain = initialDomain
        self.defaultDomain = defaultDomain
        self.location = location
        self.name = name
        self.tenantID = tenantID
        self.domain = domain
        self.otherFields = otherFields
    }

    /// The field that plays `role`, if the record has one.
    public subscript(role: ColumnRole) -> RecordField? {
        get {
            switch role {
            case .name: name
            case .tenantID: tenantID
            case .initialDomain: initialDomain
            case .defaultDomain: defaultDomain
            case .domain: domain
            }
        }
        set {
            switch role {
            case .name: name = newValue
            case .tenantID: tenantID = newValue
            case .initialDomain: initialDomain = newValue
            case .defaultDomain: defaultDomain = newValue
            case .domain: domain = newValue
            }
        }
    }
}
