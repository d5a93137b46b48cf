import CMarkdown

/// The check of one document, fed in chunks as it is rendered. HTML is parsed and audited as it comes, so
/// memory stays flat; Markdown is fed to cmark-gfm as it comes and audited when it ends (cmark-gfm builds a
/// tree of the whole document). Confluence storage format and an HTML fragment have no single root element:
/// libxml2 reads them inside a wrapper element the check adds (declaring Confluence's `ac:` and `ri:`
/// namespaces), on the document's first line so that line numbers stay the document's.
///
/// Not `Sendable`: it is fed and finished on one thread.
public final class OutputCheck {
    private enum State {
        case html(HTMLAudit, XMLStream)
        case markdown(OpaquePointer?)
        /// The Markdown parse is finished; its tree lives until the check does (the audit's texts point into it).
        case markdownDocument(OpaquePointer)
        case finished
    }

    private let model: IndexModel
    private var state: State
    /// The end tag of the wrapper element, fed when the document ends (Confluence, fragment).
    private var wrapperEnd: StaticString?

    /// Starts checking a document of `format` against `model`; an HTML page may have `script` (by its hash).
    public init(model: IndexModel, format: OutputFormat, script: PageScript? = .builtIn) {
        self.model = model
        switch format {
        case .html:
            let audit = HTMLAudit(model: model, script: script)
            state = .html(audit, XMLStream(delegate: audit))
        case .markdown:
            state = .markdown(cmarkdown_stream_create())
        case .confluence, .fragment:
            let vocabulary: MarkupVocabulary = format == .confluence ? .confluence : .fragment
            let audit = HTMLAudit(model: model, script: nil, vocabulary: vocabulary)
            let stream = XMLStream(delegate: audit)
            let start = vocabulary.wrapper.start
            stream.feed(UnsafeRawBufferPointer(start: start.utf8Start, count: start.utf8CodeUnitCount))
            wrapperEnd = vocabulary.wrapper.end
            state = .html(audit, stream)
        }
    }

    deinit {
        switch state {
        case .markdown(let stream?): cmarkdown_free(cmarkdown_stream_finish(stream))
        case .markdownDocument(let document): cmarkdown_document_free(document, 1)
        default: break
        }
    }

    /// Checks the next chunk. `false` when the document has already failed, so that rendering can stop.
    public func feed(_ chunk: UnsafeRawBufferPointer) -> Bool {
        switch state {
        case .html(let audit, let stream):
            stream.feed(chunk)
            return !audit.parseFailed
        case .markdown(let stream?):
            cmarkdown_stream_feed(stream, chunk.baseAddress?.assumingMemoryBound(to: CChar.self), chunk.count)
            return true
        case .markdown(nil), .markdownDocument, .finished:
            return false
        }
    }

    /// Ends the document; the problems found, empty when it passes.
    public func finish() -> [OutputProblem] {
        switch state {
        case .html(let audit, let stream):
            state = .finished
            if let end = wrapperEnd {
                stream.feed(UnsafeRawBufferPointer(start: end.utf8Start, count: end.utf8CodeUnitCount))
            }
            stream.finish()
            return audit.finish()
        case .markdown(let stream?):
            state = .finished
            guard let document = cmarkdown_stream_finish_document(stream) else {
                return [OutputProblem(line: 0, column: 0, message: "cmark-gfm could not parse the Markdown")]
            }
            state = .markdownDocument(document)
            return MarkdownAudit(model: model).audit(document)
        case .markdown(nil):
            state = .finished
            return Self.cmarkFailure
        case .markdownDocument, .finished:
            return []
        }
    }

    private static let cmarkFailure = [
        OutputProblem(line: 0, column: 0, message: "cmark-gfm could not render the Markdown")
    ]
}
