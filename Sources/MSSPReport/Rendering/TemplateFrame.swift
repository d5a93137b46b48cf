/// An object a template can look names up in.
enum TemplateFrame: Sendable {
    case index, portal, linkKind(Int), summary, relatedTopic(Int), sourceArticle, multitenantView, group(Int)
    /// The page script.
    case script
    case customer(Int)
    case entryLink(customer: Int, kind: Int)
    /// A customer's links by kind (`link`), for `link.<kind>`.
    case linksByKind(customer: Int)
    /// The index's access summary (`access` at the top level).
    case access
    /// One state's count in the access summary.
    case accessCount(Int)
    /// A customer's access (`access` of a customer).
    case customerAccess(customer: Int)
}
