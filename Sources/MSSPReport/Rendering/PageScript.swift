import CLibCrypto
import Foundation

/// The HTML page's one inline script: `Templates/index.js`, or the file of that name in a `--templates` folder,
/// with the hash that the page's Content-Security-Policy allows it by (`script-src 'sha256-…'`).
///
/// The page is also parsed as XML (by libxml2, before it is written), and a browser hashes exactly the text it
/// parses: the script therefore may not contain `<` or `&` (which XML would read as markup or an entity, and
/// HTML as text), so that both parsers see the same characters and the audit can hash what the browser runs.
public struct PageScript: Sendable, Equatable {
    /// The script's text, written into the page as it is.
    public let source: String
    /// The path messages name.
    public let path: String
    /// The CSP hash source of `source`, without its quotes: `sha256-<base64>`.
    public let hash: String

    /// The script the binary carries.
    public static let builtIn: PageScript = {
        // The embedded file is checked by a test; a broken one is a build defect, not a user's error.
        guard let text = EmbeddedScripts.files[fileName],
            let script = try? PageScript(source: text, path: "Templates/\(fileName)")
        else { preconditionFailure("Templates/\(fileName) is missing or has < or &") }
        return script
    }()

    /// The file name of the script under a templates folder.
    public static let fileName = "index.js"

    /// Makes the script from its text.
    /// - Throws: `ReportFailure.templateInvalid` at each `<`, `&` or `]]>` in it.
    public init(source: String, path: String) throws(ReportFailure) {
        var problems: [Diagnostic] = []
        var line = 1
        var column = 1
        let bytes = Array(source.utf8)
        for (offset, byte) in bytes.enumerated() {
            let reason: String? =
                switch byte {
                case UInt8(ascii: "<"):
                    "'<', which the XML check would read as a tag: write the comparison the other way round"
                case UInt8(ascii: "&"):
                    "'&', which the XML check would read as an entity: nest the conditions instead of '&&'"
                case UInt8(ascii: ">")
                where offset >= 2 && bytes[offset - 1] == UInt8(ascii: "]")
                    && bytes[offset - 2] == UInt8(ascii: "]"):
                    "']]>', which XML does not allow in text"
                default: nil
                }
            if let reason {
                problems.append(
                    .error(
                        .templateSyntax, "the page script contains \(reason)",
                        at: SourceLocation(file: path, line: line, column: column)))
            }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Columns count characters: continuation bytes of UTF-8 do not start one.
                column += 1
            }
        }
        guard problems.isEmpty else { throw .templateInvalid(problems) }
        self.source = source
        self.path = path
        hash = Self.hash(of: bytes)
    }

    /// The CSP hash source of a script's UTF-8 text: `sha256-` and the digest in base64.
    static func hash(of text: some Sequence<UInt8>) -> String {
        let bytes = Array(text)
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { output in
                _ = SHA256(input.baseAddress, input.count, output.baseAddress)
            }
        }
        return "sha256-" + Data(digest).base64EncodedString()
    }
}
