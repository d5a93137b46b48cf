import Foundation
import MSSPReport

/// A customer list alone against the same list with Graph's relationships export beside it (`--relationships`),
/// to HTML, from one sitting: the two runs take turns, so the machine's drift falls on both alike. Also the
/// streaming relationships reader alone, in process.
struct AccessComparison {
    var binary: String
    var runs: Int

    func report(size: Int, work: String) throws {
        var generator = CustomerListGenerator()
        let (csv, json) = generator.listAndRelationships(count: size)
        let list = "\(work)/access-\(size).csv"
        let export = "\(work)/relationships-\(size).json"
        _ = FileManager.default.createFile(atPath: list, contents: Data(csv))
        _ = FileManager.default.createFile(atPath: export, contents: Data(json))
        let exportMB = Double(json.count) / 1e6
        say(
            "\n== access: \(size) customers, \(String(format: "%.1f", Double(csv.count) / 1e6)) MB of CSV, relationships export \(String(format: "%.1f", exportMB)) MB (\(json.count / max(1, size)) bytes a customer), as of \(CustomerListGenerator.asOf)"
        )
        let output = "\(work)/access-\(size).html"
        let alone = [list, "--skip-invalid", "--quiet", "--timings", "-o", output]
        let with = alone + ["--relationships", export, "--as-of", CustomerListGenerator.asOf]
        var walls: [Bool: [Double]] = [:]
        var peaks: [Bool: [Double]] = [:]
        for _ in 0..<runs {
            for withAccess in [false, true] {
                let measurement = try ProcessRunner.run(binary, withAccess ? with : alone)
                guard measurement.status == 0 else {
                    throw BenchError("mssp-report failed (exit \(measurement.status)):\n\(measurement.standardError)")
                }
                walls[withAccess, default: []].append(measurement.seconds)
                peaks[withAccess, default: []].append(measurement.reportedPeakMiB)
            }
        }
        let (aloneWall, withWall) = (median(walls[false]!), median(walls[true]!))
        let (alonePeak, withPeak) = (peaks[false]!.max()!, peaks[true]!.max()!)
        say("list alone: median \(formatTime(aloneWall)), peak RSS \(String(format: "%.0f", alonePeak)) MiB")
        say(
            "with --relationships: median \(formatTime(withWall)), peak RSS \(String(format: "%.0f", withPeak)) MiB; against the list alone: time \(String(format: "%.2f", withWall / aloneWall))x, peak RSS \(String(format: "%.2f", withPeak / alonePeak))x"
        )
        say(
            "  the export costs \(formatTime(withWall - aloneWall)) more: \(String(format: "%.0f", exportMB / max(withWall - aloneWall, 1e-9))) MB/s of export"
        )
        // The reader alone, in process: every relationship read and handed over, none kept.
        var count = 0
        let readSeconds = median(
            try (0..<runs).map { _ in
                var failure: ReportFailure?
                let time = seconds {
                    do throws(ReportFailure) {
                        _ = try InputSource(path: export).read(
                            purpose: .relationships, onRelationship: { _ in count += 1 }, onRecord: nil)
                    } catch {
                        failure = error
                    }
                }
                if let failure { throw BenchError("reading \(export) failed: \(failure)") }
                return time
            })
        say(
            "  reader in process: \(String(format: "%.0f", exportMB / readSeconds)) MB/s (\(formatTime(readSeconds)) for \(count / max(1, runs)) relationships)"
        )
    }
}

extension ProcessRunner.Measurement {
    /// The process's own high-water mark when it reports one (`--timings`): rusage of a posix_spawn child also
    /// counts this benchmark's memory at the moment of the exec (about 330 MiB at a million customers).
    var reportedPeakMiB: Double {
        standardError.split(separator: "\n")
            .first(where: { $0.contains("peak resident memory (KiB):") })
            .flatMap { Double($0.split(separator: " ").last ?? "") }
            .map { $0 / 1024 } ?? peakResidentMiB
    }
}
