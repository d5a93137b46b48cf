import Testing

@testable import MSSPReport

/// Confluence storage format and the HTML fragment: what the default templates write, and what the check
/// refuses in a document of either (issue 17).
@Suite struct WikiFormatTests {
    let model = Fixture.model(Fixture.twoCustomers, linkKinds: [LinkCatalog.builtIn.links[0]], skippedCount: 1)

    func render(_ format: OutputFormat) throws -> String {
        try IndexRenderer(templates: TemplateSet.defaults(), format: format).render(model)
    }

    func problems(_ document: String, _ format: OutputFormat) -> [String] {
        OutputChecker().check(document, against: model, as: format).map(\.message)
    }

    @Test(arguments: [OutputFormat.confluence, .fragment])
    func theDefaultTemplatesPassTheCheck(_ format: OutputFormat) throws {
        let document = try render(format)
        #expect(problems(document, format) == [])
        #expect(document.contains("<td>Müller &amp; Söhne &lt;Logistik&gt;</td>"))
        #expect(document.contains("href=\"https://security.microsoft.com/?tid=00000000-0000-0001-0000-000000000001\""))
        #expect(document.contains("1 rows of the customer list had errors"))
        #expect(document.contains("A link grants no access by itself"))
        #expect(document.contains("Related topics"))
        #expect(document.hasPrefix("<!-- mssp-report-customers: 2 -->\n"))
        for forbidden in ["<html", "<head", "<style", "<script", " class=", " id=", " style=", " aria-"] {
            #expect(!document.contains(forbidden), "\(forbidden)")
        }
    }

    @Test func confluenceHasTheInfoPanelAndNoFragmentOnlyMarkup() throws {
        let document = try render(.confluence)
        #expect(
            document.contains(
                "<ac:structured-macro ac:name=\"info\" ac:schema-version=\"1\"><ac:rich-text-body><p>A link grants"))
        #expect(!document.contains("<thead>"))
        #expect(!document.contains("title="))
    }

    @Test(arguments: [
        (
            OutputFormat.confluence, "<div>x</div>",
            "the document contains a <div> element, which Confluence storage format here must not have"
        ),
        (
            .confluence, "<p class=\"x\">x</p>",
            "the <p> element has an attribute class, which Confluence storage format here must not have"
        ),
        (
            .confluence, "<p style=\"color: red\">x</p>",
            "the <p> element has an attribute style, which Confluence storage format here must not have"
        ),
        (
            .confluence,
            "<ac:structured-macro ac:name=\"html\"><ac:plain-text-body>x</ac:plain-text-body></ac:structured-macro>",
            "the document contains the Confluence macro \"html\", which is not one of expand, info, note, panel, tip, toc, warning"
        ),
        (
            .confluence, "<ac:plain-text-body>x</ac:plain-text-body>",
            "the document contains a <ac:plain-text-body> element, which Confluence storage format here must not have"
        ),
        (
            .confluence, "<x:p xmlns:x=\"http://www.w3.org/1999/xhtml\">x</x:p>",
            "the document contains a <x:p> element, which Confluence storage format here must not have"
        ),
        (
            .confluence, "<p xmlns:ac=\"urn:other\">x</p>",
            "the <p> element declares a namespace, which Confluence storage format here must not do"
        ),
        (
            .confluence, "<script>alert(1)</script>",
            "the document contains a <script> element, which Confluence storage format here must not have"
        ),
        (.fragment, "<p id=\"x\">x</p>", "the <p> element has an attribute id, which HTML fragment here must not have"),
        (
            .fragment, "<style>p{}</style>",
            "the document contains a <style> element, which HTML fragment here must not have"
        ),
        (
            .fragment, "<a href=\"javascript:alert(1)\">x</a>",
            "href=\"javascript:alert(1)\" is not an https: URL or a link within the page"
        ),
        (
            .fragment, "<p onclick=\"x\">x</p>",
            "the <p> element has an attribute onclick, which HTML fragment here must not have"
        ),
        (
            .fragment, "<ac:structured-macro ac:name=\"info\"/>",
            "the document contains a <ac:structured-macro> element, which HTML fragment here must not have"
        ),
    ])
    func theCheckRefusesWhatTheFormatMustNotHave(_ format: OutputFormat, _ markup: String, _ message: String) throws {
        let document = try render(format).replacingOccurrences(
            of: "<h2>Related topics", with: markup + "\n<h2>Related topics"
        )
        .replacingOccurrences(of: "<h3>Related topics", with: markup + "\n<h3>Related topics")
        #expect(problems(document, format).contains(message), "\(problems(document, format))")
    }

    @Test func aLibxml2ErrorNamesTheDocumentsOwnLine() throws {
        let document = try render(.fragment).replacingOccurrences(
            of: "<h3>Related topics</h3>", with: "<h3>Related topics</p>")
        let line =
            document.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
                $0.contains("Related topics</p>")
            }! + 1
        let problems = OutputChecker().check(document, against: model, as: .fragment)
        #expect(problems.first?.line == line)
        #expect(problems.first?.message.hasPrefix("libxml2:") == true)
    }

    @Test func aMissingPortalLinkIsReported() throws {
        let document = try render(.confluence).replacingOccurrences(
            of: "href=\"https://security.microsoft.com/?tid=00000000-0000-0002-0000-000000000002\"",
            with: "href=\"https://example.com/\"")
        #expect(problems(document, .confluence).contains { $0.contains("for customer \"Contoso\" is missing") })
    }

    @Test(arguments: [
        ("index.confluence.xml", OutputFormat.confluence), ("Index.CONFLUENCE", .confluence),
        ("wiki/page.fragment.html", .fragment), ("page.fragment", .fragment), ("index.html", .html),
        ("index.md", .markdown), ("notes.xml", nil), (".fragment", nil),
    ])
    func theExtensionNamesTheFormat(_ path: String, _ format: OutputFormat?) {
        #expect(OutputFormat.fromExtension(of: path) == format)
    }
}
