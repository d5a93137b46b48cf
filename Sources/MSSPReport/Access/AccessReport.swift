/// What the index says about access: each customer's state as of a day, and the counts for the summary. Each
/// customer's entry is a few bytes; `access(at:)` makes the sentences when they are shown.
public struct AccessReport: Sendable, Equatable {
    /// The tenants the Defender multitenant view takes (MicrosoftDocs/defender-docs,
    /// `defender-xdr/mto-requirements.md`).
    public static let multitenantTenantLimit = 100

    /// The day access was judged on.
    public let asOf: CalendarDay
    /// The expiry window in days.
    public let expiringWithin: Int
    /// The file(s) the relationships came from, as the index names them.
    public let source: String
    /// Whether an access-assignments export was given (then only assigned roles count).
    public let usesAssignments: Bool
    let catalog: RoleCatalog
    /// Each customer's entry, by position in the customer list.
    let entries: [AccessEntry]
    /// The names, IDs and places of the relationships of the entries that keep them, and unknown role IDs.
    let details: Details
    /// How many customers are in each state, in `CustomerAccess.State.allCases` order.
    private let stateCounts: [Int]
    /// The roles in words for each set of roles the entries have (few sets, many customers): made once.
    private let roleTexts: [UInt64: String]

    init(
        asOf: CalendarDay, expiringWithin: Int, source: String, usesAssignments: Bool, catalog: RoleCatalog,
        entries: [AccessEntry], details: Details
    ) {
        self.asOf = asOf
        self.expiringWithin = expiringWithin
        self.source = source
        self.usesAssignments = usesAssignments
        self.catalog = catalog
        self.entries = entries
        self.details = details
        var counts = [Int](repeating: 0, count: CustomerAccess.State.allCases.count)
        var roleSets: Set<UInt64> = []
        for entry in entries {
            counts[CustomerAccess.State.allCases.firstIndex(of: entry.state)!] += 1
            roleSets.insert(Self.roleKey(entry))
        }
        stateCounts = counts
        var roleTexts: [UInt64: String] = [:]
        for key in roleSets {
            let (roles, unassigned) = (UInt32(truncatingIfNeeded: key), UInt32(truncatingIfNeeded: key >> 32))
            roleTexts[key] = catalog.roles.indices.compactMap { index -> String? in
                let bit: UInt32 = 1 << UInt32(index)
                guard roles & bit != 0 else { return nil }
                let role = catalog.roles[index]
                return "\(role.name) (\(role.defender.rawValue))\(unassigned & bit != 0 ? ", not assigned" : "")"
            }.joined(separator: "; ")
        }
        self.roleTexts = roleTexts
    }

    private static func roleKey(_ entry: AccessEntry) -> UInt64 {
        UInt64(entry.roles) | UInt64(entry.unassignedRoles) << 32
    }

    /// A report of these states (for tests and templates of made-up data): each state's sentence as given.
    public init(
        asOf: CalendarDay, expiringWithin: Int, source: String, usesAssignments: Bool, states: [CustomerAccess]
    ) {
        var details = Details()
        let entries = states.map { access in
            var entry = AccessEntry(state: access.state, variant: .none)
            entry.details = details.add(
                name: access.relationshipName, id: nil, location: access.relationshipLocation, text: access)
            return entry
        }
        self.init(
            asOf: asOf, expiringWithin: expiringWithin, source: source, usesAssignments: usesAssignments,
            catalog: .builtIn, entries: entries, details: details)
    }

    public static func == (lhs: AccessReport, rhs: AccessReport) -> Bool {
        lhs.asOf == rhs.asOf && lhs.expiringWithin == rhs.expiringWithin && lhs.source == rhs.source
            && lhs.entries == rhs.entries
            && (0..<lhs.entries.count).allSatisfy { lhs.access(at: $0) == rhs.access(at: $0) }
    }

    /// How many customers are in `state`.
    public func count(of state: CustomerAccess.State) -> Int {
        stateCounts[CustomerAccess.State.allCases.firstIndex(of: state)!]
    }

    /// The states with at least one customer, best first, with their counts.
    public var counts: [(state: CustomerAccess.State, count: Int)] {
        zip(CustomerAccess.State.allCases, stateCounts).filter { $0.1 > 0 }.map { ($0.0, $0.1) }
    }

    /// Customers whose Defender the SOC can open (active or expiring): those the multitenant view can hold.
    public var defenderCount: Int {
        count(of: .active) + count(of: .expiring)
    }

