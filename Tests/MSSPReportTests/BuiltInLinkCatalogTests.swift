import Testing

@testable import MSSPReport

/// The built-in catalog: it parses, every kind says where its form comes from, and names are unique.
@Suite struct BuiltInLinkCatalogTests {
    @Test func everyKindHasASourceAndItsEvidence() {
        let catalog = LinkCatalog.builtIn
        #expect(catalog.portals.first?.id == "defender")
        for kind in catalog.portals + catalog.links {
            #expect(kind.source.hasPrefix("https://"), "\(kind.id)")
            #expect(kind.evidence == .documentation || kind.evidence == .practice, "\(kind.id)")
            #expect(!kind.label.isEmpty && kind.label.count <= 16, "\(kind.id)")
        }
        #expect(catalog.portals.allSatisfy { $0.isPortal })
        #expect(Set(catalog.links.map(\.id)).count == catalog.links.count)
        #expect(
            catalog.link(named: "m365")?.urlTemplate == "https://admin.cloud.microsoft/?delegatedOrg={initialDomain}")
    }
}
