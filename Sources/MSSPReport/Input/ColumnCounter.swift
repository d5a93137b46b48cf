/// Counts the column of a byte in a line, in characters (UTF-8 lead bytes), as editors number columns.
///
/// Counting is incremental: a minified JSON file or a long CSV row is one long line, and positions are asked
/// for in increasing order, so each byte is looked at about once.
struct ColumnCounter {
    /// `column` is the column of the byte at `index`.
    private var index = 0
    private var column = 1

    /// The 1-based column of the byte at `position` of the line that starts at `lineStart`.
    @inline(__always)
    mutating func column(of position: Int, lineStart: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if index < lineStart || index > position {
            index = lineStart
            column = 1
        }
        while index < position {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return column
    }
}
