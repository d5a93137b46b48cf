#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    private let systemWrite = Glibc.write
#elseif canImport(Musl)
    private let systemWrite = Musl.write
#elseif canImport(Darwin)
    private let systemWrite = Darwin.write
#endif

/// Where the bytes of a document go while it is rendered: a file descriptor (the temporary file of an atomic
/// write) or memory (for standard output and devices, which cannot take a write back, so nothing reaches them
/// before the check has passed).
///
/// Not `Sendable`: one thread at a time uses it (the rendering thread writes, the caller reads the result after
/// joining it), which `ReportJob` arranges.
public final class DocumentOutput {
    private let descriptor: Int32?
    /// The bytes, when the output is memory.
    private(set) var bytes: [UInt8] = []
    /// The `errno` of the first failed write, or 0.
    private(set) var errorNumber: Int32 = 0

    /// An output that writes to `descriptor`.
    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// An output that keeps the bytes in memory.
    init() {
        descriptor = nil
    }

    /// Writes every byte, or records the error; `false` once a write has failed.
    @discardableResult
    public func write(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard errorNumber == 0 else { return false }
        guard let descriptor else {
            bytes.append(contentsOf: chunk)
            return true
        }
        guard let base = chunk.baseAddress else { return true }
        var offset = 0
        while offset < chunk.count {
            let written = systemWrite(descriptor, base + offset, chunk.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                errorNumber = errno
                return false
            }
            offset += written
        }
        return true
    }
}
