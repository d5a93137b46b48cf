/// Reads a Microsoft Graph export of GDAP objects (`delegatedAdminRelationship` or tagged
/// `delegatedAdminAccessAssignment` items) as a stream: the input in chunks of `chunkSize`, object by object,
/// each object's fields of interest taken as it is parsed and the rest skipped. Memory holds one chunk and the
/// object being read, whatever the size of the export (Graph writes about 900 bytes per relationship; a tree of
/// a 90 MB export took 628 MB).
///
/// The shapes: Graph's page (`{"@odata.context": …, "value": [ … ], "@odata.nextLink": …}`), a bare array (what
/// PowerShell's `ConvertTo-Json` writes for a list), one object, or one object per line. JSON is read strictly
/// (RFC 8259), as `JSONParser` reads it; keys are matched ignoring case (PowerShell writes `AccessDetails`).
public struct GraphExportReader {
    /// What the objects are.
    enum Kind {
        case relationships
        case accessAssignments
    }

    /// The bytes of one read: `false` from `more` at the end of the input.
    typealias Source = (inout ByteWindow) throws(ReportFailure) -> Bool

    let file: String
    let kind: Kind
    /// Whether the export is the customer list too: each relationship's customer becomes a record.
    let givesCustomers: Bool

    /// What an object gave.
    enum Item {
        case relationship(RelationshipRecord, customer: CustomerRecord?)
        case accessAssignment(AccessAssignmentRecord)
    }

