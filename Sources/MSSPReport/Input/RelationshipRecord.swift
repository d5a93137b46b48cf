/// One GDAP relationship of a Microsoft Graph `delegatedAdminRelationship` export, as written: the fields the
/// access stage reads, each with its place. Nothing is interpreted here (statuses, dates and roles are the
/// access stage's); keys are matched ignoring case, as PowerShell's Graph module writes them in PascalCase.
///
/// Graph's resource: microsoftgraph/microsoft-graph-docs-contrib,
/// `api-reference/v1.0/resources/delegatedadminrelationship.md`.
public struct RelationshipRecord: Hashable, Sendable {
    /// Where the relationship's object starts.
    public var location: SourceLocation
    /// `id`: the relationship's ID (the customer's approval link is built from it).
    public var id: RecordField?
    /// `displayName`: the partner's name for the relationship.
    public var displayName: String?
    /// `status`: `active`, `approvalPending`, `expired`, ...
    public var status: RecordField?
    /// `endDateTime`: when the relationship ends (`null` while approval is pending).
    public var endDateTime: RecordField?
    /// `autoExtendDuration`: `PT0S` or `P0D` (no auto-extension, the default) or `P180D`.
    public var autoExtendDuration: RecordField?
    /// `customer.tenantId`; a relationship created for any customer has none until it is approved.
    public var customerTenantID: RecordField?
    /// `customer.displayName`.
    public var customerName: String?
    /// `accessDetails.unifiedRoles[].roleDefinitionId`: the roles the relationship grants.
    public var roleIDs: [RecordField]
    /// `@odata.type` is `#microsoft.graph.resellerDelegatedAdminRelationship` (an indirect reseller's).
    public var isReseller: Bool

    /// Creates a record.
    public init(
        location: SourceLocation, id: RecordField? = nil, displayName: String? = nil, status: RecordField? = nil,
        endDateTime: RecordField? = nil, autoExtendDuration: RecordField? = nil,
        customerTenantID: RecordField? = nil, customerName: String? = nil, roleIDs: [RecordField] = [],
        isReseller: Bool = false
    ) {
        self.location = location
        self.id = id
        self.displayName = displayName
        self.status = status
        self.endDateTime = endDateTime
        self.autoExtendDuration = autoExtendDuration
        self.customerTenantID = customerTenantID
        self.customerName = customerName
        self.roleIDs = roleIDs
        self.isReseller = isReseller
    }
}

/// One access assignment of a GDAP relationship (Graph's `delegatedAdminAccessAssignment`), tagged with the ID
/// of its relationship: Graph lists assignments per relationship and does not name the relationship in them, so
/// the export adds `relationshipId` (docs/access.md shows how).
///
/// Graph's resource: microsoftgraph/microsoft-graph-docs-contrib,
/// `api-reference/v1.0/resources/delegatedadminaccessassignment.md`.
public struct AccessAssignmentRecord: Hashable, Sendable {
    /// Where the assignment's object starts.
    public var location: SourceLocation
    /// `id`.
    public var id: String?
    /// `relationshipId` (or `delegatedAdminRelationshipId`): the relationship the assignment belongs to.
    public var relationshipID: RecordField?
    /// `status`: `pending`, `active`, `deleting`, `deleted` or `error`.
    public var status: RecordField?
    /// `accessDetails.unifiedRoles[].roleDefinitionId`: the roles it grants the access container's members.
    public var roleIDs: [RecordField]

    /// Creates a record.
    public init(
        location: SourceLocation, id: String? = nil, relationshipID: RecordField? = nil, status: RecordField? = nil,
        roleIDs: [RecordField] = []
    ) {
        self.location = location
        self.id = id
        self.relationshipID = relationshipID
        self.status = status
        self.roleIDs = roleIDs
    }
}
