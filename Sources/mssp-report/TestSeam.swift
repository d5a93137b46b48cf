public import ArgumentParser
import Foundation
import MSSPReport

/// A point of the run where the hidden `--test-seam` option stops the process for an end-to-end test: it prints
/// `mssp-report: test seam: NAME` on standard error and waits for a byte on standard input. The test reads that
/// line, acts (changes the input, sends a signal), then writes a byte to go on; no timing is involved.
enum TestSeam: String, ExpressibleByArgument, CaseIterable {
    /// The input file is open and nothing of it has been read.
    case afterOpen = "after-open"
    /// The finished document is in its temporary file, about to replace the old index.
    case beforeRename = "before-rename"

    /// The hooks that stop at this seam.
    var hooks: ReportHooks {
        let name = rawValue
        let stop: @Sendable () -> Void = {
            FileHandle.standardError.write(Data("mssp-report: test seam: \(name)\n".utf8))
            _ = try? FileHandle.standardInput.read(upToCount: 1)
        }
        switch self {
        case .afterOpen: return ReportHooks(afterInputOpened: { _ in stop() })
        case .beforeRename: return ReportHooks(beforeOutputRenamed: stop)
        }
    }
}
