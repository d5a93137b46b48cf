import CXMLCheck
import Foundation
import TestSupport
import Testing

@testable import MSSPReport

/// Hostile customer values from the classes of the OWASP XSS filter evasion cheat sheet, Markdown link and
/// image injection, dangerous URL schemes, entities and double encoding, control, bidi and zero-width
/// characters, spreadsheet formulas and very long values. Each either is rejected by validation, or renders
/// as inert text in both formats: the checks pass and the documents have exactly the elements that a benign
/// name gives.
@Suite struct InjectionTests {
    static let owaspStyle: [String] = [
        "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
        "javascript:/*--></title></style></textarea></script><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
        "<IMG SRC=\"javascript:alert('XSS');\">", "<IMG SRC=javascript:alert('XSS')>",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
        "<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
        "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>", "<IMG SRC=# onmouseover=\"alert('xxs')\">",
        "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
        "<img src=x onerror=\"&#0000106&#0000097&#0000118\">",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
        "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
        "<IMG SRC=\"jav\tascript:alert('XSS');\">", "<SCRIPT/XSS SRC=\"https://xss.example/xss.js\"></SCRIPT>",
        "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>", "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
        "<SCRIPT SRC=//xss.example/.j>", "<IMG SRC=\"`<javascript:alert>`('XSS')\"",
        "</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>",
        "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">", "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
        "<svg/onload=alert('XSS')>", "<BODY ONLOAD=alert('XSS')>", "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
        "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
        "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
        "<STYLE>@import'https://xss.example/xss.css';</STYLE>",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
        "<BASE HREF=\"javascript:alert('XSS');//\">",
        "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"https://xss.example/scriptlet.html\"></OBJECT>",
        "<EMBED SRC=\"data:image/svg+xml;base64,PHN2Zz4=\" type=\"image/svg+xml\">", "\"><script>alert(1)</script>",
        "'><script>alert(1)</script>", "\" onmouseover=\"alert(1)", "' onfocus='alert(1)' autofocus='",
        "</a><a href=javascript:alert(1)>x",
        "<form action=javascript:alert(1)><button>x</button></form>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<![CDATA[<script>alert(1)</script>]]>",
        "<?xml-stylesheet href=\"javascript:alert(1)\"?>",
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;",
        "&lt;script&gt;alert(1)&lt;/script&gt;", "&amp;lt;script&amp;gt;", "%3Cscript%3Ealert(1)%3C/script%3E",
        "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e", "&#60;&#115;&#99;&#114;&#105;&#112;&#116;&#62;",
    ]
    static let markdownStyle: [String] = [
        "[click](javascript:alert(1))", "[click](vbscript:msgbox(1))", "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "![img](https://xss.example/x.png)", "![img](javascript:alert(1))", "[a]: https://xss.example\n[a]",
        "<https://xss.example>",
        "<javascript:alert(1)>", "[![nested](https://x.example/i.png)](https://x.example)", "`<script>`",
        "```\ncode\n```",
        "<details open ontoggle=alert(1)>", "[x](https://ok.example \"title\")", "\\[escaped\\](https://x.example)",
    ]
    static let characterStyle: [String] = [
        "Null\u{0}byte", "Bell\u{7}", "Escape\u{1B}[31mred", "DEL\u{7F}", "RLO \u{202E}gnp.exe", "LRO \u{202D}x",
        "PDF \u{202C}",
        "Isolate \u{2066}x\u{2069}", "ZWSP\u{200B}", "ZWNJ\u{200C}", "ZWJ\u{200D}", "Word\u{2060}joiner", "BOM\u{FEFF}",
        "Line\u{2028}separator", "Para\u{2029}separator", "Nonchar\u{FFFE}", "Combining e\u{301}\u{301}\u{301}",
        "=HYPERLINK(\"https://xss.example\",\"click\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "=1+1",
        String(repeating: "A", count: 257), String(repeating: "<script>", count: 40),
        String(repeating: "🚀", count: 300),
    ]
    /// What other Markdown renderers than cmark-gfm read in text (issue 17): attribute lists (Python-Markdown's
    /// attr_list, pandoc, kramdown, goldmark), math, bare domains and URLs (linkify, magiclink), backtick runs,
    /// line separators, backslashes that are no escape there, smart punctuation, and each engine's extensions.
    static let wikiStyle: [String] = [
        "Name{: tabindex=\"1\" autofocus onfocus=\"alert(1)\"}", "Evil {: #x .y onclick=\"alert(1)\"}",
        "@{onfocus=alert(1) autofocus}", "Name{onclick=alert(1)}", "[span]{.x onclick=alert(1)}", "`x`{onclick=y}",
        "Dollar$General Corp", "$x$ Math", "$$a$$", "Price $5 and $6", "\\(x\\) TeX", "\\textbf{bold}",
        "evil.com", "www.evil.com", "https://evil.example/x", "//localhost/x", "ftp://evil.example", "http://localhost",
        "Booking.com B.V.", "xn--80ak6aa92e.com", "evil.рф", "localhost:8080", "mailto:x", "x@evil.com",
        "One ` tick", "Three ``` ticks", "``` fence", "a`b`c`d", "Next\u{85}line", "Sep\u{2028}a\u{2029}b",
        "Back\\:slash", "Esc \\& amp", "Esc \\<b onclick=alert(1)>x", "<x onclick=alert(1)>", "\\\\ double",
        "O'Brien & Sons", "Dash -- dash --- em", "Dots... Inc", "<<guillemets>>", "(c) (tm) (r) +-",
        ":smile: :+1:", "++ins++", "==mark==", "^sup^", "~sub~", "H~2~O", "[^1] note", "[TOC]", "*[HTML]: Hyper",
        "!!! note", ": definition", "@mention", "#123", "^[inline note]", "[@citation]", "{{< shortcode >}}",
        "{::nomarkdown}<script>alert(1)</script>{:/}", "{::comment}x{:/}", "&#x2028;", "&colon;",
        "Edge\u{A0}", "\u{3000}Ideographic\u{3000}", "Thin\u{2009}", "Decomposed Cafe\u{301}", "Three   spaces",
    ]
    static let all = owaspStyle + markdownStyle + characterStyle + wikiStyle + MarkdownTests.hostileNames

    /// The same values as JSON, for the renderer matrix in Tests/Browser (Python). Re-record it with
    /// `MSSP_REPORT_RECORD_GOLDEN=1 swift test --filter InjectionTests`, which writes the file and then fails.
    @Test func theCorpusFileHoldsEveryHostileValue() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Browser/hostile-names.json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        if let mismatch = try GoldenFile.mismatch(try encoder.encode(Self.all) + Data("\n".utf8), url) {
            Issue.record(Comment(rawValue: mismatch))
        }
    }

