import Foundation
import FuzzSupport
import MSSPReport

/// libFuzzer entry point: any text as a customer name, through validation, the HTML template and the libxml2
/// check. A name that validation accepts must give a well-formed document whose links pass the audit.
func fuzzHTML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    return FuzzChecks.render(data, size, as: .html)
}

@main
struct FuzzHTML {
    static func main() {
        exit(FuzzerDriver.run(fuzzHTML))
    }
}
