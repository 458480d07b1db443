import SitegenTestSupport
import Testing

@testable import SitegenLink
@testable import SitegenPlan
@testable import SitegenRender
@testable import SitegenResolve

/// Connection weights come from the graph's counts, one number per pair
/// from either side; the site map keeps the most prominent entities and
/// their strongest connections; a local map is its entity's strongest
/// connections.
@Suite("Plan: connection maps")
struct ConnectionMapTests {
    /// p-1 names Trump, Putin and peace talks; p-2 holds Putin's quote on
    /// peace talks and names Hegseth; p-3 names Trump and the future of NATO.
    private static let site = TestContent.cast.merging([
        "articles/a.md": TestContent.article(
            body: """
                [[Trump]] and [[Putin]] spoke of [[peace talks]].

                [“no deal yet”]{.quote by=putin about=peace-talks} said Putin, and [[Hegseth]] agreed.

                [[Trump]] on [[The future of NATO]].
                """)
    ]) { _, new in new }

    private func graph() throws -> SiteGraph {
        let pipeline = try TestContent.pipeline(Self.site)
        #expect(pipeline.errors.isEmpty, "\(pipeline.diagnostics)")
        return pipeline.graph
    }

    private let trump = EntityID.actor("donald-trump")
    private let putin = EntityID.actor("vladimir-putin")
    private let hegseth = EntityID.actor("pete-hegseth")
    private let peace = EntityID.topic("peace-talks")
    private let nato = EntityID.topic("nato-future")

    @Test func weightsCountSharedParagraphsAndStatements() throws {
        let graph = try graph()
        #expect(graph.connectionWeight(trump, putin) == 1, "one paragraph names both")
        #expect(graph.connectionWeight(putin, hegseth) == 1, "a speaker counts as named in their paragraph")
        #expect(graph.connectionWeight(trump, hegseth) == 0)
        #expect(graph.connectionWeight(putin, peace) == 4, "a quote counts two, and two paragraphs one each")
        #expect(graph.connectionWeight(hegseth, peace) == 1)
        #expect(graph.connectionWeight(trump, nato) == 1)
        #expect(graph.connectionWeight(peace, nato) == 0, "topics meet through actors")
        #expect(graph.connectionWeight(trump, trump) == 0)
        let entities = [trump, putin, hegseth, peace, nato]
        for a in entities {
            for b in entities { #expect(graph.connectionWeight(a, b) == graph.connectionWeight(b, a)) }
        }
        #expect(graph.statementCount(by: "vladimir-putin", about: "peace-talks") == 1)
        #expect(
            ViewModels.connectionText(graph, putin, peace, weight: 4)
                == "1 quote or claim; named together in 2 paragraphs")
        #expect(ViewModels.connectionText(graph, trump, putin, weight: 1) == "named together in 1 paragraph")
    }

    @Test func aLocalMapIsTheEntityAndItsStrongestConnections() throws {
        let graph = try graph()
        let map = try #require(ConnectionMap.local(of: putin, in: graph))
        // Heaviest first; on equal weight actors before topics, then by slug.
        #expect(map.nodes.map(\.id) == [putin, peace, trump, hegseth])
        #expect(map.nodes.map(\.weight) == [0, 4, 1, 1])
        #expect(map.centre == 0)
        #expect(map.edges.map { [$0.from, $0.to, $0.weight] } == [[0, 1, 4], [0, 2, 1], [0, 3, 1]])
        let topic = try #require(ConnectionMap.local(of: peace, in: graph))
        #expect(topic.nodes.map(\.id) == [peace, putin, trump, hegseth])
        #expect(ConnectionMap.local(of: putin, in: graph, limit: 1)?.nodes.map(\.id) == [putin, peace])
        #expect(ConnectionMap.local(of: .actor("united-states"), in: graph) == nil, "named nowhere")
    }

    @Test func theSiteMapKeepsTheMostProminentAndTheirStrongestConnections() throws {
        let graph = try graph()
        let map = ConnectionMap.site(graph, edgeLimit: 2)
        // The United States is named nowhere; the rest in the order of their ids.
        #expect(map.nodes.map(\.id) == [trump, hegseth, putin, nato, peace])
        #expect(map.nodes.map(\.weight) == [2, 1, 2, 1, 2], "statements and mentions")
        #expect(map.centre == nil)
        // The two strongest, then the strongest of each node left out:
        // Trump and the future of NATO, Hegseth and Putin.
        #expect(
            map.edges.map { [$0.from, $0.to, $0.weight] } == [[0, 2, 1], [0, 3, 1], [1, 2, 1], [2, 4, 4]])
        #expect(map.edges(of: 2).map(\.other) == [0, 1, 4])
        let small = ConnectionMap.site(graph, nodeLimit: 3)
        #expect(small.nodes.map(\.id) == [trump, putin, peace], "the three most prominent, ties by id")
        #expect(small.edges.allSatisfy { $0.from < $0.to && $0.to < 3 })
    }
}
