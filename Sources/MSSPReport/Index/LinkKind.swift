/// A kind of per-customer link: a portal and the URL template that opens it for one customer.
public struct LinkKind: Hashable, Sendable {
    /// The identifier users type, for example `defender`.
    public var id: String
    /// The portal's name as shown in the index, for example "Microsoft Defender portal".
    public var title: String
    /// The URL with `{tenantId}` where the customer's tenant ID goes.
    public var urlTemplate: String

    /// The placeholder a URL template must contain exactly once.
    public static let placeholder = "{tenantId}"

    /// Creates a link kind; `validate(urlTemplate:)` says whether the template is usable.
    public init(id: String, title: String, urlTemplate: String) {
        self.id = id
        self.title = title
        self.urlTemplate = urlTemplate
    }

    /// Why a URL template cannot be used, or `nil` when it can: it must be `https:` and hold the
    /// placeholder exactly once.
    public static func problem(withURLTemplate template: String) -> String? {
        guard template.lowercased().hasPrefix("https://") else {
            return "the portal URL template must start with https://"
        }
        let parts = template.components(separatedBy: placeholder)
        guard parts.count == 2 else {
            return "the portal URL template must contain \(placeholder) exactly once"
        }
        let forbidden = parts.joined().unicodeScalars.first {
            $0.value <= 0x20 || $0.value >= 0x7F || "\"'<>\\`{}|^".unicodeScalars.contains($0)
        }
        if let forbidden {
            return
                "the portal URL template contains \"\(forbidden.escaped(asASCII: true))\", which is not allowed in a URL"
        }
        return nil
    }

    /// The link for one tenant.
    public func url(for tenantID: TenantID) -> String {
        let (prefix, suffix) = parts
        return prefix + tenantID.description + suffix
    }

    /// The tenant a URL of this kind points at, or `nil` when the URL is not one of this kind.
    public func tenantID(inURL url: String) -> TenantID? {
        let (prefix, suffix) = parts
        guard url.utf8.count == prefix.utf8.count + 36 + suffix.utf8.count, url.hasPrefix(prefix),
            url.hasSuffix(suffix)
        else { return nil }
        let start = url.utf8.index(url.utf8.startIndex, offsetBy: prefix.utf8.count)
        let end = url.utf8.index(start, offsetBy: 36)
        let text = String(url[start..<end])
        guard let (id, form) = TenantID.parse(text), form == .hyphenated, id.description == text else { return nil }
        return id
    }

    private var parts: (prefix: String, suffix: String) {
        guard let range = urlTemplate.range(of: Self.placeholder) else { return (urlTemplate, "") }
        return (String(urlTemplate[..<range.lowerBound]), String(urlTemplate[range.upperBound...]))
    }
}
