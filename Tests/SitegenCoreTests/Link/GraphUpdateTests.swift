import SitegenTestSupport
import Testing

@testable import SitegenLink
@testable import SitegenParse
@testable import SitegenResolve

/// Swapping one document's share of the graph in place must give the graph
/// a clean link of the changed content gives, list for list.
@Suite("Link: updating the graph in place")
struct GraphUpdateTests {
    private static let before: [String: String] = TestContent.cast.merging([
        "articles/a.md": TestContent.article(
            title: "A", date: "2025-02-13",
            body: """
                [[[Trump]] and [[Putin]] spoke of [[peace talks]]]{.event date=2025-02-12}.

                [“no deal yet”]{.quote by=putin about=peace-talks stance=against} said Putin, and [[Hegseth]] agreed.
                """),
        "articles/b.md": TestContent.article(
            title: "B", date: "2025-02-10",
            body: """
                [“talks will start”]{.quote by=trump about=peace-talks,nato-future stance=peace-talks:for} with [[Putin]].

                [[[Trump]] flew home]{.event}
                """),
        "articles/c.md": TestContent.article(
            title: "C", date: "2025-02-13", body: "[[Hegseth]] on [[The future of NATO]].\n"),
    ]) { _, new in new }

    /// The graph after replacing `slug`'s share with what `after` says of it.
    private func updated(_ slug: String, to after: String?) throws -> (SiteGraph, SiteGraph) {
        let old = try TestContent.pipeline(Self.before)
        var changed = Self.before
        changed["articles/\(slug).md"] = after
        let new = try TestContent.pipeline(changed)
        #expect(new.errors.isEmpty, "\(new.diagnostics)")
        var (graph, oldShares) = Linker().linkKeepingContributions(old.resolved)
        let (expected, newShares) = Linker().linkKeepingContributions(new.resolved)
        let ref = DocumentRef.article(slug)
        graph.replace(
            ref, old: oldShares[ref], new: newShares[ref],
            document: new.resolved.articleBodies.first { $0.source == ref },
            article: new.resolved.articles.first { $0.slug == slug })
        return (graph, expected)
    }

    private func expectSameLists(_ graph: SiteGraph, _ expected: SiteGraph) {
        #expect(graph.articles.map(\.slug) == expected.articles.map(\.slug))
        #expect(graph.statements == expected.statements)
        #expect(graph.statementsBySpeaker == expected.statementsBySpeaker)
        #expect(graph.quotesBySpeaker == expected.quotesBySpeaker)
        #expect(graph.claimsBySpeaker == expected.claimsBySpeaker)
        #expect(graph.statementsByTopic == expected.statementsByTopic)
        #expect(graph.statementsBySource == expected.statementsBySource)
        #expect(graph.orderedStatementIDs == expected.orderedStatementIDs)
        #expect(graph.mentions == expected.mentions)
        #expect(graph.mentionsBySource == expected.mentionsBySource)
        #expect(graph.mentionSources == expected.mentionSources)
        #expect(graph.quoteCount == expected.quoteCount)
        #expect(graph.quoteCounts == expected.quoteCounts)
        #expect(graph.quoteCountsBySource == expected.quoteCountsBySource)
        #expect(graph.mentionedWith == expected.mentionedWith)
        #expect(graph.topicsOfActor == expected.topicsOfActor)
        #expect(graph.actorsOfTopic == expected.actorsOfTopic)
        #expect(graph.topicsInvolving == expected.topicsInvolving)
        #expect(graph.articlesOf == expected.articlesOf)
        #expect(graph.stancesByTopic == expected.stancesByTopic)
        #expect(graph.stanceCounts == expected.stanceCounts)
        #expect(graph.timeline == expected.timeline)
        #expect(graph.eventsByEntity == expected.eventsByEntity)
        #expect(graph.eventsBySource == expected.eventsBySource)
        #expect(Set(graph.bodies.keys) == Set(expected.bodies.keys))
    }

    @Test func editingAnArticleGivesTheCleanGraph() throws {
        let (graph, expected) = try updated(
            "a",
            to: TestContent.article(
                title: "A", date: "2025-02-13",
                body: """
                    [[Trump]] spoke of [[peace talks]] with [[Hegseth]].

                    [“a deal is near”]{.quote by=putin about=nato-future} said Putin.
                    """))
        expectSameLists(graph, expected)
    }

