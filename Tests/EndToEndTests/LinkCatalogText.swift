import Foundation

/// The kinds of `Catalog/links.yaml` as its text gives them (each `- name:` with its `url:`), read without the
/// tool, so that tests compare what the binary prints and writes with the file itself.
enum LinkCatalogText {
    struct Kind {
        var section: String
        var name: String
        var url: String
        var source: String
        var evidence: String
    }

    static func kinds() -> [Kind] {
        let path = Binary.packageRoot.appendingPathComponent("Catalog/links.yaml")
        let text = (try? String(contentsOf: path, encoding: .utf8)) ?? ""
        var kinds: [Kind] = []
        var section = ""
        for line in text.split(separator: "\n") {
            if line == "portals:" || line == "links:" { section = String(line.dropLast()) }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            func value(_ key: String) -> String? {
                for prefix in ["- \(key): ", "\(key): "] where trimmed.hasPrefix(prefix) {
                    return String(trimmed.dropFirst(prefix.count))
                }
                return nil
            }
            if let name = value("name"), trimmed.hasPrefix("- ") {
                kinds.append(Kind(section: section, name: name, url: "", source: "", evidence: ""))
            } else if let url = value("url"), !kinds.isEmpty {
                kinds[kinds.count - 1].url = url
            } else if let source = value("source"), !kinds.isEmpty {
                kinds[kinds.count - 1].source = source
            } else if let evidence = value("evidence"), !kinds.isEmpty {
                kinds[kinds.count - 1].evidence = evidence
            }
        }
        return kinds
    }
}
