/// Reading Microsoft Graph's GDAP relationships from a customer list parsed as a tree (standard input, a pipe).
/// Files are read as a stream by `GraphExportReader`; this reads the same fields from the same shapes.
///
/// Keys are matched ignoring case: Graph writes `accessDetails`, PowerShell's Microsoft.Graph module
/// (`Get-MgTenantRelationshipDelegatedAdminRelationship | ConvertTo-Json -Depth 5`) writes `AccessDetails`.
extension JSONReader {
    /// Whether an object is a GDAP relationship: it has `accessDetails`, or Graph's `@odata.type` says so
    /// (`#microsoft.graph.delegatedAdminRelationship` or `#microsoft.graph.resellerDelegatedAdminRelationship`).
    static func isRelationship(_ members: [JSONValue.Member]) -> Bool {
        if member("accessdetails", in: members) != nil { return true }
        if case .string(let type, _)? = member("@odata.type", in: members) {
            return type.lowercased().hasSuffix("delegatedadminrelationship")
        }
        return false
    }

    /// The relationship an object describes, its fields as written.
    static func relationship(_ members: [JSONValue.Member], at location: SourceLocation) -> RelationshipRecord {
        var record = RelationshipRecord(location: location)
        record.id = field(member("id", in: members))
        record.displayName = field(member("displayname", in: members))?.value
        record.status = field(member("status", in: members))
        record.endDateTime = field(member("enddatetime", in: members))
        record.autoExtendDuration = duration(member("autoextendduration", in: members))
        if case .object(let customer, _)? = member("customer", in: members) {
            record.customerTenantID = field(member("tenantid", in: customer))
            record.customerName = field(member("displayname", in: customer))?.value
        }
        record.roleIDs = roleIDs(member("accessdetails", in: members))
        if case .string(let type, _)? = member("@odata.type", in: members) {
            record.isReseller = type.lowercased().hasSuffix("resellerdelegatedadminrelationship")
        }
        return record
    }

    /// The value of the key `lowercasedName` (matched ignoring case), if the object has it.
    static func member(_ lowercasedName: String, in members: [JSONValue.Member]) -> JSONValue? {
        members.first { $0.key.utf8.count == lowercasedName.utf8.count && $0.key.lowercased() == lowercasedName }?
            .value
    }

    /// A string value as a field; `nil` for `null`, a missing key or another kind of value.
    static func field(_ value: JSONValue?) -> RecordField? {
        guard case .string(let text, let location)? = value else { return nil }
        return RecordField(text, at: location)
    }

    /// An ISO 8601 duration as written, or, from Windows PowerShell's ConvertTo-Json of a TimeSpan (an object
    /// with `Days`), the same as `P<days>D`.
    static func duration(_ value: JSONValue?) -> RecordField? {
        if case .object(let members, let location)? = value {
            guard case .number(let days, _)? = member("days", in: members) else { return nil }
            return RecordField("P\(days)D", at: location)
        }
        return field(value)
    }

    /// `accessDetails.unifiedRoles[].roleDefinitionId`.
    static func roleIDs(_ accessDetails: JSONValue?) -> [RecordField] {
        guard case .object(let details, _)? = accessDetails,
            case .array(let roles, _)? = member("unifiedroles", in: details)
        else { return [] }
        return roles.compactMap { role in
            guard case .object(let members, _) = role else { return nil }
            return field(member("roledefinitionid", in: members))
        }
    }
}
