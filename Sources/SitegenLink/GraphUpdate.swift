import SitegenLoad
import SitegenParse
import SitegenResolve
import StoredCoding

/// Swapping one document's share of the graph in place, for rebuilds: the
/// cost follows the size of the change and of the lists it touches, not the
/// size of the site. Lists are changed through the dictionaries' own
/// storage (never copied out and back, which would copy a popular entity's
/// whole list for every entry).
extension SiteGraph {
    /// Replaces `old` (the document's previous contribution, nil if it is
    /// new) with `new` (nil if it is gone). `document` and `article` are the
    /// document's new body and front matter (nil when deleted). Gives the
    /// graph a clean link of the changed site would give.
    package mutating func replace(
        _ ref: DocumentRef, old: DocumentContribution?, new: DocumentContribution?, document: ResolvedDocument?,
        article: ArticleSource?
    ) {
        // Out first, while the lists still sort by the old entries.
        if let old { remove(old) }
        if case .article(let slug) = ref {
            if let index = articles.firstIndex(where: { $0.slug == slug }) { articles.remove(at: index) }
            articlesBySlug[slug] = article
            if let article {
                let at = SiteOrder.insertionIndex(of: article, in: articles) {
                    SiteOrder.article(($0.date, $0.slug), before: ($1.date, $1.slug))
                }
                articles.insert(article, at: at)
            }
        }
        bodies[ref] = document
        if let new { insert(new) }
        updateTallies(from: old, to: new)
    }

    /// Each entry is found by binary search in its sorted list (a popular
    /// entity's lists hold thousands), falling back to a scan if absent.
    private mutating func remove(_ contribution: DocumentContribution) {
        let source = contribution.source
        for statement in contribution.statements {
            let at = statementIndex(for: statement, in: statementsBySpeaker[statement.speaker] ?? [])
            Self.remove(statement.id, from: &statementsBySpeaker[statement.speaker], near: at)
            let ofKind = Self.speakerList(statement.kind)
            let atOfKind = statementIndex(for: statement, in: self[keyPath: ofKind][statement.speaker] ?? [])
            Self.remove(statement.id, from: &self[keyPath: ofKind][statement.speaker], near: atOfKind)
            for topic in statement.topics {
                let at = statementIndex(for: statement, in: statementsByTopic[topic] ?? [])
                Self.remove(statement.id, from: &statementsByTopic[topic], near: at)
            }
        }
        removeStancesAndEvents(contribution)
        for statement in contribution.statements {
            statements[statement.id] = nil
            statementKinds[statement.id] = nil
            statementRatings[statement.id] = nil
        }
        for statement in contribution.statements where statement.kind == .quote {
            quoteCount -= 1
            quoteCounts[statement.speaker, default: 0] -= 1
            if quoteCounts[statement.speaker] == 0 { quoteCounts[statement.speaker] = nil }
            quoteCountsBySource[source, default: 0] -= 1
            if quoteCountsBySource[source] == 0 { quoteCountsBySource[source] = nil }
        }
        for entity in Set(contribution.mentions.map(\.entity)) where !isOwnBody(source, of: entity) {
            let at = mentionSourceIndex(for: source, in: mentionSources[entity] ?? [])
            Self.remove(source, from: &mentionSources[entity], near: at)
        }
        statementsBySource[source] = nil
        mentionsBySource[source] = nil
        for entity in Set(contribution.mentions.map(\.entity)) {
            guard let list = mentions[entity] else { continue }
            // Sorted by source: this document's mentions are one run.
            let low = SiteOrder.firstIndex(in: list) { !($0.source < source) }
            let end = list[low...].firstIndex { $0.source != source } ?? list.count
            mentions[entity]!.removeSubrange(low..<end)
            if mentions[entity]!.isEmpty { mentions[entity] = nil }
        }
        if case .article(let slug) = source, let article = articlesBySlug[slug] {
            for entity in contribution.touched {
                let at = articleIndex(for: article, in: articlesOf[entity] ?? [])
                Self.remove(slug, from: &articlesOf[entity], near: at)
            }
        }
    }

