import Foundation
import Testing

/// The README's Development section names every source file there is, and no file that is not there.
@Suite struct ReadmeLayoutTests {
    /// The section's text.
    static func developmentSection() throws -> String {
        let readme = try String(contentsOf: Binary.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "## Development"))
        let rest = readme[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
    }

    /// The Swift files of the executable, the library and the benchmark, as type names.
    static func sourceTypeNames() throws -> [String] {
        var names: [String] = []
        for folder in ["Sources/mssp-report", "Sources/MSSPReport", "Sources/mssp-bench"] {
            let root = Binary.packageRoot.appendingPathComponent(folder)
            let walker = FileManager.default.enumerator(atPath: root.path)
            while let path = walker?.nextObject() as? String {
                guard path.hasSuffix(".swift") else { continue }
                names.append(String(path.split(separator: "/").last!.dropLast(".swift".count)))
            }
        }
        return names.sorted()
    }

    @Test func namesEverySourceFile() throws {
        let section = try Self.developmentSection()
        let words = Set(
            section.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-") }).map(String.init))
        let missing = try Self.sourceTypeNames().filter { !words.contains($0) && $0 != "main" }
        #expect(missing == [], "the README's Development section does not name these files")
    }

    @Test func namesNoFileThatIsGone() throws {
        let section = try Self.developmentSection()
        let files = Set(try Self.sourceTypeNames())
        // Every CamelCase word (two or more capitalised parts) names a file, a target, or a nested type listed here.
        let nested: Set<String> = ["CustomerList.Contents", "Contents", "Diagnostics", "LinkCatalog"]
        let mentioned = section.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "+" || $0 == ".") })
            .map(String.init)
            .filter { $0.wholeMatch(of: /[A-Z][a-z0-9]+([A-Z][a-z0-9]+)+(\+[A-Z][a-z]+)?/) != nil }
        let unknown = Set(mentioned).subtracting(files).subtracting(nested).subtracting([
            "CXMLCheck", "CLibXML2", "CMarkdown", "CCmarkGFM", "EmbedTemplates", "TemplateEmbedder", "MSSPReport",
            "EndToEndTests", "MSSPReportTests", "ExternalTool", "PrivateTmpfs", "GoldenFileTests", "SourceLocations",
            "PowerShell",
        ])
        #expect(unknown.sorted() == [], "the README's Development section names files that do not exist")
    }
}
