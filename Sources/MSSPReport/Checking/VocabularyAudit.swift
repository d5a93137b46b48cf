import CXMLCheck

/// The audit of a restricted format (Confluence storage format, an HTML fragment) against its
/// `MarkupVocabulary`: every element, attribute and Confluence macro must be one the vocabulary names, and no
/// element may declare a namespace. The outermost element is the wrapper the check adds (`OutputCheck`), not the
/// document's.
final class VocabularyAudit {
    private let vocabulary: MarkupVocabulary
    private let log: ProblemLog
    /// Whether the wrapper element has been seen.
    private var wrapperSeen = false

    init(_ vocabulary: MarkupVocabulary, log: ProblemLog) {
        self.vocabulary = vocabulary
        self.log = log
    }

    /// Audits a start tag; `false` for the wrapper, which the other audits do not see either.
    func startElement(
        _ name: XMLName, prefix: XMLName?, declaresNamespaces: Bool, attributes: UnsafeBufferPointer<cxml_attribute>,
        line: Int
    ) -> Bool {
        guard wrapperSeen else {
            wrapperSeen = true
            return false
        }
        // The qualified name is built only for a message: this runs for every element of the document.
        var elementName: String { prefix.map { "\($0.string):\(name.string)" } ?? name.string }
        guard let element = vocabulary.element(name, prefix: prefix) else {
            log.report(
                line: line,
                "the document contains a <\(elementName)> element, which \(vocabulary.formatName) here must not have")
            return true
        }
        if declaresNamespaces {
            log.report(
                line: line,
                "the <\(elementName)> element declares a namespace, which \(vocabulary.formatName) here must not do")
        }
        for attribute in attributes where !vocabulary.allows(attribute, on: element) {
            let attributeName =
                attribute.prefix.map { String(cString: $0) + ":" + String(cString: attribute.name) }
                ?? String(cString: attribute.name)
            log.report(
                line: line,
                "the <\(elementName)> element has an attribute \(attributeName), which \(vocabulary.formatName) here must not have"
            )
        }
        if name.equals("structured-macro"), prefix?.equals("ac") == true { auditMacro(attributes, line: line) }
        return true
    }

    /// A Confluence macro must be one that shows text.
    private func auditMacro(_ attributes: UnsafeBufferPointer<cxml_attribute>, line: Int) {
        let macro = attributes.first {
            XMLName(pointer: $0.name).equals("name") && $0.prefix.map { XMLName(pointer: $0).equals("ac") } == true
        }.map { String(cString: $0.value) }
        if let macro, vocabulary.macroNames.contains(macro) { return }
        log.report(
            line: line,
            "the document contains the Confluence macro \((macro ?? "").quotedForDiagnostic), which is not one of \(vocabulary.macroNames.sorted().joined(separator: ", "))"
        )
    }
}