    /// Reads the export from `window` (refilled by `more`), handing each object to `onItem` in input order.
    /// Returns the problems of the export; a syntax error stops the read and makes the input unusable.
    func read(
        _ window: inout ByteWindow, more: Source, onItem: (Item) -> Void
    ) throws(ReportFailure) -> InputReadResult {
        var result = InputReadResult()
        var scanner = GraphScanner(file: file)
        var objectCount = 0
        var failure: ReportFailure?
        do throws(GraphScanner.Failure) {
            try scanner.readDocument(window: &window, more: more) { scanner, window throws(GraphScanner.Failure) in
                objectCount += 1
                if let item = try object(&scanner, in: window, diagnostics: &result.diagnostics) {
                    onItem(item)
                } else {
                    result.droppedRowCount += 1
                }
            }
        } catch {
            switch error {
            case .syntax(let syntax):
                result.diagnostics.append(.error(.invalidJSON, syntax.message, at: syntax.location))
                result.isUnusable = true
            case .source(let reportFailure):
                failure = reportFailure
            case .needMore:
                // `readDocument` refills the window; it never lets this out.
                preconditionFailure("a partial object escaped the reader")
            }
        }
        if let failure { throw failure }
        if objectCount == 0, !result.isUnusable {
            let noun = kind == .relationships ? "GDAP relationships" : "access assignments"
            result.diagnostics.append(
                .warning(
                    .emptyInput, "the export holds no \(noun)", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        return result
    }

    /// The item the object at the scanner's position makes; `nil` after a problem with it (a value that is not
    /// an object).
    private func object(
        _ scanner: inout GraphScanner, in window: ByteWindow, diagnostics: inout [Diagnostic]
    ) throws(GraphScanner.Failure) -> Item? {
        let start = scanner.location(in: window)
        guard try scanner.peek(window) == UInt8(ascii: "{") else {
            let kindName = try scanner.kindName(window)
            try scanner.skipValue(window)
            let noun = kind == .relationships ? "a GDAP relationship object" : "an access assignment object"
            diagnostics.append(.error(.unexpectedJSONShape, "expected \(noun), found \(kindName)", at: start))
            return nil
        }
        switch kind {
        case .relationships:
            return try relationship(&scanner, in: window, at: start, diagnostics: &diagnostics)
        case .accessAssignments:
            return .accessAssignment(try assignment(&scanner, in: window, at: start))
        }
    }

    private func relationship(
        _ scanner: inout GraphScanner, in window: ByteWindow, at start: SourceLocation, diagnostics: inout [Diagnostic]
    ) throws(GraphScanner.Failure) -> Item? {
        var record = RelationshipRecord(location: start)
        var otherFields: [CustomerRecord.OtherField] = []
        var looksLikeRelationship = false
        var customerNameField: RecordField?
        try scanner.members(window) { key, scanner throws(GraphScanner.Failure) in
            switch key {
            case "id": record.id = try scanner.stringField(window)
            case "displayname": record.displayName = try scanner.stringField(window)?.value
            case "status": record.status = try scanner.stringField(window)
            case "enddatetime": record.endDateTime = try scanner.stringField(window)
            case "autoextendduration": record.autoExtendDuration = try duration(&scanner, in: window)
            case "@odata.type":
                let type = try scanner.stringField(window)?.value.lowercased() ?? ""
                looksLikeRelationship = looksLikeRelationship || type.hasSuffix("delegatedadminrelationship")
                record.isReseller = type.hasSuffix("resellerdelegatedadminrelationship")
            case "customer":
                guard try scanner.peek(window) == UInt8(ascii: "{") else {
                    try scanner.skipValue(window)
                    return
                }
                try scanner.members(window) { key, scanner throws(GraphScanner.Failure) in
                    switch key {
                    case "tenantid": record.customerTenantID = try scanner.stringField(window)
                    case "displayname":
                        customerNameField = try scanner.stringField(window)
                        record.customerName = customerNameField?.value
                    default: try scanner.skipValue(window)
                    }
                }
            case "accessdetails":
                looksLikeRelationship = true
                record.roleIDs = try roles(&scanner, in: window)
            default:
                guard givesCustomers else { return try scanner.skipValue(window) }
                // The relationship's other scalar fields, for templates and --group-by (`status`, `duration`).
                let key = scanner.lastKey
                if let field = try scanner.scalarField(window) { otherFields.append(.init(key: key, field: field)) }
            }
        }
        guard looksLikeRelationship else {
            diagnostics.append(
                .error(
                    .unexpectedJSONShape,
                    "expected a GDAP relationship object (with \"accessDetails\", as Graph's delegatedAdminRelationships list gives them)",
                    at: start))
            return nil
        }
        var customer: CustomerRecord?
        if givesCustomers, let tenantID = record.customerTenantID {
            // The relationship's own name and ID are other fields of the customer's record, as in any JSON list.
            if let name = record.displayName, let id = record.id {
                otherFields.insert(.init(key: "displayName", field: RecordField(name, at: start)), at: 0)
                otherFields.insert(.init(key: "id", field: id), at: 0)
            }
            if let status = record.status { otherFields.append(.init(key: "status", field: status)) }
            customer = CustomerRecord(
                location: start, name: customerNameField, tenantID: tenantID, otherFields: otherFields)
            customer?.isRelationship = true
        }
        return .relationship(record, customer: customer)
    }

    private func assignment(
        _ scanner: inout GraphScanner, in window: ByteWindow, at start: SourceLocation
    ) throws(GraphScanner.Failure) -> AccessAssignmentRecord {
        var record = AccessAssignmentRecord(location: start)
        try scanner.members(window) { key, scanner throws(GraphScanner.Failure) in
            switch key {
            case "id": record.id = try scanner.stringField(window)?.value
            case "relationshipid", "delegatedadminrelationshipid":
                record.relationshipID = try scanner.stringField(window)
            case "status": record.status = try scanner.stringField(window)
            case "accessdetails": record.roleIDs = try roles(&scanner, in: window)
            default: try scanner.skipValue(window)
            }
        }
        return record
    }

    /// `accessDetails.unifiedRoles[].roleDefinitionId`.
    private func roles(
        _ scanner: inout GraphScanner, in window: ByteWindow
    ) throws(GraphScanner.Failure)
        -> [RecordField]
    {
        var roles: [RecordField] = []
        guard try scanner.peek(window) == UInt8(ascii: "{") else {
            try scanner.skipValue(window)
            return roles
        }
        try scanner.members(window) { key, scanner throws(GraphScanner.Failure) in
            guard key == "unifiedroles", try scanner.peek(window) == UInt8(ascii: "[") else {
                try scanner.skipValue(window)
                return
            }
            try scanner.elements(window) { scanner throws(GraphScanner.Failure) in
                guard try scanner.peek(window) == UInt8(ascii: "{") else {
                    try scanner.skipValue(window)
                    return
                }
                try scanner.members(window) { key, scanner throws(GraphScanner.Failure) in
                    if key == "roledefinitionid", let role = try scanner.stringField(window) {
                        roles.append(role)
                    } else {
                        try scanner.skipValue(window)
                    }
                }
            }
        }
        return roles
    }

    /// An ISO 8601 duration as written, or, from Windows PowerShell's ConvertTo-Json of a TimeSpan (an object
    /// with `Days`), the same as `P<days>D`.
    private func duration(
        _ scanner: inout GraphScanner, in window: ByteWindow
    ) throws(GraphScanner.Failure)
        -> RecordField?
    {
        guard try scanner.peek(window) == UInt8(ascii: "{") else { return try scanner.stringField(window) }
        let location = scanner.location(in: window)
        var days: String?
        try scanner.members(window) { key, scanner throws(GraphScanner.Failure) in
            if key == "days", let field = try scanner.scalarField(window) {
                days = field.value
            } else {
                try scanner.skipValue(window)
            }
        }
        return days.map { RecordField("P\($0)D", at: location) }
    }
}

/// The bytes of an input not yet parsed, refilled in chunks: `bytes[start..<end]` of a buffer that grows only
/// when one object is larger than it.
struct ByteWindow {
    private(set) var buffer: UnsafeMutableBufferPointer<UInt8>
    /// The first byte not yet consumed (an object that did not fit is parsed again from here).
    var start = 0
    /// The end of the bytes read.
    var end = 0
    /// Whether the input has no more bytes.
    var isAtEnd = false
    /// Bytes dropped from the front so far (positions in the input are `dropped + index`).
    private(set) var dropped = 0

    init(capacity: Int) {
        buffer = .allocate(capacity: capacity)
    }

    /// A window over bytes already in memory, at their end.
    init(bytes: [UInt8]) {
        buffer = .allocate(capacity: max(bytes.count, 1))
        _ = buffer.initialize(from: bytes)
        end = bytes.count
        isAtEnd = true
    }

    func deallocate() { buffer.deallocate() }

    /// Makes room for more bytes after `end`: drops what is before `start`, and doubles the buffer when
    /// `start` is already at its front. Returns the room, to be filled and then `commit`ted.
    mutating func room() -> UnsafeMutableBufferPointer<UInt8> {
        if start > 0 {
            let kept = end - start
            if kept > 0 {
                UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(
                    from: buffer.baseAddress! + start, byteCount: kept)
            }
            dropped += start
            end = kept
            start = 0
        } else if end == buffer.count {
            let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count * 2)
            UnsafeMutableRawPointer(larger.baseAddress!).copyMemory(from: buffer.baseAddress!, byteCount: end)
            buffer.deallocate()
            buffer = larger
        }
        return UnsafeMutableBufferPointer(rebasing: buffer[end...])
    }

    /// Adds `count` bytes written into the room; 0 marks the end of the input.
    mutating func commit(_ count: Int) {
        if count == 0 { isAtEnd = true }
        end += count
    }
}

/// A strict JSON scanner over a `ByteWindow` that reads one value at a time without building a tree, keeping
/// lines and columns. Reaching the end of the window before the input's end throws `needMore`: the caller
/// refills the window and parses the object again from its start.
struct GraphScanner {
    enum Failure: Error {
        case needMore
        case syntax(JSONSyntaxError)
        case source(ReportFailure)
    }

    let file: String
    /// The position in the window.
    private(set) var index = 0
    private var line = 1
    /// The position from which columns are counted, and the column of the byte there.
    private var anchor = 0
    private var anchorColumn = 1
    /// The last column computed, to count forward from it.
    private var counted = (index: 0, column: 1)
    private var depth = 0
    /// The key of the last member, as written.
    private(set) var lastKey = ""
    /// The window's bytes, for the columns of messages.
    private var buffer: UnsafeMutableBufferPointer<UInt8>?
    /// The line the last top-level value ended on (JSON Lines hold one per line).
    private var lineOfLastValue = 0

    init(file: String) {
        self.file = file
    }

    /// A place to parse again from, whatever the window drops before it meanwhile.
    private struct Mark {
        /// The position in the input (not the window).
        var offset: Int
        var line: Int
        var column: Int
        var depth: Int
    }

    private mutating func mark(_ window: ByteWindow) -> Mark {
        let column = column(at: index, in: window.buffer)
        return Mark(offset: window.dropped + index, line: line, column: column, depth: depth)
    }

    private mutating func restore(_ mark: Mark, _ window: ByteWindow) {
        index = mark.offset - window.dropped
        (line, anchor, anchorColumn, depth) = (mark.line, index, mark.column, mark.depth)
        counted = (anchor, anchorColumn)
    }

    /// Reads the whole document, calling `object` with the scanner at each object of the export (an element of
    /// `value`, of the top-level array, or a top-level object that is not a wrapper).
    mutating func readDocument(
        window: inout ByteWindow, more: GraphExportReader.Source,
        object: (inout GraphScanner, ByteWindow) throws(Failure) -> Void
    ) throws(Failure) {
        // A byte-order mark is not JSON, but Windows tools write one.
        while window.end - window.start < 3, !window.isAtEnd { try read(&window, more: more) }
        if window.end - window.start >= 3, window.buffer[window.start] == 0xEF,
            window.buffer[window.start + 1] == 0xBB, window.buffer[window.start + 2] == 0xBF
        {
            index = window.start + 3
            anchor = index
            counted = (index, 1)
        }
        var sawValue = false
        while true {
            window.start = index
            try retrying(&window, more: more) { scanner, window throws(Failure) in try scanner.skipWhitespace(window) }
            if index >= window.end, window.isAtEnd { break }
            if sawValue, line == lineOfLastValue {
                throw .syntax(
                    error(
                        "more JSON after the value on the same line; a JSON text holds one value, and JSON Lines one value per line"
                    ))
            }
            sawValue = true
            switch window.buffer[index] {
            case UInt8(ascii: "["):
                try elementsStreaming(&window, more: more, object: object)
            case UInt8(ascii: "{"):
                try wrapperOrObject(&window, more: more, object: object)
            default:
                let kind = try kindName(window)
                throw .syntax(
                    error(
                        "the file holds \(kind); expected an array of objects, an object with a \"value\" array, or one object per line"
                    ))
            }
            lineOfLastValue = line
        }
    }

    /// Runs `body` from the current position; when it needs bytes the window does not have yet, refills the
    /// window (keeping what is from `window.start` on) and runs it again from the same position.
    private mutating func retrying<Result>(
        _ window: inout ByteWindow, more: GraphExportReader.Source,
        _ body: (inout GraphScanner, ByteWindow) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let start = mark(window)
        while true {
            buffer = window.buffer
            do throws(Failure) {
                return try body(&self, window)
            } catch .needMore {
                restore(start, window)
                try read(&window, more: more)
                restore(start, window)
            }
        }
    }

    /// Reads more of the input into the window; the window may drop what is before `window.start` and move the
    /// rest, so positions are kept as marks across it.
    private mutating func read(_ window: inout ByteWindow, more: GraphExportReader.Source) throws(Failure) {
        guard !window.isAtEnd else { throw .syntax(error("the file ends inside a value")) }
        do throws(ReportFailure) {
            _ = try more(&window)
        } catch {
            throw .source(error)
        }
        buffer = window.buffer
    }

    /// The elements of the array at the position, each object handed to `object`, the window let go of each
    /// element once it is read (so that only the element being read is held).
    private mutating func elementsStreaming(
        _ window: inout ByteWindow, more: GraphExportReader.Source,
        object: (inout GraphScanner, ByteWindow) throws(Failure) -> Void
    ) throws(Failure) {
        let open = location(in: window)
        try enter()
        index += 1
        var first = true
        while true {
            window.start = index
            let done = try retrying(&window, more: more) { scanner, window throws(Failure) -> Bool in
                try scanner.skipWhitespace(window)
                var byte = try scanner.peek(window)
                if first, byte == UInt8(ascii: "]") {
                    scanner.index += 1
                    return true
                }
                if !first {
                    scanner.index += 1
                    if byte == UInt8(ascii: "]") { return true }
                    guard byte == UInt8(ascii: ",") else {
                        scanner.index -= 1
                        throw .syntax(
                            scanner.error("expected ',' or ']' in the array, found \(scanner.describe(window))"))
                    }
                    try scanner.skipWhitespace(window)
                    byte = try scanner.peek(window)
                    if byte == UInt8(ascii: "]") {
                        throw .syntax(scanner.error("trailing comma before ']' (JSON allows none)"))
                    }
                }
                try object(&scanner, window)
                return false
            }
            if done { break }
            first = false
            if index >= window.end, window.isAtEnd {
                throw .syntax(JSONSyntaxError(message: "the array opened at \(open) is never closed", location: open))
            }
        }
        depth -= 1
    }

    /// What one member of a top-level object was.
    private enum TopMember {
        case end
        case other
        case valueArray
    }

    /// A top-level object: a wrapper whose `value` array is streamed, or an object of the export itself.
    private mutating func wrapperOrObject(
        _ window: inout ByteWindow, more: GraphExportReader.Source,
        object: (inout GraphScanner, ByteWindow) throws(Failure) -> Void
    ) throws(Failure) {
        // The members before `value` (`@odata.context`) are small: the window keeps the object from its start
        // until `value` is found, so that an object without one is read again as an object of the export.
        let start = mark(window)
        window.start = index
        try enter()
        index += 1
        var first = true
        var foundValue = false
        while true {
            if foundValue { window.start = index }
            let member = try retrying(&window, more: more) { scanner, window throws(Failure) -> TopMember in
                try scanner.skipWhitespace(window)
                let byte = try scanner.peek(window)
                if first, byte == UInt8(ascii: "}") {
                    scanner.index += 1
                    return .end
                }
                if !first {
                    scanner.index += 1
                    if byte == UInt8(ascii: "}") { return .end }
                    guard byte == UInt8(ascii: ",") else {
                        scanner.index -= 1
                        throw .syntax(
                            scanner.error("expected ',' or '}' in the object, found \(scanner.describe(window))"))
                    }
                    try scanner.skipWhitespace(window)
                }
                let key = try scanner.key(window)
                if key == "value", !foundValue, try scanner.peek(window) == UInt8(ascii: "[") { return .valueArray }
                try scanner.skipValue(window)
                return .other
            }
            first = false
            switch member {
            case .end:
                depth -= 1
                guard !foundValue else { return }
                // One object of the export, read again from its start (still in the window).
                restore(start, window)
                window.start = index
                try retrying(&window, more: more) { scanner, window throws(Failure) in try object(&scanner, window) }
                return
            case .other:
                continue
            case .valueArray:
                foundValue = true
                try elementsStreaming(&window, more: more, object: object)
            }
        }
    }

    // MARK: Values

    /// The byte at the position, or `needMore`.
    @inline(__always)
    func peek(_ window: ByteWindow) throws(Failure) -> UInt8 {
        guard index < window.end else {
            throw window.isAtEnd ? .syntax(error("expected a value, found the end of the file")) : .needMore
        }
        return window.buffer[index]
    }

    @inline(__always)
    private mutating func skipWhitespace(_ window: ByteWindow) throws(Failure) {
        while index < window.end {
            switch window.buffer[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): index += 1
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
                anchor = index
                anchorColumn = 1
            default: return
            }
        }
        if !window.isAtEnd { throw .needMore }
    }

    /// Calls `body` for each member of the object at the position with its key lowercased (`lastKey` holds it as
    /// written); `body` must read or skip the value.
    mutating func members(
        _ window: ByteWindow, _ body: (String, inout GraphScanner) throws(Failure) -> Void
    ) throws(Failure) {
        let open = location(in: window)
        try enter()
        index += 1
        try skipWhitespace(window)
        if try peek(window) == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return
        }
        var count = 0
        while true {
            try skipWhitespace(window)
            let key = try self.key(window)
            try body(key, &self)
            count += 1
            if count > InputLimits.maximumColumns {
                throw .syntax(
                    JSONSyntaxError(
                        message: "the object has more than \(InputLimits.maximumColumns) keys, the limit",
                        location: open))
            }
            try skipWhitespace(window)
            let byte = try peek(window)
            index += 1
            if byte == UInt8(ascii: "}") { break }
            guard byte == UInt8(ascii: ",") else {
                index -= 1
                throw .syntax(error("expected ',' or '}' in the object, found \(describe(window))"))
            }
            try skipWhitespace(window)
            if try peek(window) == UInt8(ascii: "}") {
                throw .syntax(error("trailing comma before '}' (JSON allows none)"))
            }
        }
        depth -= 1
    }