    @Test func thereAreAtLeastAHundredDistinctHostileValues() {
        #expect(Set(Self.all).count >= 100)
    }

    /// Start elements and attributes in a document. `code` is left out: the Markdown escaper writes `@` as a
    /// one-character code span on purpose (see Escaping.markdown).
    final class Census: XMLStreamDelegate {
        var elements = 0
        var attributes = 0
        func startElement(_ name: XMLName, attributes: UnsafeBufferPointer<cxml_attribute>, line: Int) {
            if name.equals("code") { return }
            elements += 1
            self.attributes += attributes.count
        }
        func endElement(_ name: XMLName) {}
        func characters(_ text: UnsafeRawBufferPointer) {}
        func problem(isError: Bool, code: Int, line: Int, column: Int, message: String) {}
    }

    func census(_ html: String) -> (Int, Int) {
        let census = Census()
        XMLStream(delegate: census).parse(html)
        return (census.elements, census.attributes)
    }

    func documents(for name: String) throws -> (html: String, markdown: String, model: IndexModel)? {
        let record = CustomerRecord(
            location: SourceLocation(file: "h", line: 2, column: 1),
            name: RecordField(name, at: SourceLocation(file: "h", line: 2, column: 1)),
            tenantID: RecordField(
                "d13c513a-42f8-4da1-97b1-165f0971b7c4", at: SourceLocation(file: "h", line: 2, column: 9)),
            domain: RecordField("contoso.onmicrosoft.com", at: SourceLocation(file: "h", line: 2, column: 50)))
        let validation = CustomerValidator().validate([record])
        guard !validation.customers.isEmpty else { return nil }
        let model = IndexBuilder(linkKinds: [LinkCatalog.builtIn.links[0], LinkCatalog.builtIn.links[5]])
            .build(customers: validation.customers, skippedCount: 0)
        let templates = try TemplateSet.defaults()
        return (
            try IndexRenderer(templates: templates, format: .html).render(model),
            try IndexRenderer(templates: templates, format: .markdown).render(model), model
        )
    }

    @Test(arguments: all)
    func aHostileValueIsRejectedOrStaysInert(_ name: String) throws {
        guard let (html, markdown, model) = try documents(for: name) else { return }  // rejected: never rendered
        let (benignHTML, _, _) = try #require(try documents(for: "Benign Customer"))
        #expect(OutputChecker().check(html, against: model, as: .html) == [])
        #expect(census(html) == census(benignHTML), "the name added or removed elements or attributes")
        #expect(OutputChecker().check(markdown, against: model, as: .markdown) == [])
        let rendered = try #require(OutputChecker.renderGFM(markdown))
        let benignRendered = try #require(OutputChecker.renderGFM(try documents(for: "Benign Customer")!.markdown))
        #expect(census("<div>" + rendered + "</div>").0 == census("<div>" + benignRendered + "</div>").0)
        #expect(!rendered.contains("raw HTML omitted"))
    }
}
