import Foundation
import Testing

@testable import MSSPReport

@Suite struct PageScriptTests {
    let model = Fixture.model([Fixture.customer("Contoso", tenant: (2, 2), line: 3)])

    func render(with templates: TemplateSet) throws -> (html: String, script: PageScript?) {
        let template = try templates.compile(for: .html)
        return (IndexRenderer(template: template).render(model), template.script)
    }

    /// The text between `<script>` and `</script>`.
    func scriptText(_ html: String) throws -> String {
        let start = try #require(html.range(of: "<script>"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        return String(html[start.upperBound..<end.lowerBound])
    }

    @Test func hashesAsCSPDoes() {
        // The SHA-256 of "" and of "alert(1)", in base64 (Python's hashlib).
        #expect(PageScript.hash(of: Array("".utf8)) == "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        #expect(PageScript.hash(of: Array("alert(1)".utf8)) == "sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=")
    }

    @Test func thePageAllowsExactlyTheScriptItCarries() throws {
        let (html, script) = try render(with: TemplateSet.defaults())
        let text = try scriptText(html)
        #expect(text == EmbeddedScripts.files["index.js"])
        let hash = PageScript.hash(of: Array(text.utf8))
        #expect(script?.hash == hash)
        #expect(html.contains("script-src '\(hash)';"))
        #expect(!html.contains("unsafe-inline'; base-uri") && !html.contains("script-src 'unsafe"))
        #expect(OutputChecker().check(html, against: model, as: .html, script: script) == [])
    }

    @Test func refusesAScriptThatXMLWouldReadDifferently() {
        #expect {
            _ = try PageScript(source: "var a = 1;\nif (a < 2 && a) {}\nvar s = ']]>';\n", path: "t/index.js")
        } throws: { error in
            guard case ReportFailure.templateInvalid(let problems) = error else { return false }
            return problems.map { "\($0.location!.line):\($0.location!.column)" } == ["2:7", "2:11", "2:12", "3:12"]
                && problems[0].message.contains("'<'") && problems[1].message.contains("'&'")
                && problems[3].message.contains("']]>'")
        }
    }

    @Test func aReplacedOrAlteredScriptFailsTheCheck() throws {
        let (html, script) = try render(with: TemplateSet.defaults())
        let text = try scriptText(html)
        let altered = html.replacingOccurrences(of: text, with: text + "fetch('https://evil.example/');")
        let messages = OutputChecker().check(altered, against: model, as: .html, script: script).map(\.message)
        #expect(messages.count == 1)
        #expect(messages.first?.contains("is not the page script Templates/index.js (\(script!.hash))") == true)

        let withSource = html.replacingOccurrences(of: "<script>", with: "<script src=\"https://evil.example/x.js\">")
        #expect(
            OutputChecker().check(withSource, against: model, as: .html, script: script).map(\.message).contains {
                $0.contains("attribute src")
            })

        let twice = html.replacingOccurrences(of: "</footer>", with: "</footer><script>\(text)</script>")
        #expect(
            OutputChecker().check(twice, against: model, as: .html, script: script).map(\.message) == [
                "the document contains more than one <script> element"
            ])
        #expect(
            OutputChecker().check(html, against: model, as: .html, script: nil).map(\.message).contains {
                $0.contains("the templates have no page script")
            })
    }

    @Test func thePolicyMayAllowOnlyThePageScript() throws {
        let (html, script) = try render(with: TemplateSet.defaults())
        let hash = try #require(script?.hash)
        let unsafe = html.replacingOccurrences(of: "script-src '\(hash)'", with: "script-src '\(hash)' 'unsafe-inline'")
        #expect(
            OutputChecker().check(unsafe, against: model, as: .html, script: script).map(\.message) == [
                "the Content-Security-Policy allows scripts by \"'unsafe-inline'\"; it may allow only the page script's hash"
            ])
        let without = html.replacingOccurrences(of: "script-src '\(hash)'; ", with: "")
        #expect(
            OutputChecker().check(without, against: model, as: .html, script: script).map(\.message) == [
                "the Content-Security-Policy does not allow the page script: add script-src '{{script.hash}}'"
            ])
    }

    @Test func aTemplateMayDropOrReplaceTheScript() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("page-script-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let page = try #require(EmbeddedTemplates.files["index.html.mustache"])
        let dropped = page.replacingOccurrences(of: "script-src '{{script.hash}}'; ", with: "")
            .replacingOccurrences(of: "{{#script}}\n<script>{{{script.source}}}</script>\n{{/script}}\n", with: "")
        #expect(dropped != page && !dropped.contains("script"))
        try dropped.write(
            to: directory.appendingPathComponent("index.html.mustache"), atomically: true, encoding: .utf8)
        let (plain, plainScript) = try render(with: TemplateSet.overlaying(directory: directory.path))
        #expect(!plain.contains("<script"))
        #expect(OutputChecker().check(plain, against: model, as: .html, script: plainScript) == [])

        try FileManager.default.removeItem(at: directory.appendingPathComponent("index.html.mustache"))
        try "document.title = 'mine';\n".write(
            to: directory.appendingPathComponent("index.js"), atomically: true, encoding: .utf8)
        let (mine, mineScript) = try render(with: TemplateSet.overlaying(directory: directory.path))
        #expect(try scriptText(mine) == "document.title = 'mine';\n")
        #expect(mine.contains("script-src '\(PageScript.hash(of: Array("document.title = 'mine';\n".utf8)))'"))
        #expect(OutputChecker().check(mine, against: model, as: .html, script: mineScript) == [])
    }
}
