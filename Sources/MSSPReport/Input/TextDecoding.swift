/// Turns the raw bytes of an input into UTF-8: drops a UTF-8 byte-order mark and transcodes UTF-16
/// (Excel's "Unicode text", PowerShell's `-Encoding Unicode`) when a UTF-16 byte-order mark says so.
enum TextDecoding {
    /// Why a file cannot be read as text.
    struct Problem: Error {
        var message: String
    }

    /// A file that cannot be read as text: what reading it gives.
    struct Unusable: Error {
        /// The result: one error at the start of the file, and nothing read.
        var result: InputReadResult
    }

    /// The UTF-8 bytes of the file named `file`, or what reading it gives when they cannot be had (see
    /// `utf8Bytes(of:)`).
    static func utf8Bytes(of bytes: [UInt8], file: String) -> Result<[UInt8], Unusable> {
        utf8Bytes(of: bytes).mapError { problem in
            var result = InputReadResult()
            result.diagnostics.append(
                .error(.invalidEncoding, problem.message, at: SourceLocation(file: file, line: 1, column: 1)))
            result.isUnusable = true
            return Unusable(result: result)
        }
    }

    /// The UTF-8 bytes, or why the file cannot be read: UTF-16 that does not decode, or text that looks like
    /// UTF-16 but has no byte-order mark to say which byte order it is in.
    static func utf8Bytes(of bytes: [UInt8]) -> Result<[UInt8], Problem> {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .success(Array(bytes.dropFirst(3))) }
        let invalid = Problem(message: "the file starts with a UTF-16 byte-order mark but is not valid UTF-16")
        if bytes.starts(with: [0xFF, 0xFE]) {
            return transcodeUTF16(bytes.dropFirst(2), littleEndian: true).map(Result.success) ?? .failure(invalid)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return transcodeUTF16(bytes.dropFirst(2), littleEndian: false).map(Result.success) ?? .failure(invalid)
        }
        if let order = utf16ByteOrderWithoutMark(bytes) {
            return .failure(
                Problem(
                    message:
                        "the file looks like UTF-16 (\(order)) without a byte-order mark; save it as UTF-8, or as Unicode text with its byte-order mark"
                ))
        }
        return .success(bytes)
    }

    /// "little-endian" or "big-endian" when the start of `bytes` is ASCII text stored in 16-bit units (every
    /// other byte zero), as UTF-16 without a byte-order mark is; `nil` otherwise. UTF-8 text has no zero bytes.
    static func utf16ByteOrderWithoutMark(_ bytes: [UInt8]) -> String? {
        let sample = bytes.prefix(512)
        guard sample.count >= 4 else { return nil }
        var zeros = (even: 0, odd: 0)
        for (offset, byte) in sample.enumerated() where byte == 0 {
            if offset % 2 == 0 { zeros.even += 1 } else { zeros.odd += 1 }
        }
        let units = sample.count / 2
        if zeros.odd * 10 >= units * 8, zeros.even * 10 <= units { return "little-endian" }
        if zeros.even * 10 >= units * 8, zeros.odd * 10 <= units { return "big-endian" }
        return nil
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