    /// Calls `body` for each element of the array at the position; `body` must read or skip it.
    mutating func elements(_ window: ByteWindow, _ body: (inout GraphScanner) throws(Failure) -> Void) throws(Failure) {
        try enter()
        index += 1
        try skipWhitespace(window)
        if try peek(window) == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return
        }
        while true {
            try skipWhitespace(window)
            try body(&self)
            try skipWhitespace(window)
            let byte = try peek(window)
            index += 1
            if byte == UInt8(ascii: "]") { break }
            guard byte == UInt8(ascii: ",") else {
                index -= 1
                throw .syntax(error("expected ',' or ']' in the array, found \(describe(window))"))
            }
            try skipWhitespace(window)
            if try peek(window) == UInt8(ascii: "]") {
                throw .syntax(error("trailing comma before ']' (JSON allows none)"))
            }
        }
        depth -= 1
    }

    /// A key and its colon; the key lowercased, as written in `lastKey`.
    private mutating func key(_ window: ByteWindow) throws(Failure) -> String {
        guard try peek(window) == UInt8(ascii: "\"") else {
            throw .syntax(error("expected a key in double quotes, found \(describe(window))"))
        }
        lastKey = try string(window)
        try skipWhitespace(window)
        guard try peek(window) == UInt8(ascii: ":") else {
            throw .syntax(error("expected ':' after the key \"\(lastKey)\", found \(describe(window))"))
        }
        index += 1
        try skipWhitespace(window)
        // Keys are ASCII in Graph's exports: lowercase them without the cost of Unicode case mapping.
        return lastKey.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } ? lastKey.lowercased() : lastKey
    }

    /// A string value as a field; `nil` for `null` or a value of another kind (skipped).
    mutating func stringField(_ window: ByteWindow) throws(Failure) -> RecordField? {
        let byte = try peek(window)
        guard byte == UInt8(ascii: "\"") else {
            try skipValue(window)
            return nil
        }
        let at = location(in: window)
        return RecordField(try string(window), at: at)
    }

    /// A string, number or boolean as text; `nil` for `null`, an object or an array (skipped).
    mutating func scalarField(_ window: ByteWindow) throws(Failure) -> RecordField? {
        let at = location(in: window)
        switch try peek(window) {
        case UInt8(ascii: "\""): return RecordField(try string(window), at: at)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = index
            try skipValue(window)
            return RecordField(
                String(decoding: UnsafeBufferPointer(rebasing: window.buffer[start..<index]), as: UTF8.self), at: at)
        default:
            try skipValue(window)
            return nil
        }
    }

    /// Skips the value at the position, checking its syntax.
    mutating func skipValue(_ window: ByteWindow) throws(Failure) {
        switch try peek(window) {
        case UInt8(ascii: "{"): try members(window) { _, scanner throws(Failure) in try scanner.skipValue(window) }
        case UInt8(ascii: "["): try elements(window) { scanner throws(Failure) in try scanner.skipValue(window) }
        case UInt8(ascii: "\""): try skipString(window)
        case UInt8(ascii: "t"): try literal("true", window)
        case UInt8(ascii: "f"): try literal("false", window)
        case UInt8(ascii: "n"): try literal("null", window)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number(window)
        default: throw .syntax(error("expected a value, found \(describe(window))"))
        }
    }

    /// What the value at the position is, for messages.
    func kindName(_ window: ByteWindow) throws(Failure) -> String {
        switch try peek(window) {
        case UInt8(ascii: "{"): "an object"
        case UInt8(ascii: "["): "an array"
        case UInt8(ascii: "\""): "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
        case UInt8(ascii: "n"): "null"
        default: "a number"
        }
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw .syntax(error("values are nested more than \(JSONParser.maximumDepth) deep"))
        }
    }

    private mutating func literal(_ text: StaticString, _ window: ByteWindow) throws(Failure) {
        let count = text.utf8CodeUnitCount
        guard index + count <= window.end else {
            if window.isAtEnd { throw .syntax(error("expected a value, found \(describe(window))")) }
            throw .needMore
        }
        let expected = UnsafeBufferPointer(start: text.utf8Start, count: count)
        guard expected.elementsEqual(window.buffer[index..<index + count]) else {
            throw .syntax(error("expected a value, found \(describe(window))"))
        }
        index += count
    }

    private mutating func number(_ window: ByteWindow) throws(Failure) {
        func digits() throws(Failure) -> Int {
            let first = index
            while true {
                guard index < window.end else {
                    if window.isAtEnd { break }
                    throw .needMore
                }
                let byte = window.buffer[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { break }
                index += 1
            }
            return index - first
        }
        if window.buffer[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = try digits()
        if integerDigits == 0 { throw .syntax(error("expected a digit, found \(describe(window))")) }
        if integerDigits > 1, window.buffer[integerStart] == UInt8(ascii: "0") {
            index = integerStart
            throw .syntax(error("numbers must not have leading zeros"))
        }
        if index < window.end, window.buffer[index] == UInt8(ascii: ".") {
            index += 1
            if try digits() == 0 { throw .syntax(error("expected a digit after '.', found \(describe(window))")) }
        }
        if index < window.end, window.buffer[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < window.end,
                window.buffer[index] == UInt8(ascii: "+") || window.buffer[index] == UInt8(ascii: "-")
            {
                index += 1
            }
            if try digits() == 0 {
                throw .syntax(error("expected a digit in the exponent, found \(describe(window))"))
            }
        }
        if index >= window.end, !window.isAtEnd { throw .needMore }
    }

    /// Skips a string, checking its escapes and that it has no control characters.
    private mutating func skipString(_ window: ByteWindow) throws(Failure) {
        let open = index
        index += 1
        while true {
            guard index < window.end else {
                if window.isAtEnd { throw .syntax(error("the string opened here is never closed", at: open)) }
                throw .needMore
            }
            let byte = window.buffer[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return
            }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < window.end else {
                    if window.isAtEnd { throw .syntax(error("the string opened here is never closed", at: open)) }
                    throw .needMore
                }
                index += 1
                if window.buffer[index] == UInt8(ascii: "u") {
                    _ = try hex4(window, escapeStart: index - 1)
                    continue
                }
                guard JSONParser.unescaped(window.buffer[index]) != nil else {
                    throw .syntax(error("invalid escape '\\\(describe(window))' in a string", at: index - 1))
                }
            } else if byte < 0x20 {
                throw .syntax(
                    byte == UInt8(ascii: "\n")
                        ? error("the string opened here is not closed on its line", at: open)
                        : error("control character in a string must be escaped"))
            }
            index += 1
        }
    }

    /// A string, its escapes decoded and its UTF-8 checked.
    private mutating func string(_ window: ByteWindow) throws(Failure) -> String {
        let open = index
        index += 1
        let contentStart = index
        var decoded: [UInt8]?
        var runStart = contentStart
        while true {
            guard index < window.end else {
                if window.isAtEnd { throw .syntax(error("the string opened here is never closed", at: open)) }
                throw .needMore
            }
            if index - contentStart > InputLimits.maximumFieldBytes {
                throw .syntax(
                    error(
                        "the string opened here is longer than \(InputLimits.describe(bytes: InputLimits.maximumFieldBytes)), the limit",
                        at: open))
            }
            let byte = window.buffer[index]
            if byte == UInt8(ascii: "\"") {
                let text: String?
                if var bytes = decoded {
                    bytes.append(contentsOf: window.buffer[runStart..<index])
                    text = bytes.withUnsafeBufferPointer(TextDecoding.string(validating:))
                } else {
                    text = TextDecoding.string(
                        validating: UnsafeBufferPointer(rebasing: window.buffer[contentStart..<index]))
                }
                index += 1
                guard let text else { throw .syntax(error("the string is not valid UTF-8", at: open)) }
                return text
            }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < window.end else {
                    if window.isAtEnd { throw .syntax(error("the string opened here is never closed", at: open)) }
                    throw .needMore
                }
                var bytes = decoded ?? []
                bytes.append(contentsOf: window.buffer[runStart..<index])
                let escapeStart = index
                index += 1
                let letter = window.buffer[index]
                if let byte = JSONParser.unescaped(letter) {
                    bytes.append(byte)
                    index += 1
                    decoded = bytes
                    runStart = index
                    continue
                }
                guard letter == UInt8(ascii: "u") else {
                    throw .syntax(error("invalid escape '\\\(describe(window))' in a string", at: escapeStart))
                }
                let scalar = try unicodeEscape(window, escapeStart: escapeStart)
                UTF8.encode(scalar) { bytes.append($0) }
                decoded = bytes
                runStart = index
                continue
            }
            if byte < 0x20 {
                throw .syntax(
                    byte == UInt8(ascii: "\n")
                        ? error("the string opened here is not closed on its line", at: open)
                        : error("control character in a string must be escaped"))
            }
            index += 1
        }
    }

    /// The scalar of a `\u` escape whose `u` is at the position, with the low surrogate's escape after a high one.
    private mutating func unicodeEscape(_ window: ByteWindow, escapeStart: Int) throws(Failure) -> Unicode.Scalar {
        var value = try hex4(window, escapeStart: escapeStart)
        if (0xD800...0xDBFF).contains(value) {
            guard index + 1 < window.end || window.isAtEnd else { throw .needMore }
            guard index + 1 < window.end, window.buffer[index] == UInt8(ascii: "\\"),
                window.buffer[index + 1] == UInt8(ascii: "u")
            else { throw .syntax(error("a high surrogate \\u escape must be followed by a low one", at: escapeStart)) }
            index += 1
            let low = try hex4(window, escapeStart: escapeStart)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw .syntax(error("a high surrogate \\u escape must be followed by a low one", at: escapeStart))
            }
            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(value) {
            throw .syntax(error("a low surrogate \\u escape without a high one", at: escapeStart))
        }
        guard let scalar = Unicode.Scalar(value) else { throw .syntax(error("invalid \\u escape", at: escapeStart)) }
        return scalar
    }

    /// The four hex digits after the `u` at the position; leaves the position after them.
    private mutating func hex4(_ window: ByteWindow, escapeStart: Int) throws(Failure) -> UInt32 {
        guard index + 5 <= window.end else {
            if window.isAtEnd { throw .syntax(error("a \\u escape needs four hex digits", at: escapeStart)) }
            throw .needMore
        }
        var value: UInt32 = 0
        for offset in 1...4 {
            let byte = window.buffer[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .syntax(error("a \\u escape needs four hex digits", at: escapeStart))
            }
            value = value << 4 | UInt32(digit)
        }
        index += 5
        return value
    }

    // MARK: Positions

    /// Where the position is.
    mutating func location(in window: ByteWindow) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column(at: index, in: window.buffer))
    }

    /// The column of `position` on the current line, counting forward from the last one computed.
    private mutating func column(at position: Int, in buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        if counted.index < anchor || counted.index > position { counted = (anchor, anchorColumn) }
        var (at, column) = counted
        while at < position {
            if buffer[at] & 0xC0 != 0x80 { column += 1 }
            at += 1
        }
        counted = (at, column)
        return column
    }

    /// A syntax error at `position` (the current one by default).
    private func error(_ message: String, at position: Int? = nil) -> JSONSyntaxError {
        var column = anchorColumn
        if let buffer {
            for at in anchor..<max(anchor, min(position ?? index, buffer.count)) where buffer[at] & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONSyntaxError(message: message, location: SourceLocation(file: file, line: line, column: column))
    }

    private func describe(_ window: ByteWindow) -> String {
        guard index < window.end else { return "the end of the file" }
        let byte = window.buffer[index]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}

extension GraphExportReader {
    /// What reading `bytes` (UTF-8) as a relationships export gives, handed over in chunks of `chunkSize` bytes:
    /// its relationships, the customers when it is the customer list, and its problems. For tests and the fuzz
    /// target, which compare chunk sizes: the result must not depend on them.
    public static func read(
        relationshipsIn bytes: [UInt8], chunkSize: Int, givesCustomers: Bool = false
    ) -> InputReadResult {
        var window = ByteWindow(capacity: 8)
        defer { window.deallocate() }
        var offset = 0
        var records: [CustomerRecord] = []
        var relationships: [RelationshipRecord] = []
        let reader = GraphExportReader(file: "export.json", kind: .relationships, givesCustomers: givesCustomers)
        var result: InputReadResult
        do throws(ReportFailure) {
            result = try reader.read(
                &window,
                more: { window in
                    let room = window.room()
                    let count = min(max(1, chunkSize), room.count, bytes.count - offset)
                    for index in 0..<count { room[index] = bytes[offset + index] }
                    offset += count
                    window.commit(count)
                    return count > 0
                },
                onItem: { item in
                    if case .relationship(let relationship, let customer) = item {
                        relationships.append(relationship)
                        if let customer { records.append(customer) }
                    }
                })
        } catch {
            preconditionFailure("bytes in memory cannot fail to be read: \(error)")
        }
        result.relationships = relationships
        result.records = records
        return result
    }
}
