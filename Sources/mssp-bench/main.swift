// mssp-bench: measures mssp-report end to end, as whole processes, on generated customer lists.
//
//   swift run -c release mssp-bench [--sizes 1000,100000,1000000] [--runs 5]
//       [--formats html,markdown,confluence,fragment] [--released dist/.../bin/mssp-report]
//       [--access 100000,1000000] [--keep]
//
// --keep leaves the generated lists and indexes in the temporary folder it names (for profiling).
// --released first compares start-up (`--version`) and a 1,000-customer HTML run of that binary (the fully static
// one scripts/package releases) with the dynamically linked build beside this benchmark, taking turns, 20 runs
// or 4 times --runs each, whichever is more.
// --access compares, at each of its sizes, a customer list to HTML alone and with Graph's relationships export
// beside it (--relationships), time and peak memory from one sitting, and the streaming reader's MB/s; only
// these runs, without --sizes.
//
// For each size and format: median wall time of the runs, peak resident memory, rows/s, input MB/s, and the
// per-stage breakdown that `mssp-report --timings` reports; then the reference floors, `xmllint --stream
// --noout` over the produced HTML and `cmark-gfm` alone over the produced Markdown; for Confluence storage format
// and the fragment, their time and memory as ratios to the HTML run of the same size (the issue's bar: within
// it); and the in-process throughput of the CSV and JSON readers. The formats take turns within each round of
// runs. Runs before the first count as warm-up only when --runs > 1.

import Foundation
import MSSPReport

var sizes = [1_000, 100_000, 1_000_000]
var runs = 5
var formats = OutputFormat.allCases.map(\.rawValue)
var keep = false
var released: String?
var accessSizes: [Int] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--sizes": sizes = (arguments.popFirst() ?? "").split(separator: ",").compactMap { Int($0) }
    case "--runs": runs = Int(arguments.popFirst() ?? "") ?? runs
    case "--formats": formats = (arguments.popFirst() ?? "").split(separator: ",").map(String.init)
    case "--keep": keep = true
    case "--released": released = arguments.popFirst()
    case "--access": accessSizes = (arguments.popFirst() ?? "").split(separator: ",").compactMap { Int($0) }
    default:
        say(
            "usage: mssp-bench [--sizes 1000,100000,1000000] [--runs 5] [--formats html,markdown,confluence,fragment] [--released BINARY] [--access 100000,1000000] [--keep]"
        )
        exit(64)
    }
}

