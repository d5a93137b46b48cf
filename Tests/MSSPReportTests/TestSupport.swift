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

/// The customers and models the suites render and check.
enum Fixture {
    /// A customer on `line` of the file "f".
    static func customer(
        _ name: String, tenant: (high: UInt64, low: UInt64), line: Int, domain: String? = nil
    ) -> Customer {
        Customer(
            name: name, tenantID: TenantID(high: tenant.high, low: tenant.low), domain: domain,
            location: SourceLocation(file: "f", line: line, column: 1))
    }

    /// Two customers, one whose name needs escaping in every format, on lines 2 and 3.
    static let twoCustomers = [
        customer("Müller & Söhne <Logistik>", tenant: (1, 1), line: 2), customer("Contoso", tenant: (2, 2), line: 3),
    ]

    /// The model of `customers`, with `linkKinds` and `skippedCount` rows left out.
    static func model(_ customers: [Customer], linkKinds: [LinkKind] = [], skippedCount: Int = 0) -> IndexModel {
        IndexBuilder(linkKinds: linkKinds).build(customers: customers, skippedCount: skippedCount)
    }
}
