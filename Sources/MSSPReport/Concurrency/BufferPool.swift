import Foundation

/// Byte buffers the consumer hands back for the producer to fill again, so that a long stream of chunks reuses
/// a few buffers instead of allocating one per chunk (which left peak memory to the allocator's whims).
final class BufferPool: @unchecked Sendable {
    private let lock = NSLock()
    private var buffers: [[UInt8]] = []

    /// A buffer holding a copy of `bytes`: a returned one when there is one.
    func filled(with bytes: UnsafeRawBufferPointer) -> [UInt8] {
        lock.lock()
        var buffer = buffers.popLast() ?? []
        lock.unlock()
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: bytes)
        return buffer
    }

    /// Takes a buffer back.
    func giveBack(_ buffer: [UInt8]) {
        lock.lock()
        if buffers.count < ChunkPipeline.queueLength + 2 { buffers.append(buffer) }
        lock.unlock()
    }
}
