import SitegenTestSupport
import Testing

@testable import SitegenLink
@testable import SitegenResolve

/// Dates, stances and events in the graph: statements inherit their
/// article's date unless they set one, stances and events are kept in the
/// order things were said and happened, and an event involves its `by=`,
/// `about=` and whatever its words link to or quote.
@Suite("Linker: dates, stances and events")
struct StanceAndEventLinkTests {
    static let files: [String: String] = TestContent.cast.merging([
        "articles/a.md": TestContent.article(
            title: "A", date: "2025-02-13",
            body: """
                [“we back talks”]{.quote by=hegseth about=peace-talks stance=for}

                [[he said no on Monday]{.claim by=hegseth about=peace-talks stance=against date=2025-02-10}]{.event date=2025-02-10}

                [[[Trump]] called [[Putin]]]{.event about=nato-future}
                """),
        "articles/b.md": TestContent.article(
            title: "B", date: "2025-02-11",
            body: """
                [“talks are good”]{.quote by=trump about=peace-talks,nato-future stance=peace-talks:for}

                [A summit was held]{.event date=2025-02-12 by=trump}
                """),
    ]) { _, new in new }

    private func graph() throws -> SiteGraph {
        let pipeline = try TestContent.pipeline(Self.files)
        #expect(pipeline.errors.isEmpty, "\(pipeline.diagnostics)")
        return pipeline.graph
    }

    @Test func statementsInheritTheArticleDateUnlessTheySetOne() throws {
        let graph = try graph()
        let quote = try #require(graph.statement(StatementID("pete-hegseth-we-back-talks")))
        let claim = try #require(graph.statement(StatementID("pete-hegseth-he-said-no-on-monday")))
        #expect(quote.date?.iso == "2025-02-13")
        #expect(claim.date?.iso == "2025-02-10")
        #expect(claim.articleDate?.iso == "2025-02-13", "the article's date still places it in site order")
        // Site order is the articles' order: date= does not move a statement there.
        #expect(
            graph.statementsBySpeaker["pete-hegseth"]?.map(\.rawValue) == [
                "pete-hegseth-we-back-talks", "pete-hegseth-he-said-no-on-monday",
            ])
    }

    @Test func stancesAreKeptPerTopicInDateOrder() throws {
        let graph = try graph()
        #expect(
            graph.stancesByTopic["peace-talks"]?.map(\.rawValue) == [
                "pete-hegseth-he-said-no-on-monday", "donald-trump-talks-are-good", "pete-hegseth-we-back-talks",
            ])
        #expect(graph.stancesByTopic["nato-future"] == nil, "Trump's quote takes no stance on it")
        #expect(graph.stanceCounts == ["peace-talks": ["pete-hegseth": 2, "donald-trump": 1]])
        #expect(graph.statement(StatementID("donald-trump-talks-are-good"))?.stances == ["peace-talks": .for])
    }

    @Test func eventsAreInDateOrderWithWhoAndWhatTheyInvolve() throws {
        let graph = try graph()
        #expect(graph.timeline.map(\.text) == ["he said no on Monday", "A summit was held", "Trump called Putin"])
        #expect(graph.timeline.map(\.date.iso) == ["2025-02-10", "2025-02-12", "2025-02-13"])
        let (monday, summit, call) = (graph.timeline[0], graph.timeline[1], graph.timeline[2])
        // The claim inside the event brings its speaker and topics.
        #expect(monday.actors == ["pete-hegseth"] && monday.topics == ["peace-talks"])
        #expect(summit.actors == ["donald-trump"] && summit.topics.isEmpty)
        #expect(call.actors == ["donald-trump", "vladimir-putin"] && call.topics == ["nato-future"])
        #expect(call.articleDate?.iso == "2025-02-13" && call.date.iso == "2025-02-13", "no date= is the article's")
        #expect((call.source, call.anchor) == (.article("a"), "p-3"))
        #expect(
            graph.eventsByEntity[.actor("donald-trump")]?.map(\.text) == ["A summit was held", "Trump called Putin"])
        #expect(graph.eventsByEntity[.topic("peace-talks")]?.map(\.text) == ["he said no on Monday"])
        #expect(graph.eventsBySource[.article("a")]?.map(\.text) == ["he said no on Monday", "Trump called Putin"])
        #expect(graph.articlesOf[.topic("nato-future")]?.contains("a") == true, "an event's about= is what it is about")
    }

    @Test func eventsInActorAndTopicBodiesTakeTheirOwnDate() throws {
        var files = Self.files
        files["topics/nato-future.md"] = TestContent.topic(
            title: "The future of NATO", body: "\n[Allies met in The Hague]{.event date=2025-06-24}\n")
        let pipeline = try TestContent.pipeline(files)
        #expect(pipeline.errors.isEmpty, "\(pipeline.diagnostics)")
        let last = try #require(pipeline.graph.timeline.last)
        #expect(last.text == "Allies met in The Hague" && last.date.iso == "2025-06-24" && last.articleDate == nil)
        #expect(last.topics == ["nato-future"], "an event in a topic's own body is about it")
    }
}