    /// The counts in words, for the summary line: "6 active, 1 expiring, ...; 7 can open Defender (the
    /// multitenant view takes up to 100 tenants)".
    public var summaryText: String {
        let parts = counts.map { "\($0.count) \($0.state.label)" }.joined(separator: ", ")
        let limit = Self.multitenantTenantLimit
        let view =
            defenderCount > limit
            ? "more than the \(limit) tenants the multitenant view takes"
            : "the multitenant view takes up to \(limit) tenants"
        return
            "access as of \(asOf) from \(source): \(parts.isEmpty ? "no customers" : parts); \(defenderCount) can open Defender (\(view))"
    }

    /// The access of the customer at `position` in the customer list, its sentences made now.
    public func access(at position: Int) -> CustomerAccess {
        let entry = entries[position]
        let detail = entry.details >= 0 ? details.detail(Int(entry.details)) : nil
        if let made = detail?.text { return made }
        let end = entry.end
        let daysLeft = end.map { $0.number - asOf.number }
        var access = CustomerAccess(
            state: entry.state, text: text(of: entry, daysLeft: daysLeft), roles: roles(of: entry),
            relationshipName: detail?.name, relationshipLocation: detail?.location,
            daysLeft: entry.state == .active || entry.state == .expiring ? daysLeft : nil)
        access.endsOn = end
        if entry.variant == .approvalPending, let id = detail?.id {
            access.approvalURL = AccessEvaluator.approvalURL(relationshipID: id)
        }
        return access
    }

    /// The state's sentence.
    private func text(of entry: AccessEntry, daysLeft: Int?) -> String {
        let end = entry.end.map(String.init(describing:)) ?? ""
        switch entry.variant {
        case .days:
            let days = daysLeft ?? 0
            if entry.state == .active { return "Active until \(end) (\(days) days left)" }
            return days == 0 ? "Expiring today, \(end)" : "Expiring on \(end) (\(days) day\(days == 1 ? "" : "s") left)"
        case .autoExtends: return "Active until \(end), auto-extends"
        case .noEnd: return "Active (no end date in the export)"
        case .approvalPending: return "Pending the customer's approval"
        case .approved: return "Pending: approved, activating"
        case .created: return "Pending: not yet sent for approval"
        case .noRole: return "No role that opens Defender"
        case .noRoleAssigned: return "No role that opens Defender is assigned"
        case .expired: return entry.end == nil ? "Ended: expired" : "Ended: expired \(end)"
        case .pastEnd: return "Ended: past its end date, \(end)"
        case .expiringStatus:
            return entry.end == nil
                ? "Ended: past its end date (deprovisioning)" : "Ended: past its end date, \(end) (deprovisioning)"
        case .terminated: return entry.end == nil ? "Ended: terminated" : "Ended: terminated \(end)"
        case .terminating: return "Ended: terminating"
        case .terminationRequested: return "Ended: termination requested"
        case .none: return CustomerAccess.noRelationship.text
        }
    }

    /// The state's sentence of the customer at `position` in the customer list (what the audits look for).
    func text(at position: Int) -> String {
        let entry = entries[position]
        if entry.details >= 0, let made = details.detail(Int(entry.details)).text { return made.text }
        return text(of: entry, daysLeft: entry.end.map { $0.number - asOf.number })
    }

    /// The roles as an analyst reads them: "Security Reader (read); Exchange Administrator (none)"; with an
    /// assignments export, a role no active assignment grants says so.
    private func roles(of entry: AccessEntry) -> String? {
        var text = roleTexts[Self.roleKey(entry)] ?? ""
        if entry.unknownRoles >= 0 {
            let unknown = details.unknownRoles[Int(entry.unknownRoles)].map { "unknown role \($0)" }
            text = ([text].filter { !$0.isEmpty } + unknown).joined(separator: "; ")
        }
        return text.isEmpty ? nil : text
    }

