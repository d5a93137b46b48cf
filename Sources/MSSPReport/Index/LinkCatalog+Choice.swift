import Foundation

extension LinkCatalog {
    /// A `--portal`, `--portal-url` or `--links` value that names nothing in the catalog: a usage error.
    public struct UnknownKind: Error, Sendable, Equatable, CustomStringConvertible {
        /// What to tell the user, as a sentence.
        public var description: String
    }

    /// The portal each customer links to: `url` (`--portal-url`), else the portal named `name` (`--portal`),
    /// else the catalog's default (its first).
    public func portal(named name: String?, url: String?) throws(UnknownKind) -> LinkKind {
        if let url {
            if let problem = LinkKind.problem(withURLTemplate: url) {
                throw UnknownKind(description: "--portal-url: \(problem).")
            }
            do {
                return try LinkKind(portalURL: url)
            } catch {
                throw UnknownKind(description: "--portal-url: \(error.message).")
            }
        }
        guard let name else { return portals[0] }
        guard let kind = portal(named: name) else {
            let names = portals.map(\.id).joined(separator: ", ")
            throw UnknownKind(description: "--portal must be one of \(names); use --portal-url for any other portal.")
        }
        return kind
    }

    /// The link kinds `--links` names, in its order.
    public func links(named names: [String]) throws(UnknownKind) -> [LinkKind] {
        var kinds: [LinkKind] = []
        for name in names {
            guard let kind = link(named: name) else {
                let known = links.map(\.id).joined(separator: ", ")
                throw UnknownKind(
                    description: "--links: unknown link kind '\(name)'; the kinds are \(known) (see --list-links).")
            }
            kinds.append(kind)
        }
        return kinds
    }

    /// The catalog as `--list-links` prints it: each kind's name, title, label, URL form, what it needs and its
    /// source, portals first.
    public var listing: String {
        func describe(_ kind: LinkKind) -> [String] {
            let pad = String(repeating: " ", count: 17)
            var lines = ["  \(kind.id.padding(toLength: 15, withPad: " ", startingAt: 0))\(kind.title) (\(kind.label))"]
            lines.append("\(pad)\(kind.urlTemplate)")
            lines.append("\(pad)needs: \(kind.identifiers.map(\.placeholder).joined(separator: ", "))")
            lines.append("\(pad)\(kind.evidence.rawValue): \(kind.source)")
            return lines
        }
        var lines = ["Portals (--portal; the first is the default):"]
        for kind in portals { lines += describe(kind) }
        lines.append("")
        lines.append("Links (--links kind,...):")
        for kind in links { lines += describe(kind) }
        return lines.joined(separator: "\n")
    }
}
