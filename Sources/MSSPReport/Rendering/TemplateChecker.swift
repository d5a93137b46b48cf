/// Checks templates before anything is rendered: every variable must exist where it is used and every
/// partial must exist. swift-mustache renders a misspelt variable or a missing partial as empty text without
/// a word; a custom template with either would quietly drop data from the index.
struct TemplateChecker {
    /// A template's text and the path to name in messages.
    struct Source {
        var path: String
        var text: String
    }

    let sources: [String: Source]

    /// The problems found by walking `entry` and every partial it reaches, in the scopes they are used in.
    func check(entry: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var visiting: [String] = []
        walk(entry, stack: [TemplateSchema.root], visiting: &visiting, problems: &problems)
        return problems
    }

    private func walk(
        _ name: String,
        stack: [TemplateSchema.Scope],
        visiting: inout [String],
        problems: inout [Diagnostic]
    ) {
        guard let source = sources[name], !visiting.contains(name), visiting.count < 16 else { return }
        visiting.append(name)
        defer { visiting.removeLast() }
        var scopes = stack
        var sections: [(name: String, pushed: Bool)] = []
        for tag in Self.tags(in: source.text) {
            let location = SourceLocation(file: source.path, line: tag.line, column: tag.column)
            switch tag.kind {
            case .comment, .config, .setDelimiters, .blockDefinition:
                continue
            case .close:
                if let section = sections.popLast(), section.pushed { scopes.removeLast() }
            case .partial:
                if sources[tag.name] == nil {
                    problems.append(
                        .error(
                            .templateSyntax,
                            "there is no template named \"\(tag.name)\" (\(tag.name).mustache) for this partial",
                            at: location))
                } else {
                    walk(tag.name, stack: scopes, visiting: &visiting, problems: &problems)
                }
            case .variable, .section, .invertedSection:
                let value = resolve(tag.name, in: scopes)
                if value == nil {
                    let known = (scopes.last?.variables.keys.sorted() ?? []).joined(separator: ", ")
                    problems.append(
                        .error(
                            .templateSyntax,
                            "unknown variable \"\(tag.name)\" (in \(scopes.last?.name ?? "the index"): \(known); or any variable of an enclosing section)",
                            at: location))
                }
                guard tag.kind != .variable else { continue }
                switch (tag.kind, value) {
                case (.section, .list(let scope)??), (.section, .object(let scope)??):
                    scopes.append(scope)
                    sections.append((tag.name, true))
                default:
                    sections.append((tag.name, false))
                }
            }
        }
    }

    /// The value a (dotted) name resolves to, looked up through the scopes as Mustache does; `.some(nil)` for
    /// the implicit iterator `.`, `nil` when it does not resolve.
    private func resolve(_ name: String, in scopes: [TemplateSchema.Scope]) -> TemplateSchema.Value?? {
        if name == "." { return .some(nil) }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first,
            var value = scopes.reversed().lazy.compactMap({ $0.variables[first] }).first
        else { return nil }
        for part in parts.dropFirst() {
            switch value {
            case .object(let scope), .list(let scope):
                guard let next = scope.variables[part] else { return nil }
                value = next
            default:
                return nil
            }
        }
        return .some(value)
    }

    // MARK: Tags

    enum TagKind: Equatable {
        case variable, section, invertedSection, close, partial, comment, config, setDelimiters, blockDefinition
    }

    struct Tag {
        var kind: TagKind
        var name: String
        var line: Int
        var column: Int
    }

    /// The tags of a template with their 1-based line and column. Follows set-delimiter tags.
    static func tags(in text: String) -> [Tag] {
        var tags: [Tag] = []
        let scalars = Array(text.unicodeScalars)
        var open: [Unicode.Scalar] = ["{", "{"]
        var close: [Unicode.Scalar] = ["}", "}"]
        var index = 0
        var line = 1
        var lineStart = 0
        func matches(_ delimiter: [Unicode.Scalar], at position: Int) -> Bool {
            position + delimiter.count <= scalars.count
                && Array(scalars[position..<position + delimiter.count]) == delimiter
        }
        while index < scalars.count {
            if scalars[index] == "\n" {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard matches(open, at: index) else {
                index += 1
                continue
            }
            let tagLine = line
            let tagColumn = index - lineStart + 1
            var cursor = index + open.count
            var triple = false
            if open == ["{", "{"], cursor < scalars.count, scalars[cursor] == "{" {
                triple = true
                cursor += 1
            }
            var end = cursor
            while end < scalars.count, !matches(close, at: end) {
                if scalars[end] == "\n" {
                    line += 1
                    lineStart = end + 1
                }
                end += 1
            }
            guard end < scalars.count else { break }  // unclosed: the parser reports it
            var body = String(String.UnicodeScalarView(scalars[cursor..<end]))
            index = end + close.count
            if triple, index < scalars.count, scalars[index] == "}" { index += 1 }
            body = body.trimmingCharacters(in: " \t")
            guard let sigil = body.unicodeScalars.first else { continue }
            let rest = String(body.unicodeScalars.dropFirst()).trimmingCharacters(in: " \t")
            let kind: TagKind
            var name = rest
            switch sigil {
            case "!": kind = .comment
            case "%": kind = .config
            case "#": kind = .section
            case "^": kind = .invertedSection
            case "/": kind = .close
            case ">", "<": kind = .partial
            case "$": kind = .blockDefinition
            case "&": kind = .variable
            case "=":
                kind = .setDelimiters
                let inner = rest.hasSuffix("=") ? String(rest.dropLast()) : rest
                let parts = inner.split(separator: " ", omittingEmptySubsequences: true)
                if parts.count == 2 {
                    open = Array(parts[0].unicodeScalars)
                    close = Array(parts[1].unicodeScalars)
                }
            default:
                kind = .variable
                name = body
            }
            // swift-mustache transforms: `{{ uppercased(name) }}` uses `name`.
            if let paren = name.firstIndex(of: "("), name.hasSuffix(")") {
                name = String(name[name.index(after: paren)..<name.index(before: name.endIndex)])
                    .trimmingCharacters(in: " \t")
            }
            tags.append(Tag(kind: kind, name: name, line: tagLine, column: tagColumn))
        }
        return tags
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
