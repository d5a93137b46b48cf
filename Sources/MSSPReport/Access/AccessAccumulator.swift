/// Judges relationships as they are read and keeps the best one of each customer (see `AccessEvaluator`).
public struct AccessAccumulator: Sendable {
    let evaluator: AccessEvaluator
    /// Whether an assignments export will be given: then an active relationship's state waits for it.
    let usesAssignments: Bool
    /// The best entry of each customer so far, by position in the customer list (grown as customers come).
    private var entries: [AccessEntry] = []
    private var store = AccessReport.Details()
    private var diagnostics: [Diagnostic] = []
    /// Active relationships whose state depends on their assignments (only with `usesAssignments`).
    private var waiting: [Waiting] = []

    private struct Waiting: Sendable {
        var position: Int
        var id: String
        var entry: AccessEntry
        var name: String?
        var location: SourceLocation
    }

    /// Starts judging.
    public init(evaluator: AccessEvaluator, usesAssignments: Bool) {
        self.evaluator = evaluator
        self.usesAssignments = usesAssignments
    }

    /// Judges one relationship; `position` finds the customer of a tenant ID in the customer list.
    public mutating func add(_ relationship: RelationshipRecord, position: (TenantID) -> Int?) {
        guard let tenantField = relationship.customerTenantID, !tenantField.value.trimmingWhitespace.isEmpty else {
            diagnostics.append(
                .warning(
                    .relationshipWithoutCustomer,
                    "GDAP relationship \(AccessEvaluator.describe(relationship)) names no customer (customer.tenantId); a relationship created for any customer has none until one approves it",
                    at: relationship.location))
            return
        }
        guard let (tenantID, _) = TenantID.parse(tenantField.value) else {
            diagnostics.append(
                .warning(
                    .relationshipUnreadable,
                    "GDAP relationship \(AccessEvaluator.describe(relationship)): customer.tenantId \(tenantField.value.quotedForDiagnostic) is not a GUID; the relationship is left out",
                    at: tenantField.location))
            return
        }
        guard let position = position(tenantID) else {
            let name = relationship.customerName.map { " (\($0.quotedForDiagnostic))" } ?? ""
            diagnostics.append(
                .warning(
                    .relationshipCustomerNotListed,
                    "GDAP relationship \(AccessEvaluator.describe(relationship)) is with tenant \(tenantID)\(name), which is not in the customer list",
                    at: relationship.location))
            return
        }
        // An indirect reseller's relationship gives the listing partner's SOC no access.
        guard !relationship.isReseller, let entry = judge(relationship) else { return }
        if usesAssignments, entry.state == .active || entry.state == .expiring {
            waiting.append(
                Waiting(
                    position: position, id: relationship.id?.value.trimmingWhitespace.lowercased() ?? "", entry: entry,
                    name: relationship.displayName, location: relationship.location))
            return
        }
        keep(
            entry, at: position, name: relationship.displayName, id: relationship.id?.value,
            location: relationship.location)
    }

    /// Keeps `entry` for the customer at `position` when it is better than the one kept so far, with its
    /// relationship's details unless it is active (an active state needs none).
    private mutating func keep(
        _ entry: AccessEntry, at position: Int, name: String?, id: String?, location: SourceLocation
    ) {
        if position >= entries.count {
            entries.append(contentsOf: repeatElement(.none, count: position + 1 - entries.count))
        }
        guard entry.isBetter(than: entries[position]) else { return }
        var entry = entry
        if entry.state != .active { entry.details = store.add(name: name, id: id, location: location) }
        entries[position] = entry
    }

