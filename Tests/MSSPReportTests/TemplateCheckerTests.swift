import Foundation
import Testing

@testable import MSSPReport

@Suite struct TemplateCheckerTests {
    func check(_ templates: [String: String], entry: String = "index.html") -> [Diagnostic] {
        var named: [String: TemplateChecker.Source] = [:]
        for (name, text) in templates { named[name] = TemplateChecker.Source(path: "t/\(name).mustache", text: text) }
        return TemplateChecker(sources: named).check(entry: entry)
    }

    @Test func theDefaultTemplatesUseOnlyKnownVariablesAndPartials() throws {
        let templates = try TemplateSet.defaults()
        #expect(templates.problems(for: .html) == [])
        #expect(templates.problems(for: .markdown) == [])
    }

    @Test func reportsAnUnknownVariableWithItsPlace() {
        let problems = check(["index.html": "<p>\n  {{titel}}</p>"])
        #expect(problems.count == 1)
        #expect(problems.first?.location == SourceLocation(file: "t/index.html.mustache", line: 2, column: 3))
        #expect(problems.first?.message.hasPrefix("unknown variable \"titel\"") == true)
    }

    @Test func resolvesNamesThroughSectionsAndPartials() {
        let problems = check([
            "index.html": "{{#customers}}{{> row}}{{/customers}}{{#summary}}{{customerCount}}{{title}}{{/summary}}",
            "row": "{{name}} {{portal.title}} {{#links}}{{#hasUrl}}{{url}} {{name}}{{/hasUrl}}{{/links}} {{.}}",
        ])
        #expect(problems == [])
    }

    @Test func reportsAVariableUsedOutsideItsSection() {
        let problems = check(["index.html": "{{name}}{{#customers}}{{name}}{{/customers}}{{tenantId}}"])
        #expect(
            problems.map { String($0.message.prefix(26)) } == [
                "unknown variable \"name\" (i", "unknown variable \"tenantId",
            ])
    }

    @Test func reportsAMissingPartial() {
        let problems = check(["index.html": "{{> partials/nope}}"])
        #expect(problems.first?.message.contains("no template named \"partials/nope\"") == true)
    }

    @Test func followsSetDelimiterTags() {
        #expect(
            check(["index.html": "{{=<% %>=}}<% title %><% nope %>"]).map { String($0.message.prefix(23)) } == [
                "unknown variable \"nope\""
            ])
    }

    @Test func theDocumentationListsExactlyTheSchemasVariables() throws {
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Templates/README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Variables").last)
        var documented = Set<String>()
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            documented.insert(String(line.dropFirst(3).prefix { $0 != "`" }))
        }
        var schema = Set<String>()
        var scopes = [TemplateSchema.root]
        var seen = Set<String>()
        while let scope = scopes.popLast() {
            guard seen.insert(scope.name).inserted else { continue }
            for (name, value) in scope.variables {
                schema.insert(name)
                if case .object(let inner) = value { scopes.append(inner) }
                if case .list(let inner) = value { scopes.append(inner) }
            }
        }
        #expect(documented == schema)
    }

    @Test func theViewsProvideEveryVariableOfTheSchema() {
        let customer = Customer(
            name: "A", tenantID: TenantID(high: 1, low: 2), domain: "a.example",
            location: SourceLocation(file: "f", line: 2, column: 1))
        let model = IndexBuilder(linkKinds: [LinkCatalog.extraLinks[0]], generatedOn: "2026-01-01")
            .build(customers: [customer], skippedCount: 0)
        let root = IndexView(model: model)
        for name in TemplateSchema.root.variables.keys { #expect(root.child(named: name) != nil, "\(name)") }
        let entry = root.customers[0]
        for name in TemplateSchema.customer.variables.keys { #expect(entry.child(named: name) != nil, "\(name)") }
        for name in TemplateSchema.entryLink.variables.keys {
            #expect(entry.links[0].child(named: name) != nil, "\(name)")
        }
        for name in TemplateSchema.linkKind.variables.keys { #expect(root.portal.child(named: name) != nil, "\(name)") }
        for name in TemplateSchema.summary.variables.keys {
            #expect(SummaryView(summary: model.summary).child(named: name) != nil, "\(name)")
        }
        for name in TemplateSchema.link.variables.keys {
            #expect(LinkView(link: model.sourceArticle).child(named: name) != nil, "\(name)")
        }
    }
}
