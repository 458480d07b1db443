import Foundation
import SitegenBase
import SitegenLoad
import SitegenParse
import SitegenResolve
import StoredCoding

/// The link stage: turns resolved references into the cross-reference graph.
public struct Linker: Sendable {
    public init() {}

    public func link(_ resolved: ResolvedSite) -> SiteGraph {
        linkKeepingContributions(resolved).graph
    }

    package func linkKeepingContributions(_ resolved: ResolvedSite) -> (
        graph: SiteGraph, contributions: [DocumentRef: DocumentContribution]
    ) {
        let articlesBySlug = Dictionary(uniqueKeysWithValues: resolved.articles.map { ($0.slug, $0) })
        let documents = resolved.articleBodies + resolved.actorBodies + resolved.topicBodies
        // Each document's share of the graph is independent of the others:
        // computed in parallel, then added up in document order.
        let contributions = documents.concurrentMap { document in
            DocumentContribution(document, date: Self.date(of: document.source, in: articlesBySlug))
        }
        var bySource: [DocumentRef: DocumentContribution] = [:]
        for contribution in contributions { bySource[contribution.source] = contribution }
        return (assemble(resolved, documents: documents, contributions: contributions), bySource)
    }

    package static func date(of source: DocumentRef, in articles: [String: ArticleSource]) -> ContentDate? {
        if case .article(let slug) = source { return articles[slug]?.date }
        return nil
    }

