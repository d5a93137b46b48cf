/// A Microsoft Entra tenant ID: a GUID, stored as 128 bits and always written lowercase with hyphens.
public struct TenantID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The first 64 bits, as written left to right.
    public let high: UInt64
    /// The last 64 bits.
    public let low: UInt64

    /// How a tenant ID was written in the input.
    public enum Form: Sendable, Equatable {
        /// `8-4-4-4-12` hex digits, any case.
        case hyphenated
        /// `{8-4-4-4-12}`, as PowerShell and the registry write GUIDs.
        case braced
        /// 32 hex digits without hyphens.
        case unhyphenated
    }

    /// Creates a tenant ID from its 128 bits.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The nil GUID, a placeholder rather than a tenant.
    public static let placeholder = TenantID(high: 0, low: 0)

    /// Microsoft's tenant for personal (consumer) accounts, `9188040d-6c67-4c5b-b112-36a304b66dad`: never a
    /// customer organisation.
    public static let personalAccounts = TenantID(high: 0x9188_040d_6c67_4c5b, low: 0xb112_36a3_04b6_6dad)

    /// Parses a tenant ID written in any accepted form, ignoring surrounding whitespace.
    /// - Returns: The ID and the form it was written in, or `nil` when the text is not a GUID.
    public static func parse(_ text: String) -> (id: TenantID, form: Form)? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// Parses UTF-8 bytes, as `parse(_:)` does a string.
    static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> (id: TenantID, form: Form)? {
        var start = 0
        var end = bytes.count
        while start < end, isWhitespace(bytes[start]) { start += 1 }
        while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
        var form = Form.hyphenated
        if start < end, bytes[start] == UInt8(ascii: "{") {
            guard bytes[end - 1] == UInt8(ascii: "}"), end - start == 38 else { return nil }
            start += 1
            end -= 1
            form = .braced
        }
        let hyphenated: Bool
        switch end - start {
        case 36: hyphenated = true
        case 32 where form == .hyphenated:
            hyphenated = false
            form = .unhyphenated
        default: return nil
        }
        if hyphenated {
            let base = bytes.baseAddress! + start
            guard base[8] == UInt8(ascii: "-"), base[13] == UInt8(ascii: "-"), base[18] == UInt8(ascii: "-"),
                base[23] == UInt8(ascii: "-")
            else { return nil }
        }
        // Digits by table, OR-ing every value so one test at the end rejects any non-digit (0xFF).
        var high: UInt64 = 0
        var low: UInt64 = 0
        var invalid: UInt8 = 0
        var digits = 0
        Self.hexDigits.withUnsafeBufferPointer { table in
            for offset in 0..<(end - start) {
                if hyphenated, offset == 8 || offset == 13 || offset == 18 || offset == 23 { continue }
                let value = table[Int(bytes[start + offset])]
                invalid |= value
                if digits < 16 {
                    high = high << 4 | UInt64(value & 0xF)
                } else {
                    low = low << 4 | UInt64(value & 0xF)
                }
                digits += 1
            }
        }
        guard invalid & 0xF0 == 0 else { return nil }
        return (TenantID(high: high, low: low), form)
    }

    /// The canonical form: lowercase, hyphenated, `8-4-4-4-12`.
    public var description: String {
        String(unsafeUninitializedCapacity: 36) { buffer in
            writeCanonical(to: buffer.baseAddress!)
            return 36
        }
    }

    /// Writes the 36 bytes of the canonical form to `destination`.
    func writeCanonical(to destination: UnsafeMutablePointer<UInt8>) {
        var position = 0
        for index in 0..<32 {
            if position == 8 || position == 13 || position == 18 || position == 23 {
                destination[position] = UInt8(ascii: "-")
                position += 1
            }
            let word = index < 16 ? high : low
            let nibble = UInt8(truncatingIfNeeded: word >> UInt64((15 - index % 16) * 4)) & 0xF
            destination[position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            position += 1
        }
    }

    public static func < (lhs: TenantID, rhs: TenantID) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    /// The value of each byte as a hex digit, or 0xFF.
    private static let hexDigits: [UInt8] = (0..<256).map { hexValue(UInt8($0)) ?? 0xFF }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
