import CXMLCheck

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The elements, attributes and macros a document of a restricted format may contain: what `VocabularyAudit`
/// allows in Confluence storage format and in an HTML fragment, on top of what it requires of every document.
///
/// An allowlist, not a blocklist: anything not named is a problem, so a custom template cannot add a `style`,
/// a `class`, an `id`, a script or a Confluence macro that embeds HTML (`html`, `iframe`, `widget`) without the
/// check saying so.
struct MarkupVocabulary: Sendable {
    /// One element allowed: its qualified name's prefix and local name, and the qualified attribute names.
    struct Element: Sendable {
        let prefix: [CChar]?
        let name: [CChar]
        let attributes: [(prefix: [CChar]?, name: [CChar])]

        init(_ qualifiedName: String, _ attributes: [String] = []) {
            (prefix, name) = Self.split(qualifiedName)
            self.attributes = attributes.map(Self.split)
        }

        private static func split(_ qualifiedName: String) -> (prefix: [CChar]?, name: [CChar]) {
            let parts = qualifiedName.split(separator: ":", maxSplits: 1).map { Array(String($0).utf8CString) }
            return parts.count == 2 ? (parts[0], parts[1]) : (nil, parts[0])
        }
    }

    /// The format's name in messages ("Confluence storage format").
    let formatName: String
    /// The allowed elements, the most frequent first (they are compared in order).
    let elements: [Element]
    /// The names `ac:structured-macro` may have (`ac:name`), when the vocabulary has macros.
    let macroNames: Set<String>
    /// The start and end tags of the element the check reads the document in: neither format has a single root
    /// element.
    let wrapper: (start: StaticString, end: StaticString)

    /// Confluence storage format as the default templates write it: headings, paragraphs, lists, the table with
    /// header cells, code, external links (`<a href>`), and the `info` panel for the access note. Its reference
    /// is Atlassian's "Confluence Storage Format" page
    /// (https://confluence.atlassian.com/doc/confluence-storage-format-283640220.html).
    static let confluence = MarkupVocabulary(
        formatName: "Confluence storage format",
        elements: [
            Element("td", ["colspan", "rowspan"]), Element("a", ["href"]), Element("tr"), Element("code"),
            Element("th", ["colspan", "rowspan"]), Element("li"), Element("p"), Element("ul"), Element("table"),
            Element("tbody"), Element("h1"), Element("h2"), Element("h3"), Element("strong"), Element("em"),
            Element("ac:structured-macro", ["ac:name", "ac:schema-version"]), Element("ac:rich-text-body"),
            Element("ac:parameter", ["ac:name"]),
        ],
        macroNames: ["info", "note", "tip", "warning", "panel", "toc", "expand"],
        // Confluence documents no URIs for its `ac:` and `ri:` prefixes; these are the ones Atlassian's own
        // examples and converters declare (practice, not documentation).
        wrapper: (
            "<ac:confluence xmlns:ac=\"http://atlassian.com/content\" xmlns:ri=\"http://atlassian.com/resource/identifier\" xmlns=\"http://www.w3.org/1999/xhtml\">",
            "</ac:confluence>"
        ))

    /// An HTML fragment for documentation tools and their sanitisers: what ammonia's (nh3's), bleach's with the
    /// table elements added, and DOMPurify's default allowlists all keep, and no `class`, `id` or `style`.
    static let fragment = MarkupVocabulary(
        formatName: "HTML fragment",
        elements: [
            Element("td", ["colspan", "rowspan"]), Element("a", ["href", "title"]), Element("tr"), Element("code"),
            Element("th", ["colspan", "rowspan"]), Element("li"), Element("p"), Element("ul"), Element("table"),
            Element("thead"), Element("tbody"), Element("h2"), Element("h3"), Element("strong"), Element("em"),
            Element("blockquote"),
        ],
        macroNames: [], wrapper: ("<mssp-report-fragment>", "</mssp-report-fragment>"))

    /// The allowed element `name` (with `prefix`), or `nil`.
    func element(_ name: XMLName, prefix: XMLName?) -> Element? {
        elements.first { element in
            strcmp(element.name, name.pointer) == 0 && Self.samePrefix(element.prefix, prefix?.pointer)
        }
    }

    /// Whether `element` allows the attribute `attribute`.
    func allows(_ attribute: cxml_attribute, on element: Element) -> Bool {
        element.attributes.contains { allowed in
            strcmp(allowed.name, attribute.name) == 0 && Self.samePrefix(allowed.prefix, attribute.prefix)
        }
    }

    private static func samePrefix(_ allowed: [CChar]?, _ prefix: UnsafePointer<CChar>?) -> Bool {
        switch (allowed, prefix) {
        case (nil, nil): true
        case (let allowed?, let prefix?): strcmp(allowed, prefix) == 0
        default: false
        }
    }
}
