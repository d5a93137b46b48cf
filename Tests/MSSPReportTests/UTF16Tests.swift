import Testing

@testable import MSSPReport

@Suite struct UTF16Tests {
    @Test func readsBigEndianUTF16Too() {
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in "Name,Tenant ID\nŁódź,x\n".utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let result = CSVReader().read(bytes, file: "c.csv")
        #expect(result.records.map(\.name?.value) == ["Łódź"])
    }

    @Test func reportsBrokenUTF16() {
        let result = CSVReader().read([0xFF, 0xFE, 0x41], file: "c.csv")
        #expect(result.diagnostics.map(\.code) == [.invalidEncoding])
    }
}
