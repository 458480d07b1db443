import Foundation
import SitegenBase
import StoredCoding

/// A value together with where the author wrote it.
@BinaryCoded
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// The Markdown body of a content file.
@BinaryCoded
public struct DocumentBody: Sendable, Hashable {
    public var file: String
    public var markdown: String
    /// File line of the body's first line (front matter comes before it).
    public var firstLine: Int

    public init(file: String, markdown: String, firstLine: Int = 1) {
        self.file = file
        self.markdown = markdown
        self.firstLine = firstLine
    }
}

/// The two kinds of entity: actors speak and are named, topics are discussed.
@BinaryCoded
public enum EntityKind: String, Sendable, Hashable, CaseIterable {
    case actor, topic
}

@BinaryCoded
public enum ActorKind: String, Sendable, Hashable, CaseIterable {
    case person, country, organisation, group

    /// Plural heading used on index pages.
    public var plural: String {
        switch self {
        case .person: return "People"
        case .country: return "Countries"
        case .organisation: return "Organisations"
        case .group: return "Groups"
        }
    }
}

/// A calendar date from front matter (`2025-02-13`, optionally with a time).
@BinaryCoded
public struct ContentDate: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    /// The text as written, kept for machine-readable output.
    public var text: String

    public static func < (lhs: ContentDate, rhs: ContentDate) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.text) < (rhs.year, rhs.month, rhs.day, rhs.text)
    }

    /// `2025-02-13`.
    public var iso: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `13 February 2025`.
    public var long: String { "\(day) \(Self.monthNames[month - 1]) \(year)" }

    package static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]

    /// Parses `YYYY-MM-DD`, optionally followed by `T` or a space and a time.
    public init?(iso text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let datePart = trimmed.prefix(10)
        let pieces = datePart.split(separator: "-", omittingEmptySubsequences: false)
        guard datePart.count == 10, pieces.count == 3,
            pieces[0].count == 4, pieces[1].count == 2, pieces[2].count == 2,
            let year = Int(pieces[0]), let month = Int(pieces[1]), let day = Int(pieces[2]),
            (1...12).contains(month), day >= 1, day <= ContentDate.days(inMonth: month, year: year)
        else { return nil }
        let rest = trimmed.dropFirst(10)
        if let first = rest.first, first != "T", first != " " { return nil }
        self.year = year
        self.month = month
        self.day = day
        self.text = trimmed
    }

    package static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

@BinaryCoded
public struct ActorSource: Sendable, Hashable {
    public var slug: String
    public var file: String
    public var name: String
    public var kind: ActorKind
    public var role: String?
    /// Reference to another actor, resolved later.
    public var affiliation: Located<String>?
    /// Every other name it is found by: `aliases`, then `match_aliases`.
    public var aliases: [Located<String>]
    /// The names of `aliases` from `match_aliases`: found in links, `by=`,
    /// `about=` and mentions, never shown to readers ("the fund").
    public var matchOnlyAliases: [String] = []
    /// `image:`, a portrait or logo.
    public var image: EntityImage? = nil
    public var extra: [String: FrontMatterValue]
    public var body: DocumentBody
    /// `wikidata:`, the id of the actor's Wikidata item (`Q7747`).
    public var wikidata: String? = nil

    /// The aliases readers see ("Also called"), without the matching-only ones.
    public var shownAliases: [String] { ContentLoader.shown(aliases, without: matchOnlyAliases) }
}

@BinaryCoded
public struct TopicSource: Sendable, Hashable {
    public var slug: String
    public var file: String
    public var title: String
    /// Every other name it is found by: `aliases`, then `match_aliases`.
    public var aliases: [Located<String>]
    /// The names of `aliases` from `match_aliases`: found in links, `by=`,
    /// `about=` and mentions, never shown to readers ("the fund").
    public var matchOnlyAliases: [String] = []
    public var summary: String?
    /// `image:`, a picture for the topic's page.
    public var image: EntityImage? = nil
    public var extra: [String: FrontMatterValue]
    public var body: DocumentBody

    /// The aliases readers see ("Also"), without the matching-only ones.
    public var shownAliases: [String] { ContentLoader.shown(aliases, without: matchOnlyAliases) }
}

