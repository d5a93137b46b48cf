import Foundation

/// The peak resident memory of this process, for the benchmark.
enum PeakMemory {
    /// The peak resident memory of this process image in KiB (Linux: `VmHWM` of `/proc/self/status`), or `nil`
    /// where the system does not say. A parent's `ru_maxrss` for a child started with `posix_spawn` also counts
    /// the parent's own memory at the moment of the `exec`, so the benchmark asks the process itself.
    static func residentKiB() -> Int? {
        // /proc files report a size of 0: read to the end rather than by size.
        guard let data = FileHandle(forReadingAtPath: "/proc/self/status")?.readDataToEndOfFile(),
            let line = String(decoding: data, as: UTF8.self).split(separator: "\n")
                .first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return Int(line.dropFirst("VmHWM:".count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
    }
}