    /// The graph from each document's contribution. Lists are put in site
    /// order once at the end (`SiteOrder`), as `replace` keeps them.
    package func assemble(
        _ resolved: ResolvedSite, documents: [ResolvedDocument], contributions: [DocumentContribution]
    )
        -> SiteGraph
    {
        let articles = resolved.articles.sorted { SiteOrder.article(($0.date, $0.slug), before: ($1.date, $1.slug)) }
        var graph = SiteGraph(
            site: resolved.site, index: resolved.index, articles: articles,
            actors: Self.sortedByName(resolved.actors) { $0.source.name },
            topics: Self.sortedByName(resolved.topics) { $0.title },
            assets: resolved.assets,
            actorsBySlug: Dictionary(uniqueKeysWithValues: resolved.actors.map { ($0.slug, $0) }),
            topicsBySlug: Dictionary(uniqueKeysWithValues: resolved.topics.map { ($0.slug, $0) }),
            articlesBySlug: Dictionary(uniqueKeysWithValues: articles.map { ($0.slug, $0) }), bodies: [:],
            statements: [:], statementsBySpeaker: [:], statementsByTopic: [:], statementsBySource: [:],
            mentions: [:], mentionedWith: [:], topicsOfActor: [:], actorsOfTopic: [:], members: [:], articlesOf: [:])
        for document in documents { graph.bodies[document.source] = document }
        // Lists name statements by where they are in `contributions`: a
        // statement is 344 bytes, and a big site's lists hold hundreds of
        // thousands of entries until they are sorted.
        var bySpeaker: [String: [StatementPlace]] = [:]
        var mentions: [EntityID: [Mention]] = [:]
        var byTopic: [String: [StatementPlace]] = [:]
        var byStance: [String: [StatementPlace]] = [:]
        for (contributionIndex, contribution) in contributions.enumerated() {
            for (statementIndex, statement) in contribution.statements.enumerated() {
                let place = StatementPlace(contribution: contributionIndex, statement: statementIndex)
                graph.statements[statement.id] = statement
                graph.statementKinds[statement.id] = statement.kind
                if let rating = statement.rating { graph.statementRatings[statement.id] = rating }
                bySpeaker[statement.speaker, default: []].append(place)
                for topic in statement.topics { byTopic[topic, default: []].append(place) }
                for topic in statement.stances.keys {
                    byStance[topic, default: []].append(place)
                    graph.stanceCounts[topic, default: [:]][statement.speaker, default: 0] += 1
                }
            }
            if !contribution.statements.isEmpty {
                graph.statementsBySource[contribution.source] = contribution.statements.map(\.id)
            }
            for mention in contribution.mentions { mentions[mention.entity, default: []].append(mention) }
            if !contribution.mentions.isEmpty { graph.mentionsBySource[contribution.source] = contribution.mentions }
            graph.tallies.add(contribution)
            if case .article(let slug) = contribution.source {
                for entity in contribution.touched { graph.articlesOf[entity, default: []].append(slug) }
            }
            if !contribution.events.isEmpty { graph.eventsBySource[contribution.source] = contribution.events }
            for event in contribution.events {
                graph.timeline.append(event)
                for entity in event.entities { graph.eventsByEntity[entity, default: []].append(event) }
            }
        }
        // Mentions are put in order on another core while the statement
        // lists are, below: each is about a fifth of this stage at 10,000
        // articles, and neither reads the other.
        let dates = graph.articlesBySlug
        let orderedMentions = Pending { [mentions] in
            let sorted = mentions.mapValues { $0.sorted(by: SiteOrder.mention) }
            var sources: [EntityID: [DocumentRef]] = [:]
            for (entity, mentions) in sorted {
                let own: DocumentRef = entity.kind == .actor ? .actor(entity.slug) : .topic(entity.slug)
                var list: [DocumentRef] = []
                for mention in mentions where mention.source != own && list.last != mention.source {
                    list.append(mention.source)  // sorted by source, so each comes once
                }
                let dated = Dictionary(uniqueKeysWithValues: list.map { ($0, Linker.date(of: $0, in: dates)) })
                sources[entity] = list.sorted { SiteOrder.mentionSource($0, before: $1) { dated[$0] ?? nil } }
            }
            return (sorted, sources)
        }
        func ordered(_ places: [StatementPlace], by before: (Statement, Statement) -> Bool) -> [StatementID] {
            places.sorted {
                before(
                    contributions[$0.contribution].statements[$0.statement],
                    contributions[$1.contribution].statements[$1.statement])
            }
            .map { contributions[$0.contribution].statements[$0.statement].id }
        }
        // Site order puts a document's statements together, in reading
        // order, and ranks documents by their source alone: so documents are
        // ranked once, and the long per-speaker and per-topic lists sort on
        // two integers instead of comparing whole statements.
        let ranked = contributions.indices.filter { !contributions[$0].statements.isEmpty }.sorted {
            SiteOrder.statement(contributions[$0].statements[0], before: contributions[$1].statements[0])
        }
        var rank = [Int](repeating: 0, count: contributions.count)
        for (position, index) in ranked.enumerated() { rank[index] = position }
        func inSiteOrder(_ places: [StatementPlace]) -> [StatementID] {
            places.map {
                (
                    rank: rank[$0.contribution],
                    position: contributions[$0.contribution].statements[$0.statement].position, place: $0
                )
            }
            .sorted { ($0.rank, $0.position) < ($1.rank, $1.position) }
            .map { contributions[$0.place.contribution].statements[$0.place.statement].id }
        }
        graph.statementsBySpeaker = bySpeaker.mapValues(inSiteOrder)
        for (speaker, ids) in graph.statementsBySpeaker {
            for kind in SpanSyntax.Class.allCases {
                let ofKind = ids.filter { graph.statementKinds[$0] == kind }
                if !ofKind.isEmpty { graph[keyPath: SiteGraph.speakerList(kind)][speaker] = ofKind }
            }
        }
        graph.statementsByTopic = byTopic.mapValues(inSiteOrder)
        graph.stancesByTopic = byStance.mapValues { ordered($0, by: SiteOrder.chronological) }
        graph.timeline.sort(by: SiteOrder.chronological)
        graph.eventsByEntity = graph.eventsByEntity.mapValues { $0.sorted(by: SiteOrder.chronological) }
        for statement in graph.statements.values where statement.kind == .quote {
            graph.quoteCount += 1
            graph.quoteCounts[statement.speaker, default: 0] += 1
            graph.quoteCountsBySource[statement.source, default: 0] += 1
        }
        let articleOrder = Dictionary(uniqueKeysWithValues: articles.enumerated().map { ($1.slug, $0) })
        graph.articlesOf = graph.articlesOf.mapValues { slugs in
            slugs.map { (order: articleOrder[$0] ?? 0, slug: $0) }.sorted { $0.order < $1.order }.map(\.slug)
        }
        graph.mentionedWith = graph.tallies.pairCounts.mapValues(SiteOrder.ranked)
        graph.topicsOfActor = graph.tallies.topicsOfActor.mapValues(SiteOrder.ranked)
        graph.actorsOfTopic = graph.tallies.actorsOfTopic.mapValues(SiteOrder.ranked)
        graph.topicsInvolving = graph.tallies.topicsInvolving.mapValues(SiteOrder.ranked)
        var members: [String: [String]] = [:]
        for actor in resolved.actors {
            if let affiliation = actor.affiliation { members[affiliation, default: []].append(actor.slug) }
        }
        graph.members = members.mapValues { $0.sorted() }
        let (sortedMentions, mentionSources) = orderedMentions.take()
        graph.mentions = StoredMap(sortedMentions)
        graph.mentionSources = mentionSources
        return graph
    }

