/// What the index says about access: each customer's state as of a day, and the counts for the summary.
public struct AccessReport: Sendable, Equatable {
    /// The tenants the Defender multitenant view takes (MicrosoftDocs/defender-docs,
    /// `defender-xdr/mto-requirements.md`).
    public static let multitenantTenantLimit = 100

    /// The day access was judged on.
    public var asOf: CalendarDay
    /// The expiry window in days.
    public var expiringWithin: Int
    /// The file(s) the relationships came from, as the index names them.
    public var source: String
    /// Whether an access-assignments export was given (then only assigned roles count).
    public var usesAssignments: Bool
    /// Each customer's state, by position in the customer list.
    public let states: [CustomerAccess]
    /// How many customers are in each state, in `CustomerAccess.State.allCases` order.
    private let stateCounts: [Int]

    /// Creates a report.
    public init(
        asOf: CalendarDay, expiringWithin: Int, source: String, usesAssignments: Bool, states: [CustomerAccess]
    ) {
        self.asOf = asOf
        self.expiringWithin = expiringWithin
        self.source = source
        self.usesAssignments = usesAssignments
        self.states = states
        var counts = [Int](repeating: 0, count: CustomerAccess.State.allCases.count)
        for access in states { counts[CustomerAccess.State.allCases.firstIndex(of: access.state)!] += 1 }
        stateCounts = counts
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
}
