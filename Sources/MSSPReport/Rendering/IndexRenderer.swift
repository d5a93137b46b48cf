/// Renders the index model into document text with the template for the output format.
public struct IndexRenderer: Sendable {
    /// The templates to render with.
    public var templates: TemplateSet

    /// Creates a renderer.
    public init(templates: TemplateSet) {
        self.templates = templates
    }

    /// The document text.
    /// - Throws: `ReportFailure.templateInvalid` when the template set lacks the format's template.
    public func render(_ model: IndexModel, as format: OutputFormat) throws(ReportFailure) -> String {
        guard let text = templates.render(IndexView(model: model), template: format.templateName) else {
            throw .templateInvalid([
                .error(.templateSyntax, "there is no template named \(format.templateName).mustache", at: nil)
            ])
        }
        return text
    }
}
