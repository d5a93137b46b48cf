/// Splits CSV bytes into rows of fields as RFC 4180 describes them and as Excel and other exporters write them,
/// keeping the line and column of every field; `CSVReader` makes records of the rows.
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; lines may end in LF, CRLF or a lone CR;
/// blank lines are skipped. Windows PowerShell's `#TYPE` first line and Excel's `sep=X` line are honoured.
struct CSVTokenizer {
    /// A field's bytes in the buffer, before unquoting.
    struct RawField {
        var start: Int
        var end: Int
        var hasDoubledQuotes: Bool
        var isQuoted: Bool
        var line: Int
        var column: Int

        /// Whether the field is unquoted and empty.
        var isEmpty: Bool { !isQuoted && start == end }
    }

    /// What reading a row gave.
    enum RowOutcome {
        case row
        case end
        /// A problem in the row, which is skipped; after a fatal one nothing more can be read.
        case failed(Diagnostic, fatal: Bool)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    /// The delimiter: the one given, or the one the header line uses.
    private(set) var delimiter: UInt8
    private var index = 0
    /// The line of the byte at `index`.
    private(set) var line = 1
    private var lineStart = 0
    private var columns = ColumnCounter()

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")

    /// Starts at the first byte; `delimiter` is `nil` to detect it from the header line.
    init(bytes: UnsafeBufferPointer<UInt8>, file: String, delimiter: UInt8?) {
        self.bytes = bytes
        self.file = file
        self.delimiter = delimiter ?? UInt8(ascii: ",")
        skipTypeInformationLine()
        if delimiter == nil { self.delimiter = detectDelimiter() }
    }

    /// The number of bytes of the input.
    var byteCount: Int { bytes.count }

    /// Skips the `#TYPE System.Management.Automation.PSCustomObject` line that Windows PowerShell 5.1's
    /// `Export-Csv` and `ConvertTo-Csv` write first unless told `-NoTypeInformation`; line numbers stay the file's.
    private mutating func skipTypeInformationLine() {
        let type = Array("#TYPE".utf8)
        guard bytes.count > type.count, bytes[index..<index + type.count].elementsEqual(type) else { return }
        while index < bytes.count, !isLineBreak(bytes[index]) { index += 1 }
        _ = consumeLineBreak()
    }

