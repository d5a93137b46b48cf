import Testing

@testable import MSSPReport

/// URL templates: only https, a fixed host, known placeholders, and values that cannot leave their place.
@Suite struct URLTemplateTests {
    @Test(arguments: [
        ("http://x.example/{tenantId}", 0, "must start with https://"),
        ("https:///x", 8, "no host"),
        ("https://{initialDomain}.example/", 8, "cannot stand in the host"),
        ("https://user@x.example/{tenantId}", 12, "user name"),
        ("https://x.example/{tenantID}", 18, "unknown placeholder {tenantID}"),
        ("https://x.example/{column:}", 18, "unknown placeholder {column:}"),
        ("https://x.example/{tenantId", 18, "not closed"),
        ("https://x.example/a b/{tenantId}", 19, "not allowed in a URL"),
        ("https://x.example/\"/{tenantId}", 18, "not allowed in a URL"),
        ("https://x.example/}/{tenantId}", 18, "not allowed in a URL"),
        ("https://x.example/(a)/{tenantId}", 18, "not allowed in a URL"),
    ])
    func rejectsWhatIsNotAUsableURLAtItsOffset(_ text: String, _ offset: Int, _ message: String) {
        #expect(throws: URLTemplate.Problem.self) { try URLTemplate(text) }
        do {
            _ = try URLTemplate(text)
        } catch {
            #expect(error.offset == offset)
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func namesTheIdentifiersItNeedsInOrderOnce() throws {
        let template = try URLTemplate(
            "https://x.example/{defaultDomain}/{column:PSA id}?o={initialDomain}&t={tenantId}&again={defaultDomain}")
        #expect(template.identifiers == [.defaultDomain, .column("PSA id"), .initialDomain, .tenantID])
        #expect(template.origin == "https://x.example")
    }

    @Test func percentEncodesEverythingButTheUnreservedCharacters() {
        #expect(URLTemplate.percentEncoded("AZaz09-._~") == "AZaz09-._~")
        #expect(URLTemplate.percentEncoded("a b/c?d#e&f=g%h") == "a%20b%2Fc%3Fd%23e%26f%3Dg%25h")
        #expect(URLTemplate.percentEncoded("Müller") == "M%C3%BCller")
        #expect(URLTemplate.percentEncoded("@evil.example:443") == "%40evil.example%3A443")
    }

    @Test func aMissingValueGivesNoLink() throws {
        let template = try URLTemplate("https://x.example/{column:Doc}")
        #expect(template.url { _ in nil } == nil)
        #expect(template.url { _ in "" } == nil)
        #expect(template.url { _ in "//evil.example" } == "https://x.example/%2F%2Fevil.example")
    }

    @Test func aLinkKeepsItsOriginOnlyOnItsOwnHost() throws {
        let kind = LinkKind(
            id: "doc", title: "Doc", url: try URLTemplate("https://docs.example.com/{column:Doc}"), source: "",
            evidence: .own)
        #expect(kind.keepsOrigin("https://docs.example.com/x"))
        #expect(!kind.keepsOrigin("https://docs.example.com.evil.example/x"))
        #expect(!kind.keepsOrigin("https://docs.example.com@evil.example/x"))
        #expect(!kind.keepsOrigin("https://evil.example/"))
    }
}
