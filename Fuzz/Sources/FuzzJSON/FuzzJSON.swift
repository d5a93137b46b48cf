import Foundation
import MSSPReport

/// libFuzzer entry point: any bytes as a JSON file.
func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result = JSONReader().read(bytes, file: "fuzz.json")
    for diagnostic in result.diagnostics {
        guard let location = diagnostic.location, location.line >= 1, location.column >= 1 else {
            fatalError("a diagnostic without a valid place: \(diagnostic)")
        }
    }
    _ = CustomerValidator().validate(result.records)
    return 0
}

@main
struct FuzzJSON {
    static func main() {
        exit(FuzzerDriver.run(fuzzJSON))
    }
}
