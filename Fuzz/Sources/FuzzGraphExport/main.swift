import Foundation
import FuzzSupport
import MSSPReport

/// libFuzzer entry point: any bytes as a Graph relationships export, read whole and in small chunks (the first
/// byte picks their size). The streaming reader refills its window between objects and parses an object again
/// when it did not fit: whatever the chunks, it must give the same relationships, customers and problems.
func fuzzGraphExport(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = GraphExportReader.read(relationshipsIn: bytes, chunkSize: bytes.count, givesCustomers: true)
    let chunked = GraphExportReader.read(
        relationshipsIn: bytes, chunkSize: 1 + Int(bytes[0] % 13), givesCustomers: true)
    guard whole.relationships == chunked.relationships, whole.records == chunked.records,
        whole.diagnostics == chunked.diagnostics, whole.isUnusable == chunked.isUnusable
    else {
        fatalError(
            "chunks of \(1 + Int(bytes[0] % 13)) bytes read \(String(decoding: bytes, as: UTF8.self).debugDescription) differently"
        )
    }
    FuzzChecks.read(whole)
    return 0
}

@main
struct FuzzGraphExport {
    static func main() {
        exit(FuzzerDriver.run(fuzzGraphExport))
    }
}
