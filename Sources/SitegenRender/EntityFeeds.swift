import Foundation
import SitegenLink
import SitegenLoad
import SitegenPlan
import SitegenResolve

/// An Atom feed per actor and per topic (`actors/SLUG.xml`,
/// `topics/SLUG.xml`): the newest quotes and claims by the actor or about
/// the topic, and the newest articles that mention, quote or are about it,
/// newest first. Written only with a base URL, as the site's feed is.
extension HostingFiles {
    /// The feeds of `only` those entities, or of every actor and topic;
    /// none without a base URL.
    package static func entityFeeds(graph: SiteGraph, only: Set<EntityID>? = nil) -> [OutputFile] {
        guard let base = graph.site.baseURL else { return [] }
        let ids =
            only.map { $0.sorted() }
            ?? graph.actors.map { EntityID.actor($0.slug) } + graph.topics.map { EntityID.topic($0.slug) }
        return ids.filter { hasPage($0, graph) }.map { id in
            OutputFile(path: OutputPlan.entityFeedPath(id), contents: .text(entityFeed(id, base: base, graph: graph)))
        }
    }

    private static func hasPage(_ id: EntityID, _ graph: SiteGraph) -> Bool {
        id.kind == .actor ? graph.actorsBySlug[id.slug] != nil : graph.topicsBySlug[id.slug] != nil
    }

    private struct Entry {
        var url: String
        var title: String
        var published: ContentDate
        var updated: ContentDate
        var authors: [String]
        var summary: String?
    }

    /// Atom 1.0, as `atomFeed`: statements come from articles only (a
    /// body's have no day they were published), dated by their article.
    package static func entityFeed(_ id: EntityID, base: String, graph: SiteGraph) -> String {
        let isActor = id.kind == .actor
        let name =
            isActor
            ? graph.actorsBySlug[id.slug]?.source.name ?? id.slug : graph.topicsBySlug[id.slug]?.title ?? id.slug
        let statementIDs = (isActor ? graph.statementsBySpeaker[id.slug] : graph.statementsByTopic[id.slug]) ?? []
        var statements: [(Statement, ArticleSource)] = []
        for statementID in statementIDs {
            // Site order: articles' statements first, newest article first.
            guard statements.count < feedLength, let statement = graph.statements[statementID],
                case .article(let slug) = statement.source, let article = graph.articlesBySlug[slug]
            else { break }
            statements.append((statement, article))
        }
        var entries: [Entry] = (graph.articlesOf[id] ?? []).prefix(feedLength).compactMap { slug in
            graph.articlesBySlug[slug].map { article in
                Entry(
                    url: base + PagePlan.article(slug).rawValue, title: article.title, published: article.date,
                    updated: article.modified ?? article.date, authors: article.authors.map(graph.authorName),
                    summary: article.summary)
            }
        }
        entries += statements.map { statement, article in
            let speaker = graph.actorsBySlug[statement.speaker]?.source.name ?? statement.speaker
            var title = "\(statement.kind == .quote ? "Quote" : "Claim") by \(speaker): \(statement.text)"
            if let rating = statement.rating { title += " (rated \(rating.label.lowercased()))" }
            let context = statement.context
            return Entry(
                url: base
                    + (statement.kind == .quote
                        ? PagePlan.quote(statement.id).rawValue
                        : PagePlan.article(article.slug).rawValue + "#s-" + statement.id.rawValue),
                title: title, published: article.date, updated: article.modified ?? article.date, authors: [speaker],
                summary: context.sentence.trimmingCharacters(in: .whitespacesAndNewlines)
            )
        }
        // Newest first; on one day articles before statements, each in site order.
        entries = entries.enumerated().sorted { ($1.element.published, $0.offset) < ($0.element.published, $1.offset) }
            .prefix(feedLength).map(\.element)
        let feedURL = base + OutputPlan.entityFeedPath(id).rawValue
        let updated = entries.map { timestamp($0.updated) }.max() ?? "1970-01-01T00:00:00Z"
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += #"<feed xmlns="http://www.w3.org/2005/Atom">"# + "\n"
        xml += "<id>\(Self.xml(feedURL))</id>\n<title>\(Self.xml(name + " · " + graph.site.title))</title>\n"
        xml += "<updated>\(updated)</updated>\n<author><name>\(Self.xml(graph.site.title))</name></author>\n"
        xml += #"<link rel="self" href="\#(Self.xml(feedURL))"/>"# + "\n"
        xml += #"<link rel="alternate" href="\#(Self.xml(base + PagePlan.entity(id).rawValue))"/>"# + "\n"
        for entry in entries {
            let url = Self.xml(entry.url)
            xml += "<entry><id>\(url)</id><title>\(Self.xml(entry.title))</title>"
            xml += "<published>\(timestamp(entry.published))</published>"
            xml += "<updated>\(timestamp(entry.updated))</updated><link href=\"\(url)\"/>"
            for author in entry.authors { xml += "<author><name>\(Self.xml(author))</name></author>" }
            if let summary = entry.summary, !summary.isEmpty { xml += "<summary>\(Self.xml(summary))</summary>" }
            xml += "</entry>\n"
        }
        return xml + "</feed>\n"
    }
}
