#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file so that readers see either the old content or the new, never a half-written file:
/// the bytes go to a temporary file beside the target, which is flushed and then renamed over it.
public struct AtomicFileWriter: Sendable {
    /// The file to replace or create.
    public var path: String
    /// Called with the finished temporary file in place, just before it is renamed over `path` (a seam for
    /// tests of interrupted runs).
    public var beforeRename: (@Sendable () -> Void)?

    /// Creates a writer for `path`.
    public init(path: String, beforeRename: (@Sendable () -> Void)? = nil) {
        self.path = path
        self.beforeRename = beforeRename
    }

    /// Writes `contents` to the file.
    /// - Throws: `ReportFailure.outputUnwritable` when any step fails; the target is then left as it was,
    ///   and no temporary file remains.
    public func write(_ contents: String) throws(ReportFailure) {
        try write { output throws(ReportFailure) in
            var contents = contents
            _ = contents.withUTF8 { output.write(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Creates the temporary file, lets `body` write the document to it, and puts the file in place only if
    /// `body` returns and every write succeeded.
    /// - Throws: `ReportFailure.outputUnwritable` when writing fails, even if `body` then threw because of
    ///   what it saw of the cut-off document (a full disk is the reason, not the check of half a file);
    ///   otherwise what `body` throws. Either way the temporary file is removed and the target left as it was.
    public func write(_ body: (DocumentOutput) throws(ReportFailure) -> Void) throws(ReportFailure) {
        let directory = Self.directory(of: path)
        let base = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array("\(directory)/.\(base).tmp-XXXXXX".utf8CString)
        let descriptor = TemporaryFileCleanup.createArmed(&template)
        guard descriptor >= 0 else { throw failure("cannot create a temporary file in \(directory)") }
        let temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var committed = false
        defer {
            if !committed { unlink(temporaryPath) }
            TemporaryFileCleanup.disarm()
        }
        do {
            defer { close(descriptor) }
            // mkstemp creates the file private (0600); give it what the existing index had, or the usual 0666
            // less the umask.
            var status = stat()
            let mode: mode_t
            if stat(path, &status) == 0 {
                mode = status.st_mode & 0o7777
            } else {
                let mask = umask(0)
                umask(mask)
                mode = 0o666 & ~mask
            }
            fchmod(descriptor, mode)
            let output = DocumentOutput(descriptor: descriptor)
            do throws(ReportFailure) {
                try body(output)
            } catch {
                if output.errorNumber != 0 { throw failure(String(cString: strerror(output.errorNumber))) }
                throw error
            }
            if output.errorNumber != 0 { throw failure(String(cString: strerror(output.errorNumber))) }
            guard fsync(descriptor) == 0 else { throw failure(Self.errorText()) }
        }
        beforeRename?()
        guard rename(temporaryPath, path) == 0 else { throw failure(Self.errorText()) }
        committed = true
    }

    private func failure(_ reason: String) -> ReportFailure {
        .outputUnwritable(path: path, reason: reason)
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }
}
