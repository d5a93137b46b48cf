/// The limits that keep a malformed or hostile input from exhausting memory or time. Each is reported as an
/// error at the place it is exceeded; docs/security.md lists them.
public enum InputLimits {
    /// The largest input read, in bytes (256 MiB, about three million customers).
    public static let maximumInputBytes = 256 << 20
    /// The longest single field or JSON string, in bytes.
    public static let maximumFieldBytes = 64 << 10
    /// The most columns a CSV header may have, or keys a JSON object.
    public static let maximumColumns = 1_000
    /// The most rows or objects read from one input.
    public static let maximumRows = 4_000_000
    /// How long to wait for the first byte from a pipe or device named as input, in milliseconds.
    public static let firstByteTimeoutMilliseconds: Int32 = 5_000

    /// "256 MiB" and the like, for messages.
    static func describe(bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : bytes >= 1 << 10 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
    }
}
