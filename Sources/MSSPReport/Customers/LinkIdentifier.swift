/// What a link kind's URL needs to know of a customer: one placeholder of its URL template.
public enum LinkIdentifier: Hashable, Sendable, CustomStringConvertible {
    /// `{tenantId}`: the tenant ID (every customer has one).
    case tenantID
    /// `{initialDomain}`: the customer's initial `*.onmicrosoft.com` domain, which `delegatedOrg=` takes.
    case initialDomain
    /// `{defaultDomain}`: the customer's default domain.
    case defaultDomain
    /// `{column:NAME}`: the value of any input column or key, percent-encoded.
    case column(String)

    /// The placeholder as written in a URL template.
    public var placeholder: String {
        switch self {
        case .tenantID: "{tenantId}"
        case .initialDomain: "{initialDomain}"
        case .defaultDomain: "{defaultDomain}"
        case .column(let name): "{column:\(name)}"
        }
    }

    /// The identifier a placeholder's inner text (between the braces) names, if any.
    init?(placeholder inner: Substring) {
        switch inner {
        case "tenantId": self = .tenantID
        case "initialDomain": self = .initialDomain
        case "defaultDomain": self = .defaultDomain
        default:
            guard inner.hasPrefix("column:"), inner.count > "column:".count else { return nil }
            self = .column(String(inner.dropFirst("column:".count)))
        }
    }

    /// What a row lacks when it has no value for this identifier, for the warning.
    public var missingValue: String {
        switch self {
        case .tenantID: "tenant ID"
        case .initialDomain: "initial domain"
        case .defaultDomain: "default domain"
        case .column(let name): "\"\(name)\" value"
        }
    }

    /// What a customer list must have for this identifier, for the warning on a row that lacks it.
    public var columnToAdd: String {
        switch self {
        case .tenantID: "a tenant ID column"
        case .initialDomain: "an initialDomainName column (its *.onmicrosoft.com domain)"
        case .defaultDomain: "a defaultDomainName column"
        case .column(let name): "the \"\(name)\" column"
        }
    }

    public var description: String { placeholder }
}
