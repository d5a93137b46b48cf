/// Where rendered bytes go: a buffer that hands its contents on in chunks of about `chunkSize` bytes, so that
/// a large document is checked and written while it is rendered and never held whole.
final class ByteSink {
    private var buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private let chunkSize: Int
    private let deliver: (UnsafeRawBufferPointer) -> Bool
    /// Set when the receiver wants no more bytes (a failed check); renderers stop early.
    private(set) var isStopped = false

    /// Creates a sink that calls `deliver` with each chunk; `deliver` returns `false` to stop the rendering.
    init(chunkSize: Int = 1 << 20, deliver: @escaping (UnsafeRawBufferPointer) -> Bool) {
        self.chunkSize = chunkSize
        self.deliver = deliver
        capacity = chunkSize + 4096
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
    }

    /// Hands on what is buffered.
    func flush() {
        guard count > 0, !isStopped else { return }
        if !deliver(UnsafeRawBufferPointer(start: buffer, count: count)) { isStopped = true }
        count = 0
    }

    /// Room for `length` more bytes: a pointer to write them to, then `commit(length)`.
    @inline(__always)
    func reserve(_ length: Int) -> UnsafeMutablePointer<UInt8> {
        if count + length > capacity { grow(length) }
        return buffer + count
    }

    /// Counts `length` bytes written after `reserve`.
    @inline(__always)
    func commit(_ length: Int) {
        count += length
        if count >= chunkSize { flush() }
    }

    /// Appends bytes.
    @inline(__always)
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let destination = reserve(bytes.count)
        UnsafeMutableRawPointer(destination).copyMemory(from: base, byteCount: bytes.count)
        commit(bytes.count)
    }

    /// Appends one byte.
    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1).pointee = byte
        commit(1)
    }

    /// Appends ASCII or UTF-8 text given as a literal.
    func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends a number in decimal.
    func append(decimal value: Int) {
        var text = String(value)
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    private func grow(_ length: Int) {
        flush()
        guard count + length > capacity else { return }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: count + length + 4096)
        grown.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = grown
        capacity = count + length + 4096
    }
}
