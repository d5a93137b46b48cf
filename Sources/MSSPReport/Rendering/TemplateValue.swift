/// What a name holds while rendering.
enum TemplateValue {
    case missing
    case text(String)
    /// Text in the customer list's buffer (names and domains, without building a string).
    case bytes(UnsafeBufferPointer<UInt8>)
    /// The portal link of a tenant, written without building a string.
    case portalURL(TenantID)
    case number(Int)
    case flag(Bool)
    /// A tenant ID, written in its canonical form without building a string.
    case tenantID(TenantID)
    /// `tenant-<tenant ID>`.
    case anchor(TenantID)
    case object(TemplateFrame)
    case list(TemplateList)

    /// Whether a section shows its content: not for a missing value, `false`, empty text, zero, or an empty
    /// list.
    var isTruthy: Bool {
        switch self {
        case .missing: false
        case .text(let text): !text.isEmpty
        case .bytes(let bytes): !bytes.isEmpty
        case .portalURL: true
        case .number(let number): number != 0
        case .flag(let flag): flag
        case .tenantID, .anchor, .object, .list: true
        }
    }
}
