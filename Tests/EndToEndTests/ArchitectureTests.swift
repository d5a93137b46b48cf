import Foundation
import Testing

/// The library's folders are stages that only look downstream: a stage uses its own types, those of the stages
/// before it, and the foundations; a foundation uses no stage. `docs/architecture.md` draws the same order.
@Suite struct ArchitectureTests {
    /// The foundations, which every stage may use and which use no stage.
    static let foundations = ["Diagnostics", "Concurrency"]
    /// The stages, in pipeline order.
    static let stages = [
        "Input", "Customers", "Validation", "Access", "Index", "Rendering", "Checking", "Output", "Pipeline",
    ]

    static let library = Binary.packageRoot.appendingPathComponent("Sources/MSSPReport")

    /// The Swift files of a folder of the library, with their text.
    static func files(in folder: String) throws -> [(name: String, text: String)] {
        let directory = library.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            .filter { $0.hasSuffix(".swift") }
            .map { ($0, try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// The code of a file without comments and string literals, whose words are not uses of types.
    static func code(_ text: String) -> String {
        text.replacing(/\/\/[^\n]*/, with: "").replacing(/"(?:\\.|[^"\\\n])*"/, with: "\"\"")
    }

    /// The types a folder declares at the top level of its files.
    static func declaredTypes(in folder: String) throws -> Set<String> {
        let declaration =
            /(?m)^(?:public |package |internal |fileprivate |private |final |indirect )*(?:struct|enum|class|protocol|typealias|actor) +([A-Z]\w*)/
        return Set(
            try files(in: folder).flatMap { file in code(file.text).matches(of: declaration).map { String($0.1) } })
    }

    @Test func everyFolderIsAStageOrAFoundation() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.library.path)
        #expect(Set(folders) == Set(Self.foundations + Self.stages))
    }

    @Test func noFolderUsesATypeOfALaterStage() throws {
        var owner: [String: String] = [:]
        for folder in Self.foundations + Self.stages {
            for type in try Self.declaredTypes(in: folder) { owner[type] = folder }
        }
        var wrongWay: [String] = []
        for folder in Self.foundations + Self.stages {
            // What this folder may use besides its own types.
            let allowed =
                Self.foundations.contains(folder)
                ? [] : Self.foundations + Self.stages.prefix(while: { $0 != folder })
            for file in try Self.files(in: folder) {
                // Every identifier (word boundaries would follow Unicode's rules, which make `Type.member` one word).
                let words = Set(Self.code(file.text).matches(of: /[A-Za-z_]\w*/).map { String($0.0) })
                for word in words.sorted() {
                    guard let other = owner[word], other != folder, !allowed.contains(other) else { continue }
                    wrongWay.append("\(folder)/\(file.name) uses \(word) of \(other)")
                }
            }
        }
        #expect(wrongWay == [])
    }

    @Test func theArchitecturePageDrawsTheStagesInOrder() throws {
        let page = try String(
            contentsOf: Binary.packageRoot.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        let graph = try #require(page.firstMatch(of: /```text\n([\s\S]*?)```/)?.1)
        let named = graph.matches(of: /([A-Z][a-z]+)\//).map { String($0.1) }
        #expect(named.filter { Self.stages.contains($0) } == Self.stages)
        #expect(Set(named.filter { Self.foundations.contains($0) }) == Set(Self.foundations))
    }
}
