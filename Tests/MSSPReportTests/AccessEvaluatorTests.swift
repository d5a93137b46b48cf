import Testing

@testable import MSSPReport

/// The access stage: each state, the best of several relationships, assignments, and the diagnostics.
@Suite struct AccessEvaluatorTests {
    static let securityReader = "5d6b6bb7-de71-4623-b4af-96380a352509"
    static let securityAdministrator = "194ae4cb-b126-40b2-bd5b-6091b380977d"
    static let exchangeAdministrator = "29232cdf-9323-42fd-ade2-1d097af3e4de"
    static let tenant = "d13c513a-42f8-4da1-97b1-165f0971b7c4"

    let asOf = CalendarDay(date: "2026-12-06")!
    let customers = CustomerList([
        Customer(
            name: "Contoso", tenantID: TenantID.parse(AccessEvaluatorTests.tenant)!.id,
            location: SourceLocation(file: "customers.csv", line: 2, column: 1))
    ])

    var line = 10

    /// A relationship of the one customer, at a line of its own in "r.json".
    mutating func relationship(
        _ status: String?, roles: [String] = [securityReader], end: String? = nil, auto: String? = nil,
        id: String = "r1", tenant: String? = AccessEvaluatorTests.tenant
    ) -> RelationshipRecord {
        line += 10
        let at = SourceLocation(file: "r.json", line: line, column: 5)
        return RelationshipRecord(
            location: at, id: RecordField(id, at: at), displayName: "SOC \(id)",
            status: status.map { RecordField($0, at: at) }, endDateTime: end.map { RecordField($0, at: at) },
            autoExtendDuration: auto.map { RecordField($0, at: at) },
            customerTenantID: tenant.map { RecordField($0, at: at) }, customerName: "Contoso",
            roleIDs: roles.map { RecordField($0, at: at) })
    }

    func evaluate(
        _ relationships: [RelationshipRecord], assignments: [AccessAssignmentRecord]? = nil, within: Int = 30
    ) -> (CustomerAccess, [Diagnostic]) {
        let (report, diagnostics) = AccessEvaluator(asOf: asOf, expiringWithin: within).evaluate(
            customers: customers, relationships: relationships, assignments: assignments, source: "r.json")
        return (report.access(at: 0), diagnostics)
    }

    @Test func calendarDaysReadGraphsTimesInUTC() {
        #expect(CalendarDay(date: "1970-01-01")?.number == 0)
        #expect(CalendarDay(date: "2024-02-29")?.description == "2024-02-29")
        #expect(CalendarDay(date: "2025-02-29") == nil)
        #expect(CalendarDay(date: "2026-13-01") == nil)
        #expect(CalendarDay(dateTime: "2026-12-13T17:45:00.4508397Z")?.description == "2026-12-13")
        #expect(CalendarDay(dateTime: "2027-02-01T00:00:00+09:00")?.description == "2027-01-31")
        #expect(CalendarDay(dateTime: "2026-12-31T23:30:00-01:00")?.description == "2027-01-01")
        #expect(CalendarDay(dateTime: "/Date(1780272000000)/")?.description == "2026-06-01")
        #expect(CalendarDay(dateTime: "next Tuesday") == nil)
        #expect(CalendarDay(seconds: -1).description == "1969-12-31")
        for number in [-700_000, -1, 0, 59, 10_000, 20_793, 2_000_000] {
            let day = CalendarDay(number: number)
            #expect(CalendarDay(date: day.description) == day)
        }
    }

    @Test func theBuiltInRolesCatalogIsSourcedAndKnowsTheDefenderRoles() {
        let catalog = RoleCatalog.builtIn
        #expect(catalog.role(id: Self.securityReader)?.defender == .read)
        #expect(catalog.role(id: Self.securityAdministrator.uppercased())?.defender == .full)
        #expect(catalog.role(id: "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f")?.name == "Security Operator")
        #expect(catalog.role(id: Self.exchangeAdministrator)?.defender == RoleCatalog.DefenderAccess.none)
        #expect(catalog.role(id: "00000000-1111-4222-8333-444444444444") == nil)
        #expect(catalog.roles.allSatisfy { $0.source.hasPrefix("https://learn.microsoft.com/") })
        let (_, problems) = RoleCatalog.parse(
            "roles:\n  - id: NOT-A-GUID\n    name: x\n    defender: full\n    source: https://x\n")
        #expect(problems == ["line 2: NOT-A-GUID is not a lowercase GUID"])
    }

    @Test mutating func activeWithDaysLeft() {
        let (access, diagnostics) = evaluate([relationship("active", end: "2027-06-01T00:00:00Z")])
        #expect(access.state == .active)
        #expect(access.text == "Active until 2027-06-01 (177 days left)")
        #expect(access.roles == "Security Reader (read)")
        #expect(diagnostics.isEmpty)
    }

    @Test mutating func expiringWithinTheWindowUnlessItAutoExtends() {
        let (access, diagnostics) = evaluate([relationship("active", end: "2026-12-13T17:45:00Z")])
        #expect(access.state == .expiring)
        #expect(access.text == "Expiring on 2026-12-13 (7 days left)")
        #expect(diagnostics.map(\.code) == [.accessExpiring])
        #expect(diagnostics.first?.location == SourceLocation(file: "customers.csv", line: 2, column: 1))
        #expect(diagnostics.first?.message.contains("ends in 7 days, on 2026-12-13 (within 7 days)") == true)
        let (extended, none) = evaluate([relationship("active", end: "2026-12-13T17:45:00Z", auto: "P180D")])
        #expect(extended.text == "Active until 2026-12-13, auto-extends")
        #expect(none.isEmpty)
        for zero in ["PT0S", "P0D"] {
            #expect(evaluate([relationship("active", end: "2026-12-13T00:00:00Z", auto: zero)]).0.state == .expiring)
        }
        #expect(evaluate([relationship("active", end: "2026-12-13T00:00:00Z")], within: 6).0.state == .active)
        let today = evaluate([relationship("active", end: "2026-12-06T23:00:00Z")]).0
        #expect(today.text == "Expiring today, 2026-12-06")
    }

