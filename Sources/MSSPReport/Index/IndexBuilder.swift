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
    /// The column whose values group the customers (`--group-by`), or `nil` for one list.
    public var groupBy: String?

    /// The default page title.
    public static let defaultTitle = "Microsoft Defender portals of our customers"

    /// Creates a builder.
    public init(
        title: String = IndexBuilder.defaultTitle,
        portal: LinkKind = LinkCatalog.defender,
        linkKinds: [LinkKind] = [],
        groupBy: String? = nil,
        generatedOn: String? = nil
    ) {
        self.title = title
        self.portal = portal
        self.linkKinds = linkKinds
        self.groupBy = groupBy
        self.generatedOn = generatedOn
    }

    /// The title of the group for customers without a value in the `--group-by` column.
    static func ungroupedTitle(_ column: String) -> String { "No \(column)" }

    /// The model for these customers; `skippedCount` is the number of rows left out for errors.
    public func build(customers: [Customer], skippedCount: Int) -> IndexModel {
        // Sort once on precomputed keys: the group (customers without one last), then lowercased names compared
        // as UTF-8 bytes (deterministic, independent of locale), then the name as written, then the tenant ID.
        let groupValues: [String?] = customers.map { customer in
            guard let groupBy, let value = customer.fieldValue(groupBy)?.trimmingWhitespace else { return nil }
            return value.isEmpty ? nil : value
        }
        let keys = customers.map { NameKey.lowercasedBytes($0.name) }
        let order = customers.indices.sorted { left, right in
            if groupValues[left] != groupValues[right] {
                guard let leftGroup = groupValues[left] else { return false }
                guard let rightGroup = groupValues[right] else { return true }
                return leftGroup.utf8.lexicographicallyPrecedes(rightGroup.utf8)
            }
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
        var groups: [IndexModel.Group] = []
        if let groupBy {
            var anchors: Set<String> = []
            var start = 0
            while start < order.count {
                let value = groupValues[order[start]]
                var end = start + 1
                while end < order.count, groupValues[order[end]] == value { end += 1 }
                let title = value ?? Self.ungroupedTitle(groupBy)
                var anchor = "group-" + title.split(whereSeparator: { $0.isWhitespace }).joined(separator: "-")
                if anchors.contains(anchor) { anchor += "-\(start)" }
                anchors.insert(anchor)
                groups.append(IndexModel.Group(title: title, anchor: anchor, range: start..<end))
                start = end
            }
        } else {
            groups = [IndexModel.Group(title: "", anchor: "customers", range: 0..<entries.count)]
        }
        return IndexModel(
            title: title,
            portal: portal,
            linkKinds: linkKinds,
            entries: entries,
            groups: groups,
            isGrouped: groupBy != nil,
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
