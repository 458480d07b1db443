import SitegenLoad
import SitegenParse
import SitegenResolve
import StoredCoding

/// A quote or claim, with where it was said and what it is about.
@BinaryCoded
public struct Statement: Sendable, Hashable {
    public var id: StatementID
    public var kind: SpanSyntax.Class
    public var speaker: String
    public var topics: [String]
    /// The words as plain text.
    public var text: String
    /// The words as Markdown nodes (they may hold emphasis and entity links).
    public var content: [MarkdownNode]
    public var source: DocumentRef
    public var anchor: String
    /// When it was said: `date=`, else the article's date (nil in actor
    /// and topic bodies without `date=`).
    public var date: ContentDate?
    /// The date of the article it comes from, which puts it in site order
    /// (nil in actor and topic bodies).
    public var articleDate: ContentDate?
    /// The speaker's stance toward some of `topics`, by topic slug.
    public var stances: [String: Stance] = [:]
    /// `source=`: where the words first appeared.
    public var origin: CitedSource?
    public var context: MentionContext
    /// Order of appearance within its document.
    public var position: Int
    /// `rating=` and `rating_note=` (claims only).
    public var rating: ClaimRating? = nil
    public var ratingNote: String? = nil
}

/// Something that happened, marked `.event` in a document.
@BinaryCoded
public struct Event: Sendable, Hashable {
    /// `date=`, else the article's date.
    public var date: ContentDate
    /// The words as plain text.
    public var text: String
    /// The words as Markdown nodes (they may hold entity links and statements).
    public var content: [MarkdownNode]
    /// Actors involved: `by=`, then those linked or quoted in the text.
    public var actors: [String]
    /// Topics involved: `about=`, then those linked or named in the text.
    public var topics: [String]
    public var source: DocumentRef
    public var anchor: String
    /// The date of the article it comes from: an event dated after it was
    /// still to come when the article was written.
    public var articleDate: ContentDate?
    /// Order of appearance within its document.
    public var position: Int

    /// The actors and topics whose timelines show it.
    public var entities: [EntityID] { actors.map { .actor($0) } + topics.map { .topic($0) } }
}

/// An entity link in some document: a backlink for the entity's page.
@BinaryCoded
public struct Mention: Sendable, Hashable {
    public var entity: EntityID
    public var source: DocumentRef
    public var anchor: String
    public var context: MentionContext
    /// Order of appearance within its document.
    public var position: Int
    /// The sentence is inside one of the entity's own statements in the
    /// same paragraph (a quote by the actor, a claim about the topic), so
    /// the entity's page shows it with that statement, not as a mention.
    /// Worked out once here: pages list mentions by the thousand.
    public var insideOwnStatement = false
}

/// A weighted neighbour in the graph ("mentioned with", "speaks about").
@BinaryCoded
public struct Weighted<ID: Hashable & Sendable>: Sendable, Hashable {
    public var id: ID
    public var weight: Int
}

/// The link stage's result: the cross-reference graph of the whole site.
///
/// Every list is precomputed once here, so rendering a page is a lookup and
/// no page walks the whole site (which would be quadratic in its size).
/// Lists hold ids, never positions in another list, so a changed document
/// can be swapped in place (`replace`) without touching the rest.
public struct SiteGraph: Sendable {
    public var site: SiteConfig
    public var index: EntityIndex
    /// Newest first (date, then slug, both descending): the site's order.
    public var articles: [ArticleSource]
    public var actors: [Actor]
    public var topics: [TopicSource]
    public var assets: [AssetFile]

    public var actorsBySlug: [String: Actor]
    public var topicsBySlug: [String: TopicSource]
    public var articlesBySlug: [String: ArticleSource]
    /// Each document's resolved body; after a rebuild from saved state,
    /// decoded when first asked for (see `StoredMap`).
    package var bodies: StoredMap<DocumentRef, ResolvedDocument>

