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
        build(customers: CustomerList(customers), skippedCount: skippedCount)
    }

    /// The model for these customers; `skippedCount` is the number of rows left out for errors; `access`, when
    /// relationships were given, each customer's access state (by position in `customers`).
    public func build(customers: CustomerList, skippedCount: Int, access: AccessReport? = nil) -> IndexModel {
        let groupValues: [String?]
        if let groupBy {
            groupValues = customers.indices.map { index in
                customers.columnValue(groupBy, at: index)
            }
        } else {
            groupValues = []
        }
        let order = Self.sortedOrder(customers, groupValues: groupValues)
        var groups: [IndexModel.Group] = []
        if let groupBy {
            let order = order.map { Int($0) }
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
            groups = [IndexModel.Group(title: "", anchor: "customers", range: 0..<order.count)]
        }
        return IndexModel(
            title: title,
            portal: portal,
            linkKinds: linkKinds,
            customers: customers,
            order: order,
            groups: groups,
            isGrouped: groupBy != nil,
            relatedTopics: LinkCatalog.relatedTopics,
            sourceArticle: LinkCatalog.sourceArticle,
            multitenantView: LinkCatalog.multitenantView,
            accessNote: LinkCatalog.accessNote,
            summary: .init(customerCount: order.count, skippedCount: skippedCount),
            generatedOn: generatedOn,
            access: access
        )
    }

    /// The order of the document: by group (customers without one last), then lowercased name compared as
    /// UTF-8 bytes (deterministic, independent of locale), then the name as written, then the tenant ID.
    ///
    /// The keys live in one flat byte buffer and the sort moves 16-byte items that carry the first 8 key
    /// bytes, so most comparisons touch neither the heap nor reference counts (perf: sorting on an array of
    /// per-customer key arrays was the largest cost of the build at a million customers).
    static func sortedOrder(_ customers: CustomerList, groupValues: [String?]) -> [Int32] {
        var groupRanks = [Int32](repeating: .max, count: customers.count)
        if groupValues.contains(where: { $0 != nil }) {
            let distinct = Set(groupValues.compactMap { $0 }).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let rank = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Int32($0)) })
            for (index, value) in groupValues.enumerated() { if let value { groupRanks[index] = rank[value]! } }
        }
        return customers.withContents { contents in
            // Both halves of the list get their keys and are sorted on their own core, then merged.
            let middle = contents.count / 2
            var halves = [SortedHalf(range: 0..<middle), SortedHalf(range: middle..<contents.count)]
            halves.withUnsafeMutableBufferPointer { halves in
                ParallelWork.run({ halves[0].sort(contents, groupRanks: groupRanks) }) {
                    halves[1].sort(contents, groupRanks: groupRanks)
                }
            }
            return SortedHalf.merge(halves[0], halves[1], contents)
        }
    }

    /// One half of the customers, sorted: items with an 8-byte key prefix, and the lowercased names in one
    /// buffer.
    private struct SortedHalf {
        let range: Range<Int>
        var items: [SortItem] = []
        var keyBytes: [UInt8] = []
        /// Start of each customer's key in `keyBytes`, by position within `range`, and the end.
        var keyStarts: [Int] = []

        init(range: Range<Int>) {
            self.range = range
        }

        mutating func sort(_ contents: CustomerList.Contents, groupRanks: [Int32]) {
            keyBytes.reserveCapacity(range.count * 40)
            keyStarts = [Int](repeating: 0, count: range.count + 1)
            items.reserveCapacity(range.count)
            var lowercaser = Lowercaser()
            for (position, index) in range.enumerated() {
                let start = keyBytes.count
                lowercaser.append(contents.name(at: index), to: &keyBytes)
                keyStarts[position + 1] = keyBytes.count
                var prefix: UInt64 = 0
                for offset in 0..<8 {
                    let byte = start + offset < keyBytes.count ? keyBytes[start + offset] : 0
                    prefix = prefix << 8 | UInt64(byte)
                }
                items.append(SortItem(group: groupRanks[index], index: Int32(index), prefix: prefix))
            }
            var items = self.items
            self.items = []
            withKeys { keys in
                items.sort { left, right in SortedHalf.precedes(left, keys, right, keys, contents) }
            }
            self.items = items
        }

        /// Calls `body` with this half's keys, valid while it runs.
        func withKeys<Result>(_ body: (Keys) -> Result) -> Result {
            keyBytes.withUnsafeBufferPointer { bytes in
                keyStarts.withUnsafeBufferPointer { starts in
                    body(Keys(lowerBound: range.lowerBound, starts: starts, bytes: bytes))
                }
            }
        }

        /// The two sorted halves as one order.
        static func merge(_ first: SortedHalf, _ second: SortedHalf, _ contents: CustomerList.Contents) -> [Int32] {
            var order: [Int32] = []
            order.reserveCapacity(first.items.count + second.items.count)
            first.withKeys { firstKeys in
                second.withKeys { secondKeys in
                    var (left, right) = (0, 0)
                    while left < first.items.count, right < second.items.count {
                        let (leftItem, rightItem) = (first.items[left], second.items[right])
                        if precedes(rightItem, secondKeys, leftItem, firstKeys, contents) {
                            order.append(rightItem.index)
                            right += 1
                        } else {
                            order.append(leftItem.index)
                            left += 1
                        }
                    }
                    order += first.items[left...].map(\.index)
                    order += second.items[right...].map(\.index)
                }
            }
            return order
        }

        /// The keys of one half, valid inside `withKeys`.
        struct Keys {
            let lowerBound: Int
            let starts: UnsafeBufferPointer<Int>
            let bytes: UnsafeBufferPointer<UInt8>

            /// The key of the customer at `index` (of the whole list).
            @inline(__always)
            func key(_ index: Int32) -> UnsafeBufferPointer<UInt8> {
                let position = Int(index) - lowerBound
                return UnsafeBufferPointer(rebasing: bytes[starts[position]..<starts[position + 1]])
            }
        }

        /// Whether `left` sorts before `right`, each with the keys of its half.
        @inline(__always)
        static func precedes(
            _ left: SortItem, _ leftKeys: Keys, _ right: SortItem, _ rightKeys: Keys,
            _ contents: CustomerList.Contents
        ) -> Bool {
            if left.group != right.group { return left.group < right.group }
            if left.prefix != right.prefix { return left.prefix < right.prefix }
            let order = IndexBuilder.compare(
                leftKeys.key(left.index), rightKeys.key(right.index))
            if order != 0 { return order < 0 }
            // Equal lowercased names: the name as written, then the tenant ID.
            let (leftIndex, rightIndex) = (Int(left.index), Int(right.index))
            let written = IndexBuilder.compare(contents.name(at: leftIndex), contents.name(at: rightIndex))
            if written != 0 { return written < 0 }
            return contents.tenantID(at: leftIndex) < contents.tenantID(at: rightIndex)
        }
    }

    /// Compares two byte strings as `lexicographicallyPrecedes` does: -1, 0 or 1. Either may be empty (and
    /// then have no base address).
    @inline(__always)
    fileprivate static func compare(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(left.count, right.count)
        if common > 0, let leftBase = left.baseAddress, let rightBase = right.baseAddress {
            let order = memcmp(leftBase, rightBase, common)
            if order != 0 { return order < 0 ? -1 : 1 }
        }
        return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
    }

    private struct SortItem {
        var group: Int32
        var index: Int32
        var prefix: UInt64
    }

    /// The UTC day of `SOURCE_DATE_EPOCH` (seconds since 1970), if the environment sets it to a number.
    public static func dayFromSourceDateEpoch(_ environment: [String: String]) -> CalendarDay? {
        guard let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int(text) else { return nil }
        return CalendarDay(seconds: seconds)
    }

    /// The date `SOURCE_DATE_EPOCH` names, as `YYYY-MM-DD` in UTC; `nil` when the variable is unset or not a
    /// number.
    public static func dateFromSourceDateEpoch(_ environment: [String: String]) -> String? {
        dayFromSourceDateEpoch(environment)?.description
    }
}
