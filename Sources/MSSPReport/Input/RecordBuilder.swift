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

    /// The key, preference and level of the field chosen for each role. The record is the caller's, passed in
    /// to each call, so that no record is copied (the reader builds one per row).
    private var chosen = ChosenKeys()
    /// Fields that named a role already taken by a preferred key: checked against the chosen one in `finish`.
    private var passedOver: [(claim: ColumnClaim, key: String, levelLength: Int, field: RecordField)] = []

    init() {}

    /// Adds a field to `record`. `claim` is what its key claims (see `ColumnClaim(key:)`); `levelLength` is the
    /// length of the key's level in a JSON object (its dotted path without the last name, `customer` of
    /// `customer.tenantId`), 0 in CSV.
    @inline(__always)
    mutating func add(
        _ field: RecordField, key: String, claim: ColumnClaim?, levelLength: Int = 0,
        to record: inout CustomerRecord
    ) {
        guard let claim else {
            record.otherFields.append(.init(key: key, field: field))
            return
        }
        guard let current = chosen.preference(of: claim.role) else {
            chosen[claim.role] = (key, claim.preference, levelLength)
            record[claim.role] = field
            return
        }
        if current <= claim.preference {
            passedOver.append((claim, key, levelLength, field))
            record.otherFields.append(.init(key: key, field: field))
            return
        }
        // The new key is preferred: the field chosen so far becomes another field.
        let previous = chosen[claim.role]!
        let previousField = record[claim.role]!
        passedOver.append(
            (
                ColumnClaim(role: claim.role, preference: previous.preference), previous.key, previous.levelLength,
                previousField
            ))
        record.otherFields.append(.init(key: previous.key, field: previousField))
        chosen[claim.role] = (key, claim.preference, levelLength)
        record[claim.role] = field
    }

    /// Whether the fields of `record` agree; each pair that does not is an error appended to `diagnostics`.
    func finish(_ record: CustomerRecord, naming: Naming, diagnostics: inout [Diagnostic]) -> Bool {
        var agree = true
        for other in passedOver {
            let role = other.claim.role
            guard let current = chosen[role],
                current.key.utf8.prefix(current.levelLength).elementsEqual(other.key.utf8.prefix(other.levelLength)),
                let value = record[role]?.value,
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
        return agree
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
    typealias Choice = (key: String, preference: Int, levelLength: Int)
    private var name, tenantID, initialDomain, defaultDomain, domain: Choice?

    /// The preference of the key chosen for `role`, if one is: read in place, for every field, without copying a
    /// key.
    @inline(__always)
    func preference(of role: ColumnRole) -> Int? {
        switch role {
        case .name: name?.preference
        case .tenantID: tenantID?.preference
        case .initialDomain: initialDomain?.preference
        case .defaultDomain: defaultDomain?.preference
        case .domain: domain?.preference
        }
    }

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
