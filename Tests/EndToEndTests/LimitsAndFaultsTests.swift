import Foundation
import Testing

/// Issue: hostile input, faults, and nothing lost.
@Suite struct LimitsAndFaultsTests {
    /// Runs the binary under /usr/bin/time and returns the result with its peak resident memory in MiB.
    func measured(_ arguments: [String]) throws -> (result: Binary.Result, seconds: Double, peakMiB: Double) {
        let start = Date()
        let result = try Binary.run(
            ["-f", "peak-kb=%M"] + [Binary.url.path] + arguments, executable: URL(fileURLWithPath: "/usr/bin/time"))
        let seconds = Date().timeIntervalSince(start)
        let line = result.errorLines.last { $0.hasPrefix("peak-kb=") } ?? "peak-kb=0"
        let kilobytes = Double(line.dropFirst("peak-kb=".count)) ?? 0
        var trimmed = result
        trimmed.standardError = result.errorLines.filter {
            !$0.hasPrefix("peak-kb=") && !$0.hasPrefix("Command exited")
        }
        .joined(separator: "\n")
        return (trimmed, seconds, kilobytes / 1024)
    }

    @Test(arguments: ["/dev/zero", "/dev/urandom"])
    func anEndlessDeviceStopsAtTheSizeLimit(_ device: String) throws {
        let (result, seconds, peak) = try measured([device, "--check"])
        #expect(result.status == 1)
        #expect(
            result.errorLines.first
                == "\(device):1:1: error: the input is larger than 256 MiB, the limit; split the customer list")
        #expect(seconds < 10)
        #expect(peak < 400)
    }

    @Test func aHugeFileIsRefusedBeforeItIsRead() throws {
        let file = try makeTemporaryDirectory().appendingPathComponent("huge.csv")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 1 << 30)  // a sparse 1 GB single-line file
        try handle.close()
        let (result, seconds, peak) = try measured([file.path, "--check"])
        #expect(result.status == 1)
        #expect(
            result.errorLines.first?.hasSuffix(
                ":1:1: error: the input is larger than 256 MiB, the limit; split the customer list") == true)
        #expect(seconds < 5)
        #expect(peak < 100)
    }

    @Test func aMillionColumnHeaderIsOneErrorAtColumn1001() throws {
        let file = try makeTemporaryDirectory().appendingPathComponent("wide.csv")
        try String(repeating: ",", count: 1_000_000).write(to: file, atomically: true, encoding: .utf8)
        let (result, seconds, peak) = try measured([file.path, "--check"])
        #expect(result.status == 1)
        #expect(result.errorLines.first == "\(file.path):1:1001: error: this row has more than 1000 fields, the limit")
        #expect(seconds < 5)
        #expect(peak < 200)
    }

    @Test func aFieldLongerThanTheLimitIsAnErrorAtItsPlace() throws {
        let file = try makeTemporaryDirectory().appendingPathComponent("long.csv")
        try
            "Name,Tenant ID\nContoso,\"\(String(repeating: "x", count: 70_000))\"\nFabrikam,25abd89b-d67e-4d92-8a83-18174d645fa6\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try Binary.run([file.path, "--check"])
        #expect(result.status == 1)
        #expect(result.errorLines.first == "\(file.path):2:9: error: this field is 68 KiB long; the limit is 64 KiB")
        #expect(result.errorLines.last?.hasPrefix("mssp-report: 2 rows read, 1 customer valid, 1 error") == true)
    }

    @Test func aDirectoryAsInputIsExit66() throws {
        let result = try Binary.run([try makeTemporaryDirectory().path, "--check"])
        #expect(result.status == 66)
        #expect(result.errorLines.first?.hasSuffix(": cannot read: it is a directory") == true)
    }

    @Test func aFIFOWithoutAWriterTimesOutInsteadOfHanging() throws {
        let fifo = try makeTemporaryDirectory().appendingPathComponent("fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let (result, seconds, _) = try measured([fifo.path, "--check"])
        #expect(result.status == 66)
        #expect(result.errorLines.first == "mssp-report: error: \(fifo.path): cannot read: nothing arrived within 5 s")
        #expect(seconds < 8)
    }

    @Test func aFullDiskIsExit73() throws {
        let result = try Binary.run(["samples/customers.csv", "--format", "html", "-o", "/dev/full"])
        #expect(result.status == 73)
        #expect(result.errorLines.first?.hasPrefix("mssp-report: error: /dev/full: cannot write:") == true)
    }

    @Test func anUnwritableDirectoryIsExit73() throws {
        // /proc refuses new files even to root, whom permission bits do not stop.
        let result = try Binary.run(["samples/customers.csv", "-o", "/proc/mssp-report-test.html"])
        #expect(result.status == 73)
        #expect(
            result.errorLines.first?.hasPrefix(
                "mssp-report: error: /proc/mssp-report-test.html: cannot write: cannot create a temporary file in /proc"
            ) == true)
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalDuringTheRunLeavesTheOldIndexAndNoTemporaryFile(_ signal: Int32) throws {
        let (directory, input, index) = try directoryWithSampleAndOldIndex(inputName: "big.csv")
        let process = try Binary.start(
            [input.path, "-o", index.path, "--quiet"], environment: ["MSSP_REPORT_TEST_PAUSE_BEFORE_RENAME": "20"],
            errors: FileHandle.nullDevice)
        // Wait until the temporary file exists (the write has begun), then interrupt.
        let deadline = Date().addingTimeInterval(60)
        var sawTemporary = false
        while Date() < deadline, process.isRunning {
            if try FileManager.default.contentsOfDirectory(atPath: directory.path).contains(where: {
                $0.contains(".tmp-")
            }) {
                sawTemporary = true
                break
            }
            usleep(1_000)
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(sawTemporary)
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signal)
        #expect(try String(contentsOf: index, encoding: .utf8) == "old index\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["big.csv", "index.html"])
    }
}

@Suite struct ChangingInputTests {
    /// Starts the tool on `input` paused right after it opened the file, lets `change` run, and waits.
    func run(on input: URL, output: URL, change: () throws -> Void) throws -> (status: Int32, error: String) {
        let error = Pipe()
        let process = try Binary.start(
            [input.path, "-o", output.path], environment: ["MSSP_REPORT_TEST_PAUSE_AFTER_OPEN": "1"], errors: error)
        usleep(400_000)
        try change()
        let text = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test func anInputThatShrinksWhileReadIsExit66AndTheOldIndexStays() throws {
        let (directory, input, index) = try directoryWithSampleAndOldIndex()
        let (status, error) = try run(on: input, output: index) {
            let handle = try FileHandle(forWritingTo: input)
            try handle.truncate(atOffset: 100)
            try handle.close()
        }
        #expect(status == 66)
        #expect(error.contains("cannot read: the file shrank from"))
        #expect(try String(contentsOf: index, encoding: .utf8) == "old index\n")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.path)) == ["c.csv", "index.html"])
    }

    @Test func anInputDeletedAfterItWasOpenedIsStillReadWhole() throws {
        let (_, input, index) = try directoryWithSampleAndOldIndex()
        let (status, _) = try run(on: input, output: index) { try FileManager.default.removeItem(at: input) }
        #expect(status == 0)
        #expect(hrefs(in: try String(contentsOf: index, encoding: .utf8)).count == 14 + 4)
    }
}
