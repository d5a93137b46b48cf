import Foundation

/// One input named on the command line: a file path, or `-` for standard input.
public struct InputSource: Hashable, Sendable {
    /// The path as given, or `-`.
    public var path: String

    /// Creates a source.
    public init(path: String) {
        self.path = path
    }

    /// Whether this is standard input.
    public var isStandardInput: Bool { path == "-" }

    /// The name diagnostics use.
    public var displayName: String { isStandardInput ? "<stdin>" : path }

    /// Reads the whole input.
    /// - Throws: `ReportFailure.inputUnreadable` when it cannot be opened or read.
    public func readBytes() throws(ReportFailure) -> [UInt8] {
        if isStandardInput {
            do {
                return Array(try FileHandle.standardInput.readToEnd() ?? Data())
            } catch {
                throw .inputUnreadable(path: displayName, reason: error.localizedDescription)
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .inputUnreadable(path: path, reason: "no such file")
        }
        if isDirectory.boolValue { throw .inputUnreadable(path: path, reason: "it is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .inputUnreadable(path: path, reason: "permission denied")
        }
        defer { try? handle.close() }
        do {
            return Array(try handle.readToEnd() ?? Data())
        } catch {
            throw .inputUnreadable(path: path, reason: error.localizedDescription)
        }
    }

    /// Reads and parses the input in the given format, or the format its name or content suggests.
    public func read(format: InputFormat? = nil, delimiter: UInt8? = nil) throws(ReportFailure) -> InputReadResult {
        let bytes = try readBytes()
        switch format ?? InputFormat.fromExtension(of: path) ?? InputFormat.sniff(bytes) {
        case .csv: return CSVReader(delimiter: delimiter).read(bytes, file: displayName)
        case .json, .ndjson: return JSONReader().read(bytes, file: displayName)
        }
    }
}
