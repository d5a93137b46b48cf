/// The document formats mssp-report writes.
public enum OutputFormat: String, Sendable, CaseIterable {
    case html

    /// The name of the template that renders this format, under `Templates/` without `.mustache`.
    public var templateName: String {
        switch self {
        case .html: "index.html"
        }
    }

    /// The format a file name's extension names (`.html`, `.htm`), or `nil`.
    public static func fromExtension(of path: String) -> OutputFormat? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "html", "htm", "xhtml": return .html
        default: return nil
        }
    }
}
