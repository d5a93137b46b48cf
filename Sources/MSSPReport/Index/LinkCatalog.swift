import Foundation

/// The link kinds mssp-report knows: the built-in catalog (`Catalog/links.yaml`, carried in the binary), with an
/// MSSP's own file (`--link-catalog`) laid over it. Templates never build URLs; this is where their forms live.
public struct LinkCatalog: Sendable {
    /// The portals `--portal` accepts, the default first.
    public var portals: [LinkKind]
    /// The other per-customer links `--links` can add.
    public var links: [LinkKind]

    /// The built-in catalog, from `Catalog/links.yaml`. A test proves the file parses; a binary whose file does
    /// not was built from a broken tree.
    public static let builtIn: LinkCatalog = {
        let text = EmbeddedCatalog.files["links.yaml"] ?? ""
        let contents = LinkCatalogFile.parse(text, path: "Catalog/links.yaml")
        precondition(
            contents.diagnostics.isEmpty && !contents.portals.isEmpty,
            "Catalog/links.yaml is broken: \(contents.diagnostics.map(\.message))")
        return LinkCatalog(portals: contents.portals, links: contents.links)
    }()

    /// Creates a catalog.
    public init(portals: [LinkKind], links: [LinkKind]) {
        self.portals = portals
        self.links = links
    }

    /// This catalog with the file at `path` laid over it: a kind of the same name is replaced, any other added.
    /// - Throws: `ReportFailure.linkCatalogInvalid` with every problem of the file, or
    ///   `ReportFailure.inputUnreadable` when it cannot be read.
    public func overlaying(file path: String) throws(ReportFailure) -> LinkCatalog {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .inputUnreadable(path: path, reason: "cannot read the link catalog")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .linkCatalogInvalid([
                .error(
                    .invalidLinkCatalog, "the link catalog is not valid UTF-8",
                    at: SourceLocation(file: path, line: 1, column: 1))
            ])
        }
        let contents = LinkCatalogFile.parse(text, path: path)
        guard contents.diagnostics.isEmpty else { throw .linkCatalogInvalid(contents.diagnostics) }
        var result = self
        for kind in contents.portals { result.portals.replaceOrAppend(kind) }
        for kind in contents.links { result.links.replaceOrAppend(kind) }
        return result
    }

    /// The portal with this name, if there is one.
    public func portal(named name: String) -> LinkKind? {
        portals.first { $0.id == name }
    }

    /// The link kind with this name, if there is one.
    public func link(named name: String) -> LinkKind? {
        links.first { $0.id == name }
    }

    /// The Microsoft Defender portal, as the current article gives it: the default portal.
    public static let defender = builtIn.portal(named: "defender")!

    /// The former Microsoft Defender Security Center, as the 2021 edition of the article gives it.
    public static let securityCenter = builtIn.portal(named: "securitycenter")!

    /// The article the index is built from.
    public static let sourceArticle = Link(
        title: "Access the Microsoft Defender MSSP customer portal",
        url: "https://learn.microsoft.com/en-us/defender-endpoint/access-mssp-portal"
    )

    /// Microsoft Defender multitenant management, the one view of all tenants' incidents and alerts; the
    /// article names it beside the tenant-specific URLs.
    public static let multitenantView = Link(
        title: "Microsoft Defender multitenant management",
        url: "https://mto.security.microsoft.com/"
    )

    /// The article's related topics, in its order.
    public static let relatedTopics = [
        Link(
            title: "Grant MSSP access to the portal",
            url: "https://learn.microsoft.com/en-us/defender-endpoint/grant-mssp-access"
        ),
        Link(
            title: "Configure alert notifications",
            url: "https://learn.microsoft.com/en-us/defender-endpoint/configure-mssp-notifications"
        ),
        Link(
            title: "Fetch alerts from customer tenant",
            url: "https://learn.microsoft.com/en-us/defender-endpoint/api/fetch-alerts-mssp"
        ),
    ]

    /// What the index says about access: a link opens the portal, permissions decide what the analyst sees.
    public static let accessNote =
        "A link grants no access by itself: what you can see and do in a customer's portal depends on the GDAP or B2B permissions of your account in that tenant."
}

extension [LinkKind] {
    /// Replaces the kind of the same name, or appends `kind`.
    fileprivate mutating func replaceOrAppend(_ kind: LinkKind) {
        if let index = firstIndex(where: { $0.id == kind.id }) {
            self[index] = kind
        } else {
            append(kind)
        }
    }
}
