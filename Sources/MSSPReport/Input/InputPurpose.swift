/// What an input is read for.
public enum InputPurpose: Sendable {
    /// A customer list. A Graph `delegatedAdminRelationship` export is one too: its relationships are read as
    /// well, and each one's customer is a customer.
    case customers
    /// GDAP relationships only (`--relationships`).
    case relationships
    /// Access assignments only (`--access-assignments`).
    case accessAssignments
}
