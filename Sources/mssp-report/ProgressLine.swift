import Foundation
import MSSPReport

/// A one-line progress display on standard error for runs that take longer than a second: the stage, the rows
/// read and the rate. Shown only when standard error is a terminal; rewritten in place four times a second.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private var stage: StageTimings.Stage = .templates
    private var rows = 0
    private var shown = false
    private var timer: (any DispatchSourceTimer)?
    private let delay: Double

    /// Starts the display; it appears after `delay` seconds.
    init(delay: Double) {
        self.delay = delay
        let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + delay, repeating: 0.25)
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
        self.timer = timer
    }

    /// Records the stage the pipeline is in.
    func update(_ stage: StageTimings.Stage, rows: Int) {
        let due: Bool = lock.withLock {
            self.stage = stage
            self.rows = rows
            return Date().timeIntervalSince(start) >= delay
        }
        if due { draw() }
    }

    private func draw() {
        let line: String = lock.withLock {
            shown = true
            let seconds = Date().timeIntervalSince(start)
            let verb: String =
                switch stage {
                case .templates: "loading templates"
                case .read: "reading"
                case .validate: "validating"
                case .build: "sorting"
                case .render: "rendering"
                case .check: "checking"
                case .write: "writing"
                }
            let rate = rows > 0 ? ", \(Int(Double(rows) / seconds)) rows/s" : ""
            let count = rows > 0 ? " \(rows) rows" : ""
            return "mssp-report: \(verb)\(count)… \(String(format: "%.1f", seconds)) s\(rate)"
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    /// Stops the display and clears its line.
    func finish() {
        timer?.cancel()
        timer = nil
        let wasShown = lock.withLock { shown }
        if wasShown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
