/// Something wrong with a rendered document, at a line and column of that document.
public struct OutputProblem: Hashable, Sendable, CustomStringConvertible {
    /// 1-based line in the rendered document; 0 when the problem belongs to no line.
    public var line: Int
    /// 1-based column; 0 when unknown.
    public var column: Int
    /// What is wrong.
    public var message: String

    /// Creates a problem.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(line):\(max(column, 1)): \(message)" : message
    }
}
