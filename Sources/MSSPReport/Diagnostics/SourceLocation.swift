import Foundation

/// A place in an input file: the file as the user named it, and a 1-based line and column.
///
/// Columns count Unicode scalars from the start of the line, as editors do.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file, as its number in `SourceFiles`: every field of every record has a location, and a `String`
    /// here meant a reference count on the one file-name string, changed by the reading and the validating
    /// thread for each field (perf: about a quarter of a second per million records, on both threads).
    let fileID: Int32
    /// 1-based line number.
    public var line: Int
    /// 1-based column number.
    public var column: Int

    /// The file as named on the command line, or `<stdin>` for standard input.
    public var file: String { SourceFiles.name(of: fileID) }

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.init(fileID: SourceFiles.id(of: file), line: line, column: column)
    }

    /// Creates a location in the file numbered `fileID` by `SourceFiles`.
    init(fileID: Int32, line: Int, column: Int) {
        self.fileID = fileID
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }
}

/// The names of the files locations point into, numbered in the order they are first seen. A file is numbered
/// once per reader; locations then carry the number.
enum SourceFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var names: [String] = []
    nonisolated(unsafe) private static var ids: [String: Int32] = [:]

    /// The number of the file named `name`.
    static func id(of name: String) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if let id = ids[name] { return id }
        let id = Int32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }

    /// The name of file `id`.
    static func name(of id: Int32) -> String {
        lock.lock()
        defer { lock.unlock() }
        return names[Int(id)]
    }
}
