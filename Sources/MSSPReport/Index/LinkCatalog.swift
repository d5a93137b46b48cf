/// The one list of link kinds and related topics that mssp-report knows. Templates never build URLs.
public enum LinkCatalog {
    /// The Microsoft Defender portal, as the current article gives it.
    public static let defender = LinkKind(
        id: "defender",
        title: "Microsoft Defender portal",
        urlTemplate: "https://security.microsoft.com/?tid={tenantId}",
        source: "Access the Microsoft Defender MSSP customer portal (Microsoft Learn)"
    )

    /// The former Microsoft Defender Security Center, as the 2021 edition of the article gives it; it now
    /// redirects.
    public static let securityCenter = LinkKind(
        id: "securitycenter",
        title: "Microsoft Defender Security Center",
        urlTemplate: "https://securitycenter.windows.com/?tid={tenantId}",
        source: "the 2021 edition of the same article; the host now redirects"
    )

    /// The portals `--portal` accepts.
    public static let portals = [defender, securityCenter]

    /// The other per-customer links `--links` can add, in the order an index shows them. The tenant-scoped
    /// admin center URLs are the forms that CIPP and Microsoft 365 Lighthouse open for a customer tenant; the
    /// `delegatedOrg` forms are the admin centers' own way to act on a customer's behalf.
    public static let extraLinks = [
        LinkKind(
            id: "entra", title: "Microsoft Entra admin center", urlTemplate: "https://entra.microsoft.com/{tenantId}",
            source: "tenant-scoped admin center URL"),
        LinkKind(
            id: "azure", title: "Azure portal", urlTemplate: "https://portal.azure.com/{tenantId}",
            source: "tenant-scoped admin center URL"),
        LinkKind(
            id: "intune", title: "Microsoft Intune admin center",
            urlTemplate: "https://intune.microsoft.com/{tenantId}",
            source: "tenant-scoped admin center URL"),
        LinkKind(
            id: "purview", title: "Microsoft Purview portal",
            urlTemplate: "https://purview.microsoft.com/?tid={tenantId}",
            source: "tenant ID parameter, as for the Defender portal"),
        LinkKind(
            id: "m365", title: "Microsoft 365 admin center",
            urlTemplate:
                "https://admin.microsoft.com/Partner/BeginClientSession.aspx?CTID={tenantId}&CSDEST=o365admincenter",
            source: "Partner Center's delegated-admin sign-in"),
        LinkKind(
            id: "exchange", title: "Exchange admin center",
            urlTemplate: "https://admin.exchange.microsoft.com/?delegatedOrg={domain}", identifier: .domain,
            source: "delegatedOrg parameter (needs the customer's domain)"),
        LinkKind(
            id: "teams", title: "Teams admin center",
            urlTemplate: "https://admin.teams.microsoft.com/?delegatedOrg={domain}", identifier: .domain,
            source: "delegatedOrg parameter (needs the customer's domain)"),
    ]

    /// The extra link kind with this identifier, if there is one.
    public static func extraLink(named id: String) -> LinkKind? {
        extraLinks.first { $0.id == id }
    }

    /// The portal with this identifier, if there is one.
    public static func portal(named id: String) -> LinkKind? {
        portals.first { $0.id == id }
    }

    /// The article the index is built from.
    public static let sourceArticle = Link(
        title: "Access the Microsoft Defender MSSP customer portal",
        url: "https://learn.microsoft.com/en-us/defender-endpoint/access-mssp-portal"
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
