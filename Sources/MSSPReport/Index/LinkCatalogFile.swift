import Yams

/// Reads a link catalog (the built-in `Catalog/links.yaml`, or a file given with `--link-catalog`): YAML with
/// a `portals` and a `links` list of kinds. Every problem is a diagnostic at its `file:line:column`.
enum LinkCatalogFile {
    /// What a file gave: its kinds, or the problems that stop it from being used.
    struct Contents {
        var portals: [LinkKind] = []
        var links: [LinkKind] = []
        var diagnostics: [Diagnostic] = []
    }

    /// The fields of a kind, and whether each must be there.
    static let fields: [(name: String, isRequired: Bool)] = [
        ("name", true), ("title", true), ("label", false), ("url", true), ("source", true), ("evidence", true),
        ("note", false),
    ]

    /// Parses `text`, read from `path`.
    static func parse(_ text: String, path: String) -> Contents {
        var contents = Contents()
        func error(_ message: String, at mark: Mark?, plus columns: Int = 0) {
            contents.diagnostics.append(
                .error(
                    .invalidLinkCatalog, message,
                    at: SourceLocation(file: path, line: mark?.line ?? 1, column: (mark?.column ?? 1) + columns)))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let yamlError as YamlError {
            switch yamlError {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                error("the file is not valid YAML: \(problem)", at: mark)
            default:
                error("the file is not valid YAML: \(yamlError)", at: nil)
            }
            return contents
        } catch {
            contents.diagnostics.append(
                .error(
                    .invalidLinkCatalog, "the file is not valid YAML: \(error)",
                    at: SourceLocation(file: path, line: 1, column: 1)))
            return contents
        }
        guard let root, let top = root.mapping else {
            error("expected a mapping with a \"portals\" and a \"links\" list of link kinds", at: root?.mark)
            return contents
        }
        var firstPlace: [String: Mark] = [:]
        for (key, value) in top {
            guard let section = key.string, section == "portals" || section == "links" else {
                error(
                    "unknown key \(key.string.map { "\"\($0)\"" } ?? "here"); a link catalog has \"portals\" and \"links\"",
                    at: key.mark)
                continue
            }
            guard let items = value.sequence else {
                error("\"\(section)\" must be a list of link kinds (each item starts with \"- \")", at: value.mark)
                continue
            }
            for item in items {
                // A name given twice is reported even when one of the two kinds has other problems.
                if let nameNode = item.mapping?["name"], let name = nameNode.string, let mark = nameNode.mark {
                    let place = "\(section):\(name)"
                    if let first = firstPlace[place] {
                        error(
                            "the \(section == "portals" ? "portal" : "link kind") \"\(name)\" is defined twice; the first is at \(path):\(first.line):\(first.column)",
                            at: mark)
                        continue
                    }
                    firstPlace[place] = mark
                }
                guard
                    let kind = self.kind(item, isPortal: section == "portals", report: { error($0, at: $1, plus: $2) })
                else { continue }
                if section == "portals" { contents.portals.append(kind) } else { contents.links.append(kind) }
            }
        }
        return contents
    }

    /// One kind, or `nil` after reporting what is wrong with it.
    private static func kind(
        _ node: Node, isPortal: Bool, report reportProblem: (String, Mark?, Int) -> Void
    )
        -> LinkKind?
    {
        func report(_ message: String, _ mark: Mark?, _ columns: Int = 0) { reportProblem(message, mark, columns) }
        guard let mapping = node.mapping else {
            report("a link kind must be a mapping of name, title, url, source and evidence", node.mark)
            return nil
        }
        var values: [String: (text: String, node: Node.Scalar)] = [:]
        var valid = true
        for (key, value) in mapping {
            guard let field = key.string, fields.contains(where: { $0.name == field }) else {
                report(
                    "unknown field \(key.string.map { "\"\($0)\"" } ?? "here"); the fields are \(fields.map(\.name).joined(separator: ", "))",
                    key.mark)
                valid = false
                continue
            }
            guard let scalar = value.scalar else {
                report("\"\(field)\" must be text", value.mark)
                valid = false
                continue
            }
            values[field] = (scalar.string, scalar)
        }
        for field in fields where field.isRequired && values[field.name] == nil {
            report("the link kind has no \"\(field.name)\"", node.mark)
            valid = false
        }
        guard valid, let name = values["name"], let title = values["title"], let url = values["url"],
            let source = values["source"], let evidenceText = values["evidence"]
        else { return nil }
        guard !name.text.isEmpty,
            name.text.utf8.allSatisfy({
                ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z"))
                    || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                    || $0 == UInt8(ascii: "-")
            })
        else {
            report("the name \"\(name.text)\" must be lowercase letters, digits and '-'", name.node.mark)
            return nil
        }
        guard let evidence = LinkKind.Evidence(rawValue: evidenceText.text) else {
            report(
                "evidence must be \(LinkKind.Evidence.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), not \"\(evidenceText.text)\"",
                evidenceText.node.mark)
            return nil
        }
        let template: URLTemplate
        do {
            template = try URLTemplate(url.text)
        } catch {
            // The column of the problem in the file: after the opening quote of a quoted value.
            let quote = url.node.style == .singleQuoted || url.node.style == .doubleQuoted ? 1 : 0
            report(error.message, url.node.mark, quote + error.offset)
            return nil
        }
        let kind = LinkKind(
            id: name.text, title: title.text, label: values["label"]?.text, url: template, source: source.text,
            evidence: evidence)
        if isPortal, !kind.isPortal {
            report(
                "a portal's url must hold {tenantId} exactly once and no other placeholder: every row links to it",
                url.node.mark)
            return nil
        }
        if !isPortal, kind.identifiers.isEmpty {
            report("the url has no placeholder, so it would be the same for every customer", url.node.mark)
            return nil
        }
        return kind
    }
}
