import Testing

@testable import MSSPReport

@Suite struct RenderingAndCheckingTests {
    let model = Fixture.model(Fixture.twoCustomers, skippedCount: 1)

    func render(_ model: IndexModel) throws -> String {
        try IndexRenderer(templates: TemplateSet.defaults(), format: .html).render(model)
    }

    @Test func defaultTemplateEscapesNamesAndPassesTheCheck() throws {
        let html = try render(model)
        #expect(html.contains("Müller &amp; Söhne &lt;Logistik&gt;"))
        #expect(!html.contains("<Logistik>"))
        #expect(html.contains("href=\"https://security.microsoft.com/?tid=00000000-0000-0001-0000-000000000001\""))
        #expect(html.contains("1 rows of the customer list had errors"))
        #expect(OutputChecker().check(html, against: model, as: .html) == [])
    }

    @Test func checkReportsLibxml2ErrorsWithLineAndColumn() {
        let problems = OutputChecker().check("<html>\n<body>\n<p>text</body>\n</html>", against: model, as: .html)
        #expect(problems.first?.line == 3)
        #expect(problems.first?.column ?? 0 > 0)
        #expect(problems.first?.message.contains("libxml2") == true)
    }

    @Test func checkFindsMissingDuplicatedAndForeignLinks() throws {
        var html = try render(model)
        let first = model.portalURL(at: 0)
        let second = model.portalURL(at: 1)
        html = html.replacingOccurrences(of: "href=\"\(first)\"", with: "href=\"\(second)\"")
        let messages = OutputChecker().check(html, against: model, as: .html).map(\.message)
        #expect((0..<model.count).map(model.name(at:)) == ["Contoso", "Müller & Söhne <Logistik>"])
        #expect(
            messages == [
                "the link \(first) for customer \"Contoso\" is missing",
                "the link \(second) for customer \"Müller & Söhne <Logistik>\" appears 2 times",
            ])
    }

    @Test func checkRejectsScriptsHandlersAndNonHTTPSLinks() throws {
        let html = try render(model).replacingOccurrences(
            of: "<footer>", with: "<footer><script>alert(1)</script><a href=\"javascript:x\" onclick=\"y\">z</a>")
        let messages = OutputChecker().check(html, against: model, as: .html).map(\.message)
        #expect(messages.contains { $0.contains("<script>") })
        #expect(messages.contains { $0.contains("onclick") })
        #expect(messages.contains { $0.contains("javascript:x") })
    }

    @Test func checkRequiresNoopenerOnLinksThatOpenANewTab() throws {
        let html = try render(model).replacingOccurrences(of: "rel=\"noopener noreferrer\"", with: "rel=\"noopener\"")
        let messages = OutputChecker().check(html, against: model, as: .html).map(\.message)
        #expect(messages.contains("a link that opens a new tab lacks rel=\"noopener noreferrer\""))
    }

    @Test func embeddedTemplatesAreTheOnesInTemplatesFolder() {
        #expect(EmbeddedTemplates.files.keys.contains("index.html.mustache"))
        #expect(EmbeddedTemplates.files.keys.contains("partials/customer-row.html.mustache"))
        #expect(EmbeddedTemplates.files.keys.contains("index.md.mustache"))
    }
}
