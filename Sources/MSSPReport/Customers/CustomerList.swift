/// The valid customers, stored compactly: the text of every name and domain in one byte buffer, and one
/// fixed-size row per customer. A collection of `Customer` values, each built when it is accessed.
///
/// At a million customers, an array of `Customer` structs with a `String` per name and domain was most of
/// the memory of a run (and of its time: the first touch of each new page is expensive); rows and one buffer
/// take about a third, and rendering copies names straight from the buffer.
///
/// The layout is this type's alone: stages that read many customers without building strings (sorting,
/// rendering, the link audit) go through `withContents` and `Contents`, which never show a row.
public struct CustomerList: RandomAccessCollection, Sendable, Equatable {
    /// One customer.
    fileprivate struct Row: Sendable, Equatable {
        var nameStart: UInt32
        var nameLength: UInt32
        var initialDomainStart: UInt32
        /// -1 when the customer has no initial domain.
        var initialDomainLength: Int32
        var defaultDomainStart: UInt32
        /// -1 when the customer has no default domain.
        var defaultDomainLength: Int32
        var tenantID: TenantID
        var line: Int32
        var column: Int32
        /// Where the tenant ID was written (cited when it comes again).
        var tenantIDLine: Int32
        var tenantIDColumn: Int32
        /// Index into `files`.
        var file: Int32
        /// Index into `otherFieldLists`, or -1 when the record had no other columns.
        var otherFields: Int32
    }

    /// Names and domains, UTF-8.
    private var text: [UInt8] = []
    private var rows: [Row] = []
    private var otherFieldLists: [[CustomerRecord.OtherField]] = []
    /// The files the customers were read from, each once: rows name them by index, so that a million rows
    /// hold no reference to a file-name string.
    private var files: [String] = []
    /// The file of the last customer added, and its index: records come file by file, mostly sharing one string
    /// object, so the comparison is usually of identity, not of text.
    private var lastFile = ""
    private var lastFileIndex: Int32 = -1

    /// An empty list.
    public init() {}

    /// A list of these customers.
    public init(_ customers: some Sequence<Customer>) {
        for customer in customers {
            append(
                name: customer.name, tenantID: customer.tenantID, initialDomain: customer.initialDomain,
                defaultDomain: customer.defaultDomain, otherFields: customer.otherFields, location: customer.location,
                tenantIDLocation: customer.location)
        }
    }

    /// Reserves room for about `count` customers with `textBytes` bytes of names and domains. Memory that is
    /// reserved but not used is never touched, so an upper bound costs nothing.
    mutating func reserveCapacity(customers count: Int, textBytes: Int) {
        rows.reserveCapacity(count)
        text.reserveCapacity(textBytes)
    }

    /// Adds a customer whose record starts at `location` and whose tenant ID was written at
    /// `tenantIDLocation` (in the same file).
    mutating func append(
        name: String, tenantID: TenantID, initialDomain: String?, defaultDomain: String?,
        otherFields: [CustomerRecord.OtherField], location: SourceLocation, tenantIDLocation: SourceLocation
    ) {
        let nameStart = UInt32(text.count)
        text.append(contentsOf: name.utf8)
        let initialStart = UInt32(text.count)
        if let initialDomain { text.append(contentsOf: initialDomain.utf8) }
        let defaultStart = UInt32(text.count)
        if let defaultDomain { text.append(contentsOf: defaultDomain.utf8) }
        var otherFieldsIndex: Int32 = -1
        if !otherFields.isEmpty {
            otherFieldLists.append(otherFields)
            otherFieldsIndex = Int32(otherFieldLists.count - 1)
        }
        rows.append(
            Row(
                nameStart: nameStart, nameLength: initialStart - nameStart, initialDomainStart: initialStart,
                initialDomainLength: initialDomain == nil ? -1 : Int32(defaultStart - initialStart),
                defaultDomainStart: defaultStart,
                defaultDomainLength: defaultDomain == nil ? -1 : Int32(UInt32(text.count) - defaultStart),
                tenantID: tenantID,
                line: Int32(clamping: location.line), column: Int32(clamping: location.column),
                tenantIDLine: Int32(clamping: tenantIDLocation.line),
                tenantIDColumn: Int32(clamping: tenantIDLocation.column), file: fileIndex(location.file),
                otherFields: otherFieldsIndex))
    }

