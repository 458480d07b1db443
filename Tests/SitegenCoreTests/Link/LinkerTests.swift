import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenLink
@testable import SitegenResolve

@Suite("Linker")
struct LinkerTests {
    static let body = """
        Yesterday [[Hegseth]] met [[Trump]] in Brussels. Then he left.

        [[Trump]] and [[Hegseth]] spoke again.

        [[Hegseth]] called [[Putin]]. [“Not a betrayal”]{.quote by=hegseth about=peace-talks}

        [announced talks]{.claim by=trump about=peace-talks,nato-future}

        """

    private func graph(extra: [String: String] = [:]) throws -> SiteGraph {
        var files = TestContent.cast
        files["articles/a.md"] = TestContent.article(title: "A", date: "2025-02-13", body: Self.body)
        files["actors/vladimir-putin.md"] = TestContent.actor(
            name: "Vladimir Putin", aliases: ["Putin"], body: "Putin met [[Trump]] in Alaska.\n")
        files.merge(extra) { _, new in new }
        let pipeline = try TestContent.pipeline(files)
        #expect(pipeline.errors.isEmpty, "\(pipeline.diagnostics)")
        return pipeline.graph
    }

    private func ids(_ graph: SiteGraph, _ ids: [StatementID]?) -> [String] {
        (ids ?? []).map(\.rawValue)
    }

    @Test func mentionsAreRecordedPerEntityWithContext() throws {
        let graph = try graph()
        let mentions = graph.mentions[.actor("pete-hegseth")] ?? []
        #expect(mentions.map(\.anchor) == ["p-1", "p-2", "p-3"])
        #expect(mentions.allSatisfy { $0.source == .article("a") && $0.entity == .actor("pete-hegseth") })
        let first = try #require(mentions.first)
        #expect(first.context.before == "Yesterday ")
        #expect(first.context.text == "Hegseth")
        #expect(first.context.after == " met Trump in Brussels.")
    }

    @Test func mentionsIncludeActorAndTopicBodies() throws {
        let graph = try graph()
        let trump = graph.mentions[.actor("donald-trump")] ?? []
        #expect(trump.contains { $0.source == .actor("vladimir-putin") && $0.anchor == "p-1" })
        #expect(trump.filter { $0.source == .article("a") }.map(\.anchor) == ["p-1", "p-2"])
        // Being the speaker of a statement is not an entity-link mention.
        #expect(graph.mentions[.topic("peace-talks")] == nil)
    }

