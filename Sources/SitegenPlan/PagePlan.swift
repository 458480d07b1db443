import SitegenLink
import SitegenParse
import SitegenResolve

/// What a page shows.
public enum PageKind: Sendable, Hashable {
    case home
    case articleIndex, actorIndex, topicIndex, quoteIndex
    case article(String)
    case actor(String)
    case topic(String)
    case quote(StatementID)
    /// One page of an actor's or topic's full list of entries in a section
    /// (1 = the oldest entries); see `EntitySection`.
    case archive(EntityID, EntitySection, page: Int)
    /// Served by static hosts for missing URLs, when the theme has `404.mustache`.
    case notFound
    /// Client-side search over `search-index.js`, when the theme has `search.mustache`.
    case search
    /// The map of the most connected actors and topics, when the theme has `connections.mustache`.
    case connections
    /// Every event in date order, when the theme has `timeline.mustache`.
    case timeline
    /// Every article's corrections, newest first, when the theme has `corrections.mustache`.
    case corrections

    /// A short name for statistics and templates ("actor", "quote", …).
    public var name: String {
        switch self {
        case .home: return "home"
        case .articleIndex, .actorIndex, .topicIndex, .quoteIndex: return "index"
        case .article: return "article"
        case .actor: return "actor"
        case .topic: return "topic"
        case .quote: return "quote"
        case .archive: return "archive"
        case .notFound: return "404"
        case .search: return "search"
        case .connections: return "connections"
        case .timeline: return "timeline"
        case .corrections: return "corrections"
        }
    }
}

/// One page to build and the path it is written to.
public struct PlannedPage: Sendable, Hashable {
    public var kind: PageKind
    public var path: OutputPath
}

/// The plan stage's result: every page and its URL.
///
/// A file per page (`actors/pete-hegseth.html`) opens from disk without a
/// server and is served as is by every static host.
public struct PagePlan: Sendable {
    public let pages: [PlannedPage]
    /// Pages per kind name, for the build summary.
    public let counts: [String: Int]
    private let positions: [OutputPath: Int]

    /// No pages: stands in until a graph is planned.
    package static let none = PagePlan(pages: [])

    public static let home = OutputPath(trusted: "index.html")
    public static let articleIndex = OutputPath(trusted: "articles.html")
    public static let actorIndex = OutputPath(trusted: "actors.html")
    public static let topicIndex = OutputPath(trusted: "topics.html")
    public static let quoteIndex = OutputPath(trusted: "quotes.html")
    public static let notFound = OutputPath(trusted: "404.html")
    public static let search = OutputPath(trusted: "search.html")
    public static let connections = OutputPath(trusted: "connections.html")
    public static let timeline = OutputPath(trusted: "timeline.html")
    public static let corrections = OutputPath(trusted: "corrections.html")

    public static func article(_ slug: String) -> OutputPath { OutputPath(trusted: "articles/\(slug).html") }
    public static func actor(_ slug: String) -> OutputPath { OutputPath(trusted: "actors/\(slug).html") }
    public static func topic(_ slug: String) -> OutputPath { OutputPath(trusted: "topics/\(slug).html") }
    public static func quote(_ id: StatementID) -> OutputPath { OutputPath(trusted: "quotes/\(id.rawValue).html") }
    /// `actors/SLUG--quotes-2.html`: beside the entity's page, so its links
    /// are those of any page one folder deep; a slug has no double hyphen,
    /// so this never names another entity's page.
    public static func archive(_ id: EntityID, _ section: EntitySection, page: Int) -> OutputPath {
        OutputPath(trusted: "\(id.kind == .actor ? "actors" : "topics")/\(id.slug)--\(section.rawValue)-\(page).html")
    }
    public static func entity(_ id: EntityID) -> OutputPath {
        id.kind == .actor ? actor(id.slug) : topic(id.slug)
    }
    public static func document(_ ref: DocumentRef) -> OutputPath {
        switch ref {
        case .article(let slug): return article(slug)
        case .actor(let slug): return actor(slug)
        case .topic(let slug): return topic(slug)
        }
    }

