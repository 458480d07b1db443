import SitegenLink
import SitegenResolve

/// What a connection map shows: actors and topics, and how strongly they
/// are connected (`SiteGraph.connectionWeight`). Two kinds: the site map of
/// the most prominent entities (`connections.html`), and an entity's local
/// map of its strongest connections (on its own page).
///
/// A local map is a star: the entity and its neighbours, with only the
/// edges from the entity. It depends on the weights of the entity's own
/// connections, which its page already depends on, and on nothing of its
/// neighbours', so an edit re-renders exactly the pages whose map changed.
package struct ConnectionMap: Equatable, Sendable {
    package struct Node: Equatable, Sendable {
        package var id: EntityID
        /// Site map: the entity's prominence. Local map: the weight of its
        /// connection to the centre (the centre's own is 0).
        package var weight: Int
    }

    package struct Edge: Equatable, Sendable {
        /// Indices into `nodes`, `from < to`.
        package var from: Int
        package var to: Int
        package var weight: Int
    }

    /// Site map: by id, the order of the layout's fixed start. Local map:
    /// the centre, then its neighbours heaviest first.
    package var nodes: [Node]
    /// By `from`, then `to`.
    package var edges: [Edge]
    /// The entity a local map is about (nil on the site map).
    package var centre: Int?

    /// The site map's size stays the same however big the archive grows.
    package static let siteNodeLimit = 40
    package static let siteEdgeLimit = 60
    /// Neighbours on a local map.
    package static let localNeighbourLimit = 8

    /// The most prominent actors and topics and their strongest connections
    /// among themselves; each node keeps at least its strongest one.
    package static func site(_ graph: SiteGraph, nodeLimit: Int = siteNodeLimit, edgeLimit: Int = siteEdgeLimit)
        -> ConnectionMap
    {
        let entities = graph.actors.map { EntityID.actor($0.slug) } + graph.topics.map { EntityID.topic($0.slug) }
        let scored = entities.map { Node(id: $0, weight: graph.prominence($0)) }.filter { $0.weight > 0 }
        let nodes = scored.sorted { ($1.weight, $0.id) < ($0.weight, $1.id) }.prefix(nodeLimit)
            .sorted { $0.id < $1.id }
        var all: [Edge] = []
        for from in nodes.indices {
            for to in nodes.indices where to > from {
                let weight = graph.connectionWeight(nodes[from].id, nodes[to].id)
                if weight > 0 { all.append(Edge(from: from, to: to, weight: weight)) }
            }
        }
        let strongestFirst = all.sorted { ($1.weight, $0.from, $0.to) < ($0.weight, $1.from, $1.to) }
        var kept = Array(strongestFirst.prefix(edgeLimit))
        var connected = Set(kept.flatMap { [$0.from, $0.to] })
        for edge in strongestFirst.dropFirst(edgeLimit)
        where !connected.contains(edge.from) || !connected.contains(edge.to) {
            kept.append(edge)
            connected.formUnion([edge.from, edge.to])
        }
        return ConnectionMap(
            nodes: nodes, edges: kept.sorted { ($0.from, $0.to) < ($1.from, $1.to) }, centre: nil)
    }

    /// `id` and its strongest connections; nil when it has none.
    package static func local(of id: EntityID, in graph: SiteGraph, limit: Int = localNeighbourLimit) -> ConnectionMap?
    {
        let neighbours = graph.strongestConnections(of: id, limit: limit)
        guard !neighbours.isEmpty else { return nil }
        return ConnectionMap(
            nodes: [Node(id: id, weight: 0)] + neighbours.map { Node(id: $0.id, weight: $0.weight) },
            edges: neighbours.indices.map { Edge(from: 0, to: $0 + 1, weight: neighbours[$0].weight) },
            centre: 0)
    }

    /// Each node's edges, for the text beside the drawing.
    package func edges(of node: Int) -> [(other: Int, weight: Int)] {
        edges.compactMap { edge in
            edge.from == node ? (edge.to, edge.weight) : edge.to == node ? (edge.from, edge.weight) : nil
        }
    }
}

extension DocumentChange {
    /// The site map ranks entities by their statement and mention counts
    /// and draws the weights between them, which come from the paragraph
    /// and speaker tallies.
    package var siteMapChanged: Bool {
        statementCountsChanged || mentionCountsChanged || (old?.pairCounts ?? [:]) != (new?.pairCounts ?? [:])
            || (old?.actorsOfTopic ?? [:]) != (new?.actorsOfTopic ?? [:])
    }
}
