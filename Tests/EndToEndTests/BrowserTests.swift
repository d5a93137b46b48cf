import Foundation
import Testing

@Suite struct BrowserTests {
    /// Headless Chromium loads the index of hostile names, with the page script running: the links are all there
    /// and nothing from the data became an element or ran (the page's own script is the one script).
    @Test(ExternalTool.needed(ExternalTool.hasChromium, "needs headless Chromium; scripts/setup --test installs it"))
    func chromiumShowsEveryLinkAndRunsNothingFromTheData() throws {
        let directory = try makeTemporaryDirectory()
        let input = directory.appendingPathComponent("hostile.csv")
        try """
        Name,Tenant ID
        "<img src=x onerror=""document.title='pwned'"">",d13c513a-42f8-4da1-97b1-165f0971b7c4
        "<script>document.title='pwned'</script>",25abd89b-d67e-4d92-8a83-18174d645fa6
        "'><svg onload=""document.title='pwned'"">",cc9ff851-b6ab-4f1a-b79d-b4df2694e1f7
        Contoso,72488b81-0dfa-4e39-8727-d4dad921bf95

        """.write(to: input, atomically: true, encoding: .utf8)
        let index = directory.appendingPathComponent("index.html")
        #expect(try Binary.run([input.path, "-o", index.path]).status == 0)
        let browser = try Binary.run(
            ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", index.absoluteString],
            executable: URL(fileURLWithPath: "/usr/bin/chromium"))
        let dom = browser.standardOutput
        #expect(dom.contains("<title>Microsoft Defender portals of our customers</title>"))
        #expect(!dom.contains("pwned</title>"))
        #expect(dom.components(separatedBy: "<a ").count - 1 == 4 + 3 + 1 + 1)
        #expect(dom.components(separatedBy: "href=\"https://security.microsoft.com/?tid=").count - 1 == 4)
        #expect(!dom.contains("<img") && !dom.contains("<svg"))
        #expect(dom.components(separatedBy: "<script").count - 1 == 1)
        // The script ran: it showed the filter box and gave each tenant ID a copy button.
        #expect(!dom.contains("id=\"filter\" class=\"filter\" role=\"search\" hidden"))
        #expect(dom.components(separatedBy: "<button type=\"button\" class=\"copy\"").count - 1 == 4)
    }
}