    /// A statement by its place in the contributions being assembled.
    private struct StatementPlace {
        var contribution: Int
        var statement: Int
    }

    /// Alphabetical, ignoring case and accents; keys are computed once, not
    /// in every comparison.
    package static func sortedByName<T>(_ items: [T], name: (T) -> String) -> [T] {
        let keys = items.map {
            name($0).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        }
        return items.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.map { items[$0] }
    }

    /// The annotations inside some nodes, in reading order.
    package static func annotationIndices(in nodes: [MarkdownNode]) -> [Int] {
        var result: [Int] = []
        func visit(_ node: MarkdownNode) {
            if case .annotation(let index) = node.kind { result.append(index) }
            for child in node.children { visit(child) }
        }
        for node in nodes { visit(node) }
        return result
    }

    /// The children of each annotation node, keyed by annotation index.
    package static func annotationContents(_ root: MarkdownNode) -> [Int: [MarkdownNode]] {
        var result: [Int: [MarkdownNode]] = [:]
        func visit(_ node: MarkdownNode) {
            if case .annotation(let index) = node.kind { result[index] = node.children }
            for child in node.children { visit(child) }
        }
        visit(root)
        return result
    }
}

/// One document's share of the cross-reference graph: its statements, its
/// mentions, and the counts it adds. The graph is the sum of these, so a
/// changed document can be taken out and put back without redoing the rest.
@BinaryCoded
package struct DocumentContribution: Sendable, Equatable {
    package var source: DocumentRef
    package var statements: [Statement] = []
    package var mentions: [Mention] = []
    /// In reading order.
    package var events: [Event] = []
    /// Actors named in the same paragraph as each entity.
    package var pairCounts: [EntityID: [String: Int]] = [:]
    package var topicsOfActor: [String: [String: Int]] = [:]
    /// Speakers count twice, actors named beside the topic once.
    package var actorsOfTopic: [String: [String: Int]] = [:]
    /// Every entity the document mentions, quotes or is about.
    package var touched: Set<EntityID> = []

    package init(_ document: ResolvedDocument, date: ContentDate?) {
        source = document.source
        let contents = Linker.annotationContents(document.parsed.root)
        var entitiesByAnchor: [String: Set<EntityID>] = [:]
        for (position, (annotation, reference)) in zip(document.parsed.annotations, document.references).enumerated() {
            guard let reference else { continue }
            switch reference {
            case .entity(let id):
                mentions.append(
                    Mention(
                        entity: id, source: source, anchor: annotation.blockAnchor, context: annotation.context,
                        position: position))
                entitiesByAnchor[annotation.blockAnchor, default: []].insert(id)
                touched.insert(id)
            case .statement(let resolved):
                statements.append(
                    Statement(
                        id: resolved.id, kind: resolved.kind, speaker: resolved.speaker, topics: resolved.topics,
                        text: annotation.text, content: contents[position] ?? [], source: source,
                        anchor: annotation.blockAnchor, date: resolved.date ?? date, articleDate: date,
                        stances: resolved.stances, origin: resolved.origin, context: annotation.context,
                        position: position, rating: resolved.rating, ratingNote: resolved.ratingNote))
                let speaker = EntityID.actor(resolved.speaker)
                entitiesByAnchor[annotation.blockAnchor, default: []].insert(speaker)
                touched.insert(speaker)
                for topic in resolved.topics {
                    topicsOfActor[resolved.speaker, default: [:]][topic, default: 0] += 1
                    actorsOfTopic[topic, default: [:]][resolved.speaker, default: 0] += 2
                    entitiesByAnchor[annotation.blockAnchor, default: []].insert(.topic(topic))
                    touched.insert(.topic(topic))
                }
            case .event(let resolved):
                guard let eventDate = resolved.date ?? date else { continue }
                let content = contents[position] ?? []
                var actors = resolved.actors
                var topics = resolved.topics
                // An event in an actor's or topic's own body involves it.
                if case .actor(let slug) = source { actors.insert(slug, at: 0) }
                if case .topic(let slug) = source { topics.insert(slug, at: 0) }
                for inner in Linker.annotationIndices(in: content) {
                    switch document.references[inner] {
                    case .entity(let id)?:
                        if id.kind == .actor { actors.append(id.slug) } else { topics.append(id.slug) }
                    case .statement(let statement)?:
                        actors.append(statement.speaker)
                        topics += statement.topics
                    case .event(let event)?:
                        actors += event.actors
                        topics += event.topics
                    case nil: break
                    }
                }
                let event = Event(
                    date: eventDate, text: annotation.text, content: content, actors: Self.unique(actors),
                    topics: Self.unique(topics), source: source, anchor: annotation.blockAnchor, articleDate: date,
                    position: position)
                events.append(event)
                touched.formUnion(event.entities)
            }
        }
        markMentionsInsideOwnStatements()
        for (_, entities) in entitiesByAnchor {
            let actorsHere = entities.filter { $0.kind == .actor }.map(\.slug)
            for entity in entities {
                for actor in actorsHere where EntityID.actor(actor) != entity {
                    pairCounts[entity, default: [:]][actor, default: 0] += 1
                }
                if entity.kind == .topic {
                    for actor in actorsHere { actorsOfTopic[entity.slug, default: [:]][actor, default: 0] += 1 }
                }
            }
        }
    }

    /// Sets `insideOwnStatement`; a statement's context may run over
    /// several sentences, so the mention's sentence need only be within it.
    private mutating func markMentionsInsideOwnStatements() {
        guard !statements.isEmpty else { return }
        var statementsByAnchor: [String: [Int]] = [:]
        for (index, statement) in statements.enumerated() {
            statementsByAnchor[statement.anchor, default: []].append(index)
        }
        var sentences: [Int: String] = [:]
        for index in mentions.indices {
            let mention = mentions[index]
            let entity = mention.entity
            let own = (statementsByAnchor[mention.anchor] ?? []).filter { candidate in
                entity.kind == .actor
                    ? statements[candidate].speaker == entity.slug : statements[candidate].topics.contains(entity.slug)
            }
            guard !own.isEmpty else { continue }
            let sentence = mention.context.sentence
            mentions[index].insideOwnStatement = own.contains { candidate in
                let within = sentences[candidate] ?? statements[candidate].context.sentence
                sentences[candidate] = within
                // Bytes: both come from the same paragraph, and Foundation's
                // search (which `String.contains` picks) is far slower.
                return within.utf8.contains(sentence.utf8)
            }
        }
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
