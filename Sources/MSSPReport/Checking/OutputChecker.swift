import CMarkdown

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Proves a rendered index before it is written.
///
/// HTML: libxml2 must parse it as well-formed XML (polyglot XHTML5), and an audit must find exactly the links
/// the model asks for and nothing dangerous. Markdown: cmark-gfm, GitHub's renderer, parses it (tables,
/// autolinks, tag filter, safe mode) and an audit walks the tree it would render.
public struct OutputChecker: Sendable {
    /// Stop collecting after this many problems; the first ones tell the story.
    public static let problemLimit = 20

    /// Creates a checker.
    public init() {}

    /// The problems found in `document`, empty when it passes.
    public func check(_ document: String, against model: IndexModel, as format: OutputFormat) -> [OutputProblem] {
        let check = OutputCheck(model: model, format: format)
        var document = document
        document.withUTF8 { _ = check.feed(UnsafeRawBufferPointer($0)) }
        return check.finish()
    }

    /// The HTML GitHub would show for `markdown`.
    public static func renderGFM(_ markdown: String) -> String? {
        var markdown = markdown
        return markdown.withUTF8 { bytes -> String? in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                guard let html = cmarkdown_render_gfm(chars.baseAddress, chars.count) else { return nil }
                defer { cmarkdown_free(html) }
                return String(cString: html)
            }
        }
    }
}

/// The check of one document, fed in chunks as it is rendered. HTML is parsed and audited as it comes, so
/// memory stays flat; Markdown is fed to cmark-gfm as it comes and audited when it ends (cmark-gfm builds a
/// tree of the whole document).
///
/// Used by one thread at a time.
public final class OutputCheck: @unchecked Sendable {
    private enum State {
        case html(HTMLLinkAudit, XMLStream)
        case markdown(OpaquePointer?)
        case finished
    }

    private let model: IndexModel
    private var state: State
    /// Whether the check frees all it allocated. A process that ends right after the check may set this to
    /// `false`: cmark-gfm's tree of a large Markdown document is then left to the system instead of being freed
    /// node by node (over a second for a million customers), as compilers do with `-disable-free`.
    public var releasesMemory = true

    /// Starts checking a document of `format` against `model`.
    public init(model: IndexModel, format: OutputFormat) {
        self.model = model
        switch format {
        case .html:
            let audit = HTMLLinkAudit(model: model)
            state = .html(audit, XMLStream(delegate: audit))
        case .markdown:
            state = .markdown(cmarkdown_stream_create())
        }
    }

    deinit {
        if case .markdown(let stream?) = state { cmarkdown_free(cmarkdown_stream_finish(stream)) }
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
        case .markdown(nil), .finished:
            return false
        }
    }

    /// Ends the document; the problems found, empty when it passes.
    public func finish() -> [OutputProblem] {
        defer { state = .finished }
        switch state {
        case .html(let audit, let stream):
            stream.finish()
            return audit.finish()
        case .markdown(let stream?):
            state = .finished
            return MarkdownAudit(model: model).audit(stream, releasingTree: releasesMemory)
        case .markdown(nil):
            return Self.cmarkFailure
        case .finished:
            return []
        }
    }

    private static let cmarkFailure = [
        OutputProblem(line: 0, column: 0, message: "cmark-gfm could not render the Markdown")
    ]
}
