import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenLink
@testable import SitegenLoad
@testable import SitegenParse
@testable import SitegenPlan
@testable import SitegenRender
@testable import SitegenResolve

/// Connection map drawings: the same map always gives the same bytes, and
/// every node and label of the seed's maps lies inside the drawing without
/// touching another.
@Suite("Render: connection map layout")
struct MapLayoutTests {
    private static func seedGraph() throws -> SiteGraph {
        let loaded = ContentLoader().load(from: TestContent.seedContent)
        let resolved = Resolver().resolve(ParsedSite.parse(loaded.content))
        #expect(resolved.diagnostics.errors.isEmpty)
        return Linker().link(resolved)
    }

    /// The drawing of a map as a page would make it (labels are names, links are slugs).
    private static func drawing(_ map: ConnectionMap, _ graph: SiteGraph) -> (MapLayout, MapLayout.Style, String) {
        let labels = map.nodes.indices.map { index -> ConnectionMapSVG.NodeLabel in
            let id = map.nodes[index].id
            let name =
                id.kind == .actor ? graph.actorsBySlug[id.slug]?.source.name : graph.topicsBySlug[id.slug]?.title
            return .init(name: name ?? id.slug, kind: id.kind, url: index == map.centre ? nil : "\(id.slug).html")
        }
        let style: MapLayout.Style = map.centre == nil ? .site : .local
        let specs = map.nodes.indices.map {
            MapLayout.NodeSpec(radius: $0 == map.centre ? 16 : 8, label: labels[$0].name)
        }
        let layout =
            map.centre == nil
            ? MapLayout.force(specs, edges: map.edges.map { ($0.from, $0.to, $0.weight) }, style: style)
            : MapLayout.radial(specs, style: style)
        return (layout, style, ConnectionMapSVG.svg(map, layout: layout, style: style, labels: labels, className: "m"))
    }

    private static func expectTidy(_ layout: MapLayout, _ style: MapLayout.Style, _ label: String) {
        for node in layout.nodes {
            let box = layout.box(of: node, style: style)
            #expect(
                box.minX >= 0 && box.minY >= 0 && box.maxX <= layout.width && box.maxY <= layout.height,
                "\(label): \(node.lines) lies outside the drawing")
        }
        #expect(!layout.hasOverlaps(style: style), "\(label): nodes overlap")
    }

    @Test func theSameMapGivesTheSameDrawing() throws {
        let graph = try Self.seedGraph()
        let site = ConnectionMap.site(graph)
        #expect(site.nodes.count == graph.actors.count + graph.topics.count, "the seed is smaller than the cap")
        let (first, second) = (Self.drawing(site, graph), Self.drawing(ConnectionMap.site(graph), graph))
        #expect(first.0 == second.0)
        #expect(first.2 == second.2)
        let local = try #require(ConnectionMap.local(of: .actor("pete-hegseth"), in: graph))
        #expect(Self.drawing(local, graph).2 == Self.drawing(local, graph).2)
    }

    @Test func theSeedMapsFitTheirDrawingWithoutOverlaps() throws {
        let graph = try Self.seedGraph()
        let (site, style, svg) = Self.drawing(ConnectionMap.site(graph), graph)
        Self.expectTidy(site, style, "site map")
        #expect(
            svg.contains(
                "viewBox=\"0 0 \(ConnectionMapSVG.number(site.width)) \(ConnectionMapSVG.number(site.height))\""))
        let entities = graph.actors.map { EntityID.actor($0.slug) } + graph.topics.map { EntityID.topic($0.slug) }
        var drawn = 0
        for id in entities {
            guard let map = ConnectionMap.local(of: id, in: graph) else { continue }
            let (layout, style, _) = Self.drawing(map, graph)
            Self.expectTidy(layout, style, id.description)
            drawn += 1
        }
        #expect(drawn == entities.count, "every seed entity is connected to something")
    }

    @Test func crowdedNodesArePartedAndTheDrawingGrows() {
        let specs = (0..<12).map { MapLayout.NodeSpec(radius: 10, label: "A rather long name number \($0)") }
        let style = MapLayout.Style(width: 300, height: 120, fontSize: 13, maximumLineLength: 18)
        let layout = MapLayout.force(specs, edges: [], style: style)
        Self.expectTidy(layout, style, "crowded")
        #expect(layout.height > 120)
        #expect(layout == MapLayout.force(specs, edges: [], style: style))
    }

    @Test func labelsWrapBetweenWordsAndEndInAnEllipsis() {
        #expect(MapLayout.wrap("NATO", maximum: 18) == ["NATO"])
        #expect(MapLayout.wrap("Volodymyr Zelenskyy", maximum: 18) == ["Volodymyr", "Zelenskyy"])
        #expect(
            MapLayout.wrap("NATO defence ministers’ meeting, Brussels", maximum: 18) == [
                "NATO defence", "ministers’", "meeting, Brussels",
            ])
        #expect(MapLayout.wrap("one two three four five six", maximum: 9, lines: 2) == ["one two", "three fo…"])
        #expect(MapLayout.wrap("Supercalifragilistic", maximum: 10) == ["Supercali…"])
    }

    @Test func numbersHaveOneDecimalAtMost() {
        #expect(ConnectionMapSVG.number(12) == "12")
        #expect(ConnectionMapSVG.number(12.46) == "12.5")
        #expect(ConnectionMapSVG.number(-0.34) == "-0.3")
        #expect(ConnectionMapSVG.number(0.04) == "0")
    }

    @Test func labelsAndLinksAreEscaped() {
        let map = ConnectionMap(
            nodes: [.init(id: .actor("a"), weight: 0), .init(id: .topic("b"), weight: 1)],
            edges: [.init(from: 0, to: 1, weight: 1)], centre: 0)
        let labels: [ConnectionMapSVG.NodeLabel] = [
            .init(name: "<script>alert(1)</script>", kind: .actor, url: nil),
            .init(name: "Tom & \"Jerry\"", kind: .topic, url: "b.html?x=\"1\"&y"),
        ]
        let layout = MapLayout.radial(labels.map { .init(radius: 10, label: $0.name) }, style: .local)
        let svg = ConnectionMapSVG.svg(map, layout: layout, style: .local, labels: labels, className: "m")
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;"))
        #expect(svg.contains("Tom &amp; &quot;Jerry&quot;"))
        #expect(svg.contains("href=\"b.html?x=&quot;1&quot;&amp;y\""))
        // The centre is the page itself: drawn, not linked.
        #expect(TestContent.count("<a ", in: svg) == 1)
        #expect(svg.contains("<circle") && svg.contains("<rect"), "actors are circles, topics squares")
    }
}
