import Foundation
import Testing

@testable import MSSPReport

/// The streaming reader of Graph's GDAP exports: the same records whatever the chunks, every shape, and syntax
/// errors at their line and column after the window has moved.
@Suite struct GraphExportReaderTests {
    static let sample = Array(
        try! Data(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("samples/relationships.json")))

    /// What reading `bytes` in chunks of `chunk` bytes (from a window of `capacity`) gives.
    func read(
        _ bytes: [UInt8], chunk: Int, capacity: Int = 8, kind: GraphExportReader.Kind = .relationships,
        customers: Bool = false
    ) throws -> (items: [GraphExportReader.Item], result: InputReadResult) {
        var window = ByteWindow(capacity: capacity)
        defer { window.deallocate() }
        var offset = 0
        var items: [GraphExportReader.Item] = []
        let reader = GraphExportReader(file: "r.json", kind: kind, givesCustomers: customers)
        let result = try reader.read(
            &window,
            more: { window throws(ReportFailure) in
                let room = window.room()
                let count = min(chunk, room.count, bytes.count - offset)
                for index in 0..<count { room[index] = bytes[offset + index] }
                offset += count
                window.commit(count)
                return count > 0
            }, onItem: { items.append($0) })
        return (items, result)
    }

    func relationships(_ items: [GraphExportReader.Item]) -> [RelationshipRecord] {
        items.compactMap { if case .relationship(let record, _) = $0 { record } else { nil } }
    }

    @Test func anyChunkSizeGivesTheSameRecords() throws {
        let whole = try read(Self.sample, chunk: Self.sample.count, capacity: Self.sample.count)
        let expected = relationships(whole.items)
        #expect(expected.count == 19)
        #expect(expected[2].endDateTime?.value == "2026-12-13T17:45:00.4508397Z")
        #expect(expected[2].roleIDs.map(\.value).count == 2)
        #expect(expected[18].isReseller)
        #expect(whole.result.diagnostics.isEmpty)
        for chunk in [1, 2, 3, 7, 64, 1000] {
            let pieces = try read(Self.sample, chunk: chunk)
            #expect(relationships(pieces.items) == expected, "chunks of \(chunk)")
            #expect(pieces.result.diagnostics.isEmpty)
        }
    }

    @Test func theExportAsTheListGivesEachCustomerWithItsRelationship() throws {
        let (items, _) = try read(Self.sample, chunk: 5, customers: true)
        let customers = items.compactMap { if case .relationship(_, let customer?) = $0 { customer } else { nil } }
        #expect(customers.count == 18)  // one relationship names no customer
        #expect(customers[0].name?.value == "Contoso Ltd")
        #expect(customers[0].tenantID?.location == SourceLocation(file: "r.json", line: 16, column: 21))
        #expect(customers[0].isRelationship)
        #expect(customers[0].otherFields.first { $0.key == "status" }?.field.value == "active")
    }

    @Test(arguments: [
        ("[{\"accessDetails\": {}, \"id\": \"a\"}, {\"accessDetails\": {}, \"id\": \"b\"}]", 2),
        ("{\"accessDetails\": {\"unifiedRoles\": []}, \"id\": \"a\"}", 1),
        ("{\"accessDetails\": {}, \"id\": \"a\"}\n{\"accessDetails\": {}, \"id\": \"b\"}\n", 2),
        (
            "\u{FEFF}{\"@odata.context\": \"x\", \"value\": [{\"AccessDetails\": {}, \"Id\": \"a\"}], \"@odata.nextLink\": \"y\"}",
            1
        ),
        ("{\"value\": []}", 0),
    ])
    func everyShapeIsRead(_ text: String, _ count: Int) throws {
        for chunk in [1, 4, 4096] {
            let (items, result) = try read(Array(text.utf8), chunk: chunk)
            #expect(relationships(items).count == count, "\(text) in chunks of \(chunk)")
            #expect(result.diagnostics.allSatisfy { $0.code == .emptyInput })
            #expect(!result.isUnusable)
        }
    }

    @Test(arguments: [
        (
            "{\"value\": [\n  {\"accessDetails\": {}},\n  {\"accessDetails\": {},}\n]}",
            "r.json:3:24: trailing comma before '}' (JSON allows none)"
        ),
        (
            "[\n  {\"accessDetails\": {}}\n  {\"accessDetails\": {}}\n]",
            "r.json:3:3: expected ',' or ']' in the array, found '{'"
        ),
        ("[{\"id\": \"a\u{1}\"}]", "r.json:1:11: control character in a string must be escaped"),
        ("[{\"accessDetails\": {}, \"id\": \"ab", "r.json:1:30: the string opened here is never closed"),
        // The same places as JSONParser gives (a test of the command compares the two readers).
        (
            "{\"value\": [{\"accessDetails\": {}}] } {}",
            "r.json:1:37: more JSON after the value on the same line; a JSON text holds one value, and JSON Lines one value per line"
        ),
        (
            "\"text\"",
            "r.json:1:1: the file holds a string; expected an array of objects, an object with a \"value\" array, or one object per line"
        ),
    ])
    func syntaxErrorsAreAtTheirPlaceWhateverTheChunks(_ text: String, _ message: String) throws {
        for chunk in [1, 3, 4096] {
            let (_, result) = try read(Array(text.utf8), chunk: chunk)
            #expect(result.isUnusable)
            let diagnostic = try #require(result.diagnostics.first)
            #expect("\(diagnostic.location!): \(diagnostic.message)" == message, "chunks of \(chunk)")
        }
    }

    @Test func escapesReadTheSameWhereverTheChunksCut() throws {
        let text = #"[{"accessDetails": {}, "displayName": "Caf\u00e9 \"Noir\" \ud83d\ude00 a\/b\tc", "id": "x"}]"#
        for chunk in 1...9 {
            let result = GraphExportReader.read(relationshipsIn: Array(text.utf8), chunkSize: chunk)
            #expect(result.relationships.first?.displayName == "Café \"Noir\" 😀 a/b\tc", "chunks of \(chunk)")
            #expect(result.diagnostics.isEmpty)
        }
        let broken = GraphExportReader.read(relationshipsIn: Array(#"[{"id": "\ud83d"}]"#.utf8), chunkSize: 2)
        #expect(broken.diagnostics.map(\.message) == ["a high surrogate \\u escape must be followed by a low one"])
    }

    @Test func anObjectThatIsNoRelationshipIsReportedAndSkipped() throws {
        let text = "{\"value\": [{\"tenantId\": \"x\"}, 5, {\"accessDetails\": {}}]}"
        let (items, result) = try read(Array(text.utf8), chunk: 2)
        #expect(relationships(items).count == 1)
        #expect(result.droppedRowCount == 2)
        #expect(
            result.diagnostics.map(\.message) == [
                "expected a GDAP relationship object (with \"accessDetails\", as Graph's delegatedAdminRelationships list gives them)",
                "expected a GDAP relationship object, found a number",
            ])
    }

    @Test func assignmentsKeepTheirRelationshipID() throws {
        let text = """
            [{"relationshipId": "r-1", "status": "active", "accessDetails": {"unifiedRoles": [{"roleDefinitionId": "x"}]}}]
            """
        let (items, _) = try read(Array(text.utf8), chunk: 3, kind: .accessAssignments)
        guard case .accessAssignment(let assignment)? = items.first else {
            Issue.record("no assignment")
            return
        }
        #expect(assignment.relationshipID?.value == "r-1")
        #expect(assignment.status?.value == "active")
        #expect(assignment.roleIDs.map(\.value) == ["x"])
    }
}