    /// A quote made a claim moves from the speaker's quotes to its claims.
    @Test func turningAQuoteIntoAClaimMovesItBetweenTheSpeakersLists() throws {
        let (graph, expected) = try updated(
            "b",
            to: TestContent.article(
                title: "B", date: "2025-02-10",
                body: """
                    [talks will start]{.claim by=trump about=peace-talks,nato-future} with [[Putin]].

                    [“we are ready”]{.quote by=trump about=peace-talks} [[[Trump]] flew home]{.event}
                    """))
        expectSameLists(graph, expected)
        #expect(graph.quotesBySpeaker["donald-trump"]?.map(\.rawValue) == ["donald-trump-we-are-ready"])
        #expect(graph.claimsBySpeaker["donald-trump"]?.map(\.rawValue) == ["donald-trump-talks-will-start"])
        #expect(graph.quotesBySpeaker["vladimir-putin"]?.count == 1 && graph.claimsBySpeaker["vladimir-putin"] == nil)
    }

    @Test func movingAnArticleInTimeReordersEveryList() throws {
        let (graph, expected) = try updated(
            "b",
            to: TestContent.article(
                title: "B", date: "2025-03-01",
                body: """
                    [“talks will start”]{.quote by=trump about=peace-talks,nato-future stance=peace-talks:for} with [[Putin]].

                    [[[Trump]] flew home]{.event}
                    """))
        expectSameLists(graph, expected)
        #expect(graph.articles.first?.slug == "b")
        #expect(graph.timeline.last?.text == "Trump flew home", "an event on the article's date moves with it")
    }

    @Test func changingAnEventsDateGivesTheCleanGraph() throws {
        let (graph, expected) = try updated(
            "a",
            to: TestContent.article(
                title: "A", date: "2025-02-13",
                body: """
                    [[[Trump]] and [[Putin]] spoke of [[peace talks]]]{.event date=2025-02-09}.

                    [“no deal yet”]{.quote by=putin about=peace-talks stance=against} said Putin, and [[Hegseth]] agreed.
                    """))
        expectSameLists(graph, expected)
        #expect(graph.timeline.first?.date.iso == "2025-02-09")
    }

    @Test func addingAStanceAndADateGivesTheCleanGraph() throws {
        let (graph, expected) = try updated(
            "c",
            to: TestContent.article(
                title: "C", date: "2025-02-13",
                body: """
                    [[Hegseth]] on [[The future of NATO]].

                    [“talks first”]{.quote by=hegseth about=peace-talks,nato-future stance=mixed date=2025-02-01}
                    """))
        expectSameLists(graph, expected)
        #expect(graph.stancesByTopic["peace-talks"]?.first?.rawValue == "pete-hegseth-talks-first")
        #expect(graph.stanceCounts["nato-future"] == ["pete-hegseth": 1])
    }

    @Test func removingAnEventAndAStanceGivesTheCleanGraph() throws {
        let (graph, expected) = try updated(
            "a",
            to: TestContent.article(
                title: "A", date: "2025-02-13",
                body: """
                    [[Trump]] and [[Putin]] spoke of [[peace talks]].

                    [“no deal yet”]{.quote by=putin about=peace-talks} said Putin, and [[Hegseth]] agreed.
                    """))
        expectSameLists(graph, expected)
        #expect(graph.timeline.map(\.text) == ["Trump flew home"])
        #expect(graph.stanceCounts["peace-talks"] == ["donald-trump": 1])
        #expect(graph.eventsByEntity[.actor("vladimir-putin")] == nil)
    }

    @Test func addingAndDeletingArticlesGiveTheCleanGraph() throws {
        let (added, expectedAdded) = try updated(
            "d", to: TestContent.article(title: "D", date: "2025-02-11", body: "[[Putin]] and [[Trump]].\n"))
        expectSameLists(added, expectedAdded)
        let (deleted, expectedDeleted) = try updated("a", to: nil)
        expectSameLists(deleted, expectedDeleted)
        #expect(deleted.mentions[.actor("vladimir-putin")]?.contains { $0.source == .article("a") } == false)
        #expect(deleted.statement(StatementID("vladimir-putin-no-deal-yet")) == nil)
    }
}
