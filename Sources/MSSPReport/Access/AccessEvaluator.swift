/// Judges, as of a day, whether the SOC can open each customer's Microsoft Defender: each customer's GDAP
/// relationships (joined by tenant ID) and, when given, their access assignments, against the role catalog.
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

    /// The customer's approval link of a relationship: the URI template of Graph's GDAP API overview
    /// (microsoftgraph/microsoft-graph-docs-contrib,
    /// `api-reference/v1.0/resources/delegatedadminrelationships-api-overview.md`).
    public static func approvalURL(relationshipID: String) -> String? {
        let allowed = relationshipID.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x2D
        }
        guard allowed, !relationshipID.isEmpty else { return nil }
        return
            "https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/\(relationshipID)"
    }

    /// Creates an evaluator.
    public init(asOf: CalendarDay, expiringWithin: Int = 30, catalog: RoleCatalog = .builtIn) {
        self.asOf = asOf
        self.expiringWithin = expiringWithin
        self.catalog = catalog
    }

    /// The statuses Graph documents for a relationship.
    enum Status: String, CaseIterable {
        case created, approvalPending, approved, activating, active, expiring, expired, terminationRequested
        case terminating, terminated

        init?(_ text: String) {
            let key = text.trimmingWhitespace.lowercased()
            guard let status = Self.allCases.first(where: { $0.rawValue.lowercased() == key }) else { return nil }
            self = status
        }
    }

    /// What one relationship gives, as a candidate for its customer's state.
    private struct Candidate {
        var access: CustomerAccess
        /// Orders candidates of one state: higher is better (later end, auto-extension, a link to approve).
        var preference: Int
    }

    /// The access state of every customer, by position in `customers`, with the diagnostics of the
    /// relationships and of the customers whose access needs someone's attention.
    /// - Parameters:
    ///   - assignments: The access assignments, when an export of them was given; then a role counts only when
    ///     an active assignment of its relationship grants it.
    ///   - source: The relationships export(s), as messages name them.
    public func evaluate(
        customers: CustomerList, relationships: [RelationshipRecord], assignments: [AccessAssignmentRecord]?,
        source: String
    ) -> (states: [CustomerAccess], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let assigned = assignments.map { assignedRoles($0, relationships: relationships, diagnostics: &diagnostics) }
        var positionByTenant: [TenantID: Int] = [:]
        positionByTenant.reserveCapacity(customers.count)
        for position in customers.indices { positionByTenant[customers.tenantID(at: position)] = position }

        var best: [Candidate?] = Array(repeating: nil, count: customers.count)
        for relationship in relationships {
            guard let tenantField = relationship.customerTenantID, !tenantField.value.trimmingWhitespace.isEmpty
            else {
                diagnostics.append(
                    .warning(
                        .relationshipWithoutCustomer,
                        "GDAP relationship \(Self.describe(relationship)) names no customer (customer.tenantId); a relationship created for any customer has none until one approves it",
                        at: relationship.location))
                continue
            }
            guard let (tenantID, _) = TenantID.parse(tenantField.value) else {
                diagnostics.append(
                    .warning(
                        .relationshipUnreadable,
                        "GDAP relationship \(Self.describe(relationship)): customer.tenantId \(tenantField.value.quotedForDiagnostic) is not a GUID; the relationship is left out",
                        at: tenantField.location))
                continue
            }
            guard let position = positionByTenant[tenantID] else {
                let name = relationship.customerName.map { " (\($0.quotedForDiagnostic))" } ?? ""
                diagnostics.append(
                    .warning(
                        .relationshipCustomerNotListed,
                        "GDAP relationship \(Self.describe(relationship)) is with tenant \(tenantID)\(name), which is not in the customer list",
                        at: relationship.location))
                continue
            }
            guard !relationship.isReseller else { continue }
            guard let candidate = candidate(for: relationship, assigned: assigned, diagnostics: &diagnostics) else {
                continue
            }
            if let current = best[position],
                (current.access.state, -current.preference) <= (candidate.access.state, -candidate.preference)
            {
                continue
            }
            best[position] = candidate
        }

        var states: [CustomerAccess] = []
        states.reserveCapacity(customers.count)
        for position in customers.indices {
            let access = best[position]?.access ?? .noRelationship
            states.append(access)
            if let diagnostic = attention(access, customer: position, in: customers, source: source) {
                diagnostics.append(diagnostic)
            }
        }
        return (states, diagnostics)
    }

    /// The roles each relationship's active assignments grant, by relationship ID (lowercase).
    private func assignedRoles(
        _ assignments: [AccessAssignmentRecord], relationships: [RelationshipRecord],
        diagnostics: inout [Diagnostic]
    ) -> [String: Set<String>] {
        let known = Set(relationships.compactMap { $0.id?.value.trimmingWhitespace.lowercased() })
        var roles: [String: Set<String>] = [:]
        for assignment in assignments {
            guard let relationship = assignment.relationshipID?.value.trimmingWhitespace.lowercased(),
                !relationship.isEmpty
            else {
                diagnostics.append(
                    .warning(
                        .assignmentUnmatched,
                        "the access assignment names no relationship (relationshipId); docs/access.md shows how to add it",
                        at: assignment.location))
                continue
            }
            guard known.contains(relationship) else {
                diagnostics.append(
                    .warning(
                        .assignmentUnmatched,
                        "the access assignment belongs to relationship \(relationship.quotedForDiagnostic), which is not in the relationships export",
                        at: assignment.relationshipID?.location ?? assignment.location))
                continue
            }
            guard assignment.status?.value.trimmingWhitespace.lowercased() == "active" else { continue }
            roles[relationship, default: []].formUnion(
                assignment.roleIDs.map { $0.value.trimmingWhitespace.lowercased() })
        }
        return roles
    }

    /// What one relationship gives its customer, or `nil` (with a diagnostic) when it cannot be read.
    private func candidate(
        for relationship: RelationshipRecord, assigned: [String: Set<String>]?, diagnostics: inout [Diagnostic]
    ) -> Candidate? {
        guard let statusField = relationship.status, let status = Status(statusField.value) else {
            let written = relationship.status.map { "status \($0.value.quotedForDiagnostic) is not" } ?? "no status is"
            diagnostics.append(
                .warning(
                    .relationshipUnreadable,
                    "GDAP relationship \(Self.describe(relationship)): \(written) one Graph documents (active, approvalPending, expired, ...); the relationship is left out",
                    at: relationship.status?.location ?? relationship.location))
            return nil
        }
        var endDay: CalendarDay?
        if let end = relationship.endDateTime {
            endDay = CalendarDay(dateTime: end.value.trimmingWhitespace)
            if endDay == nil {
                diagnostics.append(
                    .warning(
                        .relationshipUnreadable,
                        "GDAP relationship \(Self.describe(relationship)): endDateTime \(end.value.quotedForDiagnostic) is not an ISO 8601 date and time; its end is not known",
                        at: end.location))
            }
        }
        let name = relationship.displayName
        var access = CustomerAccess(
            state: .ended, text: "", relationshipName: name, relationshipLocation: relationship.location)
        let allRoles = relationship.roleIDs.map { $0.value.trimmingWhitespace.lowercased() }
        let countedRoles =
            assigned.map { assigned in
                let granted = assigned[relationship.id?.value.trimmingWhitespace.lowercased() ?? ""] ?? []
                return allRoles.filter { granted.contains($0) }
            } ?? allRoles
        access.endsOn = endDay
        access.roles = describeRoles(allRoles, counted: assigned == nil ? nil : Set(countedRoles))
        let preferenceOfEnd = endDay.map { $0.number } ?? 0

        switch status {
        case .active:
            if let endDay, endDay < asOf {
                access.text = "Ended: past its end date, \(endDay)"
                return Candidate(access: access, preference: preferenceOfEnd)
            }
            let level = countedRoles.compactMap { catalog.role(id: $0)?.defender }.min() ?? .none
            guard level.opensDefender else {
                access.state = .noDefenderRole
                let hasUnassigned = allRoles.contains { catalog.role(id: $0)?.defender.opensDefender ?? false }
                access.text =
                    hasUnassigned && assigned != nil
                    ? "No role that opens Defender is assigned" : "No role that opens Defender"
                return Candidate(access: access, preference: preferenceOfEnd)
            }
            let autoExtends = Self.autoExtends(relationship.autoExtendDuration?.value)
            guard let endDay else {
                access.state = .active
                access.text = "Active (no end date in the export)"
                return Candidate(access: access, preference: Int.max / 2)
            }
            let daysLeft = endDay.number - asOf.number
            access.daysLeft = daysLeft
            if autoExtends {
                access.state = .active
                access.text = "Active until \(endDay), auto-extends"
                return Candidate(access: access, preference: Int.max / 2 + endDay.number)
            }
            if daysLeft <= expiringWithin {
                access.state = .expiring
                access.text =
                    daysLeft == 0
                    ? "Expiring today, \(endDay)"
                    : "Expiring on \(endDay) (\(daysLeft) day\(daysLeft == 1 ? "" : "s") left)"
            } else {
                access.state = .active
                access.text = "Active until \(endDay) (\(daysLeft) days left)"
            }
            return Candidate(access: access, preference: endDay.number)
        case .approvalPending:
            access.state = .pending
            access.text = "Pending the customer's approval"
            access.approvalURL = relationship.id.flatMap {
                Self.approvalURL(relationshipID: $0.value.trimmingWhitespace)
            }
            return Candidate(access: access, preference: 3)
        case .approved, .activating:
            access.state = .pending
            access.text = "Pending: approved, activating"
            return Candidate(access: access, preference: 2)
        case .created:
            access.state = .pending
            access.text = "Pending: not yet sent for approval"
            return Candidate(access: access, preference: 1)
        case .expiring:
            access.text = "Ended: past its end date\(endDay.map { ", \($0)" } ?? "") (deprovisioning)"
        case .expired:
            access.text = "Ended: expired\(endDay.map { " \($0)" } ?? "")"
        case .terminationRequested:
            access.text = "Ended: termination requested"
        case .terminating:
            access.text = "Ended: terminating"
        case .terminated:
            access.text = "Ended: terminated\(endDay.map { " \($0)" } ?? "")"
        }
        return Candidate(access: access, preference: preferenceOfEnd)
    }

    /// Whether an `autoExtendDuration` extends the relationship: anything but none, `PT0S` and `P0D` (Graph: "PT0S
    /// indicates that the relationship expires when the endDateTime is reached").
    static func autoExtends(_ duration: String?) -> Bool {
        guard let duration = duration?.trimmingWhitespace.uppercased(), !duration.isEmpty else { return false }
        let digits = duration.filter(\.isNumber)
        return !digits.isEmpty && digits.contains { $0 != "0" }
    }

    /// The roles as an analyst reads them: "Security Reader (read), Exchange Administrator (none)"; with an
    /// assignments export, a role no active assignment grants says so.
    private func describeRoles(_ roles: [String], counted: Set<String>?) -> String? {
        guard !roles.isEmpty else { return nil }
        return roles.map { id in
            let known = catalog.role(id: id)
            var text = known.map { "\($0.name) (\($0.defender.rawValue))" } ?? "unknown role \(id)"
            if let counted, !counted.contains(id) { text += ", not assigned" }
            return text
        }.joined(separator: "; ")
    }

    /// The warning for a customer whose access needs attention, at its place in the customer list.
    private func attention(
        _ access: CustomerAccess, customer position: Int, in customers: CustomerList, source: String
    ) -> Diagnostic? {
        let name = customers.name(at: position).quotedForDiagnostic
        let location = customers.location(at: position)
        let relationship =
            access.relationshipName.map { "GDAP relationship \($0.quotedForDiagnostic)" } ?? "its GDAP relationship"
        // A relationships export that is the customer list names the customer where the relationship is.
        let place = access.relationshipLocation.flatMap { $0 == location ? nil : " (\($0))" } ?? ""
        switch access.state {
        case .active:
            return nil
        case .expiring:
            let days = access.daysLeft ?? 0
            // Partner Center warns of relationships that expire within 30, 7 and 1 days.
            let band = days <= 1 ? 1 : days <= 7 ? 7 : 30
            let end = access.endsOn.map(String.init(describing:)) ?? "?"
            let when = days == 0 ? "today, \(end)" : "in \(days) day\(days == 1 ? "" : "s"), on \(end)"
            return .warning(
                .accessExpiring,
                "customer \(name)'s access to Microsoft Defender ends \(when) (within \(band) day\(band == 1 ? "" : "s")): \(relationship)\(place) does not auto-extend; extend it or have the customer approve a new one",
                at: location)
        case .pending:
            let link = access.approvalURL.map { "; the customer approves it at \($0)" } ?? ""
            return .warning(
                .accessPending,
                "customer \(name) cannot open Microsoft Defender yet: \(relationship)\(place) is \(access.text.lowercased())\(link)",
                at: location)
        case .noDefenderRole:
            return .warning(
                .accessNoDefenderRole,
                "customer \(name) cannot open Microsoft Defender: \(relationship)\(place) is active but grants no role that opens it (\(access.roles ?? "no roles")); Security Reader, Security Operator or Security Administrator do",
                at: location)
        case .ended:
            return .warning(
                .accessEnded,
                "customer \(name) cannot open Microsoft Defender: \(relationship)\(place) has \(access.text.lowercased()), and no other relationship is active",
                at: location)
        case .noRelationship:
            return .warning(
                .accessNoRelationship,
                "customer \(name) has no GDAP relationship in \(source); the SOC can open its Defender only through B2B access or another partner",
                at: location)
        }
    }

    /// A relationship as messages name it: its display name, else its ID.
    static func describe(_ relationship: RelationshipRecord) -> String {
        if let name = relationship.displayName { return name.quotedForDiagnostic }
        if let id = relationship.id?.value { return id.quotedForDiagnostic }
        return "(without a name or ID)"
    }
}