    /// The warning for a customer whose access needs attention, at its place in the customer list.
    func attention(customer position: Int, in customers: CustomerList) -> Diagnostic? {
        guard entries[position].state != .active else { return nil }
        let access = access(at: position)
        let name = customers.name(at: position).quotedForDiagnostic
        let location = customers.location(at: position)
        let relationship =
            access.relationshipName.map { "GDAP relationship \($0.quotedForDiagnostic)" } ?? "its GDAP relationship"
        // A relationships export that is the customer list names the customer where the relationship is.
        let place = access.relationshipLocation.flatMap { $0 == location ? nil : " (\($0))" } ?? ""
        switch access.state {
        case .active:
            return nil
        case .expiring:
            let days = access.daysLeft ?? 0
            // Partner Center warns of relationships that expire within 30, 7 and 1 days.
            let band = days <= 1 ? 1 : days <= 7 ? 7 : 30
            let end = access.endsOn.map(String.init(describing:)) ?? "?"
            let when = days == 0 ? "today, \(end)" : "in \(days) day\(days == 1 ? "" : "s"), on \(end)"
            return .warning(
                .accessExpiring,
                "customer \(name)'s access to Microsoft Defender ends \(when) (within \(band) day\(band == 1 ? "" : "s")): \(relationship)\(place) does not auto-extend; extend it or have the customer approve a new one",
                at: location)
        case .pending:
            let link = access.approvalURL.map { "; the customer approves it at \($0)" } ?? ""
            return .warning(
                .accessPending,
                "customer \(name) cannot open Microsoft Defender yet: \(relationship)\(place) is \(access.text.lowercased())\(link)",
                at: location)
        case .noDefenderRole:
            return .warning(
                .accessNoDefenderRole,
                "customer \(name) cannot open Microsoft Defender: \(relationship)\(place) is active but grants no role that opens it (\(access.roles ?? "no roles")); Security Reader, Security Operator or Security Administrator do",
                at: location)
        case .ended:
            return .warning(
                .accessEnded,
                "customer \(name) cannot open Microsoft Defender: \(relationship)\(place) has \(access.text.lowercased()), and no other relationship is active",
                at: location)
        case .noRelationship:
            return .warning(
                .accessNoRelationship,
                "customer \(name) has no GDAP relationship in \(source); the SOC can open its Defender only through B2B access or another partner",
                at: location)
        }
    }

    /// The names, IDs and places of the relationships that entries keep (those not active), in one text buffer.
    struct Details: Sendable, Equatable {
        private var text: [UInt8] = []
        private var rows: [Row] = []
        private var files: [String] = []
        private(set) var unknownRoles: [[String]] = []
        /// States made by hand (`AccessReport(states:)`), by row.
        private var made: [Int: CustomerAccess] = [:]

        private struct Row: Sendable, Equatable {
            var nameStart: UInt32
            var nameLength: Int32
            var idStart: UInt32
            var idLength: Int32
            var file: Int32
            var line: Int32
            var column: Int32
        }

        /// Keeps a relationship's details; returns their index.
        mutating func add(
            name: String?, id: String?, location: SourceLocation?, text made: CustomerAccess? = nil
        )
            -> Int32
        {
            let nameStart = UInt32(text.count)
            if let name { text.append(contentsOf: name.utf8) }
            let idStart = UInt32(text.count)
            if let id { text.append(contentsOf: id.utf8) }
            var file: Int32 = -1
            if let location {
                if let known = files.lastIndex(of: location.file) {
                    file = Int32(known)
                } else {
                    files.append(location.file)
                    file = Int32(files.count - 1)
                }
            }
            rows.append(
                Row(
                    nameStart: nameStart, nameLength: name == nil ? -1 : Int32(idStart - nameStart), idStart: idStart,
                    idLength: id == nil ? -1 : Int32(UInt32(text.count) - idStart), file: file,
                    line: Int32(clamping: location?.line ?? 0), column: Int32(clamping: location?.column ?? 0)))
            if let made { self.made[rows.count - 1] = made }
            return Int32(rows.count - 1)
        }

        /// Keeps a list of unknown role IDs; returns its index.
        mutating func add(unknownRoles roles: [String]) -> Int32 {
            unknownRoles.append(roles)
            return Int32(unknownRoles.count - 1)
        }

        /// The details at `index`.
        func detail(_ index: Int) -> (name: String?, id: String?, location: SourceLocation?, text: CustomerAccess?) {
            let row = rows[index]
            func string(_ start: UInt32, _ length: Int32) -> String? {
                length < 0 ? nil : String(decoding: text[Int(start)..<Int(start) + Int(length)], as: UTF8.self)
            }
            let location =
                row.file < 0
                ? nil : SourceLocation(file: files[Int(row.file)], line: Int(row.line), column: Int(row.column))
            return (string(row.nameStart, row.nameLength), string(row.idStart, row.idLength), location, made[index])
        }
    }
}
