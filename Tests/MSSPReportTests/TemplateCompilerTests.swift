import Foundation
import Testing

@testable import MSSPReport

@Suite struct TemplateCompilerTests {
    func check(_ templates: [String: String], entry: String = "index.html") -> [Diagnostic] {
        do {
            let set = try TemplateSet(
                sources: templates.map { ("\($0.key).mustache", "t/\($0.key).mustache", $0.value) })
            return set.problems(entry: entry)
        } catch {
            guard case .templateInvalid(let problems) = error else { return [] }
            return problems
        }
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

    @Test func theDataProvidesEveryVariableOfTheSchema() {
        let customer = Customer(
            name: "A", tenantID: TenantID(high: 1, low: 2), domain: "a.example",
            otherFields: [
                .init(key: "Tags", field: RecordField("a-alias", at: SourceLocation(file: "f", line: 2, column: 9)))
            ],
            location: SourceLocation(file: "f", line: 2, column: 1))
        let model = IndexBuilder(linkKinds: [LinkCatalog.builtIn.links[0]], generatedOn: "2026-01-01")
            .build(
                customers: CustomerList([customer]), skippedCount: 1,
                access: AccessReport(
                    asOf: CalendarDay(number: 20_000), expiringWithin: 30, source: "r.json", usesAssignments: true,
                    states: [
                        CustomerAccess(
                            state: .pending, text: "Pending the customer's approval", roles: "Security Reader (read)",
                            approvalURL: AccessEvaluator.approvalURL(relationshipID: "r-1"))
                    ]))
        let frames: [(TemplateSchema.Scope, TemplateFrame)] = [
            (TemplateSchema.access, .access), (TemplateSchema.accessCount, .accessCount(0)),
            (TemplateSchema.customerAccess, .customerAccess(customer: 0)),
            (TemplateSchema.root, .index), (TemplateSchema.customer, .customer(0)),
            (TemplateSchema.entryLink, .entryLink(customer: 0, kind: 0)), (TemplateSchema.linkKind, .portal),
            (TemplateSchema.linkKind, .linkKind(0)), (TemplateSchema.summary, .summary),
            (TemplateSchema.link, .sourceArticle), (TemplateSchema.link, .relatedTopic(0)),
            (TemplateSchema.group, .group(0)), (TemplateSchema.script, .script),
        ]
        TemplateData.with(model, script: .builtIn) { data in
            for (scope, frame) in frames {
                for name in scope.variables.keys {
                    let key = TemplateKey(rawValue: name)
                    #expect(key != nil, "\(name) has no TemplateKey")
                    if let key, case .missing = data.value(key, in: frame) {
                        Issue.record("\(scope.name) has no value for \(name)")
                    }
                }
            }
        }
    }
}