@BinaryCoded
public struct ArticleSource: Sendable, Hashable {
    public var slug: String
    public var file: String
    public var title: String
    public var date: ContentDate
    public var summary: String?
    public var draft: Bool
    /// `authors:`, as written: names, or actors by slug or name.
    public var authors: [String] = []
    /// `sources:`, in order: `source=1` is the first.
    public var sources: [CitedSource] = []
    /// `updated:`, when the article was last changed.
    public var updated: ContentDate?
    /// `corrections:`, as written.
    public var corrections: [Correction] = []
    public var extra: [String: FrontMatterValue]
    public var body: DocumentBody

    package init(
        slug: String,
        file: String,
        title: String,
        date: ContentDate,
        summary: String? = nil,
        draft: Bool,
        authors: [String] = [],
        sources: [CitedSource] = [],
        updated: ContentDate? = nil,
        corrections: [Correction] = [],
        extra: [String: FrontMatterValue],
        body: DocumentBody
    ) {
        self.slug = slug
        self.file = file
        self.title = title
        self.date = date
        self.summary = summary
        self.draft = draft
        self.authors = authors
        self.sources = sources
        self.updated = updated
        self.corrections = corrections
        self.extra = extra
        self.body = body
    }

    /// When the article last changed: the later of `updated:` and its
    /// newest correction, or nil when neither is given.
    public var modified: ContentDate? {
        ([updated].compactMap { $0 } + corrections.map(\.date)).max()
    }
}

/// Settings from `site.yml`.
@BinaryCoded
public struct SiteConfig: Sendable, Hashable {
    public var title: String
    public var description: String?
    public var language: String
    public var baseURL: String?
    /// Raw HTML in Markdown is kept only when the site opts in.
    public var unsafeHTML: Bool
    /// cmark's smart punctuation in bodies (`smart_punctuation`), off by default.
    public var smartPunctuation: Bool = false
    public var extra: [String: FrontMatterValue]

    public init(
        title: String = "Explainer", description: String? = nil, language: String = "en",
        baseURL: String? = nil, unsafeHTML: Bool = false, extra: [String: FrontMatterValue] = [:]
    ) {
        self.title = title
        self.description = description
        self.language = language
        self.baseURL = baseURL
        self.unsafeHTML = unsafeHTML
        self.extra = extra
    }
}

/// An actor or topic file that exists but failed to load. It is still known
/// by its slug and whatever names its front matter gave, so one mistake in
/// the file does not also turn every reference to it into an "unknown actor"
/// error: the file's own error is the one to fix.
public struct BrokenEntity: Sendable, Hashable {
    public var kind: EntityKind
    public var slug: String
    /// Name or title and aliases, as far as the front matter could be read.
    public var names: [String]

    public init(kind: EntityKind, slug: String, names: [String]) {
        self.kind = kind
        self.slug = slug
        self.names = names
    }
}

/// A file under `assets/`, copied to the output as it is.
@BinaryCoded
public struct AssetFile: Sendable, Hashable {
    /// Path below the content folder's `assets/`, with `/` separators.
    public var relativePath: String
    public var sourceURL: URL
    /// Width and height when it is an image whose header says them.
    public var size: ImageSize?

    public init(relativePath: String, sourceURL: URL, size: ImageSize? = nil) {
        self.relativePath = relativePath
        self.sourceURL = sourceURL
        self.size = size
    }
}

/// Everything the load stage read from a content folder.
public struct LoadedContent: Sendable {
    public var site: SiteConfig
    public var articles: [ArticleSource]
    public var actors: [ActorSource]
    public var topics: [TopicSource]
    public var assets: [AssetFile]
    /// Actor and topic files that exist but failed to load.
    public var brokenEntities: [BrokenEntity] = []

    public init(
        site: SiteConfig = SiteConfig(), articles: [ArticleSource] = [], actors: [ActorSource] = [],
        topics: [TopicSource] = [], assets: [AssetFile] = []
    ) {
        self.site = site
        self.articles = articles
        self.actors = actors
        self.topics = topics
        self.assets = assets
    }
}
