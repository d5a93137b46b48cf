import Testing

@testable import MSSPReport

@Suite struct JSONReaderTests {
    func read(_ text: String) -> InputReadResult {
        JSONReader().read(Array(text.utf8), file: "c.json")
    }

    @Test func readsAnArrayOfObjectsWithLocations() {
        let result = read("[\n  {\"displayName\": \"Contoso\", \"customerId\": \"x\"}\n]")
        #expect(result.diagnostics.isEmpty)
        #expect(result.records.first?.name?.value == "Contoso")
        #expect(result.records.first?.location == SourceLocation(file: "c.json", line: 2, column: 3))
        #expect(result.records.first?.tenantID?.location == SourceLocation(file: "c.json", line: 2, column: 44))
    }

    @Test(arguments: ["customers", "value"])
    func readsTheArrayInsideAWrapperObject(_ key: String) {
        let result = read("{\"\(key)\": [{\"name\": \"A\", \"tenantId\": \"x\"}]}")
        #expect(result.records.map(\.name?.value) == ["A"])
    }

    @Test func readsJSONLines() {
        let result = read("{\"name\": \"A\", \"tid\": \"1\"}\n{\"name\": \"B\", \"tid\": \"2\"}\n")
        #expect(result.records.map(\.name?.value) == ["A", "B"])
        #expect(result.records.map(\.location.line) == [1, 2])
    }

    @Test func decodesEscapesAndSurrogatePairs() {
        let result = read(#"[{"name": "A\u00e6\"\ud83d\ude00", "tid": "x"}]"#)
        #expect(result.records.first?.name?.value == "Aæ\"😀")
    }

    @Test func reportsSyntaxErrorsWithLineAndColumn() {
        let result = read("[\n  {\"name\": \"A\" \"tid\": \"x\"}\n]")
        #expect(result.diagnostics.map(\.code) == [.invalidJSON])
        #expect(result.diagnostics.first?.location == SourceLocation(file: "c.json", line: 2, column: 16))
    }

    @Test func rejectsTrailingCommas() {
        let result = read("[{\"name\": \"A\", \"tid\": \"x\"},\n]")
        #expect(result.diagnostics.first?.message.contains("trailing comma") == true)
        #expect(result.diagnostics.first?.location?.line == 2)
    }

    @Test func reportsANumberWhereATenantIDBelongsWithItsKey() {
        let result = read("[{\"name\": \"A\", \"tenantId\": 42}, {\"name\": \"B\", \"tenantId\": \"x\"}]")
        #expect(result.records.map(\.name?.value) == ["B"])
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.code == .wrongValueType)
        #expect(result.diagnostics.first?.message.contains("\"tenantId\" holds a number") == true)
    }

    @Test func reportsAKeyThatNoObjectHasOnce() {
        let result = read("[{\"name\": \"A\", \"id\": \"1\"}, {\"name\": \"B\", \"id\": \"2\"}]")
        #expect(result.records.isEmpty)
        #expect(result.diagnostics.map(\.code) == [.missingColumn])
    }
}
