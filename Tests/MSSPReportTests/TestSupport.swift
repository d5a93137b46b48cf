import CMarkdown
import Testing

@testable import MSSPReport

/// Swift Testing also has a `SourceLocation`; in these tests the name means ours.
typealias SourceLocation = MSSPReport.SourceLocation

/// The problems the Markdown audit finds in `markdown` and the cells of every customer row as they read back.
func readBack(_ markdown: String, against model: IndexModel) throws -> ([OutputProblem], [[String]]) {
    let stream = try #require(cmarkdown_stream_create())
    var markdown = markdown
    markdown.withUTF8 { bytes in
        bytes.withMemoryRebound(to: CChar.self) { cmarkdown_stream_feed(stream, $0.baseAddress, $0.count) }
    }
    let document = try #require(cmarkdown_stream_finish_document(stream))
    defer { cmarkdown_document_free(document, 1) }
    var rows: [[String]] = []
    let problems = MarkdownAudit(model: model) { rows.append($0) }.audit(document)
    return (problems, rows)
}
