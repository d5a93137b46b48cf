import CMarkdown

/// Proves a rendered index before it is written.
///
/// HTML: libxml2 must parse it as well-formed XML (polyglot XHTML5). Markdown: cmark-gfm, GitHub's renderer,
/// turns it into HTML first (tables, autolinks, tag filter, safe mode), and libxml2 parses that. Then an audit
/// must find exactly the links the model asks for and nothing dangerous.
public struct OutputChecker: Sendable {
    /// Stop collecting after this many problems; the first ones tell the story.
    public static let problemLimit = 20

    /// Creates a checker.
    public init() {}

    /// The problems found in `document`, empty when it passes.
    public func check(_ document: String, against model: IndexModel, as format: OutputFormat) -> [OutputProblem] {
        switch format {
        case .html:
            let audit = HTMLLinkAudit(model: model)
            XMLStream(delegate: audit).parse(document)
            return audit.finish()
        case .markdown:
            guard let html = Self.renderGFM(document) else {
                return [OutputProblem(line: 0, column: 0, message: "cmark-gfm could not render the Markdown")]
            }
            let audit = MarkdownAudit(model: model, renderedHTML: html)
            // cmark-gfm writes a fragment; one root element makes it an XML document.
            XMLStream(delegate: audit).parse(["<div>", html, "</div>"])
            return audit.finish()
        }
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
