import Foundation
import Testing

@Suite struct TemplateTests {
    @Test func theBinaryCarriesItsTemplatesAndWorksFromAnEmptyDirectory() throws {
        let directory = try makeTemporaryDirectory()
        let copy = directory.appendingPathComponent("mssp-report")
        try FileManager.default.copyItem(at: Binary.url, to: copy)
        try FileManager.default.copyItem(
            at: Binary.packageRoot.appendingPathComponent("samples/customers.csv"),
            to: directory.appendingPathComponent("customers.csv"))
        let result = try Binary.run(["customers.csv", "-o", "index.html"], in: directory, executable: copy)
        #expect(result.status == 0)
        let reference = try Binary.run(["samples/customers.csv"])
        #expect(
            try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
                == reference.standardOutput)
    }

    @Test func customTemplatesReplaceTheDefaultsByName() throws {
        let directory = try makeTemporaryDirectory()
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("partials"), withIntermediateDirectories: true)
        try """
        <tr id="{{anchor}}"><td class="custom">{{name}}</td><td><a href="{{portalUrl}}">{{name}}</a></td></tr>

        """.write(
            to: directory.appendingPathComponent("partials/customer-row.html.mustache"), atomically: true,
            encoding: .utf8)
        let result = try Binary.run(["samples/customers.csv", "--templates", directory.path])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("<td class=\"custom\">Contoso Ltd</td>"))
        #expect(result.standardOutput.contains("<h2>Related topics</h2>"))
    }

    @Test func aBrokenTemplateFailsTheCheckWithExit70AndWritesNothing() throws {
        let directory = try makeTemporaryDirectory()
        let templates = directory.appendingPathComponent("templates/partials")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "<tr><td><a href=\"{{portalUrl}}\">{{name}}</td></tr>\n"
            .write(
                to: templates.appendingPathComponent("customer-row.html.mustache"), atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("index.html")
        let result = try Binary.run([
            "samples/customers.csv", "-o", output.path, "--templates",
            directory.appendingPathComponent("templates").path,
        ])
        #expect(result.status == 70)
        let first = try #require(result.errorLines.first)
        #expect(first.hasPrefix("\(output.path) (rendered, not written):"))
        #expect(first.contains("error: libxml2: Opening and ending tag mismatch: a line"))
        // file:line:column: the line and column of the libxml2 error in the rendered document.
        let place = first.dropFirst("\(output.path) (rendered, not written):".count).split(separator: ":")
        #expect(Int(place[0]) ?? 0 > 1)
        #expect(Int(place[1]) ?? 0 > 1)
        #expect(result.errorLines.last?.contains("nothing written") == true)
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["templates"])
    }

    @Test func aTemplateSyntaxErrorIsExit1WithItsFileLineAndColumn() throws {
        let directory = try makeTemporaryDirectory()
        try "<p>{{#customers}}\n{{name}}\n".write(
            to: directory.appendingPathComponent("index.html.mustache"), atomically: true, encoding: .utf8)
        let result = try Binary.run(["samples/customers.csv", "--templates", directory.path])
        #expect(result.status == 1)
        // The place of the section that is never closed, not the end of the file.
        #expect(
            result.errorLines.first
                == "\(directory.path)/index.html.mustache:1:4: error: cannot parse the template: the section {{#customers}} is opened but never closed"
        )
        #expect(result.standardOutput.isEmpty)
    }
}