    /// Statements by id; after a rebuild from saved state, decoded when
    /// first asked for (`StoredMap`), like mentions and bodies.
    package var statements: StoredMap<StatementID, Statement>
    /// Whether each statement is a quote or a claim, without decoding it.
    public var statementKinds: [StatementID: SpanSyntax.Class] = [:]
    /// The rating of each rated claim, so that pages count ratings without
    /// decoding every statement.
    public var statementRatings: [StatementID: ClaimRating] = [:]
    /// Each list in site order: newest article first, then reading order;
    /// statements in actor and topic bodies last (see `SiteOrder`).
    public var statementsBySpeaker: [String: [StatementID]]
    /// `statementsBySpeaker` split by kind, for the quote and claim
    /// archives: filtering a popular speaker's whole list on each of its
    /// archive pages made those pages cost the square of its statements.
    public var quotesBySpeaker: [String: [StatementID]] = [:]
    public var claimsBySpeaker: [String: [StatementID]] = [:]
    public var statementsByTopic: [String: [StatementID]]
    public var statementsBySource: [DocumentRef: [StatementID]]

    /// Where `statementsBySpeaker`'s entries of one kind are.
    package static func speakerList(_ kind: SpanSyntax.Class) -> WritableKeyPath<SiteGraph, [String: [StatementID]]> {
        kind == .quote ? \.quotesBySpeaker : \.claimsBySpeaker
    }

    /// Backlinks per entity, by source document, then reading order.
    package var mentions: StoredMap<EntityID, [Mention]>
    /// Each document's entity links, in reading order.
    package var mentionsBySource: StoredMap<DocumentRef, [Mention]> = [:]
    /// The documents that link to each entity (not its own body), newest
    /// article first, then actor and topic bodies (`SiteOrder.mentionSource`).
    public var mentionSources: [EntityID: [DocumentRef]] = [:]
    /// How many statements are quotes (the rest are claims).
    public var quoteCount = 0
    /// Quotes per speaker, for the quote index.
    public var quoteCounts: [String: Int] = [:]
    /// Quotes per document, for the search index's parts.
    public var quoteCountsBySource: [DocumentRef: Int] = [:]
    /// Actors named in the same paragraph as an entity, most often first.
    public var mentionedWith: [EntityID: [Weighted<String>]]
    /// Topics an actor speaks about, by number of statements.
    public var topicsOfActor: [String: [Weighted<String>]]
    /// Actors involved in a topic: speakers, and actors named alongside it.
    public var actorsOfTopic: [String: [Weighted<String>]]
    /// The same weights from the actor's side: topics an actor speaks about
    /// or is named alongside, for connection maps.
    public var topicsInvolving: [String: [Weighted<String>]] = [:]
    /// Actors whose affiliation is this actor.
    public var members: [String: [String]]
    /// Articles that mention, quote or are about an entity, newest first.
    public var articlesOf: [EntityID: [String]]

    /// Statements that take a stance toward each topic, oldest first
    /// (`SiteOrder.chronological`): the evidence of who stands where.
    public var stancesByTopic: [String: [StatementID]] = [:]
    /// How many statements by each speaker take a stance toward each topic
    /// (topic, then speaker), to pick the home page's stance matrix.
    public var stanceCounts: [String: [String: Int]] = [:]
    /// Every event, oldest first (`SiteOrder.chronological`).
    public var timeline: [Event] = []
    /// Each document's events, in reading order.
    public var eventsBySource: [DocumentRef: [Event]] = [:]
    /// The events each actor and topic is involved in, oldest first.
    public var eventsByEntity: [EntityID: [Event]] = [:]

    /// The counts behind the ranked lists, kept so that a document's share
    /// can be taken out again.
    package var tallies = Tallies()

    @BinaryCoded
    package struct Tallies: Sendable {
        package var pairCounts: [EntityID: [String: Int]] = [:]
        package var topicsOfActor: [String: [String: Int]] = [:]
        package var actorsOfTopic: [String: [String: Int]] = [:]
        /// `actorsOfTopic` turned around: actor → topic → weight.
        package var topicsInvolving: [String: [String: Int]] = [:]
    }

