import Foundation
import FuzzSupport
import MSSPReport

/// libFuzzer entry point: any text as a customer name, through validation, the Markdown template, the
/// escaper, cmark-gfm and the libxml2 audit. A name that validation accepts must pass the audit: read back
/// as itself in its own cell, with no extra link, image or raw HTML.
func fuzzMarkdown(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    return FuzzChecks.render(data, size, as: .markdown)
}

@main
struct FuzzMarkdown {
    static func main() {
        exit(FuzzerDriver.run(fuzzMarkdown))
    }
}
