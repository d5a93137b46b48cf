import Foundation

/// Where the index goes.
public enum OutputDestination: Sendable, Equatable {
    /// Standard output (`-o -` or no `-o`).
    case standardOutput
    /// A file, replaced atomically.
    case file(String)

    /// The destination for an `-o` value: `nil` and `-` mean standard output.
    public init(_ path: String?) {
        if let path, path != "-" {
            self = .file(path)
        } else {
            self = .standardOutput
        }
    }

    /// Writes the document.
    public func write(_ document: String) throws(ReportFailure) {
        switch self {
        case .standardOutput:
            do {
                try FileHandle.standardOutput.write(contentsOf: Data(document.utf8))
            } catch {
                throw .outputUnwritable(path: "<stdout>", reason: error.localizedDescription)
            }
        case .file(let path):
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw .outputUnwritable(path: path, reason: "it is a directory")
            }
            try AtomicFileWriter(path: path).write(document)
        }
    }
}
