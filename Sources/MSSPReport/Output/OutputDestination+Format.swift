import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension OutputDestination {
    /// The format to write here: `requested` (`--format`), else the one the file's extension names; standard
    /// output, a device and a pipe get HTML. `nil` for a file whose extension names no format: the user must say.
    public func format(requested: OutputFormat?) -> OutputFormat? {
        if let requested { return requested }
        guard case .file(let path) = self else { return .html }
        if let named = OutputFormat.fromExtension(of: path) { return named }
        return Self.isDeviceOrPipe(path) ? .html : nil
    }

    /// Whether `path` is a character device or a FIFO (`/dev/null`, a named pipe): written in place, like
    /// standard output.
    static func isDeviceOrPipe(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        let type = status.st_mode & S_IFMT
        return type == S_IFCHR || type == S_IFIFO
    }
}
