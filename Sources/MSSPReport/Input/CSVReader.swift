/// Reads customer records from CSV, keeping the line and column of every field: `CSVTokenizer` splits the rows,
/// the header names the columns, and a `RecordBuilder` makes each row a record.
///
/// Rows of empty fields (as Excel exports them) are skipped. The delimiter is detected from the header line
/// (`,`, `;` or tab, or what Excel's `sep=X` line says) unless given; any ASCII punctuation but `"` can be given.
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
        switch TextDecoding.utf8Bytes(of: bytes, file: file) {
        case .success(let decoded): utf8 = decoded
        case .failure(let unusable): return unusable.result
        }
        return utf8.withUnsafeBufferPointer { buffer in
            var rows = CSVRows(tokens: CSVTokenizer(bytes: buffer, file: file, delimiter: delimiter))
            return rows.readAll(onRecord: onRecord)
        }
    }
}

/// The rows of one CSV input as records: the header, then each row.
private struct CSVRows {
    var tokens: CSVTokenizer
    var result = InputReadResult()
    var fields: [CSVTokenizer.RawField] = []
    /// The header's column names.
    var header: [String] = []
    /// What each column claims.
    var claims: [ColumnClaim?] = []

    /// The file name the locations of records carry: the same text as the tokenizer's `file`, in a string
    /// object of its own for every `locationFileRefresh` rows. Every field's location holds a reference to it;
    /// records are validated on another thread, which releases them while this one makes new ones, and with one
    /// object for all rows the two cores would contend for its reference count on every field (perf: a quarter
    /// of a second at a million rows, for paths too long for Swift to store inline).
    var locationFile = ""
    static let locationFileRefresh = 1024

    init(tokens: CSVTokenizer) {
        self.tokens = tokens
    }

    mutating func readAll(onRecord: ((consuming CustomerRecord) -> Void)?) -> InputReadResult {
        guard readHeader() else {
            result.isUnusable = true
            return result
        }
        // Rows are rarely shorter than 40 bytes; reserving avoids regrowing a large array of records.
        if onRecord == nil { result.records.reserveCapacity(min(tokens.byteCount / 40, 4_000_000)) }
        var rowCount = 0
        while true {
            rowCount += 1
            if rowCount > InputLimits.maximumRows {
                result.diagnostics.append(
                    .error(
                        .tooManyRows,
                        "the input has more than \(InputLimits.maximumRows) rows, the limit; the rest was not read",
                        at: SourceLocation(file: tokens.file, line: tokens.line, column: 1)))
                break
            }
            switch tokens.nextRow(into: &fields) {
            case .end:
                return result
            case .failed(let diagnostic, let fatal):
                result.diagnostics.append(diagnostic)
                result.droppedRowCount += 1
                if fatal { return result }
            case .row:
                if fields.allSatisfy({ $0.isEmpty }) { continue }
                if rowCount % Self.locationFileRefresh == 1 || locationFile.isEmpty {
                    locationFile = String(decoding: Array(tokens.file.utf8), as: UTF8.self)
                }
                var record = CustomerRecord(
                    location: SourceLocation(file: locationFile, line: fields[0].line, column: 1))
                guard fill(&record) else {
                    result.droppedRowCount += 1
                    continue
                }
                // The record is handed on, not copied: a copy would retain and release every string in it.
                if let onRecord { onRecord(consume record) } else { result.records.append(consume record) }
            }
        }
        return result
    }

    /// Reads the header and maps its columns; `false` after an error that makes the file unusable.
    mutating func readHeader() -> Bool {
        switch tokens.nextRow(into: &fields) {
        case .end:
            result.diagnostics.append(
                .error(
                    .emptyInput, "the file is empty; expected a header line naming the columns",
                    at: SourceLocation(file: tokens.file, line: 1, column: 1)))
            return false
        case .failed(let diagnostic, _):
            result.diagnostics.append(diagnostic)
            return false
        case .row:
            break
        }
        for field in fields {
            guard let title = tokens.text(of: field) else {
                result.diagnostics.append(
                    .error(
                        .invalidEncoding, "the header is not valid UTF-8; save the file as UTF-8",
                        at: SourceLocation(file: tokens.file, line: field.line, column: field.column)))
                return false
            }
            header.append(title)
        }
        claims = header.map(ColumnClaim.init(key:))
        let missing = ColumnRole.allCases.filter { role in role.isRequired && !claims.contains { $0?.role == role } }
        guard missing.isEmpty else {
            let location = SourceLocation(file: tokens.file, line: fields[0].line, column: fields[0].column)
            result.diagnostics.append(ColumnRole.missingColumnsDiagnostic(missing, at: location))
            return false
        }
        return true
    }

    /// Fills `record` with the row in `fields`; `false` after an error about it.
    mutating func fill(_ record: inout CustomerRecord) -> Bool {
        guard fields.count == header.count else {
            result.diagnostics.append(
                .error(
                    .fieldCount,
                    "this row has \(fields.count) field\(fields.count == 1 ? "" : "s") but the header has \(header.count); quote fields that contain the delimiter",
                    at: record.location))
            return false
        }
        var builder = RecordBuilder()
        for (column, field) in fields.enumerated() {
            let location = SourceLocation(file: locationFile, line: field.line, column: field.column)
            guard let value = tokens.text(of: field) else {
                result.diagnostics.append(
                    .error(.invalidEncoding, "this field is not valid UTF-8; save the file as UTF-8", at: location))
                return false
            }
            // A column without a name plays no role and has no name to be looked up by.
            if claims[column] == nil, header[column].isEmpty { continue }
            builder.add(RecordField(value, at: location), key: header[column], claim: claims[column], to: &record)
        }
        return builder.finish(record, naming: .columns, diagnostics: &result.diagnostics)
    }
}
