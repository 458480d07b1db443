import CompiledMustache
import SitegenLink
import SitegenPlan
import SitegenResolve

/// Connection maps as templates see them: the drawing (`svg_html`) and the
/// same nodes as a list of links (`nodes`), which is what screen readers
/// and keyboards use.
extension ViewModels {
    /// An actor's or topic's map of its strongest connections, if it has any.
    package func connectionMap(of id: EntityID) -> ConnectionMapView? {
        note(.connections(id))
        return ConnectionMap.local(of: id, in: graph).map { connectionMap($0, style: .local) }
    }

    /// The connections page: the site map of the most prominent actors and topics.
    package func connectionsPage() -> ConnectionsPage {
        note(.siteMap)
        return ConnectionsPage(
            layout: layout(
                title: "Connections",
                description: "Who is connected to whom, and to which topics, in \(graph.site.title).",
                kind: "connections"),
            connectionMap: connectionMap(ConnectionMap.site(graph), style: .site),
            entityCount: graph.actors.count + graph.topics.count)
    }

    private func connectionMap(_ map: ConnectionMap, style: MapLayout.Style) -> ConnectionMapView {
        let labels = map.nodes.indices.map { index -> ConnectionMapSVG.NodeLabel in
            let id = map.nodes[index].id
            return ConnectionMapSVG.NodeLabel(
                name: name(of: id), kind: id.kind, url: index == map.centre ? nil : url(PagePlan.entity(id)))
        }
        let layout: MapLayout
        if let centre = map.centre {
            layout = MapLayout.radial(
                map.nodes.indices.map { MapLayout.NodeSpec(radius: $0 == centre ? 16 : 10, label: labels[$0].name) },
                style: style)
        } else {
            let heaviest = Double(map.nodes.map(\.weight).max() ?? 1)
            layout = MapLayout.force(
                map.nodes.indices.map {
                    MapLayout.NodeSpec(
                        radius: 5 + 9 * (Double(map.nodes[$0].weight) / heaviest).squareRoot(), label: labels[$0].name)
                }, edges: map.edges.map { ($0.from, $0.to, $0.weight) }, style: style)
        }
        // The list: a local map's neighbours strongest first, each with
        // what connects it; the site map's nodes most prominent first, each
        // with its connections drawn.
        let order =
            map.centre == nil
            ? map.nodes.indices.sorted { (map.nodes[$1].weight, $0) < (map.nodes[$0].weight, $1) }
            : map.nodes.indices.filter { $0 != map.centre }
        let nodes = order.map { index in
            let id = map.nodes[index].id
            let detail =
                if let centre = map.centre {
                    Self.connectionText(graph, map.nodes[centre].id, id, weight: map.nodes[index].weight)
                } else {
                    map.edges(of: index).sorted { ($1.weight, $0.other) < ($0.weight, $1.other) }
                        .map { "\(labels[$0.other].name) \($0.weight)" }.joined(separator: " · ")
                }
            return ConnectionMapView.Node(
                name: labels[index].name, url: labels[index].url ?? "", kind: id.kind.rawValue,
                kindLabel: kindLabel(of: id), detail: detail)
        }
        return ConnectionMapView(
            svg: HTMLFragment(
                ConnectionMapSVG.svg(
                    map, layout: layout, style: style, labels: labels,
                    className: map.centre == nil ? "map-site" : "map-local")),
            nodes: nodes, hasSiteURL: templates.has("connections"), siteURL: url(PagePlan.connections),
            centreName: map.centre.map { labels[$0].name })
    }

    private func name(of id: EntityID) -> String {
        id.kind == .actor
            ? graph.actorsBySlug[id.slug]?.source.name ?? id.slug : graph.topicsBySlug[id.slug]?.title ?? id.slug
    }

    private func kindLabel(of id: EntityID) -> String {
        id.kind == .actor ? graph.actorsBySlug[id.slug]?.source.kind.rawValue ?? "actor" : "topic"
    }

    /// What connects two entities, in words: "named together in 3
    /// paragraphs", "2 quotes or claims; named together in 4 paragraphs".
    package static func connectionText(_ graph: SiteGraph, _ a: EntityID, _ b: EntityID, weight: Int) -> String {
        func count(_ number: Int, _ one: String, _ many: String) -> String { "\(number) \(number == 1 ? one : many)" }
        let actorAndTopic: (actor: String, topic: String)? =
            a.kind == b.kind ? nil : a.kind == .actor ? (a.slug, b.slug) : (b.slug, a.slug)
        let statements = actorAndTopic.map { graph.statementCount(by: $0.actor, about: $0.topic) } ?? 0
        let paragraphs = weight - 2 * statements
        var parts: [String] = []
        if statements > 0 { parts.append(count(statements, "quote or claim", "quotes or claims")) }
        if paragraphs > 0 { parts.append("named together in " + count(paragraphs, "paragraph", "paragraphs")) }
        return parts.joined(separator: "; ")
    }
}
