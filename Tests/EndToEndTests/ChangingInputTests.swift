import Foundation
import Testing

@Suite struct ChangingInputTests {
    /// Runs the tool on `input`, stopped right after it opened the file while `change` runs.
    func run(on input: URL, output: URL, change: () throws -> Void) throws -> (status: Int32, error: String) {
        let run = try Binary.StoppedRun([input.path, "-o", output.path], seam: "after-open")
        try change()
        let (status, rest) = try run.resume()
        return (status, run.errorsBeforeSeam + rest)
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
        #expect(hrefs(in: try String(contentsOf: index, encoding: .utf8)).count == 14 + 5)
    }
}
