import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What an index already in place says about itself, read before a run replaces it: how many customers it
/// lists, so that a run over a broken export cannot silently replace hundreds of customers with a handful.
enum ExistingIndex {
    /// The marker the default templates write: `<meta name="mssp-report-customers" content="N"/>` in HTML,
    /// `[//]: # (mssp-report-customers: N)` in Markdown (a link reference definition, which renders as nothing).
    static let marker = Array("mssp-report-customers".utf8)

    /// The number of customers the index at `path` lists: its marker's count, or (an index from a custom template
    /// without one) the number of distinct tenant IDs in it; `nil` when there is no readable index there.
    static func customerCount(at path: String) -> Int? {
        // Only a regular file is an index to replace: a device (`/dev/full`) or a FIFO has none, and reading one
        // would never end or would take what another program writes.
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
            let handle = FileHandle(forReadingAtPath: path)
        else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1 << 16)) ?? Data()
        if let count = markedCount(in: [UInt8](head)) { return count }
        try? handle.seek(toOffset: 0)
        var tenants = Set<TenantID>()
        var carry: [UInt8] = []
        var remaining = Int(status.st_size)
        while remaining > 0, let chunk = try? handle.read(upToCount: min(1 << 20, remaining)), !chunk.isEmpty {
            remaining -= chunk.count
            let bytes = carry + [UInt8](chunk)
            let scanned = Self.scanTenantIDs(bytes, into: &tenants)
            carry = Array(bytes[scanned...])
        }
        _ = Self.scanTenantIDs(carry, into: &tenants, final: true)
        return tenants.count
    }

    /// The count after the marker in `bytes`, if the marker is there.
    static func markedCount(in bytes: [UInt8]) -> Int? {
        guard bytes.count > marker.count,
            let start = (0...(bytes.count - marker.count)).first(where: {
                bytes[$0..<$0 + marker.count].elementsEqual(marker)
            })
        else { return nil }
        var index = start + marker.count
        while index < bytes.count, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            guard index - start < marker.count + 16 else { return nil }
            index += 1
        }
        var value = 0
        var digits = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), digits < 10 {
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        return digits > 0 ? value : nil
    }

    /// Adds every canonical tenant ID (8-4-4-4-12 hex digits) in `bytes` to `tenants`; returns how far it
    /// scanned, leaving a possible tenant ID cut at the end for the next chunk unless `final`.
    private static func scanTenantIDs(_ bytes: [UInt8], into tenants: inout Set<TenantID>, final: Bool = false) -> Int {
        let end = final ? bytes.count : max(0, bytes.count - 36)
        var index = 0
        while index < end {
            if index + 36 <= bytes.count, bytes[index + 8] == UInt8(ascii: "-"), bytes[index + 13] == UInt8(ascii: "-"),
                let (tenant, form) = TenantID.parse(String(decoding: bytes[index..<index + 36], as: UTF8.self)),
                form == .hyphenated
            {
                tenants.insert(tenant)
                index += 36
            } else {
                index += 1
            }
        }
        return min(index, bytes.count)
    }
}
