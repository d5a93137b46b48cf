/// A place in an input file: the file as the user named it, and a 1-based line and column.
///
/// Columns count Unicode scalars from the start of the line, as editors do.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as named on the command line, or `<stdin>` for standard input.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column number.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }
}
