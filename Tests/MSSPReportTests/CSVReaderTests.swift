import Testing

@testable import MSSPReport

@Suite struct CSVReaderTests {
    func read(_ text: String, delimiter: UInt8? = nil) -> InputReadResult {
        CSVReader(delimiter: delimiter).read(Array(text.utf8), file: "c.csv")
    }

    func location(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: "c.csv", line: line, column: column)
    }

    @Test func readsNamesTenantIDsAndDomainsWithTheirPlaces() {
        let result = read("Name,Tenant ID,Domain\nContoso,d13c513a-42f8-4da1-97b1-165f0971b7c4,contoso.com\n")
        #expect(result.diagnostics.isEmpty)
        #expect(
            result.records == [
                CustomerRecord(
                    location: location(2, 1),
                    name: RecordField("Contoso", at: location(2, 1)),
                    tenantID: RecordField("d13c513a-42f8-4da1-97b1-165f0971b7c4", at: location(2, 9)),
                    domain: RecordField("contoso.com", at: location(2, 46)))
            ])
    }

    @Test func readsQuotedDelimitersDoubledQuotesAndLineBreaks() {
        let result = read("customer,tid\n\"Fabrikam, \"\"Inc.\"\"\",a\n\"Two\r\nLines\",b\nAfter,c\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.records.map(\.name?.value) == ["Fabrikam, \"Inc.\"", "Two\r\nLines", "After"])
        #expect(result.records.map(\.location.line) == [2, 3, 5])
    }

    @Test func keepsLineNumbersAcrossQuotedNewlinesAndLoneCarriageReturns() {
        let result = read("name,tenantId\r\"a\nb\",x\rc,y")
        #expect(result.records.map(\.tenantID?.location) == [location(3, 4), location(4, 3)])
    }

    @Test func countsColumnsInCharactersNotBytes() {
        let result = read("name,tenant id\nMüller & Söhne,x\n")
        #expect(result.records.first?.tenantID?.location == location(2, 16))
    }

    @Test func skipsByteOrderMarkBlankLinesAndEmptyRows() {
        let result = read("\u{FEFF}Name,TID\n\nA,1\n,\n\nB,2")
        #expect(result.diagnostics.isEmpty)
        #expect(result.records.map(\.name?.value) == ["A", "B"])
        #expect(result.records.first?.name?.location == location(3, 1))
    }

    @Test(arguments: [(";", "Name;Tenant ID\nA, B;x\n"), ("\t", "Name\tTenant ID\nA, B\tx\n")])
    func detectsTheDelimiterFromTheHeader(_ delimiter: String, _ text: String) {
        let result = read(text)
        #expect(result.diagnostics.isEmpty)
        #expect(result.records.first?.name?.value == "A, B")
    }

    @Test func honoursExcelsSepLine() {
        let result = read("sep=;\nName;Tenant ID\nA,B;x\n")
        #expect(result.records.first?.name?.value == "A,B")
        #expect(result.records.first?.location.line == 3)
    }

    @Test func readsUTF16WithByteOrderMark() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "Name\tTenant ID\r\nÆrø\tx\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let result = CSVReader().read(bytes, file: "c.csv")
        #expect(result.records.map(\.name?.value) == ["Ærø"])
    }

    @Test func trimsUnquotedFieldsButNeverQuotedContent() {
        let result = read("Name , Tenant ID\n  Contoso  ,\" x \"\n")
        #expect(result.records.first?.name?.value == "Contoso")
        #expect(result.records.first?.tenantID?.value == " x ")
    }

    @Test func reportsAnUnterminatedQuoteWhereItOpened() {
        let result = read("Name,Tenant ID\nA,1\n\"B,2\nC,3\n")
        #expect(result.records.count == 1)
        #expect(result.diagnostics.map(\.code) == [.unterminatedQuote])
        #expect(result.diagnostics.first?.location == location(3, 1))
    }

    @Test func reportsARowWithTheWrongNumberOfFieldsNamingBothCounts() {
        let result = read("Name,Tenant ID\nA,1,extra\nB,2\n")
        #expect(result.records.map(\.name?.value) == ["B"])
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message.contains("3 fields but the header has 2") == true)
        #expect(result.diagnostics.first?.location == location(2, 1))
    }

    @Test func reportsAMissingColumnOnceListingTheAcceptedNames() {
        let result = read("Name,Identifier\nA,1\nB,2\n")
        #expect(result.records.isEmpty)
        #expect(result.diagnostics.count == 1)
        let message = result.diagnostics.first?.message ?? ""
        #expect(message.contains("tenant ID column"))
        #expect(message.contains("\"customerId\""))
        #expect(message.contains("\"microsoft id\""))
    }

    @Test func reportsInvalidUTF8AtItsFieldInsteadOfReplacingIt() {
        var bytes = Array("Name,Tenant ID\n".utf8)
        bytes += [0x41, 0xC3, 0x28] + Array(",x\n".utf8)
        let result = CSVReader().read(bytes, file: "c.csv")
        #expect(result.records.isEmpty)
        #expect(result.diagnostics.map(\.code) == [.invalidEncoding])
        #expect(result.diagnostics.first?.location == location(2, 1))
    }

    @Test func keepsOtherColumnsWithTheRecord() {
        let result = read("Tier,Name,Tenant ID\nGold,A,x\n")
        #expect(result.records.first?.otherFields.map(\.key) == ["Tier"])
        #expect(result.records.first?.otherFields.first?.field.value == "Gold")
    }
}
