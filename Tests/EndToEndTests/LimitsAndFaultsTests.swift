import Foundation
import Testing

/// Hostile input, faults, and nothing lost. How fast and how lean the limits are is the benchmark's to measure;
/// the time limits here only keep a regression from hanging the suite.
@Suite(.timeLimit(.minutes(2))) struct LimitsAndFaultsTests {
    @Test(arguments: ["/dev/zero", "/dev/urandom"])
    func anEndlessDeviceStopsAtTheSizeLimit(_ device: String) throws {
        let result = try Binary.run([device, "--check"])
        #expect(result.status == 1)
        #expect(
            result.errorLines.first
                == "\(device):1:1: error: the input is larger than 256 MiB, the limit; split the customer list")
    }

    @Test func aHugeFileIsRefusedBeforeItIsRead() throws {
        let file = try makeTemporaryDirectory().appendingPathComponent("huge.csv")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 1 << 30)  // a sparse 1 GB single-line file
        try handle.close()
        let result = try Binary.run([file.path, "--check"])
        #expect(result.status == 1)
        #expect(
            result.errorLines.first?.hasSuffix(
                ":1:1: error: the input is larger than 256 MiB, the limit; split the customer list") == true)
    }

    @Test func aMillionColumnHeaderIsOneErrorAtColumn1001() throws {
        let file = try makeTemporaryDirectory().appendingPathComponent("wide.csv")
        try String(repeating: ",", count: 1_000_000).write(to: file, atomically: true, encoding: .utf8)
        let result = try Binary.run([file.path, "--check"])
        #expect(result.status == 1)
        #expect(result.errorLines.first == "\(file.path):1:1001: error: this row has more than 1000 fields, the limit")
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
        // The tool waits 5 s by default; the hidden --first-byte-timeout keeps this test from waiting that long.
        let result = try Binary.run([fifo.path, "--check", "--first-byte-timeout", "200"])
        #expect(result.status == 66)
        #expect(
            result.errorLines.first == "mssp-report: error: \(fifo.path): cannot read: nothing arrived within 0.2 s")
    }

    @Test func aFullDiskIsExit73() throws {
        let result = try Binary.run(["samples/customers.csv", "--format", "html", "-o", "/dev/full"])
        #expect(result.status == 73)
        #expect(result.errorLines.first?.hasPrefix("mssp-report: error: /dev/full: cannot write:") == true)
    }

    @Test(
        ExternalTool.needed(
            PrivateTmpfs.isAvailable,
            "needs unshare(1) and mount(8) with the right to mount a tmpfs in a private mount namespace"))
    func aDiskThatFillsWhileTheIndexIsWrittenIsExit73AndTheOldIndexStays() throws {
        // 1,000 customers make an index of about 430 KB; the filesystem holds 96 KiB.
        let work = try makeTemporaryDirectory()
        let input = work.appendingPathComponent("customers.csv")
        var csv = "Name,Tenant ID\n"
        for number in 1...1000 {
            csv += "Customer \(number),\(String(format: "%08x-0000-4000-8000-%012x", number, number))\n"
        }
        try csv.write(to: input, atomically: true, encoding: .utf8)
        let disk = work.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        let result = try PrivateTmpfs.run(
            size: "96k", at: disk,
            """
            printf 'old index\\n' > "$DISK/index.html"
            "$BINARY" "$INPUT" -o "$DISK/index.html"
            echo "status=$?"
            ls -A "$DISK"
            cat "$DISK/index.html"
            """, environment: ["DISK": disk.path, "BINARY": Binary.url.path, "INPUT": input.path])
        #expect(
            result.errorLines.first
                == "mssp-report: error: \(disk.path)/index.html: cannot write: No space left on device")
        #expect(!result.standardError.contains("libxml2"))
        #expect(!result.standardError.contains("check"))
        #expect(result.standardOutput == "status=73\nindex.html\nold index\n")
    }

    @Test(arguments: ["html", "markdown", "confluence", "fragment"])
    func aDeviceAsOutputTakesHTMLUnlessTheFormatIsGiven(_ format: String) throws {
        let implicit = try Binary.run(["samples/customers.csv", "-o", "/dev/null"])
        #expect(implicit.status == 0)
        #expect(implicit.errorLines.last?.hasSuffix("; wrote /dev/null") == true)
        let explicit = try Binary.run(["samples/customers.csv", "-o", "/dev/null", "--format", format])
        #expect(explicit.status == 0)
    }

    @Test(arguments: [nil, "markdown", "confluence", "fragment"])
    func aFIFOAsOutputGetsTheHTMLIndexUnlessTheFormatIsGiven(_ format: String?) throws {
        let fifo = try makeTemporaryDirectory().appendingPathComponent("index")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        nonisolated(unsafe) var received = Data()
        let done = DispatchSemaphore(value: 0)
        Thread {
            received = FileHandle(forReadingAtPath: fifo.path)?.readDataToEndOfFile() ?? Data()
            done.signal()
        }.start()
        let result = try Binary.run(
            ["samples/customers.csv", "-o", fifo.path] + (format.map { ["--format", $0] } ?? []))
        done.wait()
        #expect(result.status == 0)
        let text = String(decoding: received, as: UTF8.self)
        switch format {
        case nil:
            #expect(text.hasPrefix("<!DOCTYPE html>"))
            #expect(hrefs(in: text).count == 14 + 5)
        case "markdown": #expect(text.hasPrefix("[//]: # (mssp-report-customers: 14)"))
        case "confluence": #expect(text.hasPrefix("<!-- mssp-report-customers: 14 -->\n<h1>"))
        default:
            #expect(text.hasPrefix("<!-- mssp-report-customers: 14 -->\n<h2>"))
            #expect(hrefs(in: text).count == 14 + 5)
        }
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
        let run = try Binary.StoppedRun([input.path, "-o", index.path, "--quiet"], seam: "before-rename")
        let process = run.process
        // The document is complete in its temporary file, which is about to replace the old index.
        let during = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(during.contains { $0.hasPrefix(".index.html.tmp-") })
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signal)
        #expect(try String(contentsOf: index, encoding: .utf8) == "old index\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["big.csv", "index.html"])
    }
}
