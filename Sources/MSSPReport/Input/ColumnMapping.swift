/// Which column of a header plays which role.
struct ColumnMapping: Sendable {
    /// Column index per role; absent roles are missing from the header.
    var columns: [ColumnRole: Int] = [:]
    /// Other columns that name the same role (for example both `tenantId` and `customerId`): a row whose values
    /// disagree is an error.
    var alternates: [ColumnRole: [Int]] = [:]

    /// Maps a header; where several columns claim one role, the more preferred name wins.
    init(header: [String]) {
        for (index, title) in header.enumerated() {
            guard let role = ColumnRole.matching(title) else { continue }
            if let current = columns[role],
                ColumnRole.preference(of: header[current], for: role) <= ColumnRole.preference(of: title, for: role)
            {
                alternates[role, default: []].append(index)
                continue
            }
            if let current = columns[role] { alternates[role, default: []].append(current) }
            columns[role] = index
        }
    }

    /// The required roles the header lacks.
    var missingRoles: [ColumnRole] {
        ColumnRole.allCases.filter { $0.isRequired && columns[$0] == nil }
    }

    /// The one error for a header that lacks required columns, listing what is accepted.
    static func missingColumnsDiagnostic(
        _ missing: [ColumnRole],
        at location: SourceLocation,
        noun: String = "the header"
    ) -> Diagnostic {
        let thing = noun == "the header" ? "column" : "key"
        let parts = missing.map { role in
            let label = role == .name ? "customer name \(thing)" : "tenant ID \(thing)"
            return "\(label) (accepted: \(role.acceptedNames.map { "\"\($0)\"" }.joined(separator: ", ")))"
        }
        return .error(
            .missingColumn,
            "\(noun == "the header" ? "the header has" : "the \(noun) have") no \(parts.joined(separator: " and no ")); names are matched ignoring case, spaces, '_' and '-'",
            at: location
        )
    }
}
