/// Identifies a quote or claim: the speaker's slug and the first words, or
/// the `#id` the author gave. Stable when the text around it changes.
public struct StatementID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public static func < (lhs: StatementID, rhs: StatementID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }

    /// Words of the quote that go into a derived id.
    static let wordCount = 6

    /// `pete-hegseth-not-a-betrayal`: speaker slug and the first words.
    public static func derived(speaker: String, words: String) -> StatementID {
        let slug = Slug.make(from: words, maxWords: wordCount)
        return StatementID(slug.isEmpty ? speaker : "\(speaker)-\(slug)")
    }
}

/// What an annotation turned out to mean.
public enum Reference: Sendable, Hashable {
    case entity(EntityID)
    case statement(ResolvedStatement)
}

public struct ResolvedStatement: Sendable, Hashable {
    public var id: StatementID
    public var kind: SpanSyntax.Class
    public var speaker: String
    public var topics: [String]
}

/// A parsed body with each annotation resolved (same order as `annotations`);
/// nil where the reference was in error.
public struct ResolvedDocument: Sendable {
    public var source: DocumentRef
    public var parsed: ParsedDocument
    public var references: [Reference?]

    public init(source: DocumentRef, parsed: ParsedDocument, references: [Reference?]) {
        self.source = source
        self.parsed = parsed
        self.references = references
    }
}

public struct Actor: Sendable, Hashable {
    public var source: ActorSource
    public var affiliation: String?
    public var slug: String { source.slug }
}

/// The resolve stage's result: every reference checked against the index.
public struct ResolvedSite: Sendable {
    public var site: SiteConfig
    public var index: EntityIndex
    public var articles: [ArticleSource]
    public var actors: [Actor]
    public var topics: [TopicSource]
    public var articleBodies: [ResolvedDocument]
    public var actorBodies: [ResolvedDocument]
    public var topicBodies: [ResolvedDocument]
    public var assets: [AssetFile]
    public var diagnostics: [Diagnostic]
}
