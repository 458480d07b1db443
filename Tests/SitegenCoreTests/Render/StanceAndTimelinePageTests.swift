import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore
@testable import SitegenParse
@testable import SitegenPlan
@testable import SitegenRender
@testable import SitegenResolve

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

    private func fixture(_ files: [String: String] = Self.files) throws -> RenderFixture {
        try RenderFixture(files)
    }

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

    private func topicPage(_ site: RenderFixture) throws -> TopicPage {
        try site.view(.topic("peace-talks"), at: PagePlan.topic("peace-talks"))
    }

    @Test func topicTableHasARowPerActorWithStatementsInDateOrder() throws {
        let rows = try topicPage(fixture()).stanceRows
        // For first, then against; on one stance, by name.
        #expect(rows.map(\.anchor) == ["stance-donald-trump", "stance-pete-hegseth", "stance-vladimir-putin"])
        let hegseth = try #require(rows.first { $0.actor.slug == "pete-hegseth" })
        #expect(hegseth.actor.name == "Pete Hegseth" && hegseth.actor.url == "../actors/pete-hegseth.html")
        // The change of position, step by step.
        #expect(hegseth.trail.map(\.stance) == [.for, .against])
        #expect(hegseth.trail.map(\.isFirst) == [true, false] && !hegseth.trail[0].hasBefore)
        // Evidence oldest first: the quote dated 10 February before the claim of the 13th.
        #expect(hegseth.evidence.map(\.kind) == [.quote, .claim])
        #expect(hegseth.evidence[0].words.html.contains("we back talks"))
        #expect(hegseth.evidence[1].words.html.contains("talks are a trap"))
        #expect(hegseth.evidence[0].date?.iso == "2025-02-10")
        #expect(hegseth.evidence[0].quoteURL == "../quotes/pete-hegseth-we-back-talks.html")
        #expect(hegseth.evidence[1].quoteURL == "", "a claim has no page of its own")
        #expect(hegseth.evidence[1].sourceURL == "../articles/a.html#p-2", "a claim links to its paragraph")
        #expect(hegseth.earlierCount == 0 && hegseth.child(named: "has_earlier") as? Bool == false)
    }

    @Test func aLongTrailKeepsItsLatestChanges() {
        let trail = ViewModels.trail([.for, .for, .against, .mixed, .for, .neutral, .against], limit: 4)
        #expect(trail.map(\.stance) == [.mixed, .for, .neutral, .against], "repeats collapsed, the last four kept")
        #expect(trail.map(\.isFirst) == [true, false, false, false])
        #expect(trail[0].hasBefore, "older changes are left out")
        #expect(!ViewModels.trail([.for, .against], limit: 4)[0].hasBefore)
    }

    @Test func theStanceTableReadsAsWordsInHTML() throws {
        let html = try #require(try pages()["topics/peace-talks.html"])
        #expect(html.contains("<table class=\"stance-table\">") && html.contains("<caption>"))
        let hegseth = try #require(html.components(separatedBy: "<tr id=\"stance-pete-hegseth\">").last)
        let trail = try #require(
            hegseth.components(separatedBy: "<td class=\"stance-trail\">").dropFirst().first?.components(
                separatedBy: "</td>"
            ).first)
        #expect(trail.contains("> For</span>") && trail.contains("> Against</span>"))
        #expect(trail.contains(", then "), "screen readers hear the change")
    }

    @Test func statementItemsSayTheirStance() throws {
        let site = try fixture()
        let id = StatementID("donald-trump-talks-will-work")
        let quote = try site.view(.quote(id), at: PagePlan.quote(id), as: QuotePage.self)
        let topics = quote.statement.topics
        #expect(topics.map(\.topic.slug) == ["peace-talks", "nato-future"])
        #expect(topics.map(\.stance) == [.for, .for])
        #expect(topics[0].child(named: "stance_label") as? String == "For")
        #expect(topics[0].child(named: "stance_symbol") as? String == "+")
        // A topic without a stance still answers has_stance, lest Mustache
        // look it up in the statement around it.
        let hegseth = StatementTopic(topic: topics[0].topic, stance: nil)
        #expect(hegseth.child(named: "has_stance") as? Bool == false)
        #expect(hegseth.child(named: "stance") == nil)
    }

    @Test func homeMatrixCellsLinkToTheRowsOfTopicTables() throws {
        let site = try fixture()
        let matrix = try site.view(.home, at: PagePlan.home, as: HomePage.self).matrix
        #expect(matrix.topics.map(\.title) == ["Peace negotiations", "The future of NATO"])
        #expect(matrix.topics[0].url == "topics/peace-talks.html")
        let rows = Dictionary(uniqueKeysWithValues: matrix.rows.map { ($0.actor.slug ?? "", $0.cells) })
        #expect(Set(rows.keys) == ["donald-trump", "pete-hegseth", "vladimir-putin"])
        // Hegseth has no stance on NATO's future: an empty cell.
        let hegseth = try #require(rows["pete-hegseth"])
        #expect(hegseth.map(\.trail.isEmpty) == [false, true])
        #expect(hegseth[0].trail.map(\.stance) == [.for, .against], "the cell shows the change too")
        #expect(hegseth[0].url == "topics/peace-talks.html#stance-pete-hegseth")
        #expect(rows["donald-trump"]?.map(\.trail.isEmpty) == [false, false])
        // Each link lands on a row of its topic's table.
        for cell in matrix.rows.flatMap(\.cells) where !cell.trail.isEmpty {
            let parts = cell.url.split(separator: "#").map(String.init)
            let slug = try #require(matrix.topics.first { $0.url == parts[0] }?.slug)
            let topic = try site.view(.topic(slug), at: PagePlan.topic(slug), as: TopicPage.self)
            #expect(topic.stanceRows.map(\.anchor).contains(parts[1]), "\(cell.url)")
        }
    }

    @Test func timelineListsEventsInDateOrderLinkedToTheirParagraphs() throws {
        let site = try fixture()
        let timeline = try site.view(.timeline, at: PagePlan.timeline, as: TimelinePage.self)
        #expect(timeline.days.map(\.date.iso) == ["2025-02-11", "2025-02-12", "2025-02-20"])
        let events = timeline.days.flatMap(\.events)
        #expect(events.map(\.sourceURL) == ["articles/b.html#p-1", "articles/a.html#p-4", "articles/a.html#p-5"])
        #expect(timeline.eventCount == 3)
        // Who was involved: by the links in the words, and about=.
        let call = events[1]
        #expect(Set(call.actors.compactMap(\.slug)) == ["donald-trump", "vladimir-putin"])
        let putin = try #require(call.actors.first { $0.slug == "vladimir-putin" })
        #expect(putin.url == "actors/vladimir-putin.html" && putin.kind == "person")
        #expect(call.topics.map(\.url) == ["topics/peace-talks.html"])
        // An event after its article's date was still to come.
        let summit = events[2]
        #expect(summit.reported?.iso == "2025-02-13" && summit.child(named: "is_upcoming") as? Bool == true)
        #expect(call.reported == nil && call.child(named: "is_upcoming") as? Bool == false)
        #expect(timeline.layout.nav.first { $0.current }?.label == "Timeline")
    }

    @Test func theTimelinePageShowsUpcomingEventsInWords() throws {
        let timeline = try #require(try pages()["timeline.html"])
        let summit = try #require(timeline.components(separatedBy: "<li class=\"event-item").last)
        #expect(summit.hasPrefix(" event-upcoming") && summit.contains("Expected"))
        #expect(summit.contains("as reported on <time datetime=\"2025-02-13\">"))
        // Each event links to the paragraph that holds it.
        let article = try #require(try pages()["articles/a.html"])
        let paragraph = try #require(
            article.components(separatedBy: "id=\"p-4\"").dropFirst().first?.components(separatedBy: "</p>").first)
        #expect(paragraph.contains("class=\"event\""))
    }

    @Test func entityPagesShowTheirOwnEvents() throws {
        let site = try fixture()
        let trump = try site.view(.actor("donald-trump"), at: PagePlan.actor("donald-trump"), as: ActorPage.self)
        #expect(trump.timeline.events.map(\.sourceURL) == ["../articles/a.html#p-4"])
        #expect(trump.timeline.earlierCount == 0 && trump.timeline.timelineURL == "../timeline.html")
        let topic = try topicPage(site)
        #expect(topic.timeline.events.map(\.sourceURL) == ["../articles/a.html#p-4", "../articles/a.html#p-5"])
        let country = try site.view(.actor("united-states"), at: PagePlan.actor("united-states"), as: ActorPage.self)
        #expect(country.timeline.events.isEmpty && country.child(named: "has_events") as? Bool == false)
    }

    @Test func eventWordsStartWithACapital() throws {
        let nodes = [MarkdownNode(.emphasis, children: [MarkdownNode(.text("he said"))]), MarkdownNode(.text(" no"))]
        let capitalised = ViewModels.capitalised(nodes)
        #expect(capitalised.map(\.plainText) == ["He said", " no"])
    }

    @Test func aSiteWithoutEventsHasAnEmptyTimelineAndNoMatrix() throws {
        let files = TestContent.cast.merging([
            "articles/a.md": TestContent.article(body: "[“hello”]{.quote by=hegseth about=peace-talks}\n")
        ]) { _, new in new }
        let site = try fixture(files)
        #expect(try site.view(.timeline, at: PagePlan.timeline, as: TimelinePage.self).days.isEmpty)
        let home = try site.view(.home, at: PagePlan.home, as: HomePage.self)
        #expect(home.matrix.rows.isEmpty && home.child(named: "has_matrix") as? Bool == false)
        #expect(home.latestEvents.isEmpty && home.child(named: "has_latest_events") as? Bool == false)
        #expect(site.html(.timeline, at: PagePlan.timeline).contains("No events are marked yet"))
    }
}
