import SitegenResolve

/// How strongly two entities are connected, from the counts the graph
/// already keeps, so that connection maps need no walk over the site:
///
/// - two actors: the paragraphs that name both (`mentionedWith`), a
///   speaker counting as named in their statement's paragraph;
/// - an actor and a topic: two for each quote or claim by the actor about
///   the topic, and one for each paragraph that names both (`actorsOfTopic`,
///   and `topicsInvolving` from the actor's side);
/// - two topics: not connected directly; they meet through actors.
///
/// Each weight is one number per pair, the same from either side.
extension SiteGraph {
    /// The connection between two entities (0 when there is none).
    package func connectionWeight(_ a: EntityID, _ b: EntityID) -> Int {
        switch (a.kind, b.kind) {
        case (.actor, .actor): return a == b ? 0 : tallies.pairCounts[a]?[b.slug] ?? 0
        case (.actor, .topic): return tallies.actorsOfTopic[b.slug]?[a.slug] ?? 0
        case (.topic, .actor): return tallies.actorsOfTopic[a.slug]?[b.slug] ?? 0
        case (.topic, .topic): return 0
        }
    }

    /// Quotes and claims by `actor` about `topic`: the part of their
    /// connection that comes from statements.
    package func statementCount(by actor: String, about topic: String) -> Int {
        tallies.topicsOfActor[actor]?[topic] ?? 0
    }

    /// The entities connected to `id`, heaviest first (on equal weight,
    /// actors before topics, then by slug), at most `limit`.
    package func strongestConnections(of id: EntityID, limit: Int) -> [Weighted<EntityID>] {
        switch id.kind {
        case .topic:
            return (actorsOfTopic[id.slug] ?? []).prefix(limit).map { Weighted(id: .actor($0.id), weight: $0.weight) }
        case .actor:
            // Both lists are ranked: the strongest of their union are the
            // strongest of their first `limit` entries each.
            let actors = (mentionedWith[id] ?? []).prefix(limit).map {
                Weighted(id: EntityID.actor($0.id), weight: $0.weight)
            }
            let topics = (topicsInvolving[id.slug] ?? []).prefix(limit).map {
                Weighted(id: EntityID.topic($0.id), weight: $0.weight)
            }
            return (actors + topics).sorted { ($1.weight, $0.id) < ($0.weight, $1.id) }.prefix(limit).map { $0 }
        }
    }

    /// How present an entity is in the site: statements by or about it, and mentions.
    package func prominence(_ id: EntityID) -> Int {
        let statements = id.kind == .actor ? statementsBySpeaker[id.slug] : statementsByTopic[id.slug]
        return (statements?.count ?? 0) + (mentions[id]?.count ?? 0)
    }
}

extension DocumentContribution {
    /// Topic → actor → weight turned into actor → topic → weight.
    package static func turnedAround(_ counts: [String: [String: Int]]) -> [String: [String: Int]] {
        var result: [String: [String: Int]] = [:]
        for (topic, actors) in counts {
            for (actor, weight) in actors { result[actor, default: [:]][topic] = weight }
        }
        return result
    }
}
