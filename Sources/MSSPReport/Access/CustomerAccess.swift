/// Whether the SOC can open a customer's Microsoft Defender, as of a day: the best of the customer's GDAP
/// relationships, in one of six states.
public struct CustomerAccess: Sendable, Equatable {
    /// The state, best first: the order in which a customer's relationships are compared.
    public enum State: String, Sendable, CaseIterable, Comparable {
        /// An active relationship grants a role that opens Defender, and it does not end within the window (or it
        /// auto-extends).
        case active
        /// Such a relationship ends within the window (`--expiring-within`, 30 days by default).
        case expiring
        /// A relationship waits for the customer's approval, or is approved and being activated.
        case pending
        /// Active relationships, none with a role that opens Defender.
        case noDefenderRole = "no-defender-role"
        /// Every relationship has ended (expired, terminated, past its end date).
        case ended
        /// No relationship in the export (B2B or another partner may still give access).
        case noRelationship = "no-relationship"

        /// The state in a few words, for counts ("3 expiring").
        public var label: String {
            switch self {
            case .active: "active"
            case .expiring: "expiring"
            case .pending: "pending"
            case .noDefenderRole: "no Defender role"
            case .ended: "ended"
            case .noRelationship: "no relationship"
            }
        }

        /// What the HTML page's filter finds a state's rows by (`access:expiring`): a word no name holds.
        public var filterToken: String { "access:\(rawValue)" }

        /// Whether the SOC can open the customer's Defender in this state.
        public var opensDefender: Bool { self == .active || self == .expiring }

        public static func < (lhs: State, rhs: State) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The state.
    public var state: State
    /// The state as a sentence an analyst reads ("Expiring on 2026-12-13 (7 days left)"): the text each format
    /// shows and the audits look for.
    public var text: String
    /// The roles of the relationship the state comes from, with what each gives in Defender ("Security Reader
    /// (read)"), `nil` when there is none.
    public var roles: String?
    /// The customer's approval link for the relationship that waits for it.
    public var approvalURL: String?
    /// The display name of the relationship the state comes from.
    public var relationshipName: String?
    /// Where that relationship is in its export.
    public var relationshipLocation: SourceLocation?
    /// Days until that relationship ends (active and expiring), 0 on its last day.
    public var daysLeft: Int?
    /// The day that relationship ends or ended, when the export says.
    public var endsOn: CalendarDay?

    /// Creates an access state.
    public init(
        state: State, text: String, roles: String? = nil, approvalURL: String? = nil, relationshipName: String? = nil,
        relationshipLocation: SourceLocation? = nil, daysLeft: Int? = nil
    ) {
        self.state = state
        self.text = text
        self.roles = roles
        self.approvalURL = approvalURL
        self.relationshipName = relationshipName
        self.relationshipLocation = relationshipLocation
        self.daysLeft = daysLeft
    }

    /// A customer with no relationship in the export.
    public static let noRelationship = CustomerAccess(
        state: .noRelationship, text: "No GDAP relationship (B2B may still give access)")
}
