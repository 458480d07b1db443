import SitegenBase
import SitegenLoad
import StoredCoding

/// Which content file a body belongs to.
@BinaryCoded
public enum DocumentRef: Sendable, Hashable, Comparable {
    case article(String)
    case actor(String)
    case topic(String)

    /// `article:slug`, `actor:slug` or `topic:slug`.
    public var name: String {
        switch self {
        case .article(let slug): return "article:\(slug)"
        case .actor(let slug): return "actor:\(slug)"
        case .topic(let slug): return "topic:\(slug)"
        }
    }
}

/// The parse stage's result for a whole content folder.
public struct ParsedSite: Sendable {
    public var content: LoadedContent
    /// Parsed bodies, in the same order as `content.articles`, `actors`, `topics`.
    public var articleBodies: [ParsedDocument]
    public var actorBodies: [ParsedDocument]
    public var topicBodies: [ParsedDocument]

    package init(
        content: LoadedContent,
        articleBodies: [ParsedDocument],
        actorBodies: [ParsedDocument],
        topicBodies: [ParsedDocument]
    ) {
        self.content = content
        self.articleBodies = articleBodies
        self.actorBodies = actorBodies
        self.topicBodies = topicBodies
    }

    public var diagnostics: [Diagnostic] {
        (articleBodies + actorBodies + topicBodies).flatMap(\.diagnostics)
    }

    /// Parses every body; bodies are independent, so this runs across cores.
    public static func parse(_ content: LoadedContent) -> ParsedSite {
        let parser = AnnotationParser(
            smartPunctuation: content.site.smartPunctuation, assets: AssetPaths(content.assets))
        let bodies: [(DocumentBody, [CitedSource]?)] =
            content.articles.map { ($0.body, $0.sources) } + content.actors.map { ($0.body, nil) }
            + content.topics.map { ($0.body, nil) }
        let parsed = bodies.concurrentMap { parser.parse($0.0, sources: $0.1) }
        let articleEnd = content.articles.count
        let actorEnd = articleEnd + content.actors.count
        return ParsedSite(
            content: content,
            articleBodies: Array(parsed[0..<articleEnd]),
            actorBodies: Array(parsed[articleEnd..<actorEnd]),
            topicBodies: Array(parsed[actorEnd...]))
    }
}
