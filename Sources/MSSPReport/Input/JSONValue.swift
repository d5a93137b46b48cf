/// A parsed JSON value that remembers where each part of it was written.
///
/// Foundation's decoders give no line or column for errors or values; this one does.
enum JSONValue: Sendable {
    case object([Member], at: SourceLocation)
    case array([JSONValue], at: SourceLocation)
    case string(String, at: SourceLocation)
    case number(String, at: SourceLocation)
    case bool(Bool, at: SourceLocation)
    case null(at: SourceLocation)

    /// One `"key": value` pair of an object.
    struct Member: Sendable {
        var key: String
        var keyLocation: SourceLocation
        var value: JSONValue
    }

    var location: SourceLocation {
        switch self {
        case .object(_, let at), .array(_, let at), .string(_, let at), .number(_, let at), .bool(_, let at),
            .null(let at):
            at
        }
    }

    /// A short name of the value's type for messages.
    var kindName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}
