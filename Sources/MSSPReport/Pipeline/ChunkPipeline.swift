import Foundation

/// Runs a producer of chunks on a thread of its own and hands each chunk to a consumer on the calling
/// thread, through a short queue: reading on one core and validating on the other; rendering (and writing) on
/// one core and checking on the other. A few chunks are in flight, so memory stays flat however large the
/// input or the document.
enum ChunkPipeline {
    /// How long each side was busy, for `--timings`.
    struct Timings {
        /// Seconds the producer spent producing (not waiting for room in the queue).
        var producer: Double = 0
        /// Seconds the consumer spent consuming (not waiting for chunks).
        var consumer: Double = 0
    }

    /// Chunks waiting for the consumer: at most this many.
    static let queueLength = 4

    /// Runs `produce` on another thread; each chunk it emits (emit returns `false` when the consumer wants no
    /// more) reaches `consume` here, in order. `consume` returns `false` to stop the producer early. Returns when
    /// both are done.
    static func run<Chunk: Sendable>(
        produce: @escaping @Sendable (_ emit: @escaping (Chunk) -> Bool) -> Void,
        consume: (Chunk) -> Bool
    ) -> Timings {
        let queue = ChunkQueue<Chunk>(limit: queueLength)
        let finished = DispatchSemaphore(value: 0)
        let producerSeconds = ProducerClock()
        let thread = Thread {
            let start = ContinuousClock.now
            produce { chunk in queue.put(chunk) }
            queue.close()
            producerSeconds.seconds = start.secondsElapsed - queue.producerWaitSeconds
            finished.signal()
        }
        thread.stackSize = 1 << 22
        thread.start()
        var timings = Timings()
        var wanted = true
        while let chunk = queue.take() {
            guard wanted else { continue }
            let start = ContinuousClock.now
            wanted = consume(chunk)
            timings.consumer += start.secondsElapsed
            if !wanted { queue.cancel() }
        }
        finished.wait()
        timings.producer = producerSeconds.seconds
        return timings
    }
}

/// The producer's busy time, read after it has finished.
private final class ProducerClock: @unchecked Sendable {
    var seconds: Double = 0
}

/// A bounded queue of chunks between one producer and one consumer.
private final class ChunkQueue<Chunk: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [Chunk] = []
    private var isClosed = false
    private var isCancelled = false
    private let limit: Int
    /// Seconds the producer waited for room.
    private(set) var producerWaitSeconds: Double = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Adds a chunk, waiting for room; `false` when the consumer has cancelled.
    func put(_ chunk: Chunk) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if chunks.count >= limit, !isCancelled {
            let start = ContinuousClock.now
            while chunks.count >= limit, !isCancelled { condition.wait() }
            producerWaitSeconds += start.secondsElapsed
        }
        guard !isCancelled else { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }

    /// The next chunk, waiting for one; `nil` once the producer has closed the queue and it is empty.
    func take() -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty, !isClosed { condition.wait() }
        guard !chunks.isEmpty else { return nil }
        let chunk = chunks.removeFirst()
        condition.broadcast()
        return chunk
    }

    /// No more chunks will come.
    func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer wants no more chunks: drop those waiting and refuse new ones.
    func cancel() {
        condition.lock()
        isCancelled = true
        chunks.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

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
