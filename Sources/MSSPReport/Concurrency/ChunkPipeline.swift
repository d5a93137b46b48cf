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
