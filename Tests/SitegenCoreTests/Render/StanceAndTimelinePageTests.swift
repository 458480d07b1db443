import Foundation
import Testing

@testable import SitegenCore

/// What readers see of stances and events: a topic's "who stands where"
/// table, the home page's matrix, the timeline page and entity timelines.
@Suite("Render: stances and timelines")
struct StanceAndTimelinePageTests {
    static let files: [String: String] = TestContent.cast.merging([
        "articles/a.md": TestContent.article(
            title: "A", date: "2025-02-13",
            body: """
                [“we back talks”]{.quote by=hegseth about=peace-talks stance=for date=2025-02-10}

                Now [talks are a trap]{.claim by=hegseth about=peace-talks stance=against}.

                [“talks will work”]{.quote by=trump about=peace-talks,nato-future stance=for}

                [[[Trump]] called [[Putin]]]{.event date=2025-02-12 about=peace-talks}

                [The summit will meet]{.event date=2025-02-20 about=peace-talks}
                """),
        "articles/b.md": TestContent.article(
            title: "B", date: "2025-02-11",
            body: """
                [[[Hegseth]] flew to Brussels]{.event}

                [no talks]{.claim by=putin about=peace-talks stance=against}
                """),
    ]) { _, new in new }

    /// Builds `files` with the default theme; output-relative path → HTML.
    private func pages(_ files: [String: String] = Self.files) throws -> [String: String] {
        try TestContent.withContentFolder(files) { content in
            let output = content.deletingLastPathComponent().appendingPathComponent("public")
            _ = try SiteBuilder(options: .init(content: content, templates: TestContent.seedTemplates, output: output))
                .build().get()
            return TestContent.snapshot(output).filter { $0.key.hasSuffix(".html") }.mapValues {
                String(decoding: $0, as: UTF8.self)
            }
        }
    }

    private func rows(_ html: String) -> [String] {
        Array(html.components(separatedBy: "<tr id=\"stance-").dropFirst())
    }

