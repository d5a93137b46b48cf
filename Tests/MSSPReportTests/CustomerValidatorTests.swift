import Testing

@testable import MSSPReport

@Suite struct CustomerValidatorTests {
    func record(
        _ line: Int, _ name: String?, _ tenantID: String?, domain: String? = nil, file: String = "c.csv"
    )
        -> CustomerRecord
    {
        CustomerRecord(
            location: SourceLocation(file: file, line: line, column: 1),
            name: name.map { RecordField($0, at: SourceLocation(file: file, line: line, column: 1)) },
            tenantID: tenantID.map { RecordField($0, at: SourceLocation(file: file, line: line, column: 10)) },
            domain: domain.map { RecordField($0, at: SourceLocation(file: file, line: line, column: 50)) })
    }

    let contoso = "d13c513a-42f8-4da1-97b1-165f0971b7c4"

    @Test(
        arguments: [
            // (plain domain column, initialDomainName, defaultDomainName) → (initial, default)
            ("contoso.onmicrosoft.com", nil, nil, "contoso.onmicrosoft.com", nil),
            ("contoso.com", nil, nil, nil, "contoso.com"),
            (nil, "contoso.onmicrosoft.com", "contoso.com", "contoso.onmicrosoft.com", "contoso.com"),
            // A default domain that is an onmicrosoft.com domain stands for the initial domain too.
            (nil, nil, "contoso.onmicrosoft.com", "contoso.onmicrosoft.com", "contoso.onmicrosoft.com"),
            // An explicit column wins over the plain one.
            ("other.onmicrosoft.com", "contoso.onmicrosoft.com", nil, "contoso.onmicrosoft.com", nil),
            ("CONTOSO.COM ", nil, nil, nil, "contoso.com"),
        ] as [(String?, String?, String?, String?, String?)])
    func sortsDomainsIntoInitialAndDefault(
        _ plain: String?, _ initial: String?, _ defaultDomain: String?, _ expectedInitial: String?,
        _ expectedDefault: String?
    ) {
        var input = record(2, "Contoso", contoso, domain: plain)
        let place = SourceLocation(file: "c.csv", line: 2, column: 60)
        input.initialDomain = initial.map { RecordField($0, at: place) }
        input.defaultDomain = defaultDomain.map { RecordField($0, at: place) }
        let customer = CustomerValidator().validate([input]).customers.first
        #expect(customer?.initialDomain == expectedInitial)
        #expect(customer?.defaultDomain == expectedDefault)
    }

    @Test func acceptsAValidCustomerWithoutDiagnostics() {
        let result = CustomerValidator().validate([record(2, " Contoso ", contoso.uppercased(), domain: "Contoso.COM")])
        #expect(result.diagnostics.isEmpty)
        #expect(result.customers.map(\.name) == ["Contoso"])
        #expect(result.customers.first?.tenantID.description == contoso)
        #expect(result.customers.first?.domain == "contoso.com")
    }

    @Test func rejectsATenantIDThatIsNotAGUIDQuotingIt() {
        let result = CustomerValidator().validate([record(14, "Fabrikam", "8f3c-11")])
        #expect(result.customers.isEmpty)
        #expect(result.invalidRecordCount == 1)
        #expect(
            result.diagnostics == [
                .error(
                    .invalidTenantID, "tenant ID \"8f3c-11\" is not a GUID (expected 8-4-4-4-12 hex digits)",
                    at: SourceLocation(file: "c.csv", line: 14, column: 10))
            ])
    }

    @Test func makesInvisibleCharactersVisibleInMessages() {
        let result = CustomerValidator().validate([record(3, "A", "d13c513a\u{200B}-42f8")])
        #expect(result.diagnostics.first?.message.contains("\"d13c513a\\u{200B}-42f8\"") == true)
    }

    @Test func warnsAboutBracedAndUnhyphenatedFormsAndNormalisesThem() {
        let result = CustomerValidator().validate([
            record(2, "A", "{\(contoso)}"), record(3, "B", "f9fc2f72a562407cbc2c8e3e93afd954"),
        ])
        #expect(result.diagnostics.map(\.code) == [.nonCanonicalTenantID, .nonCanonicalTenantID])
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(result.customers.map(\.tenantID.description) == [contoso, "f9fc2f72-a562-407c-bc2c-8e3e93afd954"])
    }

    @Test func rejectsTheNilGUIDAndThePersonalAccountTenant() {
        let result = CustomerValidator().validate([
            record(2, "A", "00000000-0000-0000-0000-000000000000"),
            record(3, "B", "9188040d-6c67-4c5b-b112-36a304b66dad"),
        ])
        #expect(result.customers.isEmpty)
        #expect(result.diagnostics.map(\.code) == [.placeholderTenantID, .personalAccountTenantID])
        #expect(result.diagnostics[0].message.contains("nil GUID"))
        #expect(result.diagnostics[1].message.contains("personal accounts"))
    }

    @Test func rejectsATenantIDListedTwiceCitingBothPlacesAcrossFilesAndForms() {
        let result = CustomerValidator().validate([
            record(2, "Contoso", contoso, file: "a.csv"),
            record(7, "Contoso Ltd", "{\(contoso.uppercased())}", file: "b.csv"),
        ])
        #expect(result.customers.map(\.name) == ["Contoso"])
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [.duplicateTenantID])
        #expect(errors.first?.location == SourceLocation(file: "b.csv", line: 7, column: 10))
        #expect(
            errors.first?.message
                == "tenant ID \"{\(contoso.uppercased())}\" is listed twice: \(contoso) is already at a.csv:2:10 for customer \"Contoso\""
        )
    }

    @Test func warnsWhenOneNameHasTwoTenantIDs() {
        let result = CustomerValidator().validate([
            record(2, "Woodgrove", contoso), record(9, "woodgrove", "f9fc2f72-a562-407c-bc2c-8e3e93afd954"),
        ])
        #expect(result.customers.count == 2)
        #expect(result.diagnostics.map(\.code) == [.nameWithSeveralTenantIDs])
        #expect(result.diagnostics.first?.severity == .warning)
        #expect(result.diagnostics.first?.location?.line == 9)
    }

    @Test func rejectsEmptyNamesControlCharactersAndOverlongNames() {
        let long = String(repeating: "x", count: CustomerValidator.maximumNameLength + 1)
        let result = CustomerValidator().validate([
            record(2, "  ", contoso), record(3, "A\u{7}B", contoso), record(4, long, contoso), record(5, nil, contoso),
        ])
        #expect(result.customers.isEmpty)
        #expect(result.diagnostics.map(\.code) == [.missingName, .invalidName, .nameTooLong, .missingName])
        #expect(result.diagnostics[1].message.contains("U+0007"))
    }

    @Test func acceptsANameOfExactlyTheLimit() {
        let name = String(repeating: "é", count: CustomerValidator.maximumNameLength)
        #expect(CustomerValidator().validate([record(2, name, contoso)]).customers.count == 1)
    }

    @Test func reportsEachBadRowOnceWithoutCascading() {
        let result = CustomerValidator().validate([record(2, "", "nope"), record(3, "B", contoso)])
        #expect(result.diagnostics.count == 2)
        #expect(result.customers.map(\.name) == ["B"])
    }
}
