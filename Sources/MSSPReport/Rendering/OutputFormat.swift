/// The document formats mssp-report writes.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// A self-contained HTML5 page, written as polyglot XHTML.
    case html
    /// GitHub Flavored Markdown, for Markdown wikis.
    case markdown

    /// The name of the template that renders this format, under `Templates/` without `.mustache`.
    public var templateName: String {
        switch self {
        case .html: "index.html"
        case .markdown: "index.md"
        }
    }

    /// The format a file name's extension names (`.html`, `.htm`, `.xhtml`, `.md`, `.markdown`), or `nil`.
    public static func fromExtension(of path: String) -> OutputFormat? {
        switch path.lowercasedExtension {
        case "html", "htm", "xhtml": return .html
        case "md", "markdown": return .markdown
        default: return nil
        }
    }
}
