/// Reads CSV as RFC 4180 describes it and as Excel and other exporters write it, keeping the line and
/// column of every field.
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; lines may end in LF, CRLF or a lone CR;
/// blank lines, rows of empty fields (as Excel exports them) and a missing final newline are accepted.
/// The delimiter is `,`, `;` or tab, detected from the header line unless given; Excel's `sep=X` first
/// line is honoured.
public struct CSVReader: Sendable {
    /// The field delimiter, or `nil` to detect it from the header line.
    public var delimiter: UInt8?

    /// Creates a reader.
    public init(delimiter: UInt8? = nil) {
        self.delimiter = delimiter
    }

    /// Reads the records of one input.
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - file: The name diagnostics use for this input.
    public func read(_ bytes: [UInt8], file: String) -> InputReadResult {
        read(bytes, file: file, onRecord: nil)
    }

    /// Reads the records of one input, handing each to `onRecord` as soon as it is read instead of returning
    /// them (so that a large input never has all its records in memory at once).
    public func read(_ bytes: [UInt8], file: String, onRecord: ((consuming CustomerRecord) -> Void)?) -> InputReadResult
    {
        let utf8: [UInt8]
        switch TextDecoding.utf8Bytes(of: bytes) {
        case .success(let decoded): utf8 = decoded
        case .failure(let problem):
            var result = InputReadResult()
            result.diagnostics.append(
                .error(.invalidEncoding, problem.message, at: SourceLocation(file: file, line: 1, column: 1)))
            result.isUnusable = true
            return result
        }
        return utf8.withUnsafeBufferPointer { buffer in
            var parser = CSVParser(bytes: buffer, file: file, delimiter: delimiter)
            return parser.readAll(onRecord: onRecord)
        }
    }
}

/// The byte-level state machine behind `CSVReader`.
private struct CSVParser {
    /// A field's bytes in the buffer, before unquoting.
    struct RawField {
        var start: Int
        var end: Int
        var hasDoubledQuotes: Bool
        var isQuoted: Bool
        var line: Int
        var column: Int
    }

    enum RowOutcome {
        case row
        case end
        case failed(Diagnostic, fatal: Bool)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    var delimiter: UInt8
    var index = 0
    var line = 1
    /// Columns are counted lazily: `column` is the column of the byte at `columnIndex`.
    var columnIndex = 0
    var column = 1

    static let quote = UInt8(ascii: "\"")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, delimiter: UInt8?) {
        self.bytes = bytes
        self.file = file
        locationFile = file
        self.delimiter = delimiter ?? UInt8(ascii: ",")
        skipTypeInformationLine()
        if delimiter == nil { self.delimiter = detectDelimiter() }
    }

    /// Skips the `#TYPE System.Management.Automation.PSCustomObject` line that Windows PowerShell 5.1's
    /// `Export-Csv` and `ConvertTo-Csv` write first unless told `-NoTypeInformation`; line numbers stay the file's.
    mutating func skipTypeInformationLine() {
        let type = Array("#TYPE".utf8)
        guard bytes.count > type.count, bytes[index..<index + type.count].elementsEqual(type) else { return }
        var end = index
        while end < bytes.count, bytes[end] != Self.lineFeed, bytes[end] != Self.carriageReturn { end += 1 }
        if end < bytes.count, bytes[end] == Self.carriageReturn { end += 1 }
        if end < bytes.count, bytes[end] == Self.lineFeed { end += 1 }
        index = end
        columnIndex = end
        line += 1
    }

