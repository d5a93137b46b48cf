/// How a template escapes the values it shows.
enum Escaping: Sendable, Equatable {
    /// No escaping: `{{{name}}}`, `{{&name}}`, or `{{% CONTENT_TYPE: TEXT }}`.
    case none
    /// Character references for `& < > " '` (the default).
    case xhtml
    /// GitHub Flavored Markdown (`{{% CONTENT_TYPE: MARKDOWN }}`).
    case markdown
}
