import Foundation
import Testing

@Suite struct OutputPathTests {
    @Test func aSymbolicLinkAsOutputIsRefusedAndItsTargetUntouched() throws {
        let directory = try makeTemporaryDirectory()
        let target = directory.appendingPathComponent("real.html")
        try "keep me\n".write(to: target, atomically: true, encoding: .utf8)
        let link = directory.appendingPathComponent("index.html")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let dangling = directory.appendingPathComponent("dangling.html")
        try FileManager.default.createSymbolicLink(
            at: dangling, withDestinationURL: directory.appendingPathComponent("nowhere.html"))
        for path in [link, dangling] {
            let result = try Binary.run(["samples/customers.csv", "-o", path.path])
            #expect(result.status == 73)
            #expect(
                result.errorLines.first
                    == "mssp-report: error: \(path.path): cannot write: it is a symbolic link; give the path of the file it points to"
            )
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "keep me\n")
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: directory.path)) == [
                "real.html", "index.html", "dangling.html",
            ])
    }

    @Test func aDeviceIsWrittenInPlace() throws {
        let result = try Binary.run(["samples/customers.csv", "--format", "html", "-o", "/dev/null"])
        #expect(result.status == 0)
        var status = stat()
        #expect(lstat("/dev/null", &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFCHR)
    }
}
