/// Every variable name of the schema.
enum TemplateKey: String, CaseIterable, Sendable {
    case title, portal, linkKinds, customers, relatedTopics, sourceArticle, accessNote, summary, generatedOn
    case hasDomains, groups, isGrouped
    case id, url, hasUrl
    case name, tenantId, portalUrl, anchor, domain, links
    case customerCount, skippedCount, hasSkipped, isEmpty
    case count
}
