/// A list a section iterates over.
enum TemplateList: Sendable {
    case linkKinds, relatedTopics, groups, customers(Range<Int>), entryLinks(customer: Int)
    /// The states with customers, in the access summary.
    case accessCounts
}
