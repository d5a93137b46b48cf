import Foundation
import FuzzSupport
import MSSPReport

/// libFuzzer entry point: any bytes as a JSON file.
func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzChecks.read(JSONReader().read(bytes, file: "fuzz.json"))
    return 0
}

@main
struct FuzzJSON {
    static func main() {
        exit(FuzzerDriver.run(fuzzJSON))
    }
}