let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("mssp-report").path
guard FileManager.default.isExecutableFile(atPath: binary) else {
    say("mssp-bench: \(binary) is missing; build it first: swift build -c release")
    exit(1)
}
let work = NSTemporaryDirectory() + "mssp-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
defer {
    if keep {
        say("\nkept the generated lists and indexes in \(work)")
    } else {
        try? FileManager.default.removeItem(atPath: work)
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func format(_ seconds: Double) -> String {
    seconds < 1 ? String(format: "%.1f ms", seconds * 1000) : String(format: "%.2f s", seconds)
}

say("mssp-bench: \(binary), \(runs) runs each, \(ProcessInfo.processInfo.activeProcessorCount) cores")
if let released {
    var generator = CustomerListGenerator()
    let list = "\(work)/startup-1000.csv"
    _ = FileManager.default.createFile(atPath: list, contents: Data(generator.csv(count: 1_000)))
    try StartupComparison(dynamic: binary, released: released, runs: max(20, 4 * runs)).report(list: list, work: work)
}
if !accessSizes.isEmpty {
    for size in accessSizes { try AccessComparison(binary: binary, runs: runs).report(size: size, work: work) }
    sizes = []
}
for size in sizes {
    var generator = CustomerListGenerator()
    let csv = generator.csv(count: size)
    let input = "\(work)/customers-\(size).csv"
    _ = FileManager.default.createFile(atPath: input, contents: Data(csv))
    let megabytes = Double(csv.count) / 1_000_000
    say("\n== \(size) customers, \(String(format: "%.1f", megabytes)) MB of CSV")

    // The formats take turns, run by run, so that the machine's drift from one minute to the next falls on
    // all of them alike and the ratios between them hold.
    var walls: [String: [Double]] = [:]
    var peaks: [String: [Double]] = [:]
    var stagesByFormat: [String: [String: [Double]]] = [:]
    func output(_ format: String) -> String {
        "\(work)/index-\(size).\(OutputFormat(rawValue: format)?.extensions[0] ?? format)"
    }
    for _ in 0..<runs {
        for format in formats {
            let measurement = try ProcessRunner.run(
                binary, [input, "--skip-invalid", "--quiet", "--timings", "--format", format, "-o", output(format)])
            guard measurement.status == 0 else {
                say("mssp-report failed (exit \(measurement.status)):\n\(measurement.standardError)")
                exit(1)
            }
            walls[format, default: []].append(measurement.seconds)
            peaks[format, default: []].append(measurement.reportedPeakMiB)
            if let line = measurement.standardError.split(separator: "\n").first(where: { $0.contains("timings (ms):") }
            ) {
                for pair in line.split(separator: ":").last!.split(separator: " ") {
                    let parts = pair.split(separator: "=")
                    if parts.count == 2, let value = Double(parts[1]) {
                        stagesByFormat[format, default: [:]][String(parts[0]), default: []].append(value)
                    }
                }
            }
        }
    }
    var htmlRun: (wall: Double, peak: Double)?
    for format in formats {
        let output = output(format)
        let walls = walls[format]!
        let peaks = peaks[format]!
        let stages = stagesByFormat[format] ?? [:]
        let wall = median(walls)
        say(
            "\(format): median \(formatTime(wall)) (min \(formatTime(walls.min()!)), max \(formatTime(walls.max()!))), peak RSS \(String(format: "%.0f", peaks.max()!)) MiB, \(String(format: "%.0f", Double(size) / wall)) rows/s, \(String(format: "%.1f", megabytes / wall)) MB/s"
        )
        let breakdown = StageTimings.Stage.allCases.compactMap { stage in
            stages[stage.rawValue].map { "\(stage.rawValue) \(String(format: "%.1f", median($0))) ms" }
        }
        say("  stages (median): " + breakdown.joined(separator: ", "))
        if format == "html" { htmlRun = (wall, peaks.max()!) }
        if format == "confluence" || format == "fragment", let htmlRun {
            say(
                "  against html in this run: time \(String(format: "%.2f", wall / htmlRun.wall))x, peak RSS \(String(format: "%.2f", peaks.max()! / htmlRun.peak))x"
            )
        }
        if format == "markdown", FileManager.default.isExecutableFile(atPath: "/usr/bin/cmark-gfm") {
            var floors: [Double] = []
            for _ in 0..<runs {
                floors.append(
                    try ProcessRunner.run(
                        "/usr/bin/cmark-gfm", ["-e", "table", "-e", "autolink", "-e", "tagfilter", output]
                    ).seconds)
            }
            let floor = median(floors)
            say(
                "  floor: cmark-gfm alone rendering the index: \(formatTime(floor)); mssp-report/floor = \(String(format: "%.2f", wall / floor))x"
            )
        }
        if format == "html", FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") {
            var floors: [Double] = []
            for _ in 0..<runs {
                floors.append(try ProcessRunner.run("/usr/bin/xmllint", ["--stream", "--noout", output]).seconds)
            }
            let floor = median(floors)
            let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
            say(
                "  floor: xmllint --stream --noout over the \(String(format: "%.1f", Double(size) / 1e6)) MB index: \(formatTime(floor)); mssp-report/floor = \(String(format: "%.2f", wall / floor))x"
            )
        }
    }

    // The readers alone, in process.
    let csvSeconds = median((0..<runs).map { _ in seconds { _ = CSVReader().read(csv, file: "bench.csv") } })
    var jsonGenerator = CustomerListGenerator()
    let json = jsonGenerator.json(count: size)
    let jsonSeconds = median((0..<runs).map { _ in seconds { _ = JSONReader().read(json, file: "bench.json") } })
    say(
        "  readers in process: CSV \(String(format: "%.0f", megabytes / csvSeconds)) MB/s, JSON \(String(format: "%.0f", Double(json.count) / 1e6 / jsonSeconds)) MB/s (\(String(format: "%.1f", Double(json.count) / 1e6)) MB)"
    )
}

func formatTime(_ seconds: Double) -> String { format(seconds) }

/// Prints a line at once, so that a long run shows its progress when written to a file.
func say(_ text: String) {
    print(text)
    fflush(nil)
}
