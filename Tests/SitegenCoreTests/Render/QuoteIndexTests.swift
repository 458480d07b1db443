import Foundation
import Testing

@testable import SitegenCore

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
        try TestContent.withTemporaryDirectory { root in
            for (path, text) in files {
                let url = root.appendingPathComponent("Content/\(path)")
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            let output = root.appendingPathComponent("public")
            _ = try SiteBuilder(
                options: .init(
                    content: root.appendingPathComponent("Content"), templates: TestContent.seedTemplates,
                    output: output)
            ).build().get()
            let html = try String(contentsOf: output.appendingPathComponent("quotes.html"), encoding: .utf8)
            #expect(html.components(separatedBy: "class=\"speaker-group\"").count - 1 == 50)
            #expect(html.contains("id=\"quotes-speaker-50\""), "the 50 most quoted have a group")
            #expect(!html.contains("id=\"quotes-speaker-51\""), "the rest a line instead")
            #expect(html.contains("Everyone else quoted"))
            #expect(
                html.contains(
                    #"<a href="actors/speaker-53.html#quotes-title">Speaker 53</a> <span class="count">1 quote</span>"#)
            )
            // Speaker 1 has 55 quotes: the link goes to the newest archive page.
            #expect(html.contains(#"href="actors/speaker-1--quotes-2.html">All 55 quotes"#))
        }
    }
}
