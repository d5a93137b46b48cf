/// A customer that passed validation: a name to show and a tenant ID to link to.
public struct Customer: Hashable, Sendable {
    /// The display name, trimmed.
    public var name: String
    /// The tenant ID.
    public var tenantID: TenantID
    /// The customer's domain, lowercase, when the input has a valid one.
    public var domain: String?
    /// The other columns of the record, for templates that show them.
    public var otherFields: [CustomerRecord.OtherField]
    /// Where the customer's record starts.
    public var location: SourceLocation

    /// Creates a customer.
    public init(
        name: String,
        tenantID: TenantID,
        domain: String? = nil,
        otherFields: [CustomerRecord.OtherField] = [],
        location: SourceLocation
    ) {
        self.name = name
        self.tenantID = tenantID
        self.domain = domain
        self.otherFields = otherFields
        self.location = location
    }
}

extension Customer {
    /// The value of this column or key among the other fields (matched as column names are), if the record
    /// had it.
    func fieldValue(_ column: String) -> String? {
        let key = ColumnRole.normalizedKey(column)
        return otherFields.first { ColumnRole.normalizedKey($0.key) == key }?.field.value
    }
}
