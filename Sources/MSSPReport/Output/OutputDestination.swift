import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

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
        try write { output throws(ReportFailure) in
            var document = document
            _ = document.withUTF8 { output.write(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Lets `body` write the document and puts it in place only if `body` returns (it throws when the document
    /// fails its check). A new or regular file is written to its temporary file as the bytes come, so the
    /// document is never held whole; standard output and devices cannot take a write back, so their bytes are
    /// held until `body` has returned.
    /// `beforeRename` is called just before a finished file replaces the old one (see `AtomicFileWriter`).
    public func write(
        beforeRename: (@Sendable () -> Void)? = nil, _ body: (DocumentOutput) throws(ReportFailure) -> Void
    ) throws(ReportFailure) {
        guard case .file(let path) = self else {
            let output = DocumentOutput()
            try body(output)
            do {
                try FileHandle.standardOutput.write(contentsOf: Data(output.bytes))
            } catch {
                throw .outputUnwritable(path: "<stdout>", reason: error.localizedDescription)
            }
            return
        }
        var status = stat()
        let exists = lstat(path, &status) == 0
        switch exists ? status.st_mode & S_IFMT : S_IFREG {
        case S_IFREG:
            // A new or regular file: replaced atomically.
            try AtomicFileWriter(path: path, beforeRename: beforeRename).write(body)
        case S_IFDIR:
            try body(DocumentOutput())
            throw .outputUnwritable(path: path, reason: "it is a directory")
        case S_IFLNK:
            // Renaming over a link would replace the link; writing through it could land anywhere. Neither
            // is what the user should get by surprise.
            try body(DocumentOutput())
            throw .outputUnwritable(
                path: path, reason: "it is a symbolic link; give the path of the file it points to")
        default:
            // A device or a pipe (for example /dev/null or a FIFO): it cannot be replaced, only written to.
            let output = DocumentOutput()
            try body(output)
            try Self.writeInPlace(output.bytes, to: path)
        }
    }

    private static func writeInPlace(_ document: [UInt8], to path: String) throws(ReportFailure) {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw .outputUnwritable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data(document))
        } catch {
            throw .outputUnwritable(path: path, reason: error.localizedDescription)
        }
    }
}
