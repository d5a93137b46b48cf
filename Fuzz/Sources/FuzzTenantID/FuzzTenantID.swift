import Foundation
import FuzzSupport
import MSSPReport

/// libFuzzer entry point: any text as a tenant ID. A parsed ID must print in canonical form and parse back
/// to itself; anything accepted must be 32 hex digits in one of the three documented forms.
func fuzzTenantID(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let (id, _) = TenantID.parse(text) else { return 0 }
    let canonical = id.description
    guard canonical.utf8.count == 36, canonical == canonical.lowercased() else {
        fatalError("non-canonical description \(canonical) for \(text.debugDescription)")
    }
    guard let (again, form) = TenantID.parse(canonical), again == id, form == .hyphenated else {
        fatalError("\(canonical) does not parse back to itself")
    }
    let hexDigits = text.unicodeScalars.filter { $0.properties.isASCIIHexDigit }.count
    guard hexDigits == 32 else { fatalError("accepted \(text.debugDescription) with \(hexDigits) hex digits") }
    return 0
}

@main
struct FuzzTenantID {
    static func main() {
        exit(FuzzerDriver.run(fuzzTenantID))
    }
}
