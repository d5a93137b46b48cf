import Foundation
import FuzzSupport
import MSSPReport

/// libFuzzer entry point: any text as a customer name, through validation, the Confluence storage format and
/// the fragment templates, and their libxml2 checks with the allowlist audit. A name that validation accepts
/// must give two well-formed documents whose elements, attributes and links pass.
func fuzzWikiFormats(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    _ = FuzzChecks.render(data, size, as: .confluence)
    return FuzzChecks.render(data, size, as: .fragment)
}

@main
struct FuzzWikiFormats {
    static func main() {
        exit(FuzzerDriver.run(fuzzWikiFormats))
    }
}
