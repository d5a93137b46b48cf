/// What a column or JSON key means to mssp-report. The one table of accepted column names.
public enum ColumnRole: String, Sendable, CaseIterable {
    case name
    case tenantID
    /// The initial `*.onmicrosoft.com` domain (`{initialDomain}`).
    case initialDomain
    /// The default domain (`{defaultDomain}`).
    case defaultDomain
    /// A domain of either kind: the initial domain when it ends in `.onmicrosoft.com`, else the default domain.
    case domain

    /// The accepted column names, in the form a user would write them, most preferred first.
    /// Matching ignores case, spaces, `_` and `-`.
    public var acceptedNames: [String] {
        switch self {
        case .name:
            [
                "customer.displayName", "name", "customer", "customer name", "display name", "displayName",
                "tenant name", "company", "company name", "companyProfile.companyName",
            ]
        case .tenantID:
            [
                "customer.tenantId", "tenant id", "tenantId", "tid", "directory id", "customerId", "microsoft id",
                "companyProfile.tenantId",
            ]
        case .initialDomain:
            ["initialDomainName", "initial domain", "initial domain name", "onmicrosoft domain"]
        case .defaultDomain:
            ["defaultDomainName", "default domain", "default domain name", "primary domain name", "primary domain"]
        case .domain:
            ["domain", "domain name"]
        }
    }

    /// Whether two values of this role say the same: tenant IDs ignoring case, braces and surrounding space;
    /// names and domains ignoring surrounding space (and case, for domains).
    func agrees(_ first: String, _ second: String) -> Bool {
        let (a, b) = (first.trimmingWhitespace, second.trimmingWhitespace)
        switch self {
        case .tenantID:
            if let (x, _) = TenantID.parse(a), let (y, _) = TenantID.parse(b) { return x == y }
            return a.lowercased() == b.lowercased()
        case .name: return a == b
        case .domain, .initialDomain, .defaultDomain: return a.lowercased() == b.lowercased()
        }
    }

    /// The role's name in messages.
    var label: String {
        switch self {
        case .name: "customer name"
        case .tenantID: "tenant ID"
        case .initialDomain: "initial domain"
        case .defaultDomain: "default domain"
        case .domain: "domain"
        }
    }

    /// Whether a record must have this column.
    public var isRequired: Bool { self == .name || self == .tenantID }

    /// The role a header names, or `nil` for a column mssp-report only carries along.
    public static func matching(_ header: String) -> ColumnRole? {
        let key = normalizedKey(header)
        return lookup[key]
    }

    /// How strongly a header claims its role; lower wins when several columns claim the same role.
    static func preference(of header: String, for role: ColumnRole) -> Int {
        let key = normalizedKey(header)
        return role.acceptedNames.firstIndex { normalizedKey($0) == key } ?? Int.max
    }

    private static let lookup: [String: ColumnRole] = {
        var table: [String: ColumnRole] = [:]
        for role in ColumnRole.allCases {
            for name in role.acceptedNames { table[normalizedKey(name)] = role }
        }
        return table
    }()

    static func normalizedKey(_ header: String) -> String {
        String(header.lowercased().unicodeScalars.filter { $0 != " " && $0 != "_" && $0 != "-" })
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
