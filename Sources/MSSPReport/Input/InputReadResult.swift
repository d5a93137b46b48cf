/// What reading one input produced: the records it holds and the problems found on the way.
public struct InputReadResult: Sendable {
    /// The records, in input order.
    public var records: [CustomerRecord] = []
    /// Problems found while reading.
    public var diagnostics: [Diagnostic] = []
    /// Data rows that could not become records (for example a row with the wrong number of fields).
    public var droppedRowCount = 0
    /// Whether a problem of the whole file (no header, a missing required column, a JSON syntax error, an
    /// encoding it cannot be read in, the size limit) kept every row out. `--skip-invalid` skips rows, never
    /// files: a scheduled run over a broken export must not replace a good index with an empty one.
    public var isUnusable = false
    /// The GDAP relationships of a Graph `delegatedAdminRelationship` export, in input order: read from a
    /// customer list that is such an export, or from `--relationships`.
    public var relationships: [RelationshipRecord] = []
    /// The access assignments of `--access-assignments`, in input order.
    public var accessAssignments: [AccessAssignmentRecord] = []

    /// Creates an empty result.
    public init() {}

    /// Appends another result, as when several inputs are merged.
    public mutating func append(_ other: InputReadResult) {
        records += other.records
        diagnostics += other.diagnostics
        droppedRowCount += other.droppedRowCount
        isUnusable = isUnusable || other.isUnusable
        relationships += other.relationships
        accessAssignments += other.accessAssignments
    }
}
