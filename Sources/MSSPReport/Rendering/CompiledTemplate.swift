/// A template ready to render the index: partials inlined, every name resolved against `TemplateSchema` to the
/// scope it is found in and a chain of `TemplateKey`s.
///
/// mssp-report renders templates itself rather than with swift-mustache: perf and mssp-bench showed
/// swift-mustache's rendering to be most of the run time of a large index (about 20 µs per customer, spent in
/// `getChild`'s dynamic casts and string building), and it renders a whole document into one string, which
/// cannot be checked and written while it is rendered. Compiling against the schema also makes an unknown
/// variable or a missing partial an error at its `file:line:column` instead of empty text.
public struct CompiledTemplate: Sendable {
    /// A step of the compiled program.
    indirect enum Operation: Sendable {
        /// Copy these bytes.
        case text([UInt8])
        /// Write a value.
        case value(Accessor, Escaping)
        /// Render the body once per item of a list, or once for any other truthy value.
        case section(Accessor, body: [Operation])
        /// Render the body when the value is falsy or an empty list.
        case invertedSection(Accessor, body: [Operation])
    }

    /// Where a name is found: `depth` scopes below the innermost one, then down `keys`; no keys means the
    /// scope's own value (`{{.}}`).
    struct Accessor: Sendable {
        var depth: Int
        var keys: [TemplateName]
    }

    /// The program.
    let operations: [Operation]
    /// The page script that `script` shows and the HTML audit allows (by its hash); `nil` for none.
    public internal(set) var script: PageScript?

    init(operations: [Operation], script: PageScript? = nil) {
        self.operations = operations
        self.script = script
    }

    /// Partials may include partials this deep; deeper means a partial includes itself.
    static let partialDepthLimit = 16
}
