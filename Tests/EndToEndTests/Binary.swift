import Foundation
import Testing

/// Runs the built `mssp-report` binary as a user would and captures what it does.
struct Binary {
    /// The built executable, next to the test bundle (or `MSSP_REPORT_BINARY`).
    static let url: URL = {
        if let path = ProcessInfo.processInfo.environment["MSSP_REPORT_BINARY"] { return URL(fileURLWithPath: path) }
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for directory in [bundleDirectory, bundleDirectory.deletingLastPathComponent()] {
            let candidate = directory.appendingPathComponent("mssp-report")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return packageRoot.appendingPathComponent(".build/debug/mssp-report")
    }()

    /// The package root, where `samples/` is.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// What one run did.
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
        var errorLines: [String] { standardError.split(separator: "\n").map(String.init) }
    }

    /// Runs the binary with `arguments` in `directory`, feeding `input` to standard input.
    static func run(
        _ arguments: [String],
        in directory: URL = packageRoot,
        input: String = "",
        environment: [String: String] = [:],
        executable: URL = url
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var processEnvironment = ProcessInfo.processInfo.environment
        processEnvironment.removeValue(forKey: "SOURCE_DATE_EPOCH")
        processEnvironment.merge(environment) { $1 }
        process.environment = processEnvironment
        let output = Pipe()
        let error = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = standardInput
        try process.run()
        standardInput.fileHandleForWriting.write(Data(input.utf8))
        try standardInput.fileHandleForWriting.close()
        // Read both pipes concurrently so a full pipe cannot stall the child.
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errorData = error.fileHandleForReading.readDataToEndOfFile() }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }
}

extension Binary {
    /// A run of the binary stopped at a test seam (the hidden `--test-seam` option).
    struct StoppedRun {
        let process: Process
        private let input: FileHandle
        private let errors: FileHandle
        /// Standard error up to and including the seam's line.
        let errorsBeforeSeam: String

        /// Starts the binary with `arguments` and waits, reading its standard error, until it stops at `seam`.
        init(_ arguments: [String], seam: String) throws {
            let process = Process()
            process.executableURL = Binary.url
            process.arguments = arguments + ["--test-seam", seam]
            process.currentDirectoryURL = Binary.packageRoot
            let (input, errors) = (Pipe(), Pipe())
            process.standardInput = input
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            self.process = process
            self.input = input.fileHandleForWriting
            self.errors = errors.fileHandleForReading
            var text = ""
            while !text.contains("mssp-report: test seam: \(seam)\n") {
                let data = self.errors.availableData
                if data.isEmpty { break }  // the process ended without reaching the seam
                text += String(decoding: data, as: UTF8.self)
            }
            errorsBeforeSeam = text
        }

        /// Lets the run go on from the seam and waits for it to end: its exit status and the rest of standard
        /// error.
        func resume() throws -> (status: Int32, errors: String) {
            input.write(Data([0x0A]))
            try input.close()
            let rest = String(decoding: errors.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, rest)
        }
    }
}

/// Temporary directories of this test process, all under one folder that is removed when the process exits.
private enum TemporaryDirectories {
    static let root: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mssp-e2e-\(getpid())")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit {
            try? FileManager.default.removeItem(
                at: FileManager.default.temporaryDirectory.appendingPathComponent("mssp-e2e-\(getpid())"))
        }
        return root
    }()
}

/// A fresh directory holding a copy of the sample CSV (named `inputName`) and an old index, for tests of runs
/// that must leave the old index alone.
func directoryWithSampleAndOldIndex(inputName: String = "c.csv") throws -> (directory: URL, input: URL, index: URL) {
    let directory = try makeTemporaryDirectory()
    let input = directory.appendingPathComponent(inputName)
    try FileManager.default.copyItem(at: Binary.packageRoot.appendingPathComponent("samples/customers.csv"), to: input)
    let index = directory.appendingPathComponent("index.html")
    try "old index\n".write(to: index, atomically: true, encoding: .utf8)
    return (directory, input, index)
}

/// A fresh temporary directory for one test, removed with the others when the test process exits.
func makeTemporaryDirectory() throws -> URL {
    let url = TemporaryDirectories.root.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Every `href` value in a document, in order.
func hrefs(in document: String) -> [String] {
    var result: [String] = []
    var rest = document[...]
    while let range = rest.range(of: "href=\"") {
        let after = rest[range.upperBound...]
        guard let end = after.firstIndex(of: "\"") else { break }
        result.append(String(after[..<end]))
        rest = after[end...]
    }
    return result
}

/// The sample customers' tenant IDs, lowercase, read straight from the CSV sample.
func sampleTenantIDs() throws -> [String] {
    let text = try String(
        contentsOf: Binary.packageRoot.appendingPathComponent("samples/customers.csv"), encoding: .utf8)
    return text.split(separator: "\n").dropFirst().compactMap { line in
        line.split(separator: ",").first { $0.count == 36 && $0.filter { $0 == "-" }.count == 4 }
            .map { $0.lowercased() }
    }
}