    /// The speaker and the topics of a statement are named in its own
    /// sentence; their pages show that sentence with the statement.
    @Test func mentionsInsideTheirEntitysOwnStatementAreMarked() throws {
        let graph = try graph(extra: [
            "articles/b.md": TestContent.article(
                title: "B", date: "2025-02-14",
                body: """
                    [[Hegseth]] said [“we back talks”]{.quote by=hegseth about=peace-talks} on [[peace talks]] to [[Putin]].

                    [[Hegseth]] left. [[Trump]] said [“no deal”]{.quote by=trump about=peace-talks} after.

                    """)
        ])
        func marks(_ entity: EntityID) -> [String] {
            (graph.mentions[entity] ?? []).filter { $0.source == .article("b") }.map {
                "\($0.anchor):\($0.insideOwnStatement)"
            }
        }
        #expect(marks(.actor("pete-hegseth")) == ["p-1:true", "p-2:false"], "the speaker, then another sentence")
        #expect(marks(.topic("peace-talks")) == ["p-1:true"], "a topic of the statement")
        #expect(marks(.actor("vladimir-putin")) == ["p-1:false"], "named beside a statement that is not his")
        #expect(marks(.actor("donald-trump")) == ["p-2:true"])
        #expect(
            (graph.mentions[.actor("pete-hegseth")] ?? []).filter { $0.source == .article("a") }.allSatisfy {
                !$0.insideOwnStatement
            }, "his quote in A stands in a sentence of its own")
    }

    @Test func statementsBySpeakerAndByTopic() throws {
        let graph = try graph()
        #expect(graph.statements.count == 2)
        #expect(ids(graph, graph.statementsBySpeaker["pete-hegseth"]) == ["pete-hegseth-not-a-betrayal"])
        #expect(ids(graph, graph.statementsBySpeaker["donald-trump"]) == ["donald-trump-announced-talks"])
        #expect(graph.statementsBySpeaker["vladimir-putin"] == nil)
        #expect(ids(graph, graph.quotesBySpeaker["pete-hegseth"]) == ["pete-hegseth-not-a-betrayal"])
        #expect(graph.claimsBySpeaker["pete-hegseth"] == nil, "no empty lists")
        #expect(ids(graph, graph.claimsBySpeaker["donald-trump"]) == ["donald-trump-announced-talks"])
        #expect(graph.quotesBySpeaker["donald-trump"] == nil)
        #expect(
            ids(graph, graph.statementsByTopic["peace-talks"]) == [
                "pete-hegseth-not-a-betrayal", "donald-trump-announced-talks",
            ])
        #expect(ids(graph, graph.statementsByTopic["nato-future"]) == ["donald-trump-announced-talks"])
        #expect(ids(graph, graph.statementsBySource[.article("a")]).count == 2)
    }

    @Test func statementsKeepTheirSourceAnchorAndContext() throws {
        let graph = try graph()
        let quote = try #require(graph.statement(StatementID("pete-hegseth-not-a-betrayal")))
        #expect(quote.kind == .quote)
        #expect(quote.source == .article("a"))
        #expect(quote.anchor == "p-3")
        #expect(quote.text == "“Not a betrayal”")
        #expect(quote.date?.iso == "2025-02-13")
        #expect(quote.context.text == "“Not a betrayal”")
        #expect(quote.context.before == "")
        let claim = try #require(graph.statement(StatementID("donald-trump-announced-talks")))
        #expect(claim.kind == .claim)
        #expect(claim.topics == ["peace-talks", "nato-future"])
        #expect(claim.anchor == "p-4")
    }

    @Test func mentionedWithCountsActorsInTheSameParagraph() throws {
        let graph = try graph()
        let hegseth = graph.mentionedWith[.actor("pete-hegseth")] ?? []
        #expect(hegseth == [Weighted(id: "donald-trump", weight: 2), Weighted(id: "vladimir-putin", weight: 1)])
        let trump = graph.mentionedWith[.actor("donald-trump")] ?? []
        #expect(trump == [Weighted(id: "pete-hegseth", weight: 2)])
        let putin = graph.mentionedWith[.actor("vladimir-putin")] ?? []
        #expect(putin == [Weighted(id: "pete-hegseth", weight: 1)])
        // An entity is never listed as mentioned with itself.
        #expect(!hegseth.contains { $0.id == "pete-hegseth" })
    }

    @Test func membersAreTheReverseOfAffiliation() throws {
        let graph = try graph()
        #expect(graph.members["united-states"] == ["donald-trump", "pete-hegseth"])
        #expect(graph.members["pete-hegseth"] == nil)
    }

    @Test func topicsOfActorAndArticlesOf() throws {
        let graph = try graph()
        #expect(graph.topicsOfActor["pete-hegseth"] == [Weighted(id: "peace-talks", weight: 1)])
        #expect(Set((graph.topicsOfActor["donald-trump"] ?? []).map(\.id)) == ["peace-talks", "nato-future"])
        #expect(graph.articlesOf[.actor("vladimir-putin")] == ["a"])
        #expect(graph.articlesOf[.topic("nato-future")] == ["a"])
        let involved = graph.actorsOfTopic["peace-talks"] ?? []
        #expect(Set(involved.map(\.id)) == ["pete-hegseth", "donald-trump", "vladimir-putin"])
    }

    @Test func topicsInvolvingAreActorsOfTopicSeenFromTheActor() throws {
        let graph = try graph()
        // Hegseth's quote on peace talks counts two, and its paragraph one.
        #expect(graph.topicsInvolving["pete-hegseth"] == [Weighted(id: "peace-talks", weight: 3)])
        #expect(
            graph.topicsInvolving["donald-trump"] == [
                Weighted(id: "nato-future", weight: 3), Weighted(id: "peace-talks", weight: 3),
            ])
        // Named in the paragraph of a quote on peace talks.
        #expect(graph.topicsInvolving["vladimir-putin"] == [Weighted(id: "peace-talks", weight: 1)])
        for (topic, actors) in graph.actorsOfTopic {
            for actor in actors {
                #expect(graph.topicsInvolving[actor.id]?.contains(Weighted(id: topic, weight: actor.weight)) == true)
            }
        }
        let pairs = graph.actorsOfTopic.values.map(\.count).reduce(0, +)
        #expect(graph.topicsInvolving.values.map(\.count).reduce(0, +) == pairs)
    }

    @Test func newestArticleStatementsComeFirst() throws {
        let graph = try graph(extra: [
            "articles/old.md": TestContent.article(
                title: "Old", date: "2024-01-01", body: "[“an old quote”]{.quote by=putin}\n"),
            "articles/new.md": TestContent.article(
                title: "New", date: "2025-06-01", body: "[“a new quote”]{.quote by=putin}\n"),
        ])
        #expect(graph.articles.map(\.slug) == ["new", "a", "old"])
        #expect(
            ids(graph, graph.statementsBySpeaker["vladimir-putin"]) == [
                "vladimir-putin-a-new-quote", "vladimir-putin-an-old-quote",
            ])
        #expect(graph.orderedStatementIDs.first == StatementID("vladimir-putin-a-new-quote"))
        #expect(graph.orderedStatementIDs.last == StatementID("vladimir-putin-an-old-quote"))
    }
}