    public func statement(_ id: StatementID) -> Statement? { statements[id] }

    public func date(of source: DocumentRef) -> ContentDate? { Linker.date(of: source, in: articlesBySlug) }

    /// Every document with statements, in site order.
    public var statementSources: [DocumentRef] {
        articles.map { DocumentRef.article($0.slug) }.filter { statementsBySource[$0] != nil }
            + statementsBySource.keys.filter { if case .article = $0 { return false } else { return true } }.sorted()
    }

    /// Every statement in site order.
    public var orderedStatementIDs: [StatementID] {
        statementSources.flatMap { statementsBySource[$0] ?? [] }
    }
}

/// The one order of statements, mentions and articles, shared by a clean
/// link and an in-place update so that both give the same lists.
package enum SiteOrder {
    /// Newest first; on one date, slug descending.
    package static func article(_ a: (ContentDate, String), before b: (ContentDate, String)) -> Bool { a > b }

    package static func statement(_ a: Statement, before b: Statement) -> Bool {
        if a.source == b.source { return a.position < b.position }
        switch (a.source, b.source) {
        case (.article(let sa), .article(let sb)):
            guard let da = a.articleDate, let db = b.articleDate else { return sa > sb }
            return article((da, sa), before: (db, sb))
        case (.article, _): return true
        case (_, .article): return false
        default: return a.source < b.source
        }
    }

    /// Sources linking to an entity: newest article first, then by source.
    package static func mentionSource(
        _ a: DocumentRef, before b: DocumentRef, dates: (DocumentRef) -> ContentDate?
    ) -> Bool {
        let (da, db) = (dates(a), dates(b))
        if da != db {
            guard let da else { return false }
            guard let db else { return true }
            return (da.year, da.month, da.day, da.text) > (db.year, db.month, db.day, db.text)
        }
        return a < b
    }

    /// Oldest first (undated last), then by document and reading order:
    /// timelines and stances, which follow when things were said and
    /// happened rather than when they were reported.
    package static func chronological(
        _ a: (date: ContentDate?, source: DocumentRef, position: Int),
        before b: (date: ContentDate?, source: DocumentRef, position: Int)
    ) -> Bool {
        if a.date != b.date {
            guard let da = a.date else { return false }
            guard let db = b.date else { return true }
            return da < db
        }
        return a.source != b.source ? a.source < b.source : a.position < b.position
    }

    package static func chronological(_ a: Statement, before b: Statement) -> Bool {
        chronological((a.date, a.source, a.position), before: (b.date, b.source, b.position))
    }

    package static func chronological(_ a: Event, before b: Event) -> Bool {
        chronological((a.date, a.source, a.position), before: (b.date, b.source, b.position))
    }

    package static func mention(_ a: Mention, before b: Mention) -> Bool {
        a.source != b.source ? a.source < b.source : a.position < b.position
    }

    /// Where `element` goes in the sorted `list`.
    package static func insertionIndex<T>(of element: T, in list: [T], before: (T, T) -> Bool) -> Int {
        firstIndex(in: list) { !before($0, element) }
    }

    /// The first index whose entry satisfies `isAtOrAfter`, in a list where
    /// every entry that does comes after every entry that does not.
    package static func firstIndex<T>(in list: [T], where isAtOrAfter: (T) -> Bool) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if isAtOrAfter(list[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Heaviest first; on equal weight, by id.
    package static func ranks(_ a: Weighted<String>, before b: Weighted<String>) -> Bool {
        (b.weight, a.id) < (a.weight, b.id)
    }

    package static func ranked(_ counts: [String: Int]) -> [Weighted<String>] {
        counts.map { Weighted(id: $0.key, weight: $0.value) }.sorted(by: ranks)
    }
}
