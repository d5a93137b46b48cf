import Testing

@testable import MSSPReport

@Suite struct ExportShapeTests {
    @Test func cippGivesTheInitialAndTheDefaultDomainAndKeepsTheRest() {
        let json = """
            [{"customerId": "x", "displayName": "A", "defaultDomainName": "a.example", "initialDomainName": "a.onmicrosoft.com", "delegatedPrivilegeStatus": "granular"}]
            """
        let record = JSONReader().read(Array(json.utf8), file: "c.json").records.first
        #expect(record?.initialDomain?.value == "a.onmicrosoft.com")
        #expect(record?.defaultDomain?.value == "a.example")
        #expect(record?.otherFields.map(\.key) == ["delegatedPrivilegeStatus"])
    }

    @Test func partnerCenterColumnsNeedNoOptions() {
        let csv = "\u{FEFF}Microsoft ID,Company name,Primary domain name\r\nx,A,a.onmicrosoft.com\r\n"
        let record = CSVReader().read(Array(csv.utf8), file: "p.csv").records.first
        #expect(record?.name?.value == "A")
        #expect(record?.tenantID?.value == "x")
        #expect(record?.defaultDomain?.value == "a.onmicrosoft.com")
    }
}
