import Yams

/// The Entra roles mssp-report knows and what each gives in Microsoft Defender XDR: `Catalog/roles.yaml`,
/// carried in the binary. A role ID that is not in it is an unknown role, which opens nothing.
public struct RoleCatalog: Sendable {
    /// What a role gives an analyst in Microsoft Defender XDR, best first.
    public enum DefenderAccess: String, Sendable, CaseIterable, Comparable {
        /// Every page, read and change.
        case full
        /// Some of it (the role's note says which).
        case part
        /// Every page, read only.
        case read
        /// No page.
        case none

        /// Whether the role opens Microsoft Defender at all.
        public var opensDefender: Bool { self != .none }

        public static func < (lhs: DefenderAccess, rhs: DefenderAccess) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// One role.
    public struct Role: Sendable, Equatable {
        /// The template ID, lowercase.
        public var id: String
        /// The name in Entra ID.
        public var name: String
        /// What it gives in Microsoft Defender XDR.
        public var defender: DefenderAccess
        /// The document that says so.
        public var source: String
    }

    /// The roles, in the file's order.
    public let roles: [Role]
    private let byID: [String: Int]
    /// The bits of the roles that open Defender (bit i is `roles[i]`).
    private let defenderMask: UInt32

    /// Creates a catalog of `roles`.
    public init(roles: [Role]) {
        self.roles = roles
        byID = Dictionary(roles.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var mask: UInt32 = 0
        for (index, role) in roles.enumerated() where role.defender.opensDefender && index < 32 {
            mask |= 1 << UInt32(index)
        }
        defenderMask = mask
    }

    /// The role with this template ID (any case, surrounding space ignored), or `nil` for an unknown one.
    public func role(id: String) -> Role? {
        index(ofRole: id).map { roles[$0] }
    }

    /// The place of the role with this template ID in `roles`, or `nil` for an unknown one.
    func index(ofRole id: String) -> Int? {
        if let index = byID[id] { return index }
        return byID[id.trimmingWhitespace.lowercased()]
    }

    /// Whether any role whose bit is set in `mask` (bit i is `roles[i]`) opens Microsoft Defender.
    func opensDefender(roles mask: UInt32) -> Bool {
        mask & defenderMask != 0
    }

    /// The built-in catalog, from `Catalog/roles.yaml`. A test proves the file parses.
    public static let builtIn: RoleCatalog = {
        let (catalog, problems) = parse(EmbeddedCatalog.files["roles.yaml"] ?? "")
        precondition(problems.isEmpty && !catalog.roles.isEmpty, "Catalog/roles.yaml is broken: \(problems)")
        return catalog
    }()

    /// Parses the text of a roles file: the catalog, and a sentence for each problem (none for the built-in one).
    static func parse(_ text: String) -> (RoleCatalog, [String]) {
        var problems: [String] = []
        var roles: [Role] = []
        guard let root = try? Yams.compose(yaml: text), let items = root.mapping?["roles"]?.sequence else {
            return (RoleCatalog(roles: []), ["expected a mapping with a \"roles\" list"])
        }
        for item in items {
            let line = item.mark?.line ?? 0
            guard let fields = item.mapping, let id = fields["id"]?.string, let name = fields["name"]?.string,
                let defenderText = fields["defender"]?.string, let source = fields["source"]?.string
            else {
                problems.append("line \(line): a role needs id, name, defender and source")
                continue
            }
            guard let defender = DefenderAccess(rawValue: defenderText) else {
                problems.append("line \(line): defender is full, part, read or none, not \(defenderText)")
                continue
            }
            guard TenantID.parse(id)?.form == .hyphenated, id == id.lowercased() else {
                problems.append("line \(line): \(id) is not a lowercase GUID")
                continue
            }
            guard source.hasPrefix("https://") else {
                problems.append("line \(line): the source must be an https:// URL")
                continue
            }
            if roles.contains(where: { $0.id == id }) { problems.append("line \(line): \(id) is listed twice") }
            // A customer's roles are kept as bits of one 32-bit word.
            if roles.count == 32 {
                problems.append("line \(line): a catalog holds at most 32 roles")
                break
            }
            roles.append(Role(id: id, name: name, defender: defender, source: source))
        }
        return (RoleCatalog(roles: roles), problems)
    }
}
