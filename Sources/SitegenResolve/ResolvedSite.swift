import SitegenBase
import SitegenLoad
import SitegenParse
import StoredCoding

/// Identifies a quote or claim: the speaker's slug and the first words, or
/// the `#id` the author gave. Stable when the text around it changes.
@BinaryCoded
public struct StatementID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public static func < (lhs: StatementID, rhs: StatementID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }

    /// Words of the quote that go into a derived id.
    package static let wordCount = 6

    /// Longest derived id, in bytes, cut at a word boundary: ids are file names.
    package static let maximumLength = 80

    /// `pete-hegseth-not-a-betrayal`: speaker slug and the first words. Words
    /// with no Latin letters or digits (a quote in Cyrillic, say) give a short
    /// hash of the text instead, so such quotes do not all share one id.
    public static func derived(speaker: String, words: String) -> StatementID {
        var slug = Slug.make(from: words, maxWords: wordCount)
        if slug.isEmpty {
            var hash: UInt32 = 2_166_136_261
            for byte in words.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
            slug = "q" + String(hash, radix: 16)
        }
        var id = "\(speaker)-\(slug)"
        if id.utf8.count > maximumLength {
            // Slugs are ASCII, so bytes are characters here.
            var bytes = Array(id.utf8.prefix(maximumLength))
            if let cut = bytes.lastIndex(of: UInt8(ascii: "-")), cut > speaker.utf8.count {
                bytes.removeSubrange(cut...)
            }
            while bytes.last == UInt8(ascii: "-") { bytes.removeLast() }
            id = String(decoding: bytes, as: UTF8.self)
        }
        return StatementID(id)
    }
}

/// What an annotation turned out to mean.
@BinaryCoded
public enum Reference: Sendable, Hashable {
    case entity(EntityID)
    case statement(ResolvedStatement)
    case event(ResolvedEvent)
}

@BinaryCoded
public struct ResolvedStatement: Sendable, Hashable {
    public var id: StatementID
    public var kind: SpanSyntax.Class
    public var speaker: String
    public var topics: [String]
    /// The speaker's stance toward some of `topics`, by topic slug.
    public var stances: [String: Stance] = [:]
    /// `date=`, when the author gave one.
    public var date: ContentDate?
    /// `source=`: where the words first appeared.
    public var origin: CitedSource?
    /// `rating=` and `rating_note=` (claims only).
    public var rating: ClaimRating? = nil
    public var ratingNote: String? = nil
}

/// An event's `by=` and `about=` resolved; who else was involved comes
/// from the entity links in its text (see `Event`).
@BinaryCoded
public struct ResolvedEvent: Sendable, Hashable {
    /// `date=`, when the author gave one (required outside articles).
    public var date: ContentDate?
    public var actors: [String]
    public var topics: [String]
}

/// A parsed body with each annotation resolved (same order as `annotations`);
/// nil where the reference was in error.
@BinaryCoded
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

@BinaryCoded
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
    /// Errors, and warnings about what is legal but probably a mistake
    /// (aliases that make a name ambiguous, quotes about no topic).
    public var diagnostics: [Diagnostic]
    /// "Never mentioned" warnings, apart: they stand only when the content
    /// has no errors, as a broken file or reference may be what mentions them.
    public var unreferenced: [Diagnostic] = []
    /// The entities each document refers to, which the resolve state
    /// counts: worked out once, with the warnings above.
    package var referencedBy: [DocumentRef: Set<EntityID>] = [:]

    package init(
        site: SiteConfig,
        index: EntityIndex,
        articles: [ArticleSource],
        actors: [Actor],
        topics: [TopicSource],
        articleBodies: [ResolvedDocument],
        actorBodies: [ResolvedDocument],
        topicBodies: [ResolvedDocument],
        assets: [AssetFile],
        diagnostics: [Diagnostic],
        unreferenced: [Diagnostic] = [],
        referencedBy: [DocumentRef: Set<EntityID>] = [:]
    ) {
        self.site = site
        self.index = index
        self.articles = articles
        self.actors = actors
        self.topics = topics
        self.articleBodies = articleBodies
        self.actorBodies = actorBodies
        self.topicBodies = topicBodies
        self.assets = assets
        self.diagnostics = diagnostics
        self.unreferenced = unreferenced
        self.referencedBy = referencedBy
    }
}
