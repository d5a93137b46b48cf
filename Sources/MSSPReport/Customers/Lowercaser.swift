/// Lowercases names into UTF-8 bytes exactly as `String.lowercased()` does (each scalar's lowercase mapping,
/// ASCII byte by byte), remembering the mapping of each Basic Multilingual Plane scalar it has seen: perf showed
/// `lowercased()` to be the largest single cost of validating and sorting a million names in many scripts.
struct Lowercaser {
    /// Per BMP scalar: 0 not yet seen, `multiple` when the mapping is more than one scalar, otherwise the
    /// lowercase scalar.
    private var table: [UInt32] = []
    private static let multiple = UInt32.max

    /// Appends the lowercased bytes of `text` to `bytes`.
    mutating func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { append($0, to: &bytes) }
    }

    /// Appends the lowercased bytes of the UTF-8 text `utf8` to `bytes`.
    mutating func append(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        if utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in utf8 { bytes.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte) }
            return
        }
        if table.isEmpty { table = [UInt32](repeating: 0, count: 0x10000) }
        var iterator = utf8.makeIterator()
        var decoder = UTF8()
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            let value = scalar.value
            if value < 0x80 {
                bytes.append(value >= 0x41 && value <= 0x5A ? UInt8(value + 32) : UInt8(value))
                continue
            }
            if value < 0x10000 {
                var mapped = table[Int(value)]
                if mapped == 0 {
                    let mapping = scalar.properties.lowercaseMapping.unicodeScalars
                    mapped = mapping.count == 1 ? mapping.first!.value : Self.multiple
                    table[Int(value)] = mapped
                }
                if mapped != Self.multiple {
                    Self.appendUTF8(Unicode.Scalar(mapped)!, to: &bytes)
                    continue
                }
            }
            bytes.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
        }
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case ..<0x80:
            bytes.append(UInt8(value))
        case ..<0x800:
            bytes.append(UInt8(0xC0 | value >> 6))
            bytes.append(UInt8(0x80 | value & 0x3F))
        case ..<0x10000:
            bytes.append(UInt8(0xE0 | value >> 12))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | value >> 18))
            bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        }
    }
}
