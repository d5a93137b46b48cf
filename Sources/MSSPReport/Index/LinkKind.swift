/// A kind of per-customer link: a portal and the URL template that opens it for one customer.
public struct LinkKind: Hashable, Sendable {
    /// The identifier users type, for example `defender`.
    public var id: String
    /// The portal's name as shown in the index, for example "Microsoft Defender portal".
    public var title: String
    /// The URL with `{tenantId}` (or `{domain}`) where the customer's identifier goes.
    public var urlTemplate: String
    /// What identifies the customer in the URL.
    public var identifier: Identifier
    /// Where the URL form comes from, for `--list-links`.
    public var source: String

    /// What a link kind needs to know of a customer.
    public enum Identifier: String, Sendable {
        /// The tenant ID (every customer has one).
        case tenantID = "tenant ID"
        /// The customer's domain, for example its initial `*.onmicrosoft.com` domain (not every row has one).
        case domain

        /// The placeholder that stands for the identifier in a URL template.
        public var placeholder: String {
            switch self {
            case .tenantID: "{tenantId}"
            case .domain: "{domain}"
            }
        }
    }

    /// The placeholder a portal URL template must contain exactly once.
    public static let placeholder = Identifier.tenantID.placeholder

    /// The template split at the placeholder, computed once: links are built and recognised per customer.
    private let prefix: String
    private let suffix: String

    /// Creates a link kind; `problem(withURLTemplate:)` says whether the template is usable.
    public init(
        id: String,
        title: String,
        urlTemplate: String,
        identifier: Identifier = .tenantID,
        source: String = "given on the command line"
    ) {
        self.id = id
        self.title = title
        self.urlTemplate = urlTemplate
        self.identifier = identifier
        self.source = source
        if let range = urlTemplate.range(of: identifier.placeholder) {
            prefix = String(urlTemplate[..<range.lowerBound])
            suffix = String(urlTemplate[range.upperBound...])
        } else {
            prefix = urlTemplate
            suffix = ""
        }
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

    /// The link for one tenant (for kinds identified by tenant ID), built in one allocation.
    public func url(for tenantID: TenantID) -> String {
        prefix + tenantID.description + suffix
    }

    /// The parts of this kind's links around the tenant ID, as bytes owned by the caller: for code that
    /// builds or recognises one link per customer on its own thread (no reference count shared with another
    /// thread changes per customer).
    func makePattern() -> URLPattern {
        URLPattern(prefix: prefix, suffix: suffix)
    }

    /// The link for one customer, or `nil` when the kind needs a domain the customer lacks.
    public func url(tenantID: TenantID, domain: String?) -> String? {
        switch identifier {
        case .tenantID: url(for: tenantID)
        case .domain: domain.map { prefix + $0 + suffix }
        }
    }

    /// The tenant a URL of this kind points at, or `nil` when the URL is not one of this kind.
    public func tenantID(inURL url: String) -> TenantID? {
        let utf8 = url.utf8
        guard utf8.count == prefix.utf8.count + 36 + suffix.utf8.count, utf8.starts(with: prefix.utf8),
            utf8.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
        else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: prefix.utf8.count)
        let text = Substring(url[start..<utf8.index(start, offsetBy: 36)])
        // Only the canonical form counts: lowercase, hyphenated.
        guard let (id, form) = TenantID.parse(String(text)), form == .hyphenated,
            id.description.utf8.elementsEqual(text.utf8)
        else { return nil }
        return id
    }
}