    private mutating func insert(_ contribution: DocumentContribution) {
        let source = contribution.source
        for statement in contribution.statements {
            statements[statement.id] = statement
            statementKinds[statement.id] = statement.kind
            statementRatings[statement.id] = statement.rating
        }
        for statement in contribution.statements {
            let speaker = statement.speaker
            let at = statementIndex(for: statement, in: statementsBySpeaker[speaker] ?? [])
            statementsBySpeaker[speaker, default: []].insert(statement.id, at: at)
            let ofKind = Self.speakerList(statement.kind)
            let atOfKind = statementIndex(for: statement, in: self[keyPath: ofKind][speaker] ?? [])
            self[keyPath: ofKind][speaker, default: []].insert(statement.id, at: atOfKind)
            for topic in statement.topics {
                let at = statementIndex(for: statement, in: statementsByTopic[topic] ?? [])
                statementsByTopic[topic, default: []].insert(statement.id, at: at)
            }
        }
        if !contribution.statements.isEmpty { statementsBySource[source] = contribution.statements.map(\.id) }
        if !contribution.mentions.isEmpty { mentionsBySource[source] = contribution.mentions }
        insertStancesAndEvents(contribution)
        for statement in contribution.statements where statement.kind == .quote {
            quoteCount += 1
            quoteCounts[statement.speaker, default: 0] += 1
            quoteCountsBySource[source, default: 0] += 1
        }
        for entity in Set(contribution.mentions.map(\.entity)) where !isOwnBody(source, of: entity) {
            let at = mentionSourceIndex(for: source, in: mentionSources[entity] ?? [])
            mentionSources[entity, default: []].insert(source, at: at)
        }
        for mention in contribution.mentions {
            let at = SiteOrder.insertionIndex(
                of: mention, in: mentions[mention.entity] ?? [], before: SiteOrder.mention)
            mentions[mention.entity, default: []].insert(mention, at: at)
        }
        if case .article(let slug) = source, let article = articlesBySlug[slug] {
            for entity in contribution.touched {
                let at = articleIndex(for: article, in: articlesOf[entity] ?? [])
                articlesOf[entity, default: []].insert(slug, at: at)
            }
        }
    }

    /// Stances and events are in chronological order, which each entry
    /// carries itself: found by binary search on the entry alone.
    private mutating func removeStancesAndEvents(_ contribution: DocumentContribution) {
        for statement in contribution.statements {
            for topic in statement.stances.keys {
                let at = SiteOrder.firstIndex(in: stancesByTopic[topic] ?? []) {
                    !SiteOrder.chronological(statements[$0]!, before: statement)
                }
                Self.remove(statement.id, from: &stancesByTopic[topic], near: at)
                stanceCounts[topic, default: [:]][statement.speaker, default: 0] -= 1
                if stanceCounts[topic]?[statement.speaker] == 0 { stanceCounts[topic]?[statement.speaker] = nil }
                if stanceCounts[topic]?.isEmpty == true { stanceCounts[topic] = nil }
            }
        }
        eventsBySource[contribution.source] = nil
        for event in contribution.events {
            Self.remove(event, from: &timeline, near: Self.eventIndex(for: event, in: timeline))
            for entity in event.entities {
                let at = Self.eventIndex(for: event, in: eventsByEntity[entity] ?? [])
                Self.remove(event, from: &eventsByEntity[entity], near: at)
            }
        }
    }

    private mutating func insertStancesAndEvents(_ contribution: DocumentContribution) {
        for statement in contribution.statements {
            for topic in statement.stances.keys {
                let at = SiteOrder.firstIndex(in: stancesByTopic[topic] ?? []) {
                    !SiteOrder.chronological(statements[$0]!, before: statement)
                }
                stancesByTopic[topic, default: []].insert(statement.id, at: at)
                stanceCounts[topic, default: [:]][statement.speaker, default: 0] += 1
            }
        }
        if !contribution.events.isEmpty { eventsBySource[contribution.source] = contribution.events }
        for event in contribution.events {
            timeline.insert(event, at: Self.eventIndex(for: event, in: timeline))
            for entity in event.entities {
                let at = Self.eventIndex(for: event, in: eventsByEntity[entity] ?? [])
                eventsByEntity[entity, default: []].insert(event, at: at)
            }
        }
    }

    private static func eventIndex(for event: Event, in list: [Event]) -> Int {
        SiteOrder.insertionIndex(of: event, in: list, before: SiteOrder.chronological)
    }

    /// Takes `element` out of a sorted list that is never absent (an
    /// emptied list stays, empty).
    private static func remove<T: Equatable>(_ element: T, from list: inout [T], near index: Int) {
        if index < list.count, list[index] == element {
            list.remove(at: index)
        } else {
            list.removeAll { $0 == element }
        }
    }

