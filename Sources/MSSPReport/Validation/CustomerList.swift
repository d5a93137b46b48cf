/// The valid customers, stored compactly: the text of every name and domain in one byte buffer, and one
/// fixed-size row per customer. A collection of `Customer` values, each built when it is accessed.
///
/// At a million customers, an array of `Customer` structs with a `String` per name and domain was most of
/// the memory of a run (and of its time: the first touch of each new page is expensive); rows and one buffer
/// take about a third, and rendering copies names straight from the buffer.
public struct CustomerList: RandomAccessCollection, Sendable, Equatable {
    /// One customer.
    struct Row: Sendable, Equatable {
        var nameStart: UInt32
        var nameLength: UInt32
        var domainStart: UInt32
        /// -1 when the customer has no domain.
        var domainLength: Int32
        var tenantID: TenantID
        var line: Int32
        var column: Int32
        /// The file's number in `SourceFiles`.
        var file: Int32
        /// Index into `otherFieldLists`, or -1 when the record had no other columns.
        var otherFields: Int32
    }

    /// Names and domains, UTF-8.
    private(set) var text: [UInt8] = []
    private(set) var rows: [Row] = []
    private var otherFieldLists: [[CustomerRecord.OtherField]] = []

    /// An empty list.
    public init() {}

    /// A list of these customers.
    public init(_ customers: [Customer]) {
        for customer in customers {
            append(
                name: customer.name, tenantID: customer.tenantID, domain: customer.domain,
                otherFields: customer.otherFields, location: customer.location)
        }
    }

    /// Reserves room for about `count` customers with `textBytes` bytes of names and domains. Memory that is
    /// reserved but not used is never touched, so an upper bound costs nothing.
    mutating func reserveCapacity(customers count: Int, textBytes: Int) {
        rows.reserveCapacity(count)
        text.reserveCapacity(textBytes)
    }

    /// Adds a customer.
    mutating func append(
        name: String, tenantID: TenantID, domain: String?, otherFields: [CustomerRecord.OtherField],
        location: SourceLocation
    ) {
        let nameStart = UInt32(text.count)
        text.append(contentsOf: name.utf8)
        let domainStart = UInt32(text.count)
        if let domain { text.append(contentsOf: domain.utf8) }
        let file = location.fileID
        var otherFieldsIndex: Int32 = -1
        if !otherFields.isEmpty {
            otherFieldLists.append(otherFields)
            otherFieldsIndex = Int32(otherFieldLists.count - 1)
        }
        rows.append(
            Row(
                nameStart: nameStart, nameLength: domainStart - nameStart, domainStart: domainStart,
                domainLength: domain == nil ? -1 : Int32(UInt32(text.count) - domainStart), tenantID: tenantID,
                line: Int32(clamping: location.line), column: Int32(clamping: location.column), file: file,
                otherFields: otherFieldsIndex))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    /// The customer at `position`, built from its row.
    public subscript(position: Int) -> Customer {
        Customer(
            name: name(at: position), tenantID: rows[position].tenantID, domain: domain(at: position),
            otherFields: otherFields(at: position), location: location(at: position))
    }

    /// The tenant ID of the customer at `position`.
    func tenantID(at position: Int) -> TenantID {
        rows[position].tenantID
    }

    /// The name of the customer at `position`.
    func name(at position: Int) -> String {
        let row = rows[position]
        return String(decoding: text[Int(row.nameStart)..<Int(row.nameStart + row.nameLength)], as: UTF8.self)
    }

    /// The domain of the customer at `position`, if any.
    func domain(at position: Int) -> String? {
        let row = rows[position]
        guard row.domainLength >= 0 else { return nil }
        return String(
            decoding: text[Int(row.domainStart)..<Int(row.domainStart) + Int(row.domainLength)], as: UTF8.self)
    }

    /// Whether the customer at `position` has a domain.
    func hasDomain(at position: Int) -> Bool {
        rows[position].domainLength >= 0
    }

    /// Where the record of the customer at `position` starts.
    func location(at position: Int) -> SourceLocation {
        let row = rows[position]
        return SourceLocation(fileID: row.file, line: Int(row.line), column: Int(row.column))
    }

    /// The other columns of the record of the customer at `position`.
    func otherFields(at position: Int) -> [CustomerRecord.OtherField] {
        let index = rows[position].otherFields
        return index < 0 ? [] : otherFieldLists[Int(index)]
    }

    /// Calls `body` with the buffer of names and domains and the rows, for code that reads many customers
    /// without building strings.
    func withStorage<Result>(
        _ body: (_ text: UnsafeBufferPointer<UInt8>, _ rows: UnsafeBufferPointer<Row>) throws -> Result
    ) rethrows -> Result {
        try text.withUnsafeBufferPointer { text in
            try rows.withUnsafeBufferPointer { rows in try body(text, rows) }
        }
    }
}

extension CustomerList.Row {
    /// The name's bytes in `text`.
    @inline(__always)
    func name(in text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[Int(nameStart)..<Int(nameStart + nameLength)])
    }

    /// The domain's bytes in `text`, or `nil`.
    @inline(__always)
    func domain(in text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard domainLength >= 0 else { return nil }
        return UnsafeBufferPointer(rebasing: text[Int(domainStart)..<Int(domainStart) + Int(domainLength)])
    }
}
