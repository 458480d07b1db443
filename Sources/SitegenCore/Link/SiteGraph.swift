/// A quote or claim, with where it was said and what it is about.
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
    public var date: ContentDate?
    public var context: MentionContext
    /// Order of appearance within its document.
    public var position: Int
}

/// An entity link in some document: a backlink for the entity's page.
public struct Mention: Sendable, Hashable {
    public var entity: EntityID
    public var source: DocumentRef
    public var anchor: String
    public var context: MentionContext
}

/// A weighted neighbour in the graph ("mentioned with", "speaks about").
public struct Weighted<ID: Hashable & Sendable>: Sendable, Hashable {
    public var id: ID
    public var weight: Int
}

/// The link stage's result: the cross-reference graph of the whole site.
///
/// Every list is precomputed once here, so rendering a page is a lookup and
/// no page walks the whole site (which would be quadratic in its size).
public struct SiteGraph: Sendable {
    public var site: SiteConfig
    public var index: EntityIndex
    public var articles: [ArticleSource]
    public var actors: [Actor]
    public var topics: [TopicSource]
    public var assets: [AssetFile]

    public var actorsBySlug: [String: Actor]
    public var topicsBySlug: [String: TopicSource]
    public var articlesBySlug: [String: ArticleSource]
    public var bodies: [DocumentRef: ResolvedDocument]

    /// All statements, newest article first, then in reading order.
    public var statements: [Statement]
    public var statementIndex: [StatementID: Int]
    public var statementsBySpeaker: [String: [Int]]
    public var statementsByTopic: [String: [Int]]
    public var statementsBySource: [DocumentRef: [Int]]

    public var mentions: [EntityID: [Mention]]
    /// Actors named in the same paragraph as an entity, most often first.
    public var mentionedWith: [EntityID: [Weighted<String>]]
    /// Topics an actor speaks about, by number of statements.
    public var topicsOfActor: [String: [Weighted<String>]]
    /// Actors involved in a topic: speakers, and actors named alongside it.
    public var actorsOfTopic: [String: [Weighted<String>]]
    /// Actors whose affiliation is this actor.
    public var members: [String: [String]]
    /// Articles that mention, quote or are about an entity, newest first.
    public var articlesOf: [EntityID: [String]]

    public func statement(_ id: StatementID) -> Statement? { statementIndex[id].map { statements[$0] } }

    public func date(of source: DocumentRef) -> ContentDate? { Linker.date(of: source, in: articlesBySlug) }
}
