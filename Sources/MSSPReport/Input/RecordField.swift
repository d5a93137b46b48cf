/// One value read from an input, with the place it was read from.
public struct RecordField: Hashable, Sendable {
    /// The text as read: quotes removed, escapes decoded; unquoted CSV fields trimmed.
    public var value: String
    /// Where the value starts (its opening quote, for quoted values).
    public var location: SourceLocation

    /// Creates a field.
    public init(_ value: String, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}
