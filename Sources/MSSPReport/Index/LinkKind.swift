/// A kind of per-customer link: a portal and the URL template that opens it for one customer.
public struct LinkKind: Hashable, Sendable {
    /// The name users type (`--portal`, `--links`), for example `defender`.
    public var id: String
    /// The portal's name as shown in the index, for example "Microsoft Defender portal".
    public var title: String
    /// A short label for a link cell, for example "Defender".
    public var label: String
    /// The URL, with placeholders where the customer's identifiers go.
    public var url: URLTemplate
    /// Where the URL form comes from: a URL of the document or code that shows it.
    public var source: String
    /// Whether `source` is Microsoft's documentation or what tools do in practice.
    public var evidence: Evidence

    /// What stands behind a link kind's URL form.
    public enum Evidence: String, Hashable, Sendable, CaseIterable {
        /// Microsoft documents the form.
        case documentation
        /// Only practice shows it (tools such as CIPP open it; Microsoft documents no such form).
        case practice
        /// The MSSP's own catalog (`--link-catalog`) or `--portal-url`.
        case own
    }

    /// The template split at its one `{tenantId}`, for portals: their links are built and recognised once per
    /// customer without building strings.
    private let prefix: String
    private let suffix: String

    /// Creates a link kind.
    public init(
        id: String, title: String, label: String? = nil, url: URLTemplate, source: String, evidence: Evidence
    ) {
        self.id = id
        self.title = title
        self.label = label ?? title
        self.url = url
        self.source = source
        self.evidence = evidence
        if url.segments.count <= 3, let tenant = url.segments.firstIndex(of: .value(.tenantID)),
            url.identifiers == [.tenantID]
        {
            func text(_ segments: ArraySlice<URLTemplate.Segment>) -> String {
                segments.map { if case .literal(let text) = $0 { text } else { "" } }.joined()
            }
            prefix = text(url.segments[..<tenant])
            suffix = text(url.segments[(tenant + 1)...])
        } else {
            (prefix, suffix) = (url.text, "")
        }
    }

    /// A portal given on the command line (`--portal-url`); `problem(withURLTemplate:)` must have passed.
    public init(portalURL template: String) throws(URLTemplate.Problem) {
        self.init(
            id: "custom", title: "customer portal", label: "Portal", url: try URLTemplate(template),
            source: "given on the command line", evidence: .own)
    }

    /// The template as written.
    public var urlTemplate: String { url.text }

    /// The identifiers the kind needs of a customer.
    public var identifiers: [LinkIdentifier] { url.identifiers }

    /// Whether the kind can be a portal: its URL holds `{tenantId}` exactly once and no other placeholder.
    public var isPortal: Bool {
        url.segments.count(where: { if case .value = $0 { true } else { false } }) == 1 && identifiers == [.tenantID]
    }

    /// The placeholder a portal URL template must contain exactly once.
    public static let placeholder = LinkIdentifier.tenantID.placeholder

    /// Why a portal URL template cannot be used, or `nil` when it can: it must be `https:`, hold `{tenantId}`
    /// exactly once and nothing else a URL may not hold.
    public static func problem(withURLTemplate template: String) -> String? {
        let parsed: URLTemplate
        do {
            parsed = try URLTemplate(template)
        } catch {
            return "the portal URL template is unusable: \(error.message)"
        }
        let kind = LinkKind(id: "portal", title: "portal", url: parsed, source: "", evidence: .own)
        guard kind.isPortal else {
            return "the portal URL template must contain \(placeholder) exactly once, and no other placeholder"
        }
        return nil
    }

    /// The link for one tenant, for portals.
    public func url(for tenantID: TenantID) -> String {
        prefix + tenantID.description + suffix
    }

    /// The parts of a portal's links around the tenant ID, as bytes owned by the caller: for code that builds or
    /// recognises one link per customer on its own thread (no reference count shared with another thread
    /// changes per customer).
    func makePattern() -> URLPattern {
        URLPattern(prefix: prefix, suffix: suffix)
    }

    /// Whether `link` goes to this kind's host: the audits' check that no value filled in moved a link.
    func keepsOrigin(_ link: String) -> Bool {
        let origin = url.origin
        guard link.utf8.count > origin.utf8.count, link.utf8.starts(with: origin.utf8) else { return false }
        let next = link.utf8[link.utf8.index(link.utf8.startIndex, offsetBy: origin.utf8.count)]
        return next == UInt8(ascii: "/") || next == UInt8(ascii: "?") || next == UInt8(ascii: "#")
    }

    /// The tenant a URL of this portal points at, or `nil` when the URL is not one of this kind.
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
