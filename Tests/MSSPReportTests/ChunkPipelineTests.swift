import Foundation
import Testing

@testable import MSSPReport

/// The two-thread pipeline: everything arrives in order, the producer never runs more than the queue ahead, and
/// a consumer that wants no more stops the producer.
@Suite struct ChunkPipelineTests {
    /// Counts shared by the producer and the consumer threads.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func increment() -> Int {
            lock.withLock {
                value += 1; return value
            }
        }
        var current: Int { lock.withLock { value } }
    }

    @Test func deliversEveryChunkInOrder() {
        var received: [Int] = []
        _ = ChunkPipeline.run(
            produce: { emit in for chunk in 0..<10_000 { _ = emit(chunk) } },
            consume: { (chunk: Int) in
                received.append(chunk)
                return true
            })
        #expect(received == Array(0..<10_000))
    }

    @Test func theProducerWaitsForRoomInTheQueue() {
        let produced = Counter()
        var mostAhead = 0
        var consumed = 0
        _ = ChunkPipeline.run(
            produce: { emit in
                for chunk in 0..<2_000 {
                    _ = produced.increment()
                    _ = emit(chunk)
                }
            },
            consume: { (chunk: Int) in
                consumed += 1
                mostAhead = max(mostAhead, produced.current - consumed)
                // Work enough that an unbounded producer would run far ahead.
                var hash = chunk
                for _ in 0..<2_000 { hash = hash &* 31 &+ 7 }
                return hash != 42
            })
        #expect(consumed == 2_000)
        // The queue holds `queueLength` chunks; one more may be in the producer's hand, waiting to be put.
        #expect(mostAhead <= ChunkPipeline.queueLength + 1)
    }

    @Test func aConsumerThatWantsNoMoreStopsTheProducer() {
        let produced = Counter()
        let refused = Counter()
        var received: [Int] = []
        _ = ChunkPipeline.run(
            produce: { emit in
                for chunk in 0..<1_000_000 {
                    _ = produced.increment()
                    if !emit(chunk) {
                        _ = refused.increment()
                        return
                    }
                }
            },
            consume: { (chunk: Int) in
                received.append(chunk)
                return chunk < 10
            })
        #expect(received == Array(0...10))
        #expect(refused.current == 1)
        #expect(produced.current <= 11 + ChunkPipeline.queueLength + 1)
    }

    @Test func aProducerThatIgnoresTheRefusalReachesTheConsumerNoMore() {
        var received: [Int] = []
        _ = ChunkPipeline.run(
            produce: { emit in for chunk in 0..<1_000 { _ = emit(chunk) } },
            consume: { (chunk: Int) in
                received.append(chunk)
                return chunk < 3
            })
        #expect(received == [0, 1, 2, 3])
    }

    @Test func anEmptyProducerEndsTheRun() {
        var received: [Int] = []
        _ = ChunkPipeline.run(
            produce: { (_: @escaping (Int) -> Bool) in },
            consume: { (chunk: Int) in
                received.append(chunk)
                return true
            })
        #expect(received.isEmpty)
    }
}
