public import ArgumentParser
import MSSPReport

/// A `--portal` value: one of the catalog's portals, by name.
struct PortalChoice: ExpressibleByArgument {
    /// The portal.
    let kind: LinkKind

    init?(argument: String) {
        guard let kind = LinkCatalog.portal(named: argument) else { return nil }
        self.kind = kind
    }

    static var allValueStrings: [String] { LinkCatalog.portals.map(\.id) }
}