    /// Handles Excel's `sep=X` line, or picks the most frequent of `,`, `;` and tab outside quotes in the
    /// first non-blank line (`,` on a tie).
    mutating func detectDelimiter() -> UInt8 {
        var start = index
        while start < bytes.count, bytes[start] == Self.lineFeed || bytes[start] == Self.carriageReturn {
            start += 1
        }
        let sep = Array("sep=".utf8)
        if bytes.count - start >= 5, zip(bytes[start..<start + 4], sep).allSatisfy({ $0.lowercased == $1 }) {
            let chosen = bytes[start + 4]
            var end = start + 5
            if end == bytes.count || bytes[end] == Self.lineFeed || bytes[end] == Self.carriageReturn {
                // Skip the hint line; it is not the header.
                if end < bytes.count, bytes[end] == Self.carriageReturn { end += 1 }
                if end < bytes.count, bytes[end] == Self.lineFeed { end += 1 }
                index = end
                columnIndex = end
                line += 1
                return chosen
            }
        }
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, Self.tab: 0]
        var inQuotes = false
        var position = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == Self.lineFeed || byte == Self.carriageReturn { break }
                counts[byte]? += 1
            }
            position += 1
        }
        var best = UInt8(ascii: ",")
        for candidate in [UInt8(ascii: ";"), Self.tab] where counts[candidate]! > counts[best]! { best = candidate }
        return best
    }

    mutating func columnOf(_ position: Int) -> Int {
        while columnIndex < position {
            if bytes[columnIndex] & 0xC0 != 0x80 { column += 1 }
            columnIndex += 1
        }
        return column
    }

    mutating func startLine(at position: Int) {
        line += 1
        columnIndex = position
        column = 1
    }

    func isBlank(_ byte: UInt8) -> Bool {
        byte == Self.space || (byte == Self.tab && delimiter != Self.tab)
    }

    /// Consumes a line break at `index`, if there is one.
    mutating func consumeLineBreak() -> Bool {
        guard index < bytes.count else { return false }
        if bytes[index] == Self.lineFeed {
            index += 1
        } else if bytes[index] == Self.carriageReturn {
            index += 1
            if index < bytes.count, bytes[index] == Self.lineFeed { index += 1 }
        } else {
            return false
        }
        startLine(at: index)
        return true
    }

    /// Skips to the start of the next line, after an error in this one.
    mutating func skipRestOfLine() {
        while index < bytes.count, bytes[index] != Self.lineFeed, bytes[index] != Self.carriageReturn { index += 1 }
        _ = consumeLineBreak()
    }

    /// Skips to the end of the current record after an error in it, honouring quotes, so that a limit hit
    /// mid-row costs no more than reading the row.
    mutating func skipRestOfRecord() {
        var inQuotes = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.quote {
                inQuotes.toggle()
            } else if !inQuotes, byte == Self.lineFeed || byte == Self.carriageReturn {
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
            let fieldLine = line
            let fieldColumn = columnOf(index)
            if index < bytes.count, bytes[index] == Self.quote {
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
                    if byte == Self.lineFeed || byte == Self.carriageReturn {
                        _ = consumeLineBreak()
                    } else {
                        index += 1
                    }
                }
                if contentEnd < 0 {
                    let location = SourceLocation(file: file, line: fieldLine, column: fieldColumn)
                    return .failed(
                        .error(
                            .unterminatedQuote,
                            "the quote that opens this field is never closed; the rest of the file was not read",
                            at: location),
                        fatal: true)
                }
                while index < bytes.count, isBlank(bytes[index]) { index += 1 }
                if index < bytes.count, bytes[index] != delimiter, bytes[index] != Self.lineFeed,
                    bytes[index] != Self.carriageReturn
                {
                    let location = SourceLocation(file: file, line: line, column: columnOf(index))
                    skipRestOfLine()
                    return .failed(
                        .error(
                            .malformedCSV,
                            "unexpected text after the closing quote of a field; double a quote (\"\") to put it inside a quoted field",
                            at: location),
                        fatal: false)
                }
                fields.append(
                    RawField(
                        start: contentStart, end: contentEnd, hasDoubledQuotes: hasDoubledQuotes, isQuoted: true,
                        line: fieldLine, column: fieldColumn))
            } else {
                var start = index
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == delimiter || byte == Self.lineFeed || byte == Self.carriageReturn { break }
                    index += 1
                }
                var end = index
                while start < end, isBlank(bytes[start]) { start += 1 }
                while end > start, isBlank(bytes[end - 1]) { end -= 1 }
                fields.append(
                    RawField(
                        start: start, end: end, hasDoubledQuotes: false, isQuoted: false, line: fieldLine,
                        column: fieldColumn))
            }
            if let last = fields.last, last.end - last.start > InputLimits.maximumFieldBytes {
                let location = SourceLocation(file: file, line: last.line, column: last.column)
                skipRestOfRecord()
                return .failed(
                    .error(
                        .fieldTooLong,
                        "this field is \(InputLimits.describe(bytes: last.end - last.start)) long; the limit is \(InputLimits.describe(bytes: InputLimits.maximumFieldBytes))",
                        at: location),
                    fatal: false)
            }
            if fields.count > InputLimits.maximumColumns {
                let location = SourceLocation(file: file, line: fieldLine, column: fieldColumn)
                skipRestOfRecord()
                return .failed(
                    .error(
                        .tooManyColumns,
                        "this row has more than \(InputLimits.maximumColumns) fields, the limit", at: location),
                    fatal: false)
            }
            if index < bytes.count, bytes[index] == delimiter {
                index += 1
                continue
            }
            _ = consumeLineBreak()
            return .row
        }
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

    /// The file name the locations of records carry: the same text as `file`, in a string object of its own
    /// for every `locationFileRefresh` rows. Every field's location holds a reference to it; records are
    /// validated on another thread, which releases them while this one makes new ones, and with one object for
    /// all rows the two cores would contend for its reference count on every field (perf: a quarter of a second
    /// at a million rows, for paths too long for Swift to store inline).
    var locationFile = ""
    static let locationFileRefresh = 1024

    func location(of field: RawField) -> SourceLocation {
        SourceLocation(file: locationFile, line: field.line, column: field.column)
    }

    mutating func readAll(onRecord: ((consuming CustomerRecord) -> Void)?) -> InputReadResult {
        var result = InputReadResult()
        var fields: [RawField] = []
        var header: [String] = []
        var headerLocation = SourceLocation(file: file, line: 1, column: 1)

        // The header: the first row.
        switch nextRow(into: &fields) {
        case .end:
            result.diagnostics.append(
                .error(.emptyInput, "the file is empty; expected a header line naming the columns", at: headerLocation))
            result.isUnusable = true
            return result
        case .failed(let diagnostic, _):
            result.diagnostics.append(diagnostic)
            result.isUnusable = true
            return result
        case .row:
            headerLocation = location(of: fields[0])
            for field in fields {
                guard let title = text(of: field) else {
                    result.diagnostics.append(
                        .error(
                            .invalidEncoding, "the header is not valid UTF-8; save the file as UTF-8",
                            at: location(of: field)))
                    result.isUnusable = true
                    return result
                }
                header.append(title)
            }
        }
        let mapping = ColumnMapping(header: header)
        let missing = mapping.missingRoles
        if !missing.isEmpty {
            result.diagnostics.append(ColumnMapping.missingColumnsDiagnostic(missing, at: headerLocation))
            result.isUnusable = true
            return result
        }
        let nameColumn = mapping.columns[.name]
        let tenantColumn = mapping.columns[.tenantID]
        let domainColumn = mapping.columns[.domain]
        let initialDomainColumn = mapping.columns[.initialDomain]
        let defaultDomainColumn = mapping.columns[.defaultDomain]
        let roleColumns = Set(mapping.columns.values)
        // Rows are rarely shorter than 40 bytes; reserving avoids regrowing a large array of records.
        if onRecord == nil { result.records.reserveCapacity(min(bytes.count / 40, 4_000_000)) }

        var rowCount = 0
        rows: while true {
            rowCount += 1
            if rowCount > InputLimits.maximumRows {
                result.diagnostics.append(
                    .error(
                        .tooManyRows,
                        "the input has more than \(InputLimits.maximumRows) rows, the limit; the rest was not read",
                        at: SourceLocation(file: file, line: line, column: 1)))
                break rows
            }
            switch nextRow(into: &fields) {
            case .end:
                break rows
            case .failed(let diagnostic, let fatal):
                result.diagnostics.append(diagnostic)
                result.droppedRowCount += 1
                if fatal { break rows }
                continue rows
            case .row:
                break
            }
            if fields.allSatisfy({ !$0.isQuoted && $0.start == $0.end }) { continue }
            if rowCount % Self.locationFileRefresh == 1 || locationFile.isEmpty {
                locationFile = String(decoding: Array(file.utf8), as: UTF8.self)
            }
            let rowLocation = SourceLocation(file: locationFile, line: fields[0].line, column: 1)
            guard fields.count == header.count else {
                result.diagnostics.append(
                    .error(
                        .fieldCount,
                        "this row has \(fields.count) field\(fields.count == 1 ? "" : "s") but the header has \(header.count); quote fields that contain the delimiter",
                        at: rowLocation))
                result.droppedRowCount += 1
                continue
            }
            var record = CustomerRecord(location: rowLocation)
            var valid = true
            for (column, field) in fields.enumerated() {
                guard let value = text(of: field) else {
                    result.diagnostics.append(
                        .error(
                            .invalidEncoding, "this field is not valid UTF-8; save the file as UTF-8",
                            at: location(of: field)))
                    valid = false
                    break
                }
                let recordField = RecordField(value, at: location(of: field))
                if column == nameColumn {
                    record.name = recordField
                } else if column == tenantColumn {
                    record.tenantID = recordField
                } else if column == domainColumn {
                    record.domain = recordField
                } else if column == initialDomainColumn {
                    record.initialDomain = recordField
                } else if column == defaultDomainColumn {
                    record.defaultDomain = recordField
                } else if !roleColumns.contains(column), !header[column].isEmpty {
                    record.otherFields.append(.init(key: header[column], field: recordField))
                }
            }
            for (role, others) in mapping.alternates {
                guard valid, let chosen = mapping.columns[role], let value = text(of: fields[chosen]),
                    !value.trimmingWhitespace.isEmpty
                else { continue }
                for other in others {
                    guard let alternative = text(of: fields[other]),
                        !alternative.trimmingWhitespace.isEmpty, !role.agrees(value, alternative)
                    else { continue }
                    result.diagnostics.append(
                        .error(
                            .conflictingColumns,
                            "columns \(header[chosen].quotedForDiagnostic) and \(header[other].quotedForDiagnostic) both give the \(role.label) and disagree: \(value.quotedForDiagnostic) and \(alternative.quotedForDiagnostic)",
                            at: location(of: fields[other])))
                    valid = false
                    break
                }
            }
            if valid {
                if let onRecord { onRecord(record) } else { result.records.append(record) }
            } else {
                result.droppedRowCount += 1
            }
        }
        return result
    }
}

extension UInt8 {
    fileprivate var lowercased: UInt8 {
        self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z") ? self + 32 : self
    }
}
