/// A titled link that is the same for every customer.
public struct Link: Hashable, Sendable {
    /// The link text.
    public var title: String
    /// The URL.
    public var url: String

    /// Creates a link.
    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }
}
