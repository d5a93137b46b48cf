import Foundation

/// Builds the index model from validated customers: sorts them and builds every link.
public struct IndexBuilder: Sendable {
    /// The page title.
    public var title: String
    /// The portal each customer links to.
    public var portal: LinkKind
    /// The generation date to show, if any.
    public var generatedOn: String?
    /// Extra per-customer link kinds.
    public var linkKinds: [LinkKind]

    /// The default page title.
    public static let defaultTitle = "Microsoft Defender portals of our customers"

    /// Creates a builder.
    public init(
        title: String = IndexBuilder.defaultTitle,
        portal: LinkKind = LinkCatalog.defender,
        linkKinds: [LinkKind] = [],
        generatedOn: String? = nil
    ) {
        self.title = title
        self.portal = portal
        self.linkKinds = linkKinds
        self.generatedOn = generatedOn
    }

    /// The model for these customers; `skippedCount` is the number of rows left out for errors.
    public func build(customers: [Customer], skippedCount: Int) -> IndexModel {
        // Sort once on precomputed keys: lowercased names compared as UTF-8 bytes (deterministic, independent
        // of locale), then the name as written, then the tenant ID.
        let keys = customers.map { Array($0.name.lowercased().utf8) }
        let order = customers.indices.sorted { left, right in
            if keys[left] != keys[right] { return keys[left].lexicographicallyPrecedes(keys[right]) }
            let (leftName, rightName) = (customers[left].name, customers[right].name)
            if leftName != rightName { return leftName.utf8.lexicographicallyPrecedes(rightName.utf8) }
            return customers[left].tenantID < customers[right].tenantID
        }
        let entries = order.map { index in
            let customer = customers[index]
            return IndexModel.Entry(
                name: customer.name,
                tenantID: customer.tenantID,
                portalURL: portal.url(for: customer.tenantID),
                domain: customer.domain,
                links: linkKinds.map { $0.url(tenantID: customer.tenantID, domain: customer.domain) }
            )
        }
        return IndexModel(
            title: title,
            portal: portal,
            linkKinds: linkKinds,
            entries: entries,
            relatedTopics: LinkCatalog.relatedTopics,
            sourceArticle: LinkCatalog.sourceArticle,
            accessNote: LinkCatalog.accessNote,
            summary: .init(customerCount: entries.count, skippedCount: skippedCount),
            generatedOn: generatedOn
        )
    }

    /// The date `SOURCE_DATE_EPOCH` (seconds since 1970) names, as `YYYY-MM-DD` in UTC; `nil` when the
    /// variable is unset or not a number.
    public static func dateFromSourceDateEpoch(_ environment: [String: String]) -> String? {
        guard let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents(
            [.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