    /// Where a statement goes in a list in site order (all its ids are in `statements`).
    private func statementIndex(for statement: Statement, in list: [StatementID]) -> Int {
        SiteOrder.firstIndex(in: list) { !SiteOrder.statement(statements[$0]!, before: statement) }
    }

    /// Takes `element` out of a sorted list: at `index`, where a binary
    /// search put it, or wherever it is if not there; an emptied list goes.
    private static func remove<T: Equatable>(_ element: T, from list: inout [T]?, near index: Int) {
        guard list != nil else { return }
        if index < list!.count, list![index] == element {
            list!.remove(at: index)
        } else {
            list!.removeAll { $0 == element }
        }
        if list!.isEmpty { list = nil }
    }

    private func isOwnBody(_ source: DocumentRef, of entity: EntityID) -> Bool {
        source == (entity.kind == .actor ? .actor(entity.slug) : .topic(entity.slug))
    }

    /// Where a source goes among an entity's mention sources.
    private func mentionSourceIndex(for source: DocumentRef, in list: [DocumentRef]) -> Int {
        SiteOrder.insertionIndex(of: source, in: list) {
            SiteOrder.mentionSource($0, before: $1) { Linker.date(of: $0, in: articlesBySlug) }
        }
    }

    /// Where an article goes in a list of slugs, newest first.
    private func articleIndex(for article: ArticleSource, in list: [String]) -> Int {
        SiteOrder.firstIndex(in: list) {
            let other = articlesBySlug[$0]!
            return !SiteOrder.article((other.date, other.slug), before: (article.date, article.slug))
        }
    }

    /// Applies the difference between two contributions' counts, and moves
    /// only the entries whose weight changed in the ranked lists.
    private mutating func updateTallies(from old: DocumentContribution?, to new: DocumentContribution?) {
        func delta<Key: Hashable>(_ old: [Key: [String: Int]]?, _ new: [Key: [String: Int]]?) -> [Key: [String: Int]] {
            var result: [Key: [String: Int]] = new ?? [:]
            for (key, inner) in old ?? [:] {
                for (name, count) in inner { result[key, default: [:]][name, default: 0] -= count }
            }
            return result.mapValues { $0.filter { $0.value != 0 } }.filter { !$0.value.isEmpty }
        }
        for (key, changes) in delta(old?.pairCounts, new?.pairCounts) {
            Self.apply(changes, to: &tallies.pairCounts[key], ranked: &mentionedWith[key])
        }
        for (key, changes) in delta(old?.topicsOfActor, new?.topicsOfActor) {
            Self.apply(changes, to: &tallies.topicsOfActor[key], ranked: &topicsOfActor[key])
        }
        let topicChanges = delta(old?.actorsOfTopic, new?.actorsOfTopic)
        for (key, changes) in topicChanges {
            Self.apply(changes, to: &tallies.actorsOfTopic[key], ranked: &actorsOfTopic[key])
        }
        for (key, changes) in DocumentContribution.turnedAround(topicChanges) {
            Self.apply(changes, to: &tallies.topicsInvolving[key], ranked: &topicsInvolving[key])
        }
    }

    private static func apply(
        _ changes: [String: Int], to counts: inout [String: Int]?, ranked: inout [Weighted<String>]?
    ) {
        var list = ranked ?? []
        ranked = nil  // the list is now uniquely held, so it is changed in place
        for (name, change) in changes.sorted(by: { $0.key < $1.key }) {
            let before = counts?[name] ?? 0
            let after = before + change
            counts = counts ?? [:]
            counts![name] = after == 0 ? nil : after
            if before != 0, let index = list.firstIndex(where: { $0.id == name }) { list.remove(at: index) }
            if after != 0 {
                let entry = Weighted(id: name, weight: after)
                let at = SiteOrder.insertionIndex(of: entry, in: list, before: SiteOrder.ranks)
                list.insert(entry, at: at)
            }
        }
        if counts?.isEmpty == true { counts = nil }
        ranked = list.isEmpty ? nil : list
    }
}

extension SiteGraph.Tallies {
    /// Adds a document's counts (a clean link adds every document's).
    package mutating func add(_ contribution: DocumentContribution) {
        func add<Key: Hashable>(_ counts: [Key: [String: Int]], to total: inout [Key: [String: Int]]) {
            for (key, inner) in counts {
                for (name, count) in inner { total[key, default: [:]][name, default: 0] += count }
            }
        }
        add(contribution.pairCounts, to: &pairCounts)
        add(contribution.topicsOfActor, to: &topicsOfActor)
        add(contribution.actorsOfTopic, to: &actorsOfTopic)
        add(DocumentContribution.turnedAround(contribution.actorsOfTopic), to: &topicsInvolving)
    }
}