    /// Handles Excel's `sep=X` line, or picks the most frequent of `,`, `;` and tab outside quotes in the
    /// first non-blank line (`,` on a tie).
    private mutating func detectDelimiter() -> UInt8 {
        var start = index
        while start < bytes.count, isLineBreak(bytes[start]) { start += 1 }
        let sep = Array("sep=".utf8)
        if bytes.count - start >= 5, zip(bytes[start..<start + 4], sep).allSatisfy({ $0.lowercased == $1 }),
            start + 5 == bytes.count || isLineBreak(bytes[start + 5])
        {
            // Skip the hint line; it is not the header.
            index = start + 5
            _ = consumeLineBreak()
            return bytes[start + 4]
        }
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, Self.tab: 0]
        var inQuotes = false
        var position = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if isLineBreak(byte) { break }
                counts[byte]? += 1
            }
            position += 1
        }
        var best = UInt8(ascii: ",")
        for candidate in [UInt8(ascii: ";"), Self.tab] where counts[candidate]! > counts[best]! { best = candidate }
        return best
    }

    private func isLineBreak(_ byte: UInt8) -> Bool {
        byte == Self.lineFeed || byte == Self.carriageReturn
    }

    @inline(__always)
    private mutating func column(of position: Int) -> Int {
        columns.column(of: position, lineStart: lineStart, in: bytes)
    }

    private func isBlank(_ byte: UInt8) -> Bool {
        byte == Self.space || (byte == Self.tab && delimiter != Self.tab)
    }

    /// Consumes a line break at `index`, if there is one.
    private mutating func consumeLineBreak() -> Bool {
        guard index < bytes.count else { return false }
        if bytes[index] == Self.lineFeed {
            index += 1
        } else if bytes[index] == Self.carriageReturn {
            index += 1
            if index < bytes.count, bytes[index] == Self.lineFeed { index += 1 }
        } else {
            return false
        }
        line += 1
        lineStart = index
        return true
    }

    /// Skips to the start of the next line, after an error in this one.
    private mutating func skipRestOfLine() {
        while index < bytes.count, !isLineBreak(bytes[index]) { index += 1 }
        _ = consumeLineBreak()
    }

    /// Skips to the end of the current record after an error in it, honouring quotes, so that a limit hit
    /// mid-row costs no more than reading the row.
    private mutating func skipRestOfRecord() {
        var inQuotes = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.quote {
                inQuotes.toggle()
            } else if !inQuotes, isLineBreak(byte) {
                _ = consumeLineBreak()
                return
            }
            index += 1
        }
    }

    /// Reads the next non-blank row into `fields`.
    mutating func nextRow(into fields: inout [RawField]) -> RowOutcome {
        fields.removeAll(keepingCapacity: true)
        while consumeLineBreak() {}
        guard index < bytes.count else { return .end }
        while true {
            let field: RawField
            if index < bytes.count, bytes[index] == Self.quote {
                switch quotedField() {
                case .success(let quoted): field = quoted
                case .failure(let failure): return failure.outcome
                }
            } else {
                field = unquotedField()
            }
            fields.append(field)
            if let problem = limitProblem(field, fieldCount: fields.count) {
                skipRestOfRecord()
                return .failed(problem, fatal: false)
            }
            if index < bytes.count, bytes[index] == delimiter {
                index += 1
                continue
            }
            _ = consumeLineBreak()
            return .row
        }
    }

    /// A problem that ends a row: `RowOutcome.failed` as an error value.
    private struct RowFailure: Error {
        var outcome: RowOutcome
    }

    /// The quoted field at `index`, which is its opening quote.
    private mutating func quotedField() -> Result<RawField, RowFailure> {
        let (fieldLine, fieldColumn) = (line, column(of: index))
        index += 1
        let contentStart = index
        var hasDoubledQuotes = false
        var contentEnd = -1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.quote {
                if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
                    hasDoubledQuotes = true
                    index += 2
                    continue
                }
                contentEnd = index
                index += 1
                break
            }
            if !consumeLineBreak() { index += 1 }
        }
        guard contentEnd >= 0 else {
            let location = SourceLocation(file: file, line: fieldLine, column: fieldColumn)
            let message = "the quote that opens this field is never closed; the rest of the file was not read"
            return .failure(
                RowFailure(outcome: .failed(.error(.unterminatedQuote, message, at: location), fatal: true)))
        }
        while index < bytes.count, isBlank(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] != delimiter, !isLineBreak(bytes[index]) {
            let location = SourceLocation(file: file, line: line, column: column(of: index))
            skipRestOfLine()
            let message =
                "unexpected text after the closing quote of a field; double a quote (\"\") to put it inside a quoted field"
            return .failure(RowFailure(outcome: .failed(.error(.malformedCSV, message, at: location), fatal: false)))
        }
        return .success(
            RawField(
                start: contentStart, end: contentEnd, hasDoubledQuotes: hasDoubledQuotes, isQuoted: true,
                line: fieldLine, column: fieldColumn))
    }

    /// The unquoted field at `index`, trimmed.
    private mutating func unquotedField() -> RawField {
        let (fieldLine, fieldColumn) = (line, column(of: index))
        var start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == delimiter || isLineBreak(byte) { break }
            index += 1
        }
        var end = index
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return RawField(
            start: start, end: end, hasDoubledQuotes: false, isQuoted: false, line: fieldLine, column: fieldColumn)
    }

    /// The error for a field longer than the limit, or a row with more fields than the limit.
    @inline(__always)
    private func limitProblem(_ field: RawField, fieldCount: Int) -> Diagnostic? {
        guard field.end - field.start > InputLimits.maximumFieldBytes || fieldCount > InputLimits.maximumColumns
        else { return nil }
        let location = SourceLocation(file: file, line: field.line, column: field.column)
        if field.end - field.start > InputLimits.maximumFieldBytes {
            return .error(
                .fieldTooLong,
                "this field is \(InputLimits.describe(bytes: field.end - field.start)) long; the limit is \(InputLimits.describe(bytes: InputLimits.maximumFieldBytes))",
                at: location)
        }
        if fieldCount > InputLimits.maximumColumns {
            return .error(
                .tooManyColumns, "this row has more than \(InputLimits.maximumColumns) fields, the limit", at: location)
        }
        return nil
    }

    /// The field's text, or `nil` when its bytes are not valid UTF-8.
    func text(of field: RawField) -> String? {
        let slice = UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
        if !field.hasDoubledQuotes { return TextDecoding.string(validating: slice) }
        var unquoted: [UInt8] = []
        unquoted.reserveCapacity(slice.count)
        var position = 0
        while position < slice.count {
            unquoted.append(slice[position])
            position += slice[position] == Self.quote ? 2 : 1
        }
        return unquoted.withUnsafeBufferPointer(TextDecoding.string(validating:))
    }
}

extension UInt8 {
    fileprivate var lowercased: UInt8 {
        self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z") ? self + 32 : self
    }
}
