/// The variables a template can use, scope by scope. The one list of them: `TemplateCompiler` checks
/// templates against it, `TemplateData` provides each, and a test holds
/// `Templates/README.md` to it.
public enum TemplateSchema {
    /// What a variable holds.
    public indirect enum Value: Sendable, Equatable {
        /// Text or a number, shown as text.
        case text
        /// A flag for sections.
        case flag
        /// An object with these variables.
        case object(Scope)
        /// A list whose items have these variables.
        case list(Scope)
    }

    /// A set of variables, as in one object.
    public struct Scope: Sendable, Equatable {
        /// A name for messages, for example "a customer".
        public var name: String
        /// The variables, by name.
        public var variables: [String: Value]
    }

    /// A portal or link kind.
    public static let linkKind = Scope(
        name: "a link kind", variables: ["id": .text, "title": .text, "label": .text, "labelLength": .text])
    /// A related topic or the source article.
    public static let link = Scope(name: "a link", variables: ["title": .text, "url": .text])
    /// One extra link of a customer.
    public static let entryLink = Scope(
        name: "a customer's extra link",
        variables: ["id": .text, "title": .text, "label": .text, "url": .text, "hasUrl": .flag])
    /// A customer's links by kind: `link.<kind>` for each kind of the catalog; the run's own (`--links`) have
    /// the variables of `entryLink`, the others are missing. The kinds are known when a template is compiled.
    public static let linksByKind = Scope(name: "a customer's links by kind (link.<kind>)", variables: [:])
    /// A customer's GDAP access, when relationships were given.
    public static let customerAccess = Scope(
        name: "a customer's access",
        variables: [
            "state": .text, "text": .text, "roles": .text, "approvalUrl": .text, "filter": .text, "label": .text,
        ])
    /// One state's count in the access summary.
    public static let accessCount = Scope(
        name: "an access count",
        variables: ["state": .text, "label": .text, "count": .text, "filter": .text])
    /// The access summary, when relationships were given.
    public static let access = Scope(
        name: "the access summary",
        variables: [
            "asOf": .text, "source": .text, "expiringWithin": .text, "counts": .list(accessCount),
            "canOpenDefender": .text, "tenantLimit": .text, "overLimit": .flag, "usesAssignments": .flag,
        ])
    /// One customer.
    public static let customer = Scope(
        name: "a customer",
        variables: [
            "name": .text, "tenantId": .text, "portalUrl": .text, "anchor": .text, "domain": .text, "aliases": .text,
            "links": .list(entryLink), "link": .object(linksByKind), "access": .object(customerAccess),
        ])
    /// The summary counts.
    public static let summary = Scope(
        name: "the summary",
        variables: ["customerCount": .text, "skippedCount": .text, "hasSkipped": .flag, "isEmpty": .flag])
    /// A group of customers.
    public static let group = Scope(
        name: "a group",
        variables: ["title": .text, "anchor": .text, "count": .text, "customers": .list(customer)])
    /// The HTML page's script.
    public static let script = Scope(name: "the page script", variables: ["source": .text, "hash": .text])
    /// The top level of every template.
    public static let root = Scope(
        name: "the index",
        variables: [
            "title": .text, "portal": .object(linkKind), "linkKinds": .list(linkKind), "customers": .list(customer),
            "relatedTopics": .list(link), "sourceArticle": .object(link), "multitenantView": .object(link),
            "accessNote": .text,
            "summary": .object(summary), "generatedOn": .text, "hasDomains": .flag, "groups": .list(group),
            "isGrouped": .flag, "script": .object(script), "access": .object(access),
        ])
}
