import CXMLCheck

/// The audit of an HTML page's script and Content-Security-Policy: the one `script` allowed is the page script
/// of the templates (`PageScript`), inline, without attributes, recognised by the SHA-256 of its text; any other
/// script, a second copy, or a policy that allows scripts by anything but that hash is a problem.
final class PageScriptAudit {
    private let log: ProblemLog
    /// The script the page may have; `nil` for formats and templates without one.
    private let script: PageScript?
    /// The text of the `script` element being read, or `nil` outside one.
    private(set) var scriptText: [UInt8]?
    private var scriptCount = 0
    /// The line of the first script, for messages about the policy.
    private var scriptLine = 0
    /// The line of the script being read.
    private var currentScriptLine = 0
    /// The sources of the Content-Security-Policy's `script-src` (or of `default-src` without one), if the page
    /// has a policy.
    private var scriptSources: [String]?

    init(script: PageScript?, log: ProblemLog) {
        self.script = script
        self.log = log
    }

    /// Whether a script's text is being read.
    var isReadingScript: Bool { scriptText != nil }

    /// A `script` element: allowed once, inline and without attributes, when the templates have a script.
    func startScript(attributes: UnsafeBufferPointer<cxml_attribute>, line: Int) {
        scriptCount += 1
        if scriptCount == 1 { scriptLine = line }
        currentScriptLine = line
        guard script != nil else {
            log.report(line: line, "the document contains a <script> element, and the templates have no page script")
            return
        }
        if scriptCount > 1 {
            log.report(line: line, "the document contains more than one <script> element")
        }
        for attribute in attributes {
            log.report(
                line: line,
                "the <script> element has an attribute \(XMLName(pointer: attribute.name).string); the page script is inline, with none"
            )
        }
        scriptText = []
    }

    /// Text inside the script being read.
    func characters(_ text: UnsafeRawBufferPointer) {
        if scriptText != nil { scriptText!.append(contentsOf: text) }
    }

    /// The end of the script being read: its text must be the page script's.
    func endScript() {
        guard let text = scriptText else { return }
        scriptText = nil
        guard let script else { return }
        let hash = PageScript.hash(of: text)
        if hash != script.hash {
            log.report(
                line: currentScriptLine,
                "the <script> element's text (\(hash)) is not the page script \(script.path) (\(script.hash)); write it as <script>{{{script.source}}}</script>"
            )
        }
    }

    /// Reads the script sources of a `<meta http-equiv="Content-Security-Policy">`.
    func readPolicy(_ attributes: UnsafeBufferPointer<cxml_attribute>) {
        func value(_ name: StaticString) -> String? {
            attributes.first { XMLName(pointer: $0.name).equals(name) }.map { String(cString: $0.value) }
        }
        guard value("http-equiv")?.lowercased() == "content-security-policy", let policy = value("content") else {
            return
        }
        var directives: [String: [String]] = [:]
        for directive in policy.split(separator: ";") {
            let words = directive.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let name = words.first?.lowercased(), directives[name] == nil else { continue }
            directives[name] = Array(words.dropFirst())
        }
        scriptSources = directives["script-src"] ?? directives["default-src"] ?? []
    }

    /// Problems with the Content-Security-Policy's script sources: each must be the page script's hash (or
    /// `'none'`), and a page with a script must allow it.
    func finish() {
        guard let sources = scriptSources else { return }
        let allowed = script.map { "'\($0.hash)'" }
        for source in sources where source != allowed && source.lowercased() != "'none'" {
            log.report(
                line: 0,
                "the Content-Security-Policy allows scripts by \(source.quotedForDiagnostic); it may allow only the page script's hash"
            )
        }
        if scriptCount > 0, let allowed, !sources.contains(allowed) {
            log.report(
                line: scriptLine,
                "the Content-Security-Policy does not allow the page script: add script-src '{{script.hash}}'")
        }
    }
}