    public init(pages: [PlannedPage]) {
        self.pages = pages
        counts = pages.reduce(into: [:]) { $0[$1.kind.name, default: 0] += 1 }
        positions = Dictionary(pages.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// An entity's archive pages, section by section, oldest page first.
    package static func archivePages(of entity: EntityID, in graph: SiteGraph) -> [PlannedPage] {
        EntitySection.of(entity.kind).flatMap { section -> [PlannedPage] in
            let count = ArchiveList.pageCount(graph.archiveEntries(section, of: entity).count, section)
            return count == 0
                ? []
                : (1...count).map {
                    PlannedPage(kind: .archive(entity, section, page: $0), path: archive(entity, section, page: $0))
                }
        }
    }

    /// Quotes for search are spread over this many scripts
    /// (`search/quotes-007.js`) by their document, so an edit rewrites one:
    /// about 600 quotes at 10,000 articles.
    package static let searchPartCount = 128

    package static func searchPart(_ part: Int) -> OutputPath {
        let number = String(part)
        return OutputPath(
            trusted: "search/quotes-\(String(repeating: "0", count: max(0, 3 - number.count)))\(number).js")
    }

    /// Which part holds a document's quotes: FNV-1a of its name, stable
    /// from build to build (Swift's own hashing is seeded per process).
    package static func searchPart(of source: DocumentRef) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in source.name.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int(hash % UInt32(searchPartCount))
    }

    /// The page written to `path`, if there is one.
    public func page(at path: OutputPath) -> PlannedPage? { positions[path].map { pages[$0] } }

    /// Plans one page per article, actor, topic and quote, plus the indexes
    /// (and the 404, search, connections and timeline pages when the theme
    /// has templates for them). The timeline page is there even before any
    /// event is, so that the first event does not change every page's
    /// navigation.
    public init(
        graph: SiteGraph, notFoundPage: Bool = false, searchPage: Bool = false, connectionsPage: Bool = false,
        timelinePage: Bool = false, correctionsPage: Bool = false
    ) {
        var pages: [PlannedPage] = [
            PlannedPage(kind: .home, path: Self.home),
            PlannedPage(kind: .articleIndex, path: Self.articleIndex),
            PlannedPage(kind: .actorIndex, path: Self.actorIndex),
            PlannedPage(kind: .topicIndex, path: Self.topicIndex),
            PlannedPage(kind: .quoteIndex, path: Self.quoteIndex),
        ]
        pages.reserveCapacity(
            pages.count + graph.articles.count + graph.actors.count + graph.topics.count + graph.statements.count)
        pages += graph.articles.map { PlannedPage(kind: .article($0.slug), path: Self.article($0.slug)) }
        pages += graph.actors.map { PlannedPage(kind: .actor($0.slug), path: Self.actor($0.slug)) }
        pages += graph.topics.map { PlannedPage(kind: .topic($0.slug), path: Self.topic($0.slug)) }
        let entities = graph.actors.map { EntityID.actor($0.slug) } + graph.topics.map { EntityID.topic($0.slug) }
        pages += entities.concurrentMap { Self.archivePages(of: $0, in: graph) }.joined()
        pages += graph.orderedStatementIDs.filter { graph.statementKinds[$0] == .quote }.map {
            PlannedPage(kind: .quote($0), path: Self.quote($0))
        }
        if notFoundPage { pages.append(PlannedPage(kind: .notFound, path: Self.notFound)) }
        if searchPage { pages.append(PlannedPage(kind: .search, path: Self.search)) }
        if connectionsPage { pages.append(PlannedPage(kind: .connections, path: Self.connections)) }
        if timelinePage { pages.append(PlannedPage(kind: .timeline, path: Self.timeline)) }
        if correctionsPage { pages.append(PlannedPage(kind: .corrections, path: Self.corrections)) }
        self.init(pages: pages)
    }
}
