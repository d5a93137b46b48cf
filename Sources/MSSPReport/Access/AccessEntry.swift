/// What the index keeps of a customer's best relationship: a few bytes, whatever the export's size (a million
/// customers' entries take about 24 MB). `AccessReport` makes the sentences from it when they are shown.
struct AccessEntry: Sendable, Equatable {
    /// Which sentence of its state.
    enum Variant: UInt8, Sendable {
        // active and expiring
        case days, autoExtends, noEnd
        // pending
        case approvalPending, approved, created
        // no Defender role
        case noRole, noRoleAssigned
        // ended
        case expired, pastEnd, expiringStatus, terminated, terminating, terminationRequested
        // no relationship
        case none
    }

    var state: CustomerAccess.State
    var variant: Variant
    /// The relationship's roles, as bits by their place in the role catalog.
    var roles: UInt32 = 0
    /// The roles among `roles` that no active assignment grants (with `--access-assignments`).
    var unassignedRoles: UInt32 = 0
    /// The day the relationship ends or ended (`CalendarDay.number`), `Int32.min` when the export does not say.
    var endDay: Int32 = .min
    /// Index into the report's lists of unknown role IDs, or -1.
    var unknownRoles: Int32 = -1
    /// Index into the report's relationship details (name, ID, place), or -1 when none is kept (an active state
    /// needs none).
    var details: Int32 = -1

    /// A customer with no relationship.
    static let none = AccessEntry(state: .noRelationship, variant: .none)

    /// The day it ends, if known.
    var end: CalendarDay? { endDay == .min ? nil : CalendarDay(number: Int(endDay)) }

    /// Orders entries of one state: higher is better (auto-extension, a later end, a link to approve).
    var preference: Int {
        let end = endDay == .min ? 0 : Int(endDay)
        switch variant {
        case .autoExtends: return Int(Int32.max) * 4 + end
        case .noEnd: return Int(Int32.max) * 3
        case .approvalPending: return 3
        case .approved: return 2
        case .created: return 1
        default: return end
        }
    }

    /// Whether this entry is better for its customer than `other`.
    func isBetter(than other: AccessEntry) -> Bool {
        if state != other.state { return state < other.state }
        return preference > other.preference
    }
}
