import Testing

@testable import MSSPReport

@Suite struct TenantIDTests {
    @Test func parsesHyphenatedGUIDInAnyCase() throws {
        let lower = try #require(TenantID.parse("d13c513a-42f8-4da1-97b1-165f0971b7c4"))
        let upper = try #require(TenantID.parse("D13C513A-42F8-4DA1-97B1-165F0971B7C4"))
        #expect(lower.id == upper.id)
        #expect(lower.form == .hyphenated)
        #expect(upper.id.description == "d13c513a-42f8-4da1-97b1-165f0971b7c4")
    }

    @Test func trimsSurroundingWhitespace() throws {
        let parsed = try #require(TenantID.parse("  \td13c513a-42f8-4da1-97b1-165f0971b7c4 \r\n"))
        #expect(parsed.id.description == "d13c513a-42f8-4da1-97b1-165f0971b7c4")
    }

    @Test func acceptsBracedAndUnhyphenatedFormsAndSaysSo() throws {
        let braced = try #require(TenantID.parse("{D13C513A-42F8-4DA1-97B1-165F0971B7C4}"))
        #expect(braced.form == .braced)
        #expect(braced.id.description == "d13c513a-42f8-4da1-97b1-165f0971b7c4")
        let bare = try #require(TenantID.parse("d13c513a42f84da197b1165f0971b7c4"))
        #expect(bare.form == .unhyphenated)
        #expect(bare.id == braced.id)
    }

    @Test(arguments: [
        "", "8f3c-11", "d13c513a-42f8-4da1-97b1-165f0971b7c", "d13c513a-42f8-4da1-97b1-165f0971b7c44",
        "d13c513a_42f8_4da1_97b1_165f0971b7c4", "g13c513a-42f8-4da1-97b1-165f0971b7c4",
        "{d13c513a42f84da197b1165f0971b7c4}", "d13c513a-42f8-4da1-97b1-165f0971b7c4}", "contoso.onmicrosoft.com",
        "d13c513a-42f84-da1-97b1-165f0971b7c4",
    ])
    func rejectsAnythingElse(_ text: String) {
        #expect(TenantID.parse(text) == nil)
    }

    @Test func knowsThePlaceholderAndThePersonalAccountTenant() throws {
        #expect(try #require(TenantID.parse("00000000-0000-0000-0000-000000000000")).id == .placeholder)
        #expect(try #require(TenantID.parse("9188040D-6C67-4C5B-B112-36A304B66DAD")).id == .personalAccounts)
        #expect(TenantID.personalAccounts.description == "9188040d-6c67-4c5b-b112-36a304b66dad")
    }
}
