/// The document formats mssp-report writes.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// A self-contained HTML5 page, written as polyglot XHTML.
    case html
    /// Markdown that renders the same in GitHub Flavored Markdown and the other common renderers, for Markdown
    /// wikis.
    case markdown
    /// Confluence storage format (XHTML-based), the body of a Confluence page.
    case confluence
    /// An HTML fragment (no page, style, script, class or id) for documentation tools that sanitise what they
    /// are given.
    case fragment

    /// The name of the template that renders this format, under `Templates/` without `.mustache`.
    public var templateName: String {
        switch self {
        case .html: "index.html"
        case .markdown: "index.md"
        case .confluence: "index.confluence.xml"
        case .fragment: "index.fragment.html"
        }
    }

    /// The file name extensions that name this format, the usual one first.
    public var extensions: [String] {
        switch self {
        case .html: ["html", "htm", "xhtml"]
        case .markdown: ["md", "markdown"]
        case .confluence: ["confluence.xml", "confluence"]
        case .fragment: ["fragment.html", "fragment"]
        }
    }

    /// The format a file name's extension names (see `extensions`; `.confluence.xml` before `.xml`), or `nil`.
    public static func fromExtension(of path: String) -> OutputFormat? {
        let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        var best: (format: OutputFormat, length: Int)?
        for format in allCases {
            for fileExtension in format.extensions
            where name.hasSuffix("." + fileExtension) && name.count > fileExtension.count + 1
                && fileExtension.count > best?.length ?? 0
            {
                best = (format, fileExtension.count)
            }
        }
        return best?.format
    }
}
