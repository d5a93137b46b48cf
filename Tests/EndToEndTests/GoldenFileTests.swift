import Foundation
import TestSupport
import Testing

/// The default templates render the samples to exactly the bytes in `Tests/Golden/`. A change to a template (or to
/// anything that shapes the document) shows up here as a diff to review; once it is what it should be,
/// re-record the files with `MSSP_REPORT_RECORD_GOLDEN=1 swift test --filter GoldenFileTests` and commit them.
@Suite struct GoldenFileTests {
    struct Case: CustomTestStringConvertible, Sendable {
        /// The golden file's name in `Tests/Golden/`.
        var file: String
        var arguments: [String]
        var environment: [String: String] = [:]
        var testDescription: String { file }
    }

    /// Each scenario in every format: `.html`, `.md`, `.confluence.xml`, `.fragment.html`.
    static let cases: [Case] = [
        Case(file: "customers", arguments: ["samples/customers.csv"]),
        Case(
            file: "grouped-with-links",
            arguments: [
                "samples/partner-center-customers.csv", "--group-by", "Country/Region", "--links",
                "entra,azure,intune,purview,m365,exchange,teams",
            ]),
        Case(
            file: "skipped-dated", arguments: ["samples/customers-with-mistakes.csv", "--skip-invalid"],
            environment: ["SOURCE_DATE_EPOCH": "1767225600"]),
    ].flatMap { scenario in
        ["html", "md", "confluence.xml", "fragment.html"].map { fileExtension in
            var golden = scenario
            golden.file += "." + fileExtension
            return golden
        }
    }

    static let directory = Binary.packageRoot.appendingPathComponent("Tests/Golden")

    @Test(arguments: cases)
    func theDefaultTemplatesRenderTheGoldenFile(_ golden: Case) throws {
        let output = try makeTemporaryDirectory().appendingPathComponent(golden.file)
        let result = try Binary.run(golden.arguments + ["-o", output.path], environment: golden.environment)
        #expect(result.status == 0, "\(result.standardError)")
        let file = Self.directory.appendingPathComponent(golden.file)
        if let mismatch = try GoldenFile.mismatch(try Data(contentsOf: output), file) {
            Issue.record(Comment(rawValue: mismatch))
        }
    }
}
