/// Compiles parsed templates, collecting every unknown variable and missing partial.
struct TemplateCompiler {
    /// A parsed template and what it was parsed from.
    struct Source {
        var path: String
        var text: String
        var parsed: ParsedTemplate
    }

    let sources: [String: Source]
    /// The run's link kinds (`--links`), in order, and every kind of its catalog, for `link.<kind>`.
    let linkKinds: [String]
    let knownLinkKinds: Set<String>
    private(set) var problems: [Diagnostic] = []

    init(sources: [String: Source], linkKinds: [String] = [], knownLinkKinds: Set<String> = []) {
        self.sources = sources
        self.linkKinds = linkKinds
        self.knownLinkKinds = knownLinkKinds.union(linkKinds)
    }

    /// The program for template `entry`, or the problems that stop it.
    mutating func compile(entry: String) -> Result<CompiledTemplate, ReportFailure> {
        guard let source = sources[entry] else {
            return .failure(
                .templateInvalid([.error(.templateSyntax, "there is no template named \(entry).mustache", at: nil)]))
        }
        problems = []
        var operations: [CompiledTemplate.Operation] = []
        compile(source.parsed.nodes, scopes: [TemplateSchema.root], depth: 0, into: &operations)
        guard problems.isEmpty else { return .failure(.templateInvalid(problems)) }
        return .success(CompiledTemplate(operations: operations))
    }

    private mutating func compile(
        _ nodes: [ParsedTemplate.Node],
        scopes: [TemplateSchema.Scope?],
        depth: Int,
        into operations: inout [CompiledTemplate.Operation]
    ) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                if case .text(let previous) = operations.last {
                    operations[operations.count - 1] = .text(previous + bytes)
                } else {
                    operations.append(.text(bytes))
                }
            case .variable(let name, let escaping, let location):
                guard let (accessor, value) = resolve(name, in: scopes, at: location) else { continue }
                switch value {
                case .list, .object:
                    problems.append(
                        .error(
                            .templateSyntax,
                            "\"\(name)\" is a \(value?.isList == true ? "list" : "object"); show it with a section: {{#\(name)}}…{{/\(name)}}",
                            at: location))
                default:
                    operations.append(.value(accessor, escaping))
                }
            case .section(let name, let inverted, let body, let location):
                guard let (accessor, value) = resolve(name, in: scopes, at: location) else { continue }
                var inner: [CompiledTemplate.Operation] = []
                if inverted {
                    compile(body, scopes: scopes, depth: depth, into: &inner)
                    operations.append(.invertedSection(accessor, body: inner))
                } else {
                    // A section pushes its value: a list pushes each item, an object itself, anything else a
                    // scalar without variables (only `{{.}}`).
                    let pushed: TemplateSchema.Scope?
                    switch value {
                    case .list(let scope), .object(let scope): pushed = scope
                    default: pushed = nil
                    }
                    compile(body, scopes: scopes + [pushed], depth: depth, into: &inner)
                    operations.append(.section(accessor, body: inner))
                }
            case .partial(let name, let indentation, let location):
                guard let partial = sources[name] else {
                    problems.append(
                        .error(
                            .templateSyntax,
                            "there is no template named \"\(name)\" (\(name).mustache) for this partial", at: location))
                    continue
                }
                guard depth < CompiledTemplate.partialDepthLimit else {
                    problems.append(
                        .error(
                            .templateSyntax,
                            "partials nest more than \(CompiledTemplate.partialDepthLimit) deep here (does \"\(name)\" include itself?)",
                            at: location))
                    continue
                }
                var nodes = partial.parsed.nodes
                if !indentation.isEmpty {
                    // The specification indents every line of a standalone partial as its tag is indented.
                    let indent = String(decoding: indentation, as: UTF8.self)
                    var lines = partial.text.split(separator: "\n", omittingEmptySubsequences: false)
                    let trailingNewline = lines.last == ""
                    if trailingNewline { lines.removeLast() }
                    let text = lines.map { indent + $0 }.joined(separator: "\n") + (trailingNewline ? "\n" : "")
                    if let reparsed = try? ParsedTemplate(text: text, path: partial.path) { nodes = reparsed.nodes }
                }
                compile(nodes, scopes: scopes, depth: depth + 1, into: &operations)
            }
        }
    }

    /// Resolves a (dotted) name as Mustache does: the first part in the innermost scope that has it, the rest
    /// inside that value. Reports and returns `nil` when it does not resolve.
    private mutating func resolve(
        _ name: String,
        in scopes: [TemplateSchema.Scope?],
        at location: SourceLocation
    ) -> (CompiledTemplate.Accessor, TemplateSchema.Value?)? {
        if name == "." { return (CompiledTemplate.Accessor(depth: 0, keys: []), nil) }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var found: (depth: Int, value: TemplateSchema.Value)?
        for (depth, scope) in scopes.reversed().enumerated() {
            if let value = scope?.variables[parts[0]] {
                found = (depth, value)
                break
            }
        }
        guard let found, let firstKey = TemplateKey(rawValue: parts[0]) else {
            let scope = scopes.lazy.compactMap { $0 }.last
            let known = (scope?.variables.keys.sorted() ?? []).joined(separator: ", ")
            problems.append(
                .error(
                    .templateSyntax,
                    "unknown variable \"\(name)\" (in \(scope?.name ?? "the index"): \(known); or any variable of an enclosing section)",
                    at: location))
            return nil
        }
        var value = found.value
        var keys: [TemplateName] = [.key(firstKey)]
        for (offset, part) in parts.enumerated().dropFirst() {
            let previous = parts[offset - 1]
            switch value {
            case .object(let scope) where scope == TemplateSchema.linksByKind:
                if knownLinkKinds.contains(part) {
                    keys.append(.linkKind(linkKinds.firstIndex(of: part) ?? -1))
                    value = .object(TemplateSchema.entryLink)
                    continue
                }
                problems.append(
                    .error(
                        .templateSyntax,
                        "unknown link kind \"\(part)\" in \"\(name)\" (the catalog's kinds: \(knownLinkKinds.sorted().joined(separator: ", ")))",
                        at: location))
            case .object(let scope):
                if let next = scope.variables[part], let key = TemplateKey(rawValue: part) {
                    value = next
                    keys.append(.key(key))
                    continue
                }
                problems.append(
                    .error(
                        .templateSyntax,
                        "unknown variable \"\(name)\" (\(scope.name) has \(scope.variables.keys.sorted().joined(separator: ", ")))",
                        at: location))
            case .list:
                problems.append(
                    .error(
                        .templateSyntax,
                        "unknown variable \"\(name)\" (\"\(previous)\" is a list: use a section, {{#\(previous)}}…{{/\(previous)}})",
                        at: location))
            default:
                problems.append(
                    .error(
                        .templateSyntax, "unknown variable \"\(name)\" (\"\(previous)\" has no variables)",
                        at: location))
            }
            return nil
        }
        return (CompiledTemplate.Accessor(depth: found.depth, keys: keys), value)
    }
}

extension TemplateSchema.Value {
    fileprivate var isList: Bool {
        if case .list = self { return true }
        return false
    }
}
