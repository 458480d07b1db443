import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenPlan
@testable import SitegenRender

@Suite("Quote index")
struct QuoteIndexTests {
    /// 55 speakers: speaker 1 quoted 55 times, 2 to 50 twice, 51 to 55
    /// once. The 50 most quoted get their newest quotes, the rest a line each.
    @Test func showsTheMostQuotedSpeakersInFullAndTheRestAsLines() throws {
        var files: [String: String] = ["topics/talks.md": TestContent.topic(title: "Talks")]
        var body = ""
        for speaker in 1...55 {
            files["actors/speaker-\(speaker).md"] = TestContent.actor(name: "Speaker \(speaker)")
            for quote in 1...(speaker == 1 ? 55 : speaker <= 50 ? 2 : 1) {
                body += "[“words number \(quote) of speaker \(speaker)”]{.quote by=speaker-\(speaker) about=talks}\n\n"
            }
        }
        files["articles/a.md"] = TestContent.article(body: body)
        let site = try RenderFixture(files)
        let index = try site.view(.quoteIndex, at: PagePlan.quoteIndex, as: QuoteIndexPage.self)
        let grouped = index.quoteGroups.compactMap(\.speaker.slug)
        #expect(grouped.count == 50)
        #expect(grouped.first == "speaker-1" && grouped.contains("speaker-50"), "the 50 most quoted have a group")
        #expect(!grouped.contains("speaker-51"), "the rest a line instead")
        // Speaker 1 has 55 quotes: their newest five, and a link to the newest archive page.
        let first = index.quoteGroups[0]
        #expect(first.count == 55 && first.hasMore == true && first.statements.count == 5)
        #expect(first.allURL == "actors/speaker-1--quotes-2.html")
        #expect(index.quoteGroups[1].hasMore == false)
        let others = index.otherSpeakers
        #expect(others.map(\.name) == (51...55).map { "Speaker \($0)" })
        #expect(others.map(\.count) == Array(repeating: "1 quote", count: 5))
        #expect(others[2].url == "actors/speaker-53.html#quotes-title", "no archive: the quotes on their page")

        let html = site.html(.quoteIndex, at: PagePlan.quoteIndex)
        #expect(html.contains("Everyone else quoted"))
        #expect(
            html.contains(
                #"<a href="actors/speaker-53.html#quotes-title">Speaker 53</a> <span class="count">1 quote</span>"#))
        #expect(html.components(separatedBy: "class=\"speaker-group\"").count - 1 == 50)
    }
}
