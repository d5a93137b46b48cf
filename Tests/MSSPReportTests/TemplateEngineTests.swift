import Testing

@testable import MSSPReport

/// mssp-report's own Mustache renderer: the parts of the Mustache specification templates use, and the
/// streaming it exists for.
@Suite struct TemplateEngineTests {
    let model = Fixture.model(
        [
            Fixture.customer("Zeta & <Co>", tenant: (0xA, 0xB), line: 2, domain: "zeta.example"),
            Fixture.customer("Alpha", tenant: (1, 2), line: 3),
        ], linkKinds: [LinkCatalog.builtIn.links[0]])

    /// Renders `text` as the HTML index template.
    func render(_ text: String, partials: [String: String] = [:]) throws -> String {
        var files = [("index.html.mustache", "t/index.html.mustache", text)]
        for (name, partial) in partials { files.append(("\(name).mustache", "t/\(name).mustache", partial)) }
        return try IndexRenderer(templates: TemplateSet(sources: files), format: .html).render(model)
    }

    func problems(_ text: String) -> [Diagnostic] {
        do {
            _ = try render(text)
            return []
        } catch {
            guard case .templateInvalid(let problems) = error as? ReportFailure else { return [] }
            return problems
        }
    }

    @Test func variablesAreEscapedUnlessTripleOrAmpersand() throws {
        let text = "{{#customers}}[{{name}}|{{{name}}}|{{& name}}]{{/customers}}"
        #expect(try render(text) == "[Alpha|Alpha|Alpha][Zeta &amp; &lt;Co&gt;|Zeta & <Co>|Zeta & <Co>]")
    }

    @Test func sectionsIterateListsAndTestFlagsTextAndNumbers() throws {
        let text =
            "{{#customers}}{{#domain}}<{{.}}>{{/domain}}{{^domain}}-{{/domain}}{{/customers}} {{#summary.skippedCount}}skipped{{/summary.skippedCount}}{{^summary.skippedCount}}none skipped{{/summary.skippedCount}} {{#hasDomains}}{{hasDomains}}{{/hasDomains}}"
        #expect(try render(text) == "-<zeta.example> none skipped true")
    }

