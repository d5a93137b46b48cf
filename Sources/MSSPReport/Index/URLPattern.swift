/// The bytes of a link kind's URLs before and after the tenant ID (see `LinkKind.makePattern`).
final class URLPattern {
    private let prefix: UnsafeMutableBufferPointer<UInt8>
    private let suffix: UnsafeMutableBufferPointer<UInt8>

    init(prefix: String, suffix: String) {
        self.prefix = .allocate(capacity: prefix.utf8.count)
        _ = self.prefix.initialize(from: prefix.utf8)
        self.suffix = .allocate(capacity: suffix.utf8.count)
        _ = self.suffix.initialize(from: suffix.utf8)
    }

    deinit {
        prefix.deallocate()
        suffix.deallocate()
    }

    /// Calls `body` with the bytes of the link for `tenantID`, built on the stack.
    func withURL<Result>(for tenantID: TenantID, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let (prefixLength, suffixLength) = (prefix.count, suffix.count)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: prefixLength + 36 + suffixLength) { buffer in
            _ = buffer.initialize(fromContentsOf: prefix)
            tenantID.writeCanonical(to: buffer.baseAddress! + prefixLength)
            _ = buffer[(prefixLength + 36)...].initialize(fromContentsOf: suffix)
            return body(UnsafeBufferPointer(buffer))
        }
    }

    /// Whether the NUL-terminated `url` is exactly the link for `tenantID`, compared byte by byte without
    /// building strings (the audits' fast path, once per customer).
    func isURL(_ url: UnsafePointer<CChar>, for tenantID: TenantID) -> Bool {
        url.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
            var offset = 0
            for byte in prefix {
                guard bytes[offset] == byte else { return false }
                offset += 1
            }
            let tenantMatches = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { canonical in
                tenantID.writeCanonical(to: canonical.baseAddress!)
                for byte in canonical {
                    guard bytes[offset] == byte else { return false }
                    offset += 1
                }
                return true
            }
            guard tenantMatches else { return false }
            for byte in suffix {
                guard bytes[offset] == byte else { return false }
                offset += 1
            }
            return bytes[offset] == 0
        }
    }
}
