/// How long each pipeline stage took in one run, for the benchmark's breakdown (`--timings`).
public struct StageTimings: Sendable {
    /// The stages, in pipeline order.
    public enum Stage: String, Sendable, CaseIterable {
        case templates, read, validate, build, render, check, write
    }

    /// Seconds per stage; stages that did not run are absent.
    public private(set) var seconds: [Stage: Double] = [:]

    /// Creates empty timings.
    public init() {}

    /// Runs `body`, adding its duration to `stage`.
    mutating func measure<Value, Failure: Error>(
        _ stage: Stage,
        _ body: () throws(Failure) -> Value
    ) throws(Failure) -> Value {
        var value: Value?
        let elapsed = Self.elapsedSeconds { () throws(Failure) in value = try body() }
        switch elapsed {
        case .success(let seconds):
            record(stage, seconds: seconds)
            return value!
        case .failure(let error):
            throw error
        }
    }

    /// Adds `seconds` to `stage`.
    mutating func record(_ stage: Stage, seconds: Double) {
        self.seconds[stage, default: 0] += seconds
    }

    /// How long `body` took, or what it threw.
    static func elapsedSeconds<Failure: Error>(_ body: () throws(Failure) -> Void) -> Result<Double, Failure> {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try body()
        } catch {
            return .failure(error)
        }
        return .success((clock.now - start).seconds)
    }

    /// One line: `stage=milliseconds` pairs in pipeline order.
    public var summary: String {
        Stage.allCases.compactMap { stage in
            seconds[stage].map { "\(stage.rawValue)=\(String(format: "%.1f", $0 * 1000))" }
        }.joined(separator: " ")
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}

extension ContinuousClock.Instant {
    /// Seconds from this instant until now.
    var secondsElapsed: Double { (ContinuousClock.now - self).seconds }
}
