/// Renders the index model into document text with the template for the output format.
public struct IndexRenderer: Sendable {
    /// The compiled template.
    public var template: CompiledTemplate

    /// Creates a renderer for a compiled template.
    public init(template: CompiledTemplate) {
        self.template = template
    }

    /// Creates a renderer for the template of `format` in `templates`.
    /// - Throws: `ReportFailure.templateInvalid` when the template cannot be compiled.
    public init(templates: TemplateSet, format: OutputFormat) throws(ReportFailure) {
        template = try templates.compile(for: format)
    }

    /// The whole document as one string (for tests and small indexes; `ReportJob` streams instead).
    public func render(_ model: IndexModel) -> String {
        var document: [UInt8] = []
        render(model) { chunk in
            document.append(contentsOf: chunk)
            return true
        }
        return String(decoding: document, as: UTF8.self)
    }

    /// Renders the document in chunks of about `chunkSize` bytes; `deliver` returns `false` to stop early.
    public func render(
        _ model: IndexModel,
        chunkSize: Int = 1 << 20,
        deliver: @escaping (UnsafeRawBufferPointer) -> Bool
    ) {
        let sink = ByteSink(chunkSize: chunkSize, deliver: deliver)
        TemplateRenderer.render(template, model, into: sink)
    }
}