    @Test func namesResolveThroughEnclosingScopesAndDots() throws {
        let text = "{{#customers}}{{#links}}{{title}}/{{name}}/{{portal.title}};{{/links}}{{/customers}}"
        let kind = LinkCatalog.builtIn.links[0].title
        #expect(
            try render(text)
                == "\(kind)/Alpha/Microsoft Defender portal;\(kind)/Zeta &amp; &lt;Co&gt;/Microsoft Defender portal;")
    }

    @Test func tenantIDsAndAnchorsAreCanonical() throws {
        #expect(
            try render("{{#customers}}{{anchor}} {{tenantId}}\n{{/customers}}")
                == "tenant-00000000-0000-0001-0000-000000000002 00000000-0000-0001-0000-000000000002\ntenant-00000000-0000-000a-0000-00000000000b 00000000-0000-000a-0000-00000000000b\n"
        )
    }

    @Test func standaloneTagsTakeTheirLineAndPartialsAreIndented() throws {
        let text = "<ul>\n  {{#customers}}\n  {{> item}}\n  {{/customers}}\n  {{! a comment }}\n</ul>\n"
        let rendered = try render(text, partials: ["item": "<li>\n{{name}}\n</li>\n"])
        #expect(rendered == "<ul>\n  <li>\n  Alpha\n  </li>\n  <li>\n  Zeta &amp; &lt;Co&gt;\n  </li>\n</ul>\n")
        // A tag that shares its line with text is not standalone.
        #expect(try render("a {{#isGrouped}}x{{/isGrouped}}\nb") == "a \nb")
        #expect(try render("  {{#isGrouped}}\r\nx\r\n  {{/isGrouped}}\r\nend") == "end")
    }

    @Test func setDelimitersAndContentTypes() throws {
        #expect(try render("{{=<% %>=}}<% title %> {{title}}") == "\(IndexBuilder.defaultTitle) {{title}}")
        #expect(try render("{{% CONTENT_TYPE: TEXT }}{{#customers}}{{name}};{{/customers}}") == "Alpha;Zeta & <Co>;")
        #expect(
            try render("{{% CONTENT_TYPE: MARKDOWN }}\n{{#customers}}{{name}};{{/customers}}")
                == "Alpha;Zeta &#38; &#60;Co&#62;;")
    }

    @Test func syntaxErrorsNameTheirPlace() {
        let cases: [(String, Int, Int, String)] = [
            ("ok\n  {{#customers}}x", 2, 3, "is opened but never closed"),
            ("{{#customers}}{{/links}}", 1, 15, "closed with another name"),
            ("x {{/customers}}", 1, 3, "not open"),
            ("\n{{title", 2, 1, "not closed"),
            ("{{< parent}}{{/parent}}", 1, 1, "inheritance"),
            ("{{ uppercased(title) }}", 1, 1, "transforms"),
            ("{{% CONTENT_TYPE: RTF }}", 1, 1, "unknown content type"),
            ("{{=<%>=}}", 1, 1, "set-delimiter"),
        ]
        for (text, line, column, message) in cases {
            let found = problems(text)
            #expect(found.count == 1, "\(text)")
            #expect(
                found.first?.location == SourceLocation(file: "t/index.html.mustache", line: line, column: column),
                "\(text)")
            #expect(found.first?.message.contains(message) == true, "\(text): \(found.first?.message ?? "")")
        }
    }

    @Test func listsAndObjectsCannotBeShownAsText() {
        let found = problems("{{customers}} {{summary}}")
        #expect(found.map(\.message.description).count == 2)
        #expect(found.first?.message.contains("\"customers\" is a list") == true)
    }

    @Test func aPartialThatIncludesItselfIsAnError() {
        var files = [("index.html.mustache", "t/index.html.mustache", "{{> loop}}")]
        files.append(("loop.mustache", "t/loop.mustache", "x{{> loop}}"))
        let set = try? TemplateSet(sources: files)
        #expect(set?.problems(entry: "index.html").first?.message.contains("include itself") == true)
    }

    @Test func chunkedRenderingGivesTheSameBytesAndCanStop() throws {
        let renderer = try IndexRenderer(templates: TemplateSet.defaults(), format: .html)
        let whole = renderer.render(model)
        var chunks: [[UInt8]] = []
        renderer.render(model, chunkSize: 7) { chunk in
            chunks.append(Array(chunk))
            return true
        }
        #expect(chunks.count > 50)
        #expect(String(decoding: chunks.joined(), as: UTF8.self) == whole)
        var delivered = 0
        renderer.render(model, chunkSize: 7) { _ in
            delivered += 1
            return delivered < 3
        }
        #expect(delivered == 3)
    }

    @Test func theCheckFedInSmallChunksFindsWhatTheWholeCheckFinds() throws {
        for format in OutputFormat.allCases {
            let renderer = try IndexRenderer(templates: TemplateSet.defaults(), format: format)
            var document = Array(renderer.render(model).utf8)
            // Break one customer's link, then feed the document three bytes at a time (splitting characters).
            let needle = Array("?tid=00000000-0000-0001".utf8)
            let at = try #require(
                document.indices.first { document[$0...].starts(with: needle) })
            document[at + 5] = UInt8(ascii: "f")
            let whole = OutputChecker().check(String(decoding: document, as: UTF8.self), against: model, as: format)
            let check = OutputCheck(model: model, format: format)
            for start in stride(from: 0, to: document.count, by: 3) {
                _ = document[start..<min(start + 3, document.count)].withUnsafeBytes { check.feed($0) }
            }
            let chunked = check.finish()
            #expect(!whole.isEmpty, "\(format)")
            #expect(chunked.map(\.message) == whole.map(\.message), "\(format)")
        }
    }
}
