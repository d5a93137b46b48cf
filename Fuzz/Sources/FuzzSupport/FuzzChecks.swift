import Foundation
import MSSPReport

/// The checks the fuzz targets share: reading, and rendering one fuzzed customer name.
public enum FuzzChecks {
    /// The default templates compiled once per format (compiling them for every input would spend most of each
    /// run on it).
    nonisolated(unsafe) static var renderers: [OutputFormat: IndexRenderer] = [:]

    /// A kind of the MSSP's own that takes the fuzzed text as a column value: no value may move its links.
    static let documentation = LinkKind(
        id: "doc", title: "Runbook", url: try! URLTemplate("https://docs.example.com/org/{column:Doc}?q={column:Doc}"),
        source: "https://docs.example.com", evidence: .own)

    public static func render(_ data: UnsafePointer<UInt8>, _ size: Int, as format: OutputFormat) -> CInt {
        let name = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
        let location = SourceLocation(file: "fuzz", line: 2, column: 1)
        let record = CustomerRecord(
            location: location, name: RecordField(name, at: location),
            tenantID: RecordField("d13c513a-42f8-4da1-97b1-165f0971b7c4", at: location),
            domain: RecordField("fuzz.onmicrosoft.com", at: location),
            otherFields: [.init(key: "Doc", field: RecordField(name, at: location))])
        let neighbour = CustomerRecord(
            location: location, name: RecordField("Neighbour Ltd", at: location),
            tenantID: RecordField("25abd89b-d67e-4d92-8a83-18174d645fa6", at: location))
        let validation = CustomerValidator().validate([record, neighbour])
        let model = IndexBuilder(linkKinds: LinkCatalog.builtIn.links + [documentation]).build(
            customers: validation.customers, skippedCount: validation.invalidRecordCount)
        do {
            if renderers[format] == nil {
                renderers[format] = try IndexRenderer(templates: TemplateSet.defaults(), format: format)
            }
            let document = renderers[format]!.render(model)
            let problems = OutputChecker().check(document, against: model, as: format)
            if !problems.isEmpty {
                fatalError("\(format) check failed for \(name.debugDescription): \(problems)")
            }
        } catch {
            fatalError("rendering failed: \(error)")
        }
        return 0
    }

    /// Every diagnostic of a reader must name a valid place; then validation runs on what was read.
    public static func read(_ result: InputReadResult) {
        for diagnostic in result.diagnostics {
            guard let location = diagnostic.location, location.line >= 1, location.column >= 1 else {
                fatalError("a diagnostic without a valid place: \(diagnostic)")
            }
        }
        _ = CustomerValidator().validate(result.records)
    }
}
