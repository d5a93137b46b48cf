import CXMLCheck
import Testing

@testable import MSSPReport

@Suite struct MarkdownTests {
    /// Names that try to break a table cell, inject a link, an image or HTML, or otherwise not read back as
    /// themselves. Each goes through the default Markdown template, cmark-gfm and libxml2.
    static let hostileNames: [String] = [
        "Pipe | Inc", "Back\\slash", "Tick `code` Ltd", "*Bold* Corp", "_Under_ AG", "**Strong** plc",
        "[Link](https://evil.example)", "![Image](https://evil.example/x.png)", "[ref][1]", "(Paren) Co",
        "<b>Bold</b>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "A & B", "&amp; Sons",
        "&lt;tag&gt;", "&#60;script&#62;", "#1 Heading", "Bang! Inc", "~~Strike~~", "~Tilde~", "- Dash Start",
        "+ Plus Start", "1. Ordered", "2) Also", "> Quote", "javascript:alert(1)", "JAVASCRIPT:x",
        "https://evil.example", "http://evil.example/path?x=1", "www.evil.example", "WWW.Evil.Example",
        "mailto:someone@example.com", "someone@example.com", "<https://evil.example>", "Emoji 🚀 Corp",
        "Family 👨‍👩‍👧 Ltd", "שלום בע״מ", "شركة الاتحاد", "Mixed עברית English", "RTL \u{202E}override",
        "Zero\u{200B}width", "Joiner\u{200D}Co", "LRM\u{200E}Inc", "Soft\u{00AD}hyphen", "BOM\u{FEFF}Inside",
        "Line\nbreak", "Tab\tInside", "Trailing backslash\\", "Double  space", "Ünïcödé Äß", "\"Quoted\" Co",
        "'Single' Co", "Under_score_name", "snake_case_corp", "a*b*c", "1\\. Escaped", "{braces} Inc",
        "Percent 100%", "Dollar $5", "Caret ^ Inc", "Equals = Co", "Colon: Inc", "At @ Home",
        "[x] Task", "| leading pipe", "trailing pipe |", "\\| escaped pipe", "`", "``", "***", "---", "___",
        "<!-- comment -->", "<?php echo 1; ?>", "<![CDATA[x]]>", "&nbsp;", "Contoso Ltd [GDAP]",
        "Name with (https://evil.example) in parens", "[Open Microsoft Defender portal for X](https://evil.example)",
        // Found by FuzzMarkdown: adjacent code spans for "@@" merged into one double-backtick span.
        "@@", "a@@b", "@@@ @", "`@`", "x`@",
    ]

    func model(_ names: [String]) -> IndexModel {
        Fixture.model(
            names.enumerated().map { index, name in
                Fixture.customer(name, tenant: (UInt64(index + 1), 0xABCD), line: index + 2)
            })
    }

    @Test func thereAreAtLeastSixtyHostileNames() {
        #expect(Self.hostileNames.count >= 60)
        #expect(Set(Self.hostileNames).count == Self.hostileNames.count)
    }

    @Test(arguments: hostileNames)
    func everyHostileNameReadsBackAsItselfInItsOwnCell(_ name: String) throws {
        let model = model([name, "Neighbour Ltd"])
        let markdown = try IndexRenderer(templates: TemplateSet.defaults(), format: .markdown).render(model)
        #expect(OutputChecker().check(markdown, against: model, as: .markdown) == [])
        let (problems, rows): ([OutputProblem], [[String]]) = try readBack(markdown, against: model)
        #expect(problems == [])
        // The tree the audit walks reads back exactly as the HTML cmark-gfm renders from it.
        let html = try #require(OutputChecker.renderGFM(markdown))
        let cells = HTMLTableCells()
        XMLStream(delegate: cells).parse("<div>" + html + "</div>")
        #expect(cells.rows == rows)
        #expect(rows.count == 2)
        let row = try #require(rows.first { $0.first == name } ?? rows.first { $0.first != "Neighbour Ltd" })
        #expect(row.first == name)
        #expect(row.count == 3)
        #expect(rows.contains { $0.first == "Neighbour Ltd" })
    }

    @Test func allHostileNamesTogetherPassTheCheck() throws {
        let model = model(Self.hostileNames)
        let markdown = try IndexRenderer(templates: TemplateSet.defaults(), format: .markdown).render(model)
        #expect(OutputChecker().check(markdown, against: model, as: .markdown) == [])
    }