/// What the link stage keeps between builds: the graph, and each
/// document's share of it, so that a changed document's old share can be
/// taken out.
package struct LinkState {
    package var graph: SiteGraph
    package var contributions: StoredMap<DocumentRef, DocumentContribution>

    package init(graph: SiteGraph, contributions: StoredMap<DocumentRef, DocumentContribution>) {
        self.graph = graph
        self.contributions = contributions
    }

    /// Takes what resolve changed. The whole site resolved anew (a clean
    /// build) is linked at once, each document's share computed in
    /// parallel; changed articles have their shares swapped in place,
    /// giving the graph a clean link of the changed site would give.
    /// Returns what changed, for plan.
    package mutating func apply(_ resolved: ResolvedChange) -> GraphChange {
        switch resolved {
        case .everything(let site):
            let (graph, contributions) = Linker().linkKeepingContributions(site)
            self = LinkState(graph: graph, contributions: StoredMap(contributions))
            return GraphChange(isWholeSite: true)
        case .articles(let articles):
            return apply(articles)
        }
    }

    private mutating func apply(_ articles: [ResolvedArticleChange]) -> GraphChange {
        var change = GraphChange()
        for article in articles {
            guard case .article(let slug) = article.ref else { continue }
            change.documents.append(
                DocumentChange(
                    ref: article.ref, old: contributions[article.ref],
                    new: article.document.map { DocumentContribution($0, date: article.source?.date) },
                    oldArticle: graph.articlesBySlug[slug], newArticle: article.source))
        }
        // Archive lists whose entries changed, before and after.
        var keys: Set<ArchiveKey> = []
        for document in change.documents {
            for entity in document.changedEntities {
                for section in document.changedSections(of: entity) {
                    keys.insert(ArchiveKey(entity: entity, section: section))
                }
            }
            for statement in (document.old?.statements ?? []) + (document.new?.statements ?? []) {
                change.statements.insert(statement.id)
            }
        }
        let sorted = keys.sorted { ($0.entity, $0.section) < ($1.entity, $1.section) }
        let changedRefs = Set(change.documents.map(\.ref))
        let statements = change.statements
        func archive(_ key: ArchiveKey) -> ArchiveList {
            graph.archive(key.section, of: key.entity, changed: changedRefs, changedStatements: statements)
        }
        let before = sorted.map(archive)
        let documents = Dictionary(uniqueKeysWithValues: articles.map { ($0.ref, $0.document) })
        for document in change.documents {
            put(document.ref, document.new, body: documents[document.ref] ?? nil, article: document.newArticle)
        }
        change.archives = zip(sorted, zip(before, sorted.map(archive))).map { key, lists in
            GraphChange.ArchiveEdit(entity: key.entity, section: key.section, old: lists.0, new: lists.1)
        }
        return change
    }

    /// Puts one document's share in place, as given.
    package mutating func put(
        _ ref: DocumentRef, _ contribution: DocumentContribution?, body: ResolvedDocument?, article: ArticleSource?
    ) {
        graph.replace(ref, old: contributions[ref], new: contribution, document: body, article: article)
        contributions[ref] = contribution
    }

    private struct ArchiveKey: Hashable {
        var entity: EntityID
        var section: EntitySection
    }
}

extension LinkState {
    /// Nothing linked yet: the state a clean build starts from.
    package init() {
        let empty = ResolvedSite(
            site: SiteConfig(), index: EntityIndex(actors: [], topics: []), articles: [], actors: [], topics: [],
            articleBodies: [], actorBodies: [], topicBodies: [], assets: [], diagnostics: [])
        self.init(graph: Linker().assemble(empty, documents: [], contributions: []), contributions: [:])
    }
}

/// What a change did to the graph, for plan and render.
package struct GraphChange {
    /// The graph was linked anew from every document: every page is new.
    package var isWholeSite = false
    /// Each changed document's share and front matter, before and after.
    package var documents: [DocumentChange] = []
    /// The archive lists whose entries changed, before and after.
    package var archives: [ArchiveEdit] = []
    /// Statements that came, went or changed: their items are stale.
    package var statements: Set<StatementID> = []

    package struct ArchiveEdit {
        package var entity: EntityID
        package var section: EntitySection
        package var old: ArchiveList
        package var new: ArchiveList
    }
}
