/// The problems an audit of one document finds, shared by the audits of its parts, up to a limit.
final class ProblemLog {
    /// Problems kept per document; the first ones tell the story, and a broken template would otherwise report
    /// one per customer.
    static let limit = 20

    /// The problems so far, in the order found.
    private(set) var problems: [OutputProblem] = []

    /// Records a problem at a line (0: of the whole document) and column (0: unknown) of the document.
    func report(line: Int, column: Int = 0, _ message: String) {
        if problems.count < Self.limit {
            problems.append(OutputProblem(line: line, column: column, message: message))
        }
    }
}
