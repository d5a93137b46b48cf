/// Builds one `CustomerRecord` from the fields a reader hands over in input order, for CSV and JSON alike.
///
/// Each field goes to the role its key names; where several keys name one role (`tenantId` and `customerId`),
/// the most preferred name wins and the others are kept as other fields. Two fields that give one role must say
/// the same (`ColumnRole.agrees`), unless either is blank or they sit at different levels of a JSON object (a
/// GDAP relationship's own `displayName` beside its `customer.displayName`).
struct RecordBuilder {
    /// How messages name the fields: CSV has columns, JSON has keys.
    enum Naming {
        case columns
        case keys
    }

    /// The record so far.
    private var record: CustomerRecord
    /// The key, preference and level of the field chosen for each role, by `ColumnRole.index`.
    private var chosen = ChosenKeys()
    /// Fields that named a role already taken by a preferred key: checked against the chosen one in `build`.
    private var passedOver: [(claim: ColumnClaim, key: String, level: Substring, field: RecordField)] = []

    /// Starts a record at `location`.
    init(location: SourceLocation) {
        record = CustomerRecord(location: location)
    }

    /// Adds a field. `claim` is what its key claims (see `ColumnClaim(key:)`); `level` is where the key sits in
    /// a JSON object (its dotted path without the last name), empty in CSV.
    mutating func add(_ field: RecordField, key: String, claim: ColumnClaim?, level: Substring = "") {
        guard let claim else {
            record.otherFields.append(.init(key: key, field: field))
            return
        }
        guard let current = chosen[claim.role] else {
            chosen[claim.role] = (key, claim.preference, level)
            record[claim.role] = field
            return
        }
        if current.preference <= claim.preference {
            passedOver.append((claim, key, level, field))
            record.otherFields.append(.init(key: key, field: field))
            return
        }
        // The new key is preferred: the field chosen so far becomes another field.
        let previous = record[claim.role]!
        passedOver.append(
            (ColumnClaim(role: claim.role, preference: current.preference), current.key, current.level, previous))
        record.otherFields.append(.init(key: current.key, field: previous))
        chosen[claim.role] = (key, claim.preference, level)
        record[claim.role] = field
    }

    /// The record, or `nil` after an error about fields that disagree (appended to `diagnostics`).
    consuming func build(naming: Naming, diagnostics: inout [Diagnostic]) -> CustomerRecord? {
        var agree = true
        for other in passedOver {
            let role = other.claim.role
            guard let current = chosen[role], current.level == other.level, let value = record[role]?.value,
                !value.trimmingWhitespace.isEmpty, !other.field.value.trimmingWhitespace.isEmpty,
                !role.agrees(value, other.field.value)
            else { continue }
            let keys = "\(current.key.quotedForDiagnostic) and \(other.key.quotedForDiagnostic)"
            diagnostics.append(
                .error(
                    .conflictingColumns,
                    "\(naming == .columns ? "columns " : "")\(keys) both give the \(role.label) and disagree: \(value.quotedForDiagnostic) and \(other.field.value.quotedForDiagnostic)",
                    at: other.field.location))
            agree = false
        }
        return agree ? record : nil
    }
}

/// What a column name or key claims: a role, and how strongly (lower wins when several claim one role).
struct ColumnClaim: Sendable, Equatable {
    /// The role.
    var role: ColumnRole
    /// The place of the name among the role's accepted names.
    var preference: Int

    init(role: ColumnRole, preference: Int) {
        self.role = role
        self.preference = preference
    }

    /// What `key` claims, or `nil` for a column mssp-report only carries along. Matching normalizes the key:
    /// readers look each key up once per input, not once per row.
    init?(key: String) {
        guard let role = ColumnRole.matching(key) else { return nil }
        self.init(role: role, preference: ColumnRole.preference(of: key, for: role))
    }
}

/// The key chosen for each role, without an array per record (the reader builds a record per row).
private struct ChosenKeys {
    typealias Choice = (key: String, preference: Int, level: Substring)
    private var name, tenantID, initialDomain, defaultDomain, domain: Choice?

    subscript(role: ColumnRole) -> Choice? {
        get {
            switch role {
            case .name: name
            case .tenantID: tenantID
            case .initialDomain: initialDomain
            case .defaultDomain: defaultDomain
            case .domain: domain
            }
        }
        set {
            switch role {
            case .name: name = newValue
            case .tenantID: tenantID = newValue
            case .initialDomain: initialDomain = newValue
            case .defaultDomain: defaultDomain = newValue
            case .domain: domain = newValue
            }
        }
    }
}
