import Foundation

/// Start-up and a small run for two builds of mssp-report from one sitting: the build this benchmark sits beside
/// (`swift build -c release`, which links the Swift runtime and the system libraries dynamically) and the released
/// binary (`scripts/package`'s fully static one). The two take turns run by run, so the machine's drift falls on
/// both alike.
struct StartupComparison {
    var dynamic: String
    var released: String
    var runs: Int

    /// Prints the median of `--version` and of a 1,000-customer HTML run for each, and the released binary's time as
    /// a ratio to the dynamic build's.
    func report(list: String, work: String) throws {
        say("\n== start-up: \(released) (released) against \(dynamic) (dynamic), \(runs) runs each, alternating")
        for (label, arguments) in [
            ("--version", ["--version"]),
            ("1,000 customers to HTML", [list, "--skip-invalid", "--quiet", "-o", "\(work)/startup.html"]),
        ] {
            var times: [String: [Double]] = [:]
            for _ in 0..<runs {
                for binary in [dynamic, released] {
                    let measurement = try ProcessRunner.run(binary, arguments)
                    guard measurement.status == 0 else {
                        throw BenchError("\(binary) \(label) failed (exit \(measurement.status))")
                    }
                    times[binary, default: []].append(measurement.seconds)
                }
            }
            let dynamicTime = median(times[dynamic]!)
            let releasedTime = median(times[released]!)
            say(
                "\(label): released \(formatTime(releasedTime)), dynamic \(formatTime(dynamicTime)); released/dynamic = \(String(format: "%.2f", releasedTime / dynamicTime))x"
            )
        }
    }
}
