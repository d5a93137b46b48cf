/// An object a template can look names up in.
enum TemplateFrame: Sendable {
    case index, portal, linkKind(Int), summary, relatedTopic(Int), sourceArticle, group(Int), customer(Int)
    case entryLink(customer: Int, kind: Int)
}
