import Testing

@testable import MSSPReport

@Suite struct IndexBuilderTests {
    let customers = [
        Customer(
            name: "zeta", tenantID: TenantID(high: 2, low: 2), location: SourceLocation(file: "f", line: 2, column: 1)),
        Customer(
            name: "Alpha", tenantID: TenantID(high: 1, low: 1), location: SourceLocation(file: "f", line: 3, column: 1)),
        Customer(
            name: "alpha", tenantID: TenantID(high: 0, low: 3), location: SourceLocation(file: "f", line: 4, column: 1)),
    ]

    @Test func sortsByNameThenTenantIDAndBuildsPortalLinks() {
        let model = IndexBuilder().build(customers: customers, skippedCount: 2)
        #expect((0..<model.count).map(model.name(at:)) == ["Alpha", "alpha", "zeta"])
        #expect(
            model.portalURL(at: 0) == "https://security.microsoft.com/?tid=00000000-0000-0001-0000-000000000001")
        #expect(IndexModel.anchor(of: model.tenantID(at: 0)) == "tenant-00000000-0000-0001-0000-000000000001")
        #expect(model.summary == .init(customerCount: 3, skippedCount: 2))
        #expect(
            model.relatedTopics.map(\.url) == [
                "https://learn.microsoft.com/en-us/defender-endpoint/grant-mssp-access",
                "https://learn.microsoft.com/en-us/defender-endpoint/configure-mssp-notifications",
                "https://learn.microsoft.com/en-us/defender-endpoint/api/fetch-alerts-mssp",
            ])
    }

    @Test func usesThe2021PortalWhenAsked() {
        let model = IndexBuilder(portal: LinkCatalog.securityCenter).build(customers: customers, skippedCount: 0)
        #expect(
            model.portalURL(at: 2) == "https://securitycenter.windows.com/?tid=00000000-0000-0002-0000-000000000002"
        )
    }

    @Test func buildsFromCustomersWhoseNamesAreAllEmpty() {
        // The public API accepts empty names (validation refuses them, a library user need not validate), so
        // the sort must not assume a name has bytes.
        let unnamed = (1...5).map { number in
            Customer(
                name: "", tenantID: TenantID(high: 0, low: UInt64(6 - number)),
                location: SourceLocation(file: "f", line: number, column: 1))
        }
        let model = IndexBuilder().build(customers: unnamed, skippedCount: 0)
        #expect((0..<model.count).map { model.tenantID(at: $0).description.suffix(1) } == ["1", "2", "3", "4", "5"])
        #expect(IndexBuilder().build(customers: [Customer](), skippedCount: 0).count == 0)
        let one = IndexBuilder().build(customers: Array(unnamed.prefix(1)), skippedCount: 0)
        #expect(one.customer(at: 0) == unnamed[0])
    }

    @Test func sortsEmptyNamesFirstAmongOthersAcrossBothHalves() {
        let names = ["b", "", "a", "", "c", "B"]
        let customers = names.enumerated().map { index, name in
            Customer(
                name: name, tenantID: TenantID(high: 1, low: UInt64(index + 1)),
                location: SourceLocation(file: "f", line: index + 2, column: 1))
        }
        let model = IndexBuilder().build(customers: customers, skippedCount: 0)
        #expect((0..<model.count).map(model.name(at:)) == ["", "", "a", "B", "b", "c"])
    }

    @Test func readsTheDateFromSourceDateEpoch() {
        #expect(IndexBuilder.dateFromSourceDateEpoch(["SOURCE_DATE_EPOCH": "1767225600"]) == "2026-01-01")
        #expect(IndexBuilder.dateFromSourceDateEpoch([:]) == nil)
    }

    @Test func recognisesItsOwnLinksOnly() {
        let id = TenantID(high: 0xd13c_513a_42f8_4da1, low: 0x97b1_165f_0971_b7c4)
        let url = LinkCatalog.defender.url(for: id)
        #expect(LinkCatalog.defender.tenantID(inURL: url) == id)
        #expect(LinkCatalog.defender.tenantID(inURL: url.uppercased()) == nil)
        #expect(LinkCatalog.securityCenter.tenantID(inURL: url) == nil)
    }

    @Test(arguments: [
        ("http://x/{tenantId}", "https://"), ("https://x/", "exactly once"),
        ("https://x/{tenantId}/{tenantId}", "exactly once"),
        ("https://x/\"{tenantId}", "not allowed"),
    ])
    func rejectsUnusablePortalURLTemplates(_ template: String, _ reason: String) {
        #expect(LinkKind.problem(withURLTemplate: template)?.contains(reason) == true)
    }
}
