/// Judges, as of a day, whether the SOC can open each customer's Microsoft Defender: each customer's GDAP
/// relationships (joined by tenant ID) and, when given, their access assignments, against the role catalog.
///
/// Relationships are judged one by one as they are read (`add`), and only the best one of each customer is kept
/// (`AccessEntry`), so memory grows with the customers, not with the export.
///
/// Facts it rests on (docs/access.md cites each): Graph's relationship statuses and fields
/// (`delegatedadminrelationship.md`; `expiring` means past the end date while deprovisioning), the access
/// assignments' statuses (`delegatedadminaccessassignment.md`), the roles that open Defender XDR
/// (`Catalog/roles.yaml`), the customer's approval link (Graph's GDAP API overview) and Partner Center's 30, 7
/// and 1 day expiry bands.
public struct AccessEvaluator: Sendable {
    /// The day access is judged on.
    public var asOf: CalendarDay
    /// A relationship that ends within this many days (and does not auto-extend) is expiring.
    public var expiringWithin: Int
    /// The roles.
    public var catalog: RoleCatalog

    /// Creates an evaluator.
    public init(asOf: CalendarDay, expiringWithin: Int = 30, catalog: RoleCatalog = .builtIn) {
        self.asOf = asOf
        self.expiringWithin = expiringWithin
        self.catalog = catalog
    }

    /// The customer's approval link of a relationship: the URI template of Graph's GDAP API overview
    /// (microsoftgraph/microsoft-graph-docs-contrib,
    /// `api-reference/v1.0/resources/delegatedadminrelationships-api-overview.md`). `nil` for an ID that is not
    /// letters, digits and hyphens, as Graph's are.
    public static func approvalURL(relationshipID: String) -> String? {
        let allowed = relationshipID.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x2D
        }
        guard allowed, !relationshipID.isEmpty else { return nil }
        return
            "https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/\(relationshipID)"
    }

    /// The statuses Graph documents for a relationship.
    enum Status: String, CaseIterable {
        case created, approvalPending, approved, activating, active, expiring, expired, terminationRequested
        case terminating, terminated

        private static let byLowercasedName = Dictionary(
            uniqueKeysWithValues: allCases.map { ($0.rawValue.lowercased(), $0) })

        init?(_ text: String) {
            let key =
                text.utf8.contains { $0 >= 0x41 && $0 <= 0x5A || $0 <= 0x20 }
                ? text.trimmingWhitespace.lowercased() : text
            guard let status = Self.byLowercasedName[key] else { return nil }
            self = status
        }
    }

    /// Whether an `autoExtendDuration` extends the relationship: anything but none, `PT0S` and `P0D` (Graph: "PT0S
    /// indicates that the relationship expires when the endDateTime is reached").
    static func autoExtends(_ duration: String?) -> Bool {
        guard let duration, !duration.isEmpty else { return false }
        return duration.utf8.contains { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }
    }

    /// A relationship as messages name it: its display name, else its ID.
    static func describe(_ relationship: RelationshipRecord) -> String {
        if let name = relationship.displayName { return name.quotedForDiagnostic }
        if let id = relationship.id?.value { return id.quotedForDiagnostic }
        return "(without a name or ID)"
    }

    /// Every customer's access from relationships and assignments already read: the accumulator fed with them.
    /// - Parameters:
    ///   - assignments: The access assignments, when an export of them was given; then a role counts only when
    ///     an active assignment of its relationship grants it.
    ///   - source: The relationships export(s), as the index and messages name them.
    public func evaluate(
        customers: CustomerList, relationships: [RelationshipRecord], assignments: [AccessAssignmentRecord]?,
        source: String
    ) -> (report: AccessReport, diagnostics: [Diagnostic]) {
        var positions: [TenantID: Int] = [:]
        for position in customers.indices { positions[customers.tenantID(at: position)] = position }
        var accumulator = AccessAccumulator(evaluator: self, usesAssignments: assignments != nil)
        for relationship in relationships { accumulator.add(relationship) { positions[$0] } }
        return accumulator.finish(customers: customers, assignments: assignments ?? [], source: source)
    }
}
