import Foundation
import Testing

@testable import MSSPReport

@Suite struct AtomicFileWriterTests {
    let directory: String = {
        let path = NSTemporaryDirectory() + "mssp-writer-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    @Test func replacesTheFileAndLeavesNoTemporaryFile() throws {
        let path = directory + "/index.html"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        try AtomicFileWriter(path: path).write("new")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["index.html"])
    }

    @Test func failsWithOutputUnwritableWhenTheDirectoryIsMissing() {
        let path = directory + "/missing/index.html"
        #expect(throws: ReportFailure.self) { try AtomicFileWriter(path: path).write("x") }
        do {
            try AtomicFileWriter(path: path).write("x")
        } catch {
            guard case .outputUnwritable(let failedPath, _) = error else {
                Issue.record("expected outputUnwritable, got \(error)")
                return
            }
            #expect(failedPath == path)
        }
    }

    @Test func keepsTheExistingFileWhenTheRenameFails() throws {
        // Renaming a file over a non-empty directory fails after the temporary file was written.
        let path = directory + "/index.html"
        try FileManager.default.createDirectory(atPath: path + "/inside", withIntermediateDirectories: true)
        #expect(throws: ReportFailure.self) { try AtomicFileWriter(path: path).write("new") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["index.html"])
    }
}
