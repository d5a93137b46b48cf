public import ArgumentParser
import Foundation
import MSSPReport

/// A `--links` value: comma-separated names of link kinds from the catalog. Parsing keeps the names it does not
/// know, so that `validate()` can say which one it was and list the kinds.
struct LinkKindList: ExpressibleByArgument {
    /// The kinds named, in order.
    let kinds: [LinkKind]
    /// Names that are not in the catalog.
    let unknownNames: [String]

    init?(argument: String) {
        let names = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty }
        kinds = names.compactMap(LinkCatalog.extraLink(named:))
        unknownNames = names.filter { LinkCatalog.extraLink(named: $0) == nil }
    }

    static var allValueStrings: [String] { LinkCatalog.extraLinks.map(\.id) }
}
