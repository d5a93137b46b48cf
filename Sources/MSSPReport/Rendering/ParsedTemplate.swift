/// One template parsed into a tree: Mustache as `Templates/README.md` documents it — variables, sections,
/// inverted sections, partials, comments, set-delimiter tags and the `CONTENT_TYPE` configuration tag, with
/// the specification's standalone-line and partial-indentation rules.
struct ParsedTemplate: Sendable {
    /// A piece of a template.
    indirect enum Node: Sendable {
        /// Text to copy as it is.
        case text([UInt8])
        /// `{{name}}` and its unescaped forms.
        case variable(name: String, escaping: Escaping, location: SourceLocation)
        /// `{{#name}}…{{/name}}` or, inverted, `{{^name}}…{{/name}}`.
        case section(name: String, inverted: Bool, body: [Node], location: SourceLocation)
        /// `{{> name}}`, with the whitespace before it when it stands alone on its line.
        case partial(name: String, indentation: [UInt8], location: SourceLocation)
    }

    /// The top-level nodes.
    var nodes: [Node]

    /// Parses `text`; `path` names the file in messages.
    /// - Throws: The first syntax error, at its line and column.
    init(text: String, path: String) throws(TemplateSyntaxError) {
        var parser = TemplateParser(bytes: Array(text.utf8), path: path)
        nodes = try parser.parse()
    }
}