    @Test func topicTableHasARowPerActorWithStatementsInDateOrder() throws {
        let html = try #require(try pages()["topics/peace-talks.html"])
        #expect(html.contains("<table class=\"stance-table\">") && html.contains("<caption>"))
        #expect(html.contains("<th scope=\"col\">Actor</th>"))
        // For first, then against; on one stance, by name.
        #expect(
            rows(html).map { String($0.prefix { $0 != "\"" }) } == ["donald-trump", "pete-hegseth", "vladimir-putin"])
        let hegseth = try #require(rows(html).first { $0.hasPrefix("pete-hegseth") })
        #expect(hegseth.contains(#"<th scope="row"><a href="../actors/pete-hegseth.html">Pete Hegseth</a></th>"#))
        // The change of position, as words as well as arrows and colour.
        let trail = try #require(
            hegseth.components(separatedBy: "<td class=\"stance-trail\">").last?.components(
                separatedBy: "</td>"
            ).first)
        #expect(trail.contains("> For</span>") && trail.contains("> Against</span>"))
        #expect(trail.range(of: "For")!.lowerBound < trail.range(of: "Against")!.lowerBound)
        #expect(trail.contains(", then "), "screen readers hear the change")
        // Evidence oldest first: the quote dated 10 February before the claim of the 13th.
        let words = try #require(hegseth.range(of: "we back talks")?.lowerBound)
        let trap = try #require(hegseth.range(of: "talks are a trap")?.lowerBound)
        #expect(words < trap)
        #expect(hegseth.contains(#"<time datetime="2025-02-10">10 February 2025</time>"#))
        #expect(hegseth.contains(#"href="../quotes/pete-hegseth-we-back-talks.html""#))
        #expect(hegseth.contains(#"href="../articles/a.html#p-2""#), "a claim links to its paragraph")
    }

    @Test func statementItemsSayTheirStance() throws {
        let html = try #require(try pages()["quotes/donald-trump-talks-will-work.html"])
        #expect(
            html.contains(
                #"<span class="stance stance-for"><span class="stance-symbol" aria-hidden="true">+</span> For</span>"#))
    }

    @Test func homeMatrixCellsLinkToTheRowsOfTopicTables() throws {
        let site = try pages()
        let home = try #require(site["index.html"])
        let matrix = try #require(
            home.components(separatedBy: "<table class=\"stance-matrix\">").dropFirst().first?.components(
                separatedBy: "</table>"
            ).first)
        #expect(matrix.contains("<caption>"))
        #expect(matrix.contains(#"<th scope="col"><a href="topics/peace-talks.html">Peace negotiations</a></th>"#))
        #expect(matrix.contains(#"<th scope="row"><a href="actors/pete-hegseth.html">Pete Hegseth</a></th>"#))
        // Hegseth has no stance on NATO's future: said in words, not left blank.
        #expect(matrix.contains("no stance recorded"))
        let links = TestContent.captures(#"class="stance-cell" href="([^"]+)""#, in: matrix)
        #expect(links.count == 4, "Trump on both topics, Hegseth and Putin on peace talks: \(links)")
        #expect(links.contains("topics/peace-talks.html#stance-pete-hegseth"))
        for link in links {
            let parts = link.split(separator: "#").map(String.init)
            let page = try #require(site[parts[0]], "\(parts[0]) exists")
            #expect(page.contains("id=\"\(parts[1])\""), "\(link) lands on a row")
        }
        // Hegseth's cell shows the change too.
        let hegsethRow = try #require(matrix.components(separatedBy: "<tr>").first { $0.contains("pete-hegseth.html") })
        #expect(hegsethRow.contains("For") && hegsethRow.contains("Against"))
    }

    @Test func timelineListsEventsInDateOrderLinkedToTheirParagraphs() throws {
        let site = try pages()
        let timeline = try #require(site["timeline.html"])
        let days = TestContent.captures(#"<h2 id="day-([0-9-]+)">"#, in: timeline)
        #expect(days == ["2025-02-11", "2025-02-12", "2025-02-20"])
        let sources = TestContent.captures(#"class="event-source" href="([^"]+)""#, in: timeline)
        #expect(sources == ["articles/b.html#p-1", "articles/a.html#p-4", "articles/a.html#p-5"])
        for source in sources {
            let parts = source.split(separator: "#").map(String.init)
            let article = try #require(site[parts[0]])
            let paragraph = try #require(
                article.components(separatedBy: "id=\"\(parts[1])\"").dropFirst().first?.components(
                    separatedBy: "</p>"
                ).first)
            #expect(paragraph.contains("class=\"event\""), "\(source) holds the event")
        }
        // Who was involved: by the links in the words, and about=.
        let call = try #require(
            timeline.components(separatedBy: "<li class=\"event-item").first { $0.contains("called") })
        #expect(call.contains(#"class="chip chip-person" href="actors/vladimir-putin.html""#))
        #expect(call.contains(#"class="chip chip-topic" href="topics/peace-talks.html""#))
        // An event after its article's date was still to come.
        let summit = try #require(timeline.components(separatedBy: "<li class=\"event-item").last)
        #expect(summit.hasPrefix(" event-upcoming") && summit.contains("Expected"))
        #expect(summit.contains("as reported on <time datetime=\"2025-02-13\">"))
        #expect(timeline.contains(#"<a href="timeline.html" aria-current="page">Timeline</a>"#))
    }

    @Test func entityPagesShowTheirOwnEvents() throws {
        let site = try pages()
        let trump = try #require(site["actors/donald-trump.html"])
        let trumpEvents = TestContent.captures(#"class="event-source" href="([^"]+)""#, in: trump)
        #expect(trumpEvents == ["../articles/a.html#p-4"])
        let topic = try #require(site["topics/peace-talks.html"])
        let topicEvents = TestContent.captures(#"class="event-source" href="([^"]+)""#, in: topic)
        #expect(topicEvents == ["../articles/a.html#p-4", "../articles/a.html#p-5"])
        #expect(!(try #require(site["actors/united-states.html"])).contains("class=\"timeline\""))
    }

    @Test func eventWordsStartWithACapital() throws {
        let nodes = [MarkdownNode(.emphasis, children: [MarkdownNode(.text("he said"))]), MarkdownNode(.text(" no"))]
        let capitalised = ViewModels.capitalised(nodes)
        #expect(capitalised.map(\.plainText) == ["He said", " no"])
    }

    @Test func aSiteWithoutEventsHasAnEmptyTimelineAndNoMatrix() throws {
        let site = try pages(
            TestContent.cast.merging([
                "articles/a.md": TestContent.article(body: "[“hello”]{.quote by=hegseth about=peace-talks}\n")
            ]) { _, new in new })
        #expect(try #require(site["timeline.html"]).contains("No events are marked yet"))
        let home = try #require(site["index.html"])
        #expect(!home.contains("stance-matrix") && !home.contains("Latest events"))
    }
}