    @Test mutating func pendingCarriesTheCustomersApprovalLink() {
        let (access, diagnostics) = evaluate([relationship("approvalPending", id: "5d027261-abc-8777b240")])
        #expect(access.state == .pending)
        #expect(access.text == "Pending the customer's approval")
        #expect(
            access.approvalURL
                == "https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/5d027261-abc-8777b240"
        )
        #expect(diagnostics.map(\.code) == [.accessPending])
        #expect(AccessEvaluator.approvalURL(relationshipID: "a b\"<") == nil)
        #expect(evaluate([relationship("created")]).0.text == "Pending: not yet sent for approval")
        #expect(evaluate([relationship("activating")]).0.text == "Pending: approved, activating")
    }

    @Test mutating func activeWithoutADefenderRole() {
        let (access, diagnostics) = evaluate([
            relationship("active", roles: [Self.exchangeAdministrator, "00000000-1111-4222-8333-444444444444"])
        ])
        #expect(access.state == .noDefenderRole)
        #expect(access.roles == "Exchange Administrator (none); unknown role 00000000-1111-4222-8333-444444444444")
        #expect(diagnostics.map(\.code) == [.accessNoDefenderRole])
    }

    @Test mutating func endedStatesAndAnActiveOnePastItsEnd() {
        #expect(evaluate([relationship("expired", end: "2026-10-01T06:00:00Z")]).0.text == "Ended: expired 2026-10-01")
        #expect(
            evaluate([relationship("expiring", end: "2026-12-04T00:00:00Z")]).0.text
                == "Ended: past its end date, 2026-12-04 (deprovisioning)")
        #expect(evaluate([relationship("terminated")]).0.text == "Ended: terminated")
        #expect(evaluate([relationship("terminationRequested")]).0.state == .ended)
        let (past, diagnostics) = evaluate([relationship("active", end: "2026-11-30T00:00:00Z")])
        #expect(past.state == .ended)
        #expect(past.text == "Ended: past its end date, 2026-11-30")
        #expect(diagnostics.map(\.code) == [.accessEnded])
    }

    @Test mutating func theBestRelationshipWins() {
        let expiring = relationship("active", end: "2026-12-10T00:00:00Z", id: "a")
        let ended = relationship("expired", end: "2026-01-01T00:00:00Z", id: "b")
        let longer = relationship("active", end: "2028-01-01T00:00:00Z", id: "c")
        let pending = relationship("approvalPending", id: "d")
        let (access, diagnostics) = evaluate([expiring, ended, longer, pending])
        #expect(access.state == .active)
        #expect(access.text == "Active until 2028-01-01 (391 days left)")
        #expect(diagnostics.isEmpty)
        #expect(evaluate([ended, pending]).0.state == .pending)
        #expect(evaluate([ended, expiring]).0.state == .expiring)
    }

    @Test mutating func noRelationshipAndReconciliation() {
        let (access, diagnostics) = evaluate([
            relationship("created", tenant: nil),
            relationship("active", tenant: "0b9e3c57-7a2e-4b0b-9d1e-2f3a4b5c6d7e"),
            relationship("active", tenant: "not-a-guid"), relationship("paused"),
        ])
        #expect(access == .noRelationship)
        #expect(
            diagnostics.map(\.code) == [
                .relationshipWithoutCustomer, .relationshipCustomerNotListed, .relationshipUnreadable,
                .relationshipUnreadable, .accessNoRelationship,
            ])
        #expect(diagnostics[0].location == SourceLocation(file: "r.json", line: 20, column: 5))
        #expect(diagnostics[4].message.contains("B2B"))
    }

    @Test mutating func withAssignmentsOnlyAnActiveAssignmentsRolesCount() {
        let active = relationship("active", roles: [Self.securityReader], end: "2028-01-01T00:00:00Z", id: "r1")
        func assignment(_ status: String, relationship: String = "r1") -> AccessAssignmentRecord {
            let at = SourceLocation(file: "a.json", line: 3, column: 5)
            return AccessAssignmentRecord(
                location: at, id: "x", relationshipID: RecordField(relationship, at: at),
                status: RecordField(status, at: at), roleIDs: [RecordField(Self.securityReader, at: at)])
        }
        #expect(evaluate([active], assignments: [assignment("active")]).0.state == .active)
        let (unassigned, _) = evaluate([active], assignments: [assignment("pending")])
        #expect(unassigned.state == .noDefenderRole)
        #expect(unassigned.text == "No role that opens Defender is assigned")
        #expect(unassigned.roles == "Security Reader (read), not assigned")
        let (_, diagnostics) = evaluate(
            [active], assignments: [assignment("active"), assignment("active", relationship: "zz")])
        #expect(diagnostics.map(\.code) == [.assignmentUnmatched])
    }

    @Test func theReportCountsStatesAndTheMultitenantLimit() {
        let states =
            [CustomerAccess.noRelationship]
            + Array(
                repeating: CustomerAccess(state: .active, text: "Active"), count: 101)
        let report = AccessReport(
            asOf: asOf, expiringWithin: 30, source: "r.json", usesAssignments: false, states: states)
        #expect(report.defenderCount == 101)
        #expect(report.counts.map(\.state) == [.active, .noRelationship])
        #expect(
            report.summaryText
                == "access as of 2026-12-06 from r.json: 101 active, 1 no relationship; 101 can open Defender (more than the 100 tenants the multitenant view takes)"
        )
    }
}
