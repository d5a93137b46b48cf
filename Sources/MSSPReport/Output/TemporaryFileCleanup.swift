#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    private let systemSignal = Glibc.signal
#elseif canImport(Musl)
    private let systemSignal = Musl.signal
#elseif canImport(Darwin)
    private let systemSignal = Darwin.signal
#endif

/// Removes the temporary file of a write in progress when the process is interrupted (SIGINT, SIGTERM,
/// SIGHUP), so that an interrupted run leaves the old index as it was and nothing beside it.
///
/// A signal handler may only call async-signal-safe functions and touch plain memory, so the path lives in
/// a fixed C buffer: the one piece of global mutable state, wrapped here.
enum TemporaryFileCleanup {
    private static let capacity = 4096
    nonisolated(unsafe) private static let path = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
    nonisolated(unsafe) private static var armed: sig_atomic_t = 0

    private static let handlersInstalled: Void = {
        // A parent may have started us with these signals blocked (the mask is inherited); unblock them, or
        // an interrupt would wait until after the rename.
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, signal) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            systemSignal(signal) { received in
                if TemporaryFileCleanup.armed != 0 { unlink(TemporaryFileCleanup.path) }
                // Then die of the signal as if it had not been caught, so the exit status tells the caller.
                systemSignal(received, SIG_DFL)
                raise(received)
            }
        }
    }()

    /// Creates a temporary file with `mkstemp(template)` and arms the cleanup for it, with the signals held
    /// back in between so that no interrupt can fall between creating the file and knowing its name.
    /// - Returns: The descriptor, or -1 with `errno` set.
    static func createArmed(_ template: inout [CChar]) -> Int32 {
        _ = handlersInstalled
        var interrupts = sigset_t()
        var previous = sigset_t()
        sigemptyset(&interrupts)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&interrupts, signal) }
        pthread_sigmask(SIG_BLOCK, &interrupts, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if descriptor >= 0 {
            arm(String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return descriptor
    }

    /// Removes `temporaryPath` if the process is interrupted before `disarm()`.
    static func arm(_ temporaryPath: String) {
        _ = handlersInstalled
        let bytes = Array(temporaryPath.utf8.prefix(capacity - 1))
        armed = 0
        for (offset, byte) in bytes.enumerated() { path[offset] = CChar(bitPattern: byte) }
        path[bytes.count] = 0
        armed = 1
    }

    /// The write is over: committed, or cleaned up by the writer itself.
    static func disarm() {
        armed = 0
    }
}
