/// Every variable name of the schema.
enum TemplateKey: String, CaseIterable, Sendable {
    case title, portal, linkKinds, customers, relatedTopics, sourceArticle, multitenantView, accessNote, summary
    case generatedOn
    case hasDomains, groups, isGrouped
    case id, label, url, hasUrl
    case name, tenantId, portalUrl, anchor, domain, links, link
    case customerCount, skippedCount, hasSkipped, isEmpty
    case count
    case script, source, hash, aliases, labelLength
    case access, asOf, expiringWithin, counts, state, text, roles, approvalUrl, filter, canOpenDefender
    case tenantLimit, overLimit, usesAssignments
}
