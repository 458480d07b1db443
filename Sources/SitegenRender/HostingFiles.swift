import SitegenLink
import SitegenLoad
import SitegenPlan

/// Files for static hosts beside the pages: `sitemap.xml`, `robots.txt`,
/// an Atom feed of the articles and `data/graph.json`. The sitemap and feed
/// need absolute URLs, so they are written only when `site.yml` sets
/// `base_url`; links inside pages stay relative either way.
public enum HostingFiles {
    /// Articles in the feed, newest first.
    package static let feedLength = 50

    /// Every file of this kind for the site (and the data exports), in a
    /// fixed order.
    public static func files(graph: SiteGraph, plan: PagePlan) -> [OutputFile] {
        jobs(graph: graph, plan: plan).concurrentMap(batch: 1) { $0() }.flatMap { $0 }
    }

    /// The same files, made by independent jobs of very different sizes
    /// (the graph's index alone, or a 64th of the articles' data files).
    package static func jobs(graph: SiteGraph, plan: PagePlan) -> [@Sendable () -> [OutputFile]] {
        GraphExport.jobs(graph) + [
            { hostingFiles(graph: graph, plan: plan) },
            { entityFeeds(graph: graph) },
        ]
    }

    /// `robots.txt`, and with a base URL the sitemap and feed.
    package static func hostingFiles(graph: SiteGraph, plan: PagePlan) -> [OutputFile] {
        var files: [OutputFile] = []
        files.append(OutputFile(path: OutputPlan.robotsPath, contents: .text(robotsText(graph.site))))
        if let base = graph.site.baseURL {
            files.append(
                OutputFile(
                    path: OutputPlan.sitemapPath, contents: .text(sitemapXML(base: base, graph: graph, plan: plan))))
            files.append(OutputFile(path: OutputPlan.feedPath, contents: .text(atomFeed(base: base, graph: graph))))
        }
        return files
    }

    package static func robotsText(_ site: SiteConfig) -> String {
        var text = "User-agent: *\nAllow: /\n"
        if let base = site.baseURL { text += "Sitemap: \(base)\(OutputPlan.sitemapPath.rawValue)\n" }
        return text
    }

    /// XML text escaping (the same five characters as HTML).
    package static func xml(_ text: String) -> String { HTML.escape(text) }

    package static func sitemapXML(base: String, graph: SiteGraph, plan: PagePlan) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += #"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"# + "\n"
        for page in plan.pages {
            xml += "<url><loc>\(Self.xml(base + page.path.rawValue))</loc>"
            if case .article(let slug) = page.kind, let article = graph.articlesBySlug[slug] {
                xml += "<lastmod>\((article.modified ?? article.date).iso)</lastmod>"
            }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }

    /// Atom 1.0 (RFC 4287): feed id, title, updated and author; each entry
    /// has id, title, published, updated (its `updated:` or newest
    /// correction, so readers see a corrected article again), its authors,
    /// a link and a summary. The feed's updated is its newest entry's.
    package static func atomFeed(base: String, graph: SiteGraph) -> String {
        let articles = graph.articles.prefix(feedLength)
        let updated = articles.map { timestamp($0.modified ?? $0.date) }.max() ?? "1970-01-01T00:00:00Z"
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += #"<feed xmlns="http://www.w3.org/2005/Atom">"# + "\n"
        xml += "<id>\(Self.xml(base))</id>\n<title>\(Self.xml(graph.site.title))</title>\n"
        if let description = graph.site.description { xml += "<subtitle>\(Self.xml(description))</subtitle>\n" }
        xml += "<updated>\(updated)</updated>\n<author><name>\(Self.xml(graph.site.title))</name></author>\n"
        xml += #"<link rel="self" href="\#(Self.xml(base + OutputPlan.feedPath.rawValue))"/>"# + "\n"
        xml += #"<link rel="alternate" href="\#(Self.xml(base))"/>"# + "\n"
        for article in articles {
            let url = Self.xml(base + PagePlan.article(article.slug).rawValue)
            xml += "<entry><id>\(url)</id><title>\(Self.xml(article.title))</title>"
            xml += "<published>\(timestamp(article.date))</published>"
            xml += "<updated>\(timestamp(article.modified ?? article.date))</updated><link href=\"\(url)\"/>"
            for author in article.authors {
                let name = graph.authorName(author)
                xml += "<author><name>\(Self.xml(name))</name></author>"
            }
            if let summary = article.summary { xml += "<summary>\(Self.xml(summary))</summary>" }
            xml += "</entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// Midnight UTC of a date, as Atom wants a full timestamp.
    package static func timestamp(_ date: ContentDate) -> String { "\(date.iso)T00:00:00Z" }
}