    /// The entry one relationship makes, or `nil` (with a diagnostic) when it cannot be read.
    private mutating func judge(_ relationship: RelationshipRecord) -> AccessEntry? {
        guard let statusField = relationship.status, let status = AccessEvaluator.Status(statusField.value) else {
            let written = relationship.status.map { "status \($0.value.quotedForDiagnostic) is not" } ?? "no status is"
            diagnostics.append(
                .warning(
                    .relationshipUnreadable,
                    "GDAP relationship \(AccessEvaluator.describe(relationship)): \(written) one Graph documents (active, approvalPending, expired, ...); the relationship is left out",
                    at: relationship.status?.location ?? relationship.location))
            return nil
        }
        var endDay: CalendarDay?
        if let end = relationship.endDateTime {
            endDay = CalendarDay(dateTime: end.value)
            if endDay == nil {
                diagnostics.append(
                    .warning(
                        .relationshipUnreadable,
                        "GDAP relationship \(AccessEvaluator.describe(relationship)): endDateTime \(end.value.quotedForDiagnostic) is not an ISO 8601 date and time; its end is not known",
                        at: end.location))
            }
        }
        var entry = AccessEntry(state: .ended, variant: .terminated)
        if let endDay { entry.endDay = Int32(clamping: endDay.number) }
        var unknown: [String] = []
        for role in relationship.roleIDs {
            if let index = evaluator.catalog.index(ofRole: role.value) {
                entry.roles |= 1 << UInt32(index)
            } else {
                unknown.append(role.value.trimmingWhitespace.lowercased())
            }
        }
        if !unknown.isEmpty { entry.unknownRoles = store.add(unknownRoles: unknown) }
        switch status {
        case .active:
            if let endDay, endDay < evaluator.asOf {
                entry.variant = .pastEnd
                return entry
            }
            if usesAssignments {
                // Judged when the assignments are known (`finish`).
                entry.state = .active
                entry.variant =
                    AccessEvaluator.autoExtends(relationship.autoExtendDuration?.value) ? .autoExtends : .days
                if endDay == nil { entry.variant = .noEnd }
                return entry
            }
            judgeActive(&entry, autoExtends: AccessEvaluator.autoExtends(relationship.autoExtendDuration?.value))
        case .approvalPending: (entry.state, entry.variant) = (.pending, .approvalPending)
        case .approved, .activating: (entry.state, entry.variant) = (.pending, .approved)
        case .created: (entry.state, entry.variant) = (.pending, .created)
        case .expiring: entry.variant = .expiringStatus
        case .expired: entry.variant = .expired
        case .terminationRequested: entry.variant = .terminationRequested
        case .terminating: entry.variant = .terminating
        case .terminated: entry.variant = .terminated
        }
        return entry
    }

    /// Sets the state of an active relationship (not past its end) from its roles and end.
    private func judgeActive(_ entry: inout AccessEntry, autoExtends: Bool) {
        let counted = entry.roles & ~entry.unassignedRoles
        guard evaluator.catalog.opensDefender(roles: counted) else {
            entry.state = .noDefenderRole
            entry.variant =
                evaluator.catalog.opensDefender(roles: entry.roles) && entry.unassignedRoles != 0
                ? .noRoleAssigned : .noRole
            return
        }
        entry.state = .active
        guard let end = entry.end else {
            entry.variant = .noEnd
            return
        }
        if autoExtends {
            entry.variant = .autoExtends
            return
        }
        entry.variant = .days
        if end.number - evaluator.asOf.number <= evaluator.expiringWithin { entry.state = .expiring }
    }

    /// Every customer's access: the waiting relationships judged with `assignments`, and a warning for each
    /// customer whose access needs attention, at its place in the customer list.
    public mutating func finish(
        customers: CustomerList, assignments: [AccessAssignmentRecord], source: String
    ) -> (report: AccessReport, diagnostics: [Diagnostic]) {
        if entries.count < customers.count {
            entries.append(contentsOf: repeatElement(.none, count: customers.count - entries.count))
        }
        if usesAssignments { judgeWaiting(assignments) }
        let report = AccessReport(
            asOf: evaluator.asOf, expiringWithin: evaluator.expiringWithin, source: source,
            usesAssignments: usesAssignments, catalog: evaluator.catalog, entries: entries, details: store)
        for position in customers.indices {
            if let diagnostic = report.attention(customer: position, in: customers) { diagnostics.append(diagnostic) }
        }
        return (report, diagnostics)
    }

    /// Judges the active relationships that waited for the assignments.
    private mutating func judgeWaiting(_ assignments: [AccessAssignmentRecord]) {
        let known = Set(waiting.map(\.id))
        var granted: [String: UInt32] = [:]
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
                        "the access assignment belongs to relationship \(relationship.quotedForDiagnostic), which is not an active relationship of the export",
                        at: assignment.relationshipID?.location ?? assignment.location))
                continue
            }
            guard assignment.status?.value.trimmingWhitespace.lowercased() == "active" else { continue }
            var roles: UInt32 = 0
            for role in assignment.roleIDs {
                if let index = evaluator.catalog.index(ofRole: role.value) { roles |= 1 << UInt32(index) }
            }
            granted[relationship, default: 0] |= roles
        }
        for var relationship in waiting {
            let autoExtends = relationship.entry.variant == .autoExtends
            relationship.entry.unassignedRoles = relationship.entry.roles & ~(granted[relationship.id] ?? 0)
            judgeActive(&relationship.entry, autoExtends: autoExtends)
            keep(
                relationship.entry, at: relationship.position, name: relationship.name, id: relationship.id,
                location: relationship.location)
        }
        waiting = []
    }
}
