import Foundation

/// A bounded queue of chunks between one producer and one consumer.
final class ChunkQueue<Chunk: Sendable>: @unchecked Sendable {
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
