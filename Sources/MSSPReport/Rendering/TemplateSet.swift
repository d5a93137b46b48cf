import Foundation
import Mustache

/// The templates a run renders with: the defaults carried in the binary, each replaceable by a file of the
/// same name in a custom folder.
public struct TemplateSet: Sendable {
    /// The parsed templates, by name (path under the templates folder, without `.mustache`).
    let library: MustacheLibrary
    /// The template names, for checks and messages.
    public let names: Set<String>
    /// Each template's text and the path its messages name.
    private let sources: [String: TemplateChecker.Source]

    /// The default templates built from `Templates/` into the binary.
    public static func defaults() throws(ReportFailure) -> TemplateSet {
        try TemplateSet(sources: EmbeddedTemplates.files.map { ($0.key, "Templates/\($0.key)", $0.value) })
    }

    /// The defaults, with every `*.mustache` file under `directory` replacing the default of the same name.
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
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw .inputUnreadable(path: shownPath, reason: "cannot read the template")
            }
            guard let text = String(validating: data, as: UTF8.self) else {
                throw .templateInvalid([
                    .error(
                        .templateSyntax, "the template is not valid UTF-8",
                        at: SourceLocation(file: shownPath, line: 1, column: 1))
                ])
            }
            files[relative] = (shownPath, text)
        }
        return try TemplateSet(sources: files.map { ($0.key, $0.value.path, $0.value.text) })
    }

    private init(sources files: [(file: String, path: String, text: String)]) throws(ReportFailure) {
        Self.registerContentTypes
        var templates: [String: MustacheTemplate] = [:]
        var sources: [String: TemplateChecker.Source] = [:]
        var problems: [Diagnostic] = []
        for source in files.sorted(by: { $0.file < $1.file }) {
            let name = String(source.file.dropLast(".mustache".count))
            sources[name] = TemplateChecker.Source(path: source.path, text: source.text)
            do {
                // Every template and partial that does not start by declaring its content type (as Markdown
                // ones do) gets mssp-report's own HTML escaper: partials do not inherit a content type, and
                // swift-mustache's default one is slow. The tag renders as nothing; error columns on line 1
                // are corrected for it below.
                let prefix = source.text.hasPrefix("{{%") ? "" : Self.contentTypePrefix
                templates[name] = try MustacheTemplate(string: prefix + source.text)
            } catch let error as MustacheTemplate.ParserError {
                let line = error.context.lineNumber
                let prefix = source.text.hasPrefix("{{%") ? "" : Self.contentTypePrefix
                let column = error.context.columnNumber - (line == 1 ? prefix.count : 0)
                problems.append(
                    .error(
                        .templateSyntax, "cannot parse the template: \(Self.describe(error.error))",
                        at: SourceLocation(file: source.path, line: line, column: max(column, 1))))
            } catch {
                problems.append(
                    .error(
                        .templateSyntax, "cannot parse the template: \(error)",
                        at: SourceLocation(file: source.path, line: 1, column: 1)))
            }
        }
        guard problems.isEmpty else { throw .templateInvalid(problems) }
        library = MustacheLibrary(templates: templates)
        names = Set(templates.keys)
        self.sources = sources
    }

    private static let contentTypePrefix = "{{% CONTENT_TYPE: \(XHTMLContentType.name) }}"

    /// Registers the content types once per process, before any template is parsed.
    private static let registerContentTypes: Void = {
        MustacheContentTypes.register(XHTMLContentType(), named: XHTMLContentType.name)
        MustacheContentTypes.register(MarkdownContentType(), named: MarkdownContentType.name)
    }()

    /// The unknown variables and missing partials of the template for `format` and the partials it uses.
    public func problems(for format: OutputFormat) -> [Diagnostic] {
        guard sources[format.templateName] != nil else {
            return [.error(.templateSyntax, "there is no template named \(format.templateName).mustache", at: nil)]
        }
        return TemplateChecker(sources: sources).check(entry: format.templateName)
    }

    /// Renders a model with the named template.
    func render(_ object: Any, template name: String) -> String? {
        library.render(object, withTemplate: name)
    }

    /// swift-mustache's parser errors carry no text of their own; say what each means.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with another name than it was opened with"
        case .unfinishedName: return "a tag is not closed (expected the closing delimiter)"
        case .expectedSectionEnd: return "a section is opened but never closed"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        case .invalidConfigVariableSyntax: return "invalid configuration tag"
        case .unrecognisedConfigVariable: return "unknown configuration tag (for example a misspelt CONTENT_TYPE)"
        case .illegalTokenInsideInheritSection: return "only blocks may appear inside a parent (inheritance) tag"
        case .textInsideInheritSection: return "only blocks may appear inside a parent (inheritance) tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot be applied to an inheritance section"
        @unknown default: return "\(error)"
        }
    }
}
