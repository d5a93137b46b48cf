import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    private let systemRead = Glibc.read
#elseif canImport(Musl)
    private let systemRead = Musl.read
#elseif canImport(Darwin)
    private let systemRead = Darwin.read
#endif

/// One input named on the command line: a file path, or `-` for standard input.
public struct InputSource: Hashable, Sendable {
    /// The path as given, or `-`.
    public var path: String

    /// How long a FIFO or device may take to deliver its first byte before the read gives up.
    public var firstByteTimeoutMilliseconds: Int32

    /// Creates a source.
    public init(path: String, firstByteTimeoutMilliseconds: Int32 = InputLimits.firstByteTimeoutMilliseconds) {
        self.path = path
        self.firstByteTimeoutMilliseconds = firstByteTimeoutMilliseconds
    }

    /// Whether this is standard input.
    public var isStandardInput: Bool { path == "-" }

    /// The name diagnostics use.
    public var displayName: String { isStandardInput ? "<stdin>" : path }

    /// The size of the input if it is a regular file (0 otherwise), to reserve memory for what it holds.
    var sizeHint: Int {
        var status = stat()
        guard !isStandardInput, stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return 0 }
        return min(Int(status.st_size), InputLimits.maximumInputBytes)
    }

    /// What reading the raw input gave: its bytes, or the error that stopped it at a limit.
    enum RawInput {
        case bytes([UInt8])
        case tooLarge(Diagnostic)
    }

    /// Reads the whole input, up to `InputLimits.maximumInputBytes`.
    /// - Throws: `ReportFailure.inputUnreadable` when it cannot be opened or read.
    /// `afterOpen` is called once a regular file is open, before a byte of it is read.
    func readBytes(afterOpen: (() -> Void)? = nil) throws(ReportFailure) -> RawInput {
        let limit = InputLimits.maximumInputBytes
        let tooLarge = RawInput.tooLarge(
            .error(
                .inputTooLarge,
                "the input is larger than \(InputLimits.describe(bytes: limit)), the limit; split the customer list",
                at: SourceLocation(file: displayName, line: 1, column: 1)))
        if isStandardInput {
            return try Self.readStream(STDIN_FILENO, name: displayName, limit: limit, firstByteTimeout: nil)
                .map(RawInput.bytes) ?? tooLarge
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw .inputUnreadable(path: path, reason: errno == ENOENT ? "no such file" : Self.errorText())
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
            throw .inputUnreadable(path: path, reason: "it is a directory")
        case S_IFREG:
            // Refuse an oversized file before reading a byte of it.
            if Int(status.st_size) > limit { return tooLarge }
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw .inputUnreadable(path: path, reason: Self.errorText()) }
            defer { close(descriptor) }
            var opened = stat()
            fstat(descriptor, &opened)
            afterOpen?()
            guard
                let bytes = try Self.readStream(
                    descriptor, name: path, limit: limit, firstByteTimeout: nil, expected: Int(opened.st_size))
            else { return tooLarge }
            // A file cut short while it was read (another program rewriting it) would give a truncated list
            // that may still look valid: refuse it. (A file deleted after it was opened is still read whole.)
            if bytes.count < Int(opened.st_size) {
                throw .inputUnreadable(
                    path: path,
                    reason:
                        "the file shrank from \(opened.st_size) to \(bytes.count) bytes while it was read; run again once it is complete"
                )
            }
            return .bytes(bytes)
        default:
            // A pipe or a device (process substitution, /dev/stdin, a FIFO): open without blocking, so that a
            // FIFO nobody writes to cannot hang the run, and read up to the limit (so that /dev/zero cannot).
            let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            guard descriptor >= 0 else { throw .inputUnreadable(path: path, reason: Self.errorText()) }
            defer { close(descriptor) }
            return try Self.readStream(
                descriptor, name: path, limit: limit, firstByteTimeout: firstByteTimeoutMilliseconds
            )
            .map(RawInput.bytes) ?? tooLarge
        }
    }

    /// Reads until end of file; `nil` when there are more than `limit` bytes.
    private static func readStream(
        _ descriptor: Int32,
        name: String,
        limit: Int,
        firstByteTimeout: Int32?,
        expected: Int = 0
    ) throws(ReportFailure) -> [UInt8]? {
        var bytes: [UInt8] = []
        // A regular file says how large it is: one allocation, no doubling (and so no doubled peak memory).
        bytes.reserveCapacity(min(expected, limit) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var sawData = false
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                sawData = true
                if bytes.count + count > limit { return nil }
                bytes.append(contentsOf: chunk[..<count])
            } else if count == 0 {
                // A FIFO whose writer has not connected yet reads as end of file too; give it time.
                if let firstByteTimeout, !sawData,
                    try waitForData(descriptor, name: name, timeoutMilliseconds: firstByteTimeout)
                {
                    continue
                }
                return bytes
            } else if errno == EAGAIN {
                _ = try waitForData(
                    descriptor, name: name,
                    timeoutMilliseconds: firstByteTimeout ?? InputLimits.firstByteTimeoutMilliseconds)
            } else if errno != EINTR {
                throw .inputUnreadable(path: name, reason: errorText())
            }
        }
    }

    /// Waits until the descriptor has data; `false` when the wait ended without any (the writer went away).
    private static func waitForData(
        _ descriptor: Int32, name: String, timeoutMilliseconds: Int32
    ) throws(ReportFailure) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&request, 1, timeoutMilliseconds)
        if ready == 0 {
            let seconds =
                timeoutMilliseconds % 1000 == 0
                ? "\(timeoutMilliseconds / 1000)" : "\(Double(timeoutMilliseconds) / 1000)"
            throw .inputUnreadable(path: name, reason: "nothing arrived within \(seconds) s")
        }
        return request.revents & Int16(POLLIN) != 0
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }

    /// Reads and parses the input in the given format, or the format its name or content suggests.
    public func read(format: InputFormat? = nil, delimiter: UInt8? = nil) throws(ReportFailure) -> InputReadResult {
        try read(format: format, delimiter: delimiter, onRecord: nil)
    }

    /// Reads and parses the input, handing each record to `onRecord` instead of returning them: CSV as each
    /// row is read, JSON once the whole document has been parsed. `afterOpen` is called once a regular file is
    /// open, before a byte of it is read (a seam for tests of files that change while they are read).
    /// `purpose` says what a JSON input is read for: a customer list, or GDAP relationships or access assignments
    /// (which must be JSON, as Graph writes them).
    /// GDAP relationships go to `onRelationship` as they are read, when it is given (else into the result).
    public func read(
        format: InputFormat? = nil, delimiter: UInt8? = nil, purpose: InputPurpose = .customers,
        afterOpen: (() -> Void)? = nil, onRelationship: ((RelationshipRecord) -> Void)? = nil,
        onRecord: ((consuming CustomerRecord) -> Void)?
    ) throws(ReportFailure) -> InputReadResult {
        if purpose != .customers,
            format == .csv || InputFormat.fromExtension(of: path) == .csv
                || (isRegularFile && InputFormat.sniff(Self.head(of: path, count: 4096)) == .csv)
        {
            var result = InputReadResult()
            let what = purpose == .relationships ? "GDAP relationships" : "access assignments"
            result.diagnostics.append(
                .error(
                    .unexpectedJSONShape,
                    "expected \(what) as Microsoft Graph writes them (JSON), found CSV; docs/access.md shows how to export them",
                    at: SourceLocation(file: displayName, line: 1, column: 1)))
            result.isUnusable = true
            return result
        }
        // Graph's GDAP exports are read as a stream, whatever their size.
        if format != .csv, let kind = try graphExportKind(format: format, purpose: purpose) {
            return try readGraphExport(
                kind, givesCustomers: purpose == .customers, afterOpen: afterOpen, onRelationship: onRelationship,
                onRecord: onRecord)
        }
        let bytes: [UInt8]
        switch try readBytes(afterOpen: afterOpen) {
        case .bytes(let read): bytes = read
        case .tooLarge(let diagnostic):
            var result = InputReadResult()
            result.diagnostics.append(diagnostic)
            result.isUnusable = true
            return result
        }
        let detected = format ?? InputFormat.fromExtension(of: path) ?? InputFormat.sniff(bytes)
        switch detected {
        case .csv:
            return CSVReader(delimiter: delimiter).read(bytes, file: displayName, onRecord: onRecord)
        case .json, .ndjson:
            // A relationships export read whole (standard input, a pipe, UTF-16) is read as the stream reads one.
            if purpose == .customers, case .success(let utf8) = TextDecoding.utf8Bytes(of: bytes),
                Self.holdsRelationships(utf8.prefix(Self.sniffedBytes))
            {
                return try readGraphExport(
                    inMemory: utf8, .relationships, givesCustomers: true, onRelationship: onRelationship,
                    onRecord: onRecord)
            }
            var result = JSONReader(format: format).read(bytes, file: displayName)
            if let onRecord {
                for record in result.records { onRecord(record) }
                result.records = []
            }
            return result
        }
    }

    // MARK: Graph exports

    /// The bytes read at a time from a Graph export.
    static let graphChunkSize = 1 << 20

    /// How much of a customer list is looked at to tell a relationships export.
    static let sniffedBytes = 64 << 10

    /// Whether the start of a JSON customer list shows GDAP relationships: `accessDetails` or Graph's type.
    static func holdsRelationships(_ head: some Collection<UInt8>) -> Bool {
        let text = String(decoding: head, as: UTF8.self).lowercased()
        return text.contains("\"accessdetails\"") || text.contains("delegatedadminrelationship\"")
    }

    /// Whether this input is streamed as a Graph export, and of what: relationships and assignments always; a
    /// customer list when it is a regular UTF-8 JSON file whose start shows relationships. `nil` for anything
    /// else, which is read whole.
    private func graphExportKind(
        format: InputFormat?, purpose: InputPurpose
    ) throws(ReportFailure)
        -> GraphExportReader.Kind?
    {
        switch purpose {
        case .relationships: return .relationships
        case .accessAssignments: return .accessAssignments
        case .customers:
            guard !isStandardInput, format == nil || format == .json || format == .ndjson,
                InputFormat.fromExtension(of: path) != .csv, isRegularFile
            else { return nil }
            let head = Self.head(of: path, count: Self.sniffedBytes)
            guard InputFormat.sniff(head) != .csv, Self.holdsRelationships(head) else { return nil }
            return .relationships
        }
    }

    private var isRegularFile: Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// The first `count` bytes of the file at `path` (fewer when it is shorter or cannot be read).
    private static func head(of path: String, count: Int) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, count) }
        return Array(bytes.prefix(max(0, read)))
    }

    /// Reads a Graph export: a regular UTF-8 file in chunks of `graphChunkSize`; standard input, a pipe or a
    /// UTF-16 file whole (up to the input limit).
    private func readGraphExport(
        _ kind: GraphExportReader.Kind, givesCustomers: Bool, afterOpen: (() -> Void)?,
        onRelationship: ((RelationshipRecord) -> Void)?, onRecord: ((consuming CustomerRecord) -> Void)?
    ) throws(ReportFailure) -> InputReadResult {
        let head = isStandardInput || !isRegularFile ? [] : Self.head(of: path, count: 2)
        if isStandardInput || !isRegularFile || head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            let bytes: [UInt8]
            switch try readBytes(afterOpen: afterOpen) {
            case .bytes(let read): bytes = read
            case .tooLarge(let diagnostic):
                var result = InputReadResult()
                result.diagnostics.append(diagnostic)
                result.isUnusable = true
                return result
            }
            switch TextDecoding.utf8Bytes(of: bytes, file: displayName) {
            case .success(let utf8):
                return try readGraphExport(
                    inMemory: utf8, kind, givesCustomers: givesCustomers, onRelationship: onRelationship,
                    onRecord: onRecord)
            case .failure(let unusable): return unusable.result
            }
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .inputUnreadable(path: path, reason: Self.errorText()) }
        defer { close(descriptor) }
        afterOpen?()
        var window = ByteWindow(capacity: Self.graphChunkSize)
        defer { window.deallocate() }
        let path = self.path
        return try readGraphExport(
            &window, kind, givesCustomers: givesCustomers, onRelationship: onRelationship, onRecord: onRecord,
            more: { window throws(ReportFailure) in
                let room = window.room()
                while true {
                    let count = systemRead(descriptor, room.baseAddress, room.count)
                    if count >= 0 {
                        window.commit(count)
                        return count > 0
                    }
                    if errno != EINTR { throw .inputUnreadable(path: path, reason: Self.errorText()) }
                }
            })
    }

    /// Reads a Graph export already in memory as UTF-8.
    private func readGraphExport(
        inMemory utf8: [UInt8], _ kind: GraphExportReader.Kind, givesCustomers: Bool,
        onRelationship: ((RelationshipRecord) -> Void)?, onRecord: ((consuming CustomerRecord) -> Void)?
    ) throws(ReportFailure) -> InputReadResult {
        var window = ByteWindow(bytes: utf8)
        defer { window.deallocate() }
        return try readGraphExport(
            &window, kind, givesCustomers: givesCustomers, onRelationship: onRelationship, onRecord: onRecord,
            more: { _ throws(ReportFailure) in false })
    }

    /// Reads a Graph export from `window`, refilled by `more`: each relationship's customer (for a customer list)
    /// and then the relationship go to the callbacks, or into the result without them.
    private func readGraphExport(
        _ window: inout ByteWindow, _ kind: GraphExportReader.Kind, givesCustomers: Bool,
        onRelationship: ((RelationshipRecord) -> Void)?, onRecord: ((consuming CustomerRecord) -> Void)?,
        more: GraphExportReader.Source
    ) throws(ReportFailure) -> InputReadResult {
        var result = InputReadResult()
        var relationships: [RelationshipRecord] = []
        var records: [CustomerRecord] = []
        var assignments: [AccessAssignmentRecord] = []
        let reader = GraphExportReader(file: displayName, kind: kind, givesCustomers: givesCustomers)
        result = try reader.read(&window, more: more) { item in
            switch item {
            case .relationship(let relationship, let customer):
                // The customer first: the relationship is judged against the customers already validated.
                if let customer {
                    if let onRecord { onRecord(customer) } else { records.append(customer) }
                }
                if let onRelationship { onRelationship(relationship) } else { relationships.append(relationship) }
            case .accessAssignment(let assignment):
                assignments.append(assignment)
            }
        }
        result.relationships = relationships
        result.records = records
        result.accessAssignments = assignments
        return result
    }
}