    @Test func theCheckCatchesAnUnescapedTemplate() throws {
        let model = model(["Evil [link](https://evil.example) | Co", "Fine Ltd"])
        var markdown = try IndexRenderer(templates: TemplateSet.defaults(), format: .markdown).render(model)
        // What an unescaped ({{{name}}}) template would produce.
        markdown = markdown.replacingOccurrences(
            of: Escaping.markdown.escape("Evil [link](https://evil.example) | Co"),
            with: "Evil [link](https://evil.example) | Co")
        let problems = OutputChecker().check(markdown, against: model, as: .markdown).map(\.message)
        #expect(!problems.isEmpty)
        #expect(problems.contains { $0.contains("https://evil.example") || $0.contains("reads back") })
    }

    @Test func theCheckHoldsTheCompactRowShape() throws {
        let model = model(["Fine Ltd", "Other Co"])
        let markdown = try IndexRenderer(templates: TemplateSet.defaults(), format: .markdown).render(model)
        #expect(markdown.contains("| Fine Ltd | `"))
        #expect(markdown.contains("[Defender](https://security.microsoft.com/?tid="))
        // The name moved out of the first cell, and a link that reads as the customer instead of its label.
        let moved = markdown.replacingOccurrences(of: "| Fine Ltd | `", with: "| Ltd | `")
            .replacingOccurrences(of: "[Defender](", with: "[Open Defender for Other Co](")
        let problems = OutputChecker().check(moved, against: model, as: .markdown).map(\.message)
        #expect(
            problems == [
                "the first cell of row 1 of the customer table should name \"Fine Ltd\" but reads back as \"Ltd\"",
                "the Microsoft Defender portal link in row 1 of the customer table should read \"Defender\" but reads \"Open Defender for Other Co\"",
                "the Microsoft Defender portal link in row 2 of the customer table should read \"Defender\" but reads \"Open Defender for Other Co\"",
            ])
    }

    @Test func theCheckCatchesRawHTML() throws {
        let model = model(["Fine Ltd"])
        let markdown =
            try IndexRenderer(templates: TemplateSet.defaults(), format: .markdown).render(model)
            + "\n<div onclick=\"x\">raw</div>\n"
        let problems = OutputChecker().check(markdown, against: model, as: .markdown).map(\.message)
        #expect(problems == ["the Markdown contains raw HTML, which cmark-gfm's safe mode removed"])
    }

    @Test func escapesOnlyWhatMarkdownWouldRead() {
        let escaper = Escaping.markdown
        #expect(escaper.escape("Contoso Ltd") == "Contoso Ltd")
        #expect(escaper.escape("A|B") == "A&#124;B")
        #expect(escaper.escape("www.x.com") == "www`.`x`.`com")
        #expect(escaper.escape("Contoso Ltd. Co, Inc?") == "Contoso Ltd&#46; Co, Inc?")
        #expect(escaper.escape("- x") == "&#45; x")
        #expect(escaper.escape("a\nb") == "a&#10;b")
        #expect(escaper.escape("a@@b") == "a`@@`b")
        // Neighbouring code spans are one span, never a double-backtick one.
        #expect(escaper.escape("x@a.b//c") == "x`@`a`.`b`//`c")
        #expect(escaper.escape("a@.b") == "a`@`&#46;b")
        #expect(escaper.escape("@//") == "`@//`")
        #expect(escaper.escape("A/S") == "A&#47;S")
        #expect(escaper.escape("a  b") == "a &#32;b")
        #expect(escaper.escape("x\u{2028}\u{85}\u{FEFF}e\u{301}") == "x&#8232;&#133;&#65279;e&#769;")
        #expect(escaper.escape("Ünïcödé 株式会社") == "Ünïcödé 株式会社")
    }
}

/// The text of every body cell of the tables in cmark-gfm's HTML, as a browser shows it.
final class HTMLTableCells: XMLStreamDelegate {
    private(set) var rows: [[String]] = []
    private var inBody = false
    private var cell: [UInt8]?

    func startElement(_ name: XMLName, attributes: UnsafeBufferPointer<cxml_attribute>, line: Int) {
        if name.equals("tbody") { inBody = true }
        if inBody, name.equals("tr") { rows.append([]) }
        if inBody, name.equals("td") { cell = [] }
    }

    func endElement(_ name: XMLName) {
        if name.equals("tbody") { inBody = false }
        if name.equals("td"), let cell {
            rows[rows.count - 1].append(String(decoding: cell, as: UTF8.self))
            self.cell = nil
        }
    }

    func characters(_ text: UnsafeRawBufferPointer) {
        cell?.append(contentsOf: text)
    }

    func problem(isError: Bool, code: Int, line: Int, column: Int, message: String) {
        if isError { Issue.record("libxml2: \(message)") }
    }
}