    /// The index of `file` in `files`, added if new.
    private mutating func fileIndex(_ file: String) -> Int32 {
        if lastFileIndex >= 0, file == lastFile { return lastFileIndex }
        let index: Int
        if let known = files.firstIndex(of: file) {
            index = known
        } else {
            files.append(file)
            index = files.count - 1
        }
        (lastFile, lastFileIndex) = (file, Int32(index))
        return lastFileIndex
    }

    /// Lists are equal when they hold the same customers from the same files.
    public static func == (lhs: CustomerList, rhs: CustomerList) -> Bool {
        lhs.rows == rhs.rows && lhs.text == rhs.text && lhs.files == rhs.files
            && lhs.otherFieldLists == rhs.otherFieldLists
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    /// The customer at `position`, built from its row.
    public subscript(position: Int) -> Customer {
        Customer(
            name: name(at: position), tenantID: rows[position].tenantID, initialDomain: initialDomain(at: position),
            defaultDomain: defaultDomain(at: position), otherFields: otherFields(at: position),
            location: location(at: position))
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

    /// The initial domain of the customer at `position`, if any.
    func initialDomain(at position: Int) -> String? {
        let row = rows[position]
        return string(row.initialDomainStart, row.initialDomainLength)
    }

    /// The default domain of the customer at `position`, if any.
    func defaultDomain(at position: Int) -> String? {
        let row = rows[position]
        return string(row.defaultDomainStart, row.defaultDomainLength)
    }

    private func string(_ start: UInt32, _ length: Int32) -> String? {
        guard length >= 0 else { return nil }
        return String(decoding: text[Int(start)..<Int(start) + Int(length)], as: UTF8.self)
    }

    /// Where the record of the customer at `position` starts.
    func location(at position: Int) -> SourceLocation {
        let row = rows[position]
        return SourceLocation(file: files[Int(row.file)], line: Int(row.line), column: Int(row.column))
    }

    /// Where the tenant ID of the customer at `position` was written.
    func tenantIDLocation(at position: Int) -> SourceLocation {
        let row = rows[position]
        return SourceLocation(
            file: files[Int(row.file)], line: Int(row.tenantIDLine), column: Int(row.tenantIDColumn))
    }

    /// The other columns of the record of the customer at `position`.
    func otherFields(at position: Int) -> [CustomerRecord.OtherField] {
        let index = rows[position].otherFields
        return index < 0 ? [] : otherFieldLists[Int(index)]
    }

    /// Calls `body` with read access to every customer that builds no strings and changes no reference count,
    /// valid only while `body` runs.
    func withContents<Result>(_ body: (Contents) throws -> Result) rethrows -> Result {
        try text.withUnsafeBufferPointer { text in
            try rows.withUnsafeBufferPointer { rows in try body(Contents(text: text, rows: rows)) }
        }
    }

    /// Read access to the customers' names, domains and tenant IDs by position, for code that reads many of
    /// them (sorting, rendering, the link audit). Valid only inside `withContents`.
    struct Contents {
        private let text: UnsafeBufferPointer<UInt8>
        private let rows: UnsafeBufferPointer<Row>

        fileprivate init(text: UnsafeBufferPointer<UInt8>, rows: UnsafeBufferPointer<Row>) {
            self.text = text
            self.rows = rows
        }

        /// The number of customers.
        var count: Int { rows.count }

        /// The tenant ID of the customer at `position`.
        @inline(__always)
        func tenantID(at position: Int) -> TenantID {
            rows[position].tenantID
        }

        /// The UTF-8 bytes of the name of the customer at `position` (possibly empty, with no base address).
        @inline(__always)
        func name(at position: Int) -> UnsafeBufferPointer<UInt8> {
            let row = rows[position]
            return UnsafeBufferPointer(rebasing: text[Int(row.nameStart)..<Int(row.nameStart + row.nameLength)])
        }

        /// The UTF-8 bytes of the domain an index shows for the customer at `position` (its initial domain, else
        /// its default domain), or `nil` when it has none.
        @inline(__always)
        func domain(at position: Int) -> UnsafeBufferPointer<UInt8>? {
            let row = rows[position]
            if row.initialDomainLength >= 0 {
                return bytes(row.initialDomainStart, row.initialDomainLength)
            }
            guard row.defaultDomainLength >= 0 else { return nil }
            return bytes(row.defaultDomainStart, row.defaultDomainLength)
        }

        @inline(__always)
        private func bytes(_ start: UInt32, _ length: Int32) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: text[Int(start)..<Int(start) + Int(length)])
        }

        /// Whether any customer has a domain.
        var anyHasDomain: Bool { rows.contains { $0.initialDomainLength >= 0 || $0.defaultDomainLength >= 0 } }
    }
}
