import Foundation
import Testing

@Suite struct TemplateErrorTests {
    @Test func anUnknownVariableOrMissingPartialInACustomTemplateIsExit1WithItsPlace() throws {
        let directory = try makeTemporaryDirectory()
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("partials"), withIntermediateDirectories: true)
        try
            "<tr id=\"{{anchor}}\">\n<th>{{nmae}}</th><td><a href=\"{{portalUrl}}\">{{name}}</a>{{> partials/extra}}</td></tr>\n"
            .write(
                to: directory.appendingPathComponent("partials/customer-row.html.mustache"), atomically: true,
                encoding: .utf8)
        let output = directory.appendingPathComponent("index.html")
        let result = try Binary.run(["samples/customers.csv", "--templates", directory.path, "-o", output.path])
        #expect(result.status == 1)
        let file = "\(directory.path)/partials/customer-row.html.mustache"
        #expect(result.errorLines.first?.hasPrefix("\(file):2:5: error: unknown variable \"nmae\"") == true)
        #expect(
            result.errorLines.dropFirst().first?.hasPrefix(
                "\(file):2:58: error: there is no template named \"partials/extra\"") == true)
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func aPageScriptThatXMLWouldReadDifferentlyIsExit1WithItsPlace() throws {
        let directory = try makeTemporaryDirectory()
        try "var rows = 3;\nif (rows < 5) { rows = 5; }\n".write(
            to: directory.appendingPathComponent("index.js"), atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("index.html")
        let result = try Binary.run(["samples/customers.csv", "--templates", directory.path, "-o", output.path])
        #expect(result.status == 1)
        #expect(
            result.errorLines.first
                == "\(directory.path)/index.js:2:10: error: the page script contains '<', which the XML check would read as a tag: write the comparison the other way round"
        )
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
