import Foundation
import FuzzSupport
import MSSPReport

/// libFuzzer entry point: any bytes as a CSV file. The reader must never crash, hang or lose its place.
func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzChecks.read(CSVReader().read(bytes, file: "fuzz.csv"))
    return 0
}

@main
struct FuzzCSV {
    static func main() {
        exit(FuzzerDriver.run(fuzzCSV))
    }
}
