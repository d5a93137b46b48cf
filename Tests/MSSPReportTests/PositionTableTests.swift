import Testing

@testable import MSSPReport

@Suite struct PositionTableTests {
    @Test func findsEveryKeyEvenWhenAllHashesCollide() {
        // Keys are the positions' squares; every key gets the same hash, so each look-up probes past the others.
        var table = PositionTable()
        let keys = (0..<3000).map { $0 * $0 }
        for (position, key) in keys.enumerated() {
            #expect(table.find(hash: 7) { keys[Int($0)] == key } == nil)
            table.insert(hash: 7, position: Int32(position))
        }
        for (position, key) in keys.enumerated() {
            #expect(table.find(hash: 7) { keys[Int($0)] == key } == Int32(position))
        }
        #expect(table.find(hash: 7) { keys[Int($0)] == -1 } == nil)
        #expect(table.find(hash: 8) { _ in true } == nil)
    }

    @Test func aNameListedTwiceWithAnotherCaseIsOneNameAcrossManyCustomers() {
        var records: [CustomerRecord] = []
        for index in 0..<5000 {
            let tenant = String(format: "%08x-0000-4000-8000-%012x", index + 1, index + 1)
            records.append(
                CustomerRecord(
                    location: SourceLocation(file: "big.csv", line: index + 2, column: 1),
                    name: RecordField(
                        "Customer \(index)", at: SourceLocation(file: "big.csv", line: index + 2, column: 1)),
                    tenantID: RecordField(tenant, at: SourceLocation(file: "big.csv", line: index + 2, column: 20))))
        }
        records.append(
            CustomerRecord(
                location: SourceLocation(file: "big.csv", line: 6000, column: 1),
                name: RecordField("CUSTOMER 4321", at: SourceLocation(file: "big.csv", line: 6000, column: 1)),
                tenantID: RecordField(
                    "ffffffff-0000-4000-8000-000000000001", at: SourceLocation(file: "big.csv", line: 6000, column: 20))
            ))
        let result = CustomerValidator().validate(records)
        #expect(result.customers.count == 5001)
        #expect(
            result.diagnostics.map(\.message) == [
                "customer \"CUSTOMER 4321\" also appears at big.csv:4323:1 with another tenant ID (000010e2-0000-4000-8000-0000000010e2)"
            ])
    }
}
