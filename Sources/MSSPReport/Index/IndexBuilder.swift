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
        let groupValues: [String?] = customers.map { customer in
            guard let groupBy, let value = customer.fieldValue(groupBy)?.trimmingWhitespace else { return nil }
            return value.isEmpty ? nil : value
        }
        let order = Self.sortedOrder(customers, groupValues: groupValues)
        let entries = customers.withUnsafeBufferPointer { customers in
            order.map { index in
                let tenantID = customers[index].tenantID
                let domain = customers[index].domain
                return IndexModel.Entry(
                    name: customers[index].name,
                    tenantID: tenantID,
                    portalURL: portal.url(for: tenantID),
                    domain: domain,
                    links: linkKinds.isEmpty ? [] : linkKinds.map { $0.url(tenantID: tenantID, domain: domain) }
                )
            }
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

    /// The order of the document: by group (customers without one last), then lowercased name compared as
    /// UTF-8 bytes (deterministic, independent of locale), then the name as written, then the tenant ID.
    ///
    /// The keys live in one flat byte buffer and the sort moves 16-byte items that carry the first 8 key
    /// bytes, so most comparisons touch neither the heap nor reference counts (perf: sorting on an array of
    /// per-customer key arrays was the largest cost of the build at a million customers).
    static func sortedOrder(_ customers: [Customer], groupValues: [String?]) -> [Int] {
        var groupRanks = [Int32](repeating: .max, count: customers.count)
        if groupValues.contains(where: { $0 != nil }) {
            let distinct = Set(groupValues.compactMap { $0 }).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let rank = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Int32($0)) })
            for (index, value) in groupValues.enumerated() { if let value { groupRanks[index] = rank[value]! } }
        }
        var keyBytes: [UInt8] = []
        keyBytes.reserveCapacity(customers.count * 24)
        var keyStarts = [Int](repeating: 0, count: customers.count + 1)
        var items: [SortItem] = []
        items.reserveCapacity(customers.count)
        var lowercaser = Lowercaser()
        for (index, customer) in customers.enumerated() {
            let start = keyBytes.count
            lowercaser.append(customer.name, to: &keyBytes)
            keyStarts[index + 1] = keyBytes.count
            var prefix: UInt64 = 0
            for offset in 0..<8 {
                let byte = start + offset < keyBytes.count ? keyBytes[start + offset] : 0
                prefix = prefix << 8 | UInt64(byte)
            }
            items.append(SortItem(group: groupRanks[index], index: Int32(index), prefix: prefix))
        }
        keyBytes.withUnsafeBufferPointer { keys in
            customers.withUnsafeBufferPointer { customers in
                items.sort { left, right in
                    if left.group != right.group { return left.group < right.group }
                    if left.prefix != right.prefix { return left.prefix < right.prefix }
                    let (l, r) = (Int(left.index), Int(right.index))
                    let (leftStart, rightStart) = (keyStarts[l], keyStarts[r])
                    let (leftLength, rightLength) = (keyStarts[l + 1] - leftStart, keyStarts[r + 1] - rightStart)
                    let order = memcmp(
                        keys.baseAddress! + leftStart, keys.baseAddress! + rightStart, min(leftLength, rightLength))
                    if order != 0 { return order < 0 }
                    if leftLength != rightLength { return leftLength < rightLength }
                    let (leftName, rightName) = (customers[l].name, customers[r].name)
                    if leftName != rightName { return leftName.utf8.lexicographicallyPrecedes(rightName.utf8) }
                    return customers[l].tenantID < customers[r].tenantID
                }
            }
        }
        return items.map { Int($0.index) }
    }

    private struct SortItem {
        var group: Int32
        var index: Int32
        var prefix: UInt64
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
