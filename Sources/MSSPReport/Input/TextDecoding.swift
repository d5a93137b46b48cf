/// Turns the raw bytes of an input into UTF-8: drops a UTF-8 byte-order mark and transcodes UTF-16
/// (Excel's "Unicode text") when a UTF-16 byte-order mark says so.
enum TextDecoding {
    /// The UTF-8 bytes, or `nil` when a UTF-16 input does not decode.
    static func utf8Bytes(of bytes: [UInt8]) -> [UInt8]? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(bytes.dropFirst(3)) }
        if bytes.starts(with: [0xFF, 0xFE]) { return transcodeUTF16(bytes.dropFirst(2), littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return transcodeUTF16(bytes.dropFirst(2), littleEndian: false) }
        return bytes
    }

    private static func transcodeUTF16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> [UInt8]? {
        guard bytes.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        var output: [UInt8] = []
        output.reserveCapacity(units.count * 2)
        var iterator = units.makeIterator()
        var decoder = UTF16()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): UTF8.encode(scalar) { output.append($0) }
            case .emptyInput: return output
            case .error: return nil
            }
        }
    }

    /// The bytes as a string, or `nil` when they are not valid UTF-8. ASCII, the common case, skips the
    /// generic validating initializer (perf: it showed in the reader's profile).
    static func string(validating bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var isASCII = true
        for byte in bytes where byte >= 0x80 {
            isASCII = false
            break
        }
        return isASCII ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
    }
}
