/// Proves a rendered index before it is written: libxml2 must parse it as well-formed XML (polyglot
/// XHTML5), and a link audit must find exactly the links the model asks for and nothing dangerous.
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
        }
    }
}
