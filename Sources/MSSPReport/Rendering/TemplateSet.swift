import Foundation

/// The templates a run renders with: the defaults carried in the binary, each replaceable by a file of the
/// same name in a custom folder.
public struct TemplateSet: Sendable {
    /// The template names (paths under the templates folder, without `.mustache`).
    public let names: Set<String>
    /// Each template's text and the path its messages name. The parsed trees are not kept: they are made again
    /// (in well under a millisecond) for each compilation, so that a template set kept for the life of a
    /// process holds plain strings only — LeakSanitizer cannot follow Swift's tagged enum payloads and calls
    /// parse trees held in a global "leaked".
    private let sources: [String: (path: String, text: String)]
    /// The HTML page's script (`index.js`), which `{{{script.source}}}` writes and `script.hash` allows.
    public let script: PageScript

    /// The default templates built from `Templates/` into the binary.
    public static func defaults() throws(ReportFailure) -> TemplateSet {
        try TemplateSet(
            sources: EmbeddedTemplates.files.map { ($0.key, "Templates/\($0.key)", $0.value) },
            script: .builtIn)
    }

    /// The defaults, with every `*.mustache` file under `directory` replacing the default of the same name, and
    /// `directory/index.js` the page script.
    public static func overlaying(directory: String) throws(ReportFailure) -> TemplateSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .inputUnreadable(path: directory, reason: "not a templates directory")
        }
        var files: [String: (path: String, text: String)] = [:]
        for (name, text) in EmbeddedTemplates.files { files[name] = ("Templates/\(name)", text) }
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "mustache" else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            let shownPath = (directory as NSString).appendingPathComponent(relative)
            files[relative] = (shownPath, try readText(at: url.path, shownAs: shownPath, kind: "template"))
        }
        var script = PageScript.builtIn
        let scriptPath = (directory as NSString).appendingPathComponent(PageScript.fileName)
        if FileManager.default.fileExists(atPath: scriptPath) {
            script = try PageScript(
                source: readText(at: scriptPath, shownAs: scriptPath, kind: "page script"), path: scriptPath)
        }
        return try TemplateSet(sources: files.map { ($0.key, $0.value.path, $0.value.text) }, script: script)
    }

    /// The UTF-8 text of a file of a templates folder (a `kind`: "template", "page script").
    private static func readText(
        at path: String, shownAs shownPath: String, kind: String
    ) throws(ReportFailure)
        -> String
    {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .inputUnreadable(path: shownPath, reason: "cannot read the \(kind)")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .templateInvalid([
                .error(
                    .templateSyntax, "the \(kind) is not valid UTF-8",
                    at: SourceLocation(file: shownPath, line: 1, column: 1))
            ])
        }
        return text
    }

    init(
        sources files: [(file: String, path: String, text: String)], script: PageScript = .builtIn
    ) throws(ReportFailure) {
        var sources: [String: (path: String, text: String)] = [:]
        var problems: [Diagnostic] = []
        for source in files.sorted(by: { $0.file < $1.file }) {
            let name = String(source.file.dropLast(".mustache".count))
            do {
                _ = try ParsedTemplate(text: source.text, path: source.path)
                sources[name] = (source.path, source.text)
            } catch {
                problems.append(error.diagnostic)
            }
        }
        guard problems.isEmpty else { throw .templateInvalid(problems) }
        names = Set(sources.keys)
        self.sources = sources
        self.script = script
    }

    /// The template for `format`, compiled with the partials it uses, for a run with these link kinds
    /// (`--links`) from a catalog with these (for `link.<kind>`).
    /// - Throws: `ReportFailure.templateInvalid` with every unknown variable and missing partial.
    public func compile(
        for format: OutputFormat, linkKinds: [String] = [], knownLinkKinds: Set<String> = []
    ) throws(ReportFailure) -> CompiledTemplate {
        var compiler = TemplateCompiler(
            sources: parsedSources(), linkKinds: linkKinds, knownLinkKinds: knownLinkKinds)
        var template = try compiler.compile(entry: format.templateName).get()
        template.script = script
        return template
    }

    /// Every template parsed (each parsed without error when the set was made).
    private func parsedSources() -> [String: TemplateCompiler.Source] {
        sources.compactMapValues { source in
            (try? ParsedTemplate(text: source.text, path: source.path)).map {
                TemplateCompiler.Source(path: source.path, text: source.text, parsed: $0)
            }
        }
    }

    /// The unknown variables and missing partials of the template for `format` and the partials it uses.
    public func problems(for format: OutputFormat) -> [Diagnostic] {
        problems(entry: format.templateName)
    }

    /// The problems of template `entry`, as for `problems(for:)`.
    func problems(entry: String) -> [Diagnostic] {
        var compiler = TemplateCompiler(sources: parsedSources())
        switch compiler.compile(entry: entry) {
        case .success: return []
        case .failure(.templateInvalid(let problems)): return problems
        case .failure(let failure): return [.error(.templateSyntax, failure.description, at: nil)]
        }
    }
}
