import CMarkdown

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Checks a whole rendered document at once, as `OutputCheck` checks one fed in chunks: for tests, the fuzzers and
/// callers that hold the document.
///
/// HTML, Confluence storage format and the fragment: libxml2 must parse it as well-formed XML (polyglot XHTML5;
/// the last two inside a wrapper element), and the audits must find exactly the links the model asks for, nothing
/// active and, for the last two, only their format's vocabulary. Markdown: cmark-gfm, GitHub's renderer, parses
/// it (tables, autolinks, tag filter, safe mode) and an audit walks the tree it would render.
public struct OutputChecker: Sendable {
    /// Creates a checker.
    public init() {}

    /// The problems found in `document`, empty when it passes; an HTML page may have `script` (by its hash).
    public func check(
        _ document: String, against model: IndexModel, as format: OutputFormat, script: PageScript? = .builtIn
    ) -> [OutputProblem] {
        let check = OutputCheck(model: model, format: format, script: script)
        var document = document
        document.withUTF8 { _ = check.feed(UnsafeRawBufferPointer($0)) }
        return check.finish()
    }

    /// The HTML GitHub would show for `markdown`.
    public static func renderGFM(_ markdown: String) -> String? {
        var markdown = markdown
        return markdown.withUTF8 { bytes -> String? in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                guard let html = cmarkdown_render_gfm(chars.baseAddress, chars.count) else { return nil }
                defer { cmarkdown_free(html) }
                return String(cString: html)
            }
        }
    }
}
