import Foundation
import MSSPReport

/// libFuzzer entry point: any bytes as a CSV file. The reader must never crash, hang or lose its place.
func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result = CSVReader().read(bytes, file: "fuzz.csv")
    for diagnostic in result.diagnostics {
        guard let location = diagnostic.location, location.line >= 1, location.column >= 1 else {
            fatalError("a diagnostic without a valid place: \(diagnostic)")
        }
    }
    _ = CustomerValidator().validate(result.records)
    return 0
}

@main
struct FuzzCSV {
    static func main() {
        exit(FuzzerDriver.run(fuzzCSV))
    }
}
