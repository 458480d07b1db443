import SitegenBase
import SitegenLink
import SitegenParse
import SitegenPlan
import SitegenResolve

/// The graph for data journalists, and the search index, as files.
///
/// `data/graph.json` holds the site, its actors, topics and articles, and
/// what actor and topic bodies say; each article's statements and mentions
/// are in `data/articles/SLUG.json` (its `data` field), so an edit rewrites
/// one small file rather than the whole archive's graph. Keys and arrays
/// come in a fixed order, so two builds of the same content give the same
/// bytes. Shapes are documented in the README.
public enum GraphExport {
    /// `graph.json`, every article's data file and the search index with
    /// its quote parts: everything this enum writes.
    public static func files(_ graph: SiteGraph) -> [OutputFile] {
        jobs(graph).concurrentMap(batch: 1) { $0() }.flatMap { $0 }
    }

    /// `files` as independent jobs, in the order their files come, for
    /// the cores to share: each whole-site file takes up to half a second
    /// at 10,000 articles, and the articles' files, 2 s in all, are split
    /// so that they fill the gaps.
    package static func jobs(_ graph: SiteGraph) -> [@Sendable () -> [OutputFile]] {
        let slugs = graph.articles.map(\.slug)
        let share = Swift.max(1, slugs.count / 64)
        let articleJobs: [@Sendable () -> [OutputFile]] = stride(from: 0, to: slugs.count, by: share).map { start in
            { slugs[start..<Swift.min(start + share, slugs.count)].map { articleFile($0, graph) } }
        }
        return [
            { [OutputFile(path: OutputPlan.graphDataPath, contents: .text(json(graph)))] },
            { [OutputFile(path: OutputPlan.claimsDataPath, contents: .text(claimsJSON(graph)))] },
            { [OutputFile(path: OutputPlan.timelineDataPath, contents: .text(timelineJSON(graph)))] },
        ] + articleJobs + [
            { [OutputFile(path: OutputPlan.searchIndexPath, contents: .text(searchIndex(graph)))] },
            { searchParts(graph).map { OutputFile(path: $0.key, contents: .text($0.value)) } },
        ]
    }

    package static func articleFile(_ slug: String, _ graph: SiteGraph) -> OutputFile {
        OutputFile(path: OutputPlan.articleDataPath(slug), contents: .text(articleJSON(slug, graph)))
    }

    public static func json(_ graph: SiteGraph) -> String {
        let out = JSONWriter()
        out.object {
            out.field("site") {
                out.object {
                    out.field("title", graph.site.title)
                    out.field("description", graph.site.description)
                    out.field("language", graph.site.language)
                }
            }
            out.field("actors") {
                out.array(graph.actors) { actor in
                    out.object {
                        out.field("slug", actor.slug)
                        out.field("name", actor.source.name)
                        out.field("kind", actor.source.kind.rawValue)
                        out.field("role", actor.source.role)
                        out.field("affiliation", actor.affiliation)
                        out.field("aliases") { out.array(actor.source.shownAliases) { out.value($0) } }
                        out.field("match_aliases") { out.array(actor.source.matchOnlyAliases) { out.value($0) } }
                        out.field("wikidata", actor.source.wikidata)
                        out.field("url", PagePlan.actor(actor.slug).rawValue)
                    }
                }
            }
            out.field("topics") {
                out.array(graph.topics) { topic in
                    out.object {
                        out.field("slug", topic.slug)
                        out.field("title", topic.title)
                        out.field("summary", topic.summary)
                        out.field("aliases") { out.array(topic.shownAliases) { out.value($0) } }
                        out.field("match_aliases") { out.array(topic.matchOnlyAliases) { out.value($0) } }
                        out.field("url", PagePlan.topic(topic.slug).rawValue)
                    }
                }
            }
            out.field("articles") {
                out.array(graph.articles) { article in
                    out.object {
                        out.field("slug", article.slug)
                        out.field("title", article.title)
                        out.field("date", article.date.iso)
                        out.field("summary", article.summary)
                        out.field("url", PagePlan.article(article.slug).rawValue)
                        out.field("data", OutputPlan.articleDataPath(article.slug).rawValue)
                    }
                }
            }
            // What actor and topic bodies say; articles' own are in their data files.
            func isArticle(_ ref: DocumentRef) -> Bool { if case .article = ref { true } else { false } }
            let sources = graph.statementSources.filter { !isArticle($0) }
            writeStatements(sources.flatMap { graph.statementsBySource[$0] ?? [] }, graph, out)
            writeMentions(
                graph.mentionsBySource.keys.filter { !isArticle($0) }.sorted().flatMap {
                    graph.mentionsBySource[$0] ?? []
                }, out)
            writeEvents(
                graph.eventsBySource.keys.filter { !isArticle($0) }.sorted().flatMap {
                    graph.eventsBySource[$0] ?? []
                }, out)
        }
        return out.text + "\n"
    }

    /// `data/articles/SLUG.json`: `article` (the slug), and the article's
    /// `statements`, `mentions` and `events` in reading order.
    package static func articleJSON(_ slug: String, _ graph: SiteGraph) -> String {
        let out = JSONWriter()
        let ref = DocumentRef.article(slug)
        out.object {
            out.field("article", slug)
            writeStatements(graph.statementsBySource[ref] ?? [], graph, out)
            writeMentions(graph.mentionsBySource[ref] ?? [], out)
            writeEvents(graph.eventsBySource[ref] ?? [], out)
        }
        return out.text + "\n"
    }

    /// `data/claims.json`: `claims`, every claim in site order (newest
    /// article first, then reading order; claims in actor and topic bodies
    /// last), each with its speaker, date, rating and paragraph.
    package static func claimsJSON(_ graph: SiteGraph) -> String {
        let out = JSONWriter()
        let claims = graph.orderedStatementIDs.filter { graph.statementKinds[$0] == .claim }
        out.object {
            out.field("claims") {
                out.array(claims.compactMap { graph.statements[$0] }) { claim in
                    out.object {
                        out.field("id", claim.id.rawValue)
                        out.field("text", claim.text)
                        out.field("speaker", claim.speaker)
                        out.field("speaker_name", graph.actorsBySlug[claim.speaker]?.source.name ?? claim.speaker)
                        out.field("date", claim.date?.iso)
                        out.field("rating", claim.rating?.rawValue)
                        out.field("rating_note", claim.ratingNote)
                        out.field("topics") { out.array(claim.topics) { out.value($0) } }
                        out.field("source", claim.source.name)
                        out.field("url", PagePlan.document(claim.source).rawValue + "#" + claim.anchor)
                    }
                }
            }
        }
        return out.text + "\n"
    }

    /// `data/timeline.json`: every event, oldest first, in TimelineJS's
    /// JSON format (https://timeline.knightlab.com/docs/json-format.html):
    /// the site as `title`, each event a slide with `start_date`, `text`
    /// (its words as headline; where it was reported, linked, as text) and
    /// its first topic's title as `group`. The text is HTML, escaped.
    package static func timelineJSON(_ graph: SiteGraph) -> String {
        let out = JSONWriter()
        // TimelineJS shows the JSON from some page of its own: with a base
        // URL, links are absolute; without one, relative to the site's root.
        func url(_ path: OutputPath, _ anchor: String) -> String {
            (graph.site.baseURL ?? "") + path.rawValue + "#" + anchor
        }
        out.object {
            out.field("title") {
                out.object {
                    out.field("text") {
                        out.object {
                            out.field("headline", HTML.escape(graph.site.title))
                            out.field("text", HTML.escape(graph.site.description ?? ""))
                        }
                    }
                }
            }
            out.field("events") {
                out.array(graph.timeline) { event in
                    out.object {
                        out.field("start_date") {
                            out.object {
                                out.field("year", event.date.year)
                                out.field("month", event.date.month)
                                out.field("day", event.date.day)
                            }
                        }
                        out.field("text") {
                            out.object {
                                out.field("headline", HTML.escape(event.text))
                                let source: String
                                switch event.source {
                                case .article(let slug): source = graph.articlesBySlug[slug]?.title ?? slug
                                case .actor(let slug): source = graph.actorsBySlug[slug]?.source.name ?? slug
                                case .topic(let slug): source = graph.topicsBySlug[slug]?.title ?? slug
                                }
                                let link = url(PagePlan.document(event.source), event.anchor)
                                out.field(
                                    "text",
                                    #"Reported in <a href=""# + HTML.escape(link) + #"">"# + HTML.escape(source)
                                        + "</a>")
                            }
                        }
                        if let topic = event.topics.first {
                            out.field("group", graph.topicsBySlug[topic]?.title ?? topic)
                        }
                    }
                }
            }
        }
        return out.text + "\n"
    }

    private static func writeStatements(_ ids: [StatementID], _ graph: SiteGraph, _ out: JSONWriter) {
        out.field("statements") {
            out.array(ids.compactMap { graph.statements[$0] }) { statement in
                out.object {
                    out.field("id", statement.id.rawValue)
                    out.field("kind", statement.kind.rawValue)
                    out.field("speaker", statement.speaker)
                    out.field("topics") { out.array(statement.topics) { out.value($0) } }
                    out.field("text", statement.text)
                    out.field("source", statement.source.name)
                    out.field("paragraph", statement.anchor)
                    out.field("date", statement.date?.iso)
                    out.field("stances") {
                        out.object {
                            for topic in statement.topics {
                                if let stance = statement.stances[topic] { out.field(topic, stance.rawValue) }
                            }
                        }
                    }
                    out.field("rating", statement.rating?.rawValue)
                    out.field("rating_note", statement.ratingNote)
                    out.field("url", statement.kind == .quote ? PagePlan.quote(statement.id).rawValue : nil)
                    out.field("source_url", PagePlan.document(statement.source).rawValue + "#" + statement.anchor)
                }
            }
        }
    }

    private static func writeEvents(_ events: [Event], _ out: JSONWriter) {
        out.field("events") {
            out.array(events) { event in
                out.object {
                    out.field("date", event.date.iso)
                    out.field("text", event.text)
                    out.field("actors") { out.array(event.actors) { out.value($0) } }
                    out.field("topics") { out.array(event.topics) { out.value($0) } }
                    out.field("source", event.source.name)
                    out.field("paragraph", event.anchor)
                    out.field("source_url", PagePlan.document(event.source).rawValue + "#" + event.anchor)
                }
            }
        }
    }

    private static func writeMentions(_ mentions: [Mention], _ out: JSONWriter) {
        out.field("mentions") {
            out.array(mentions) { mention in
                out.object {
                    out.field("entity", "\(mention.entity.kind.rawValue):\(mention.entity.slug)")
                    out.field("source", mention.source.name)
                    out.field("paragraph", mention.anchor)
                    out.field("sentence", mention.context.sentence)
                    out.field("text", mention.context.text)
                }
            }
        }
    }

    /// One search entry: kind, title, a subtitle, aliases, URL.
    private static func searchEntry(
        _ out: JSONWriter, _ kind: String, _ title: String, _ subtitle: String?, _ aliases: [String]?,
        _ url: OutputPath
    ) {
        out.object {
            out.field("k", kind)
            out.field("t", title)
            out.field("s", subtitle)
            if let aliases { out.field("a") { out.array(aliases) { out.value($0) } } }
            out.field("u", url.rawValue)
        }
    }

    /// What the search page looks through: names, aliases, roles and
    /// titles, with page URLs relative to the site's root. Quotes come in
    /// parts (`searchParts`), each adding to `quotes`.
    public static func searchIndex(_ graph: SiteGraph) -> String {
        let out = JSONWriter(htmlSafe: true)
        out.object {
            out.field("actors") {
                out.array(graph.actors) { actor in
                    searchEntry(
                        out, "actor", actor.source.name, actor.source.role ?? actor.source.kind.rawValue.capitalized,
                        actor.source.aliases.map(\.value), PagePlan.actor(actor.slug))
                }
            }
            out.field("topics") {
                out.array(graph.topics) { topic in
                    searchEntry(
                        out, "topic", topic.title, topic.summary, topic.aliases.map(\.value), PagePlan.topic(topic.slug)
                    )
                }
            }
            out.field("articles") {
                out.array(graph.articles) { article in
                    searchEntry(out, "article", article.title, article.date.long, nil, PagePlan.article(article.slug))
                }
            }
            out.field("quotes") { out.array([String]()) { _ in } }
        }
        return "window.SITEGEN_SEARCH = \(out.text);\n"
    }

    /// The quote parts that have quotes, each a script that adds its quotes
    /// to the index; the search page loads them after `search-index.js`.
    package static func searchParts(_ graph: SiteGraph, only wanted: Set<Int>? = nil) -> [OutputPath: String] {
        var bySource: [Int: [DocumentRef]] = [:]
        for source in graph.quoteCountsBySource.keys {
            let part = PagePlan.searchPart(of: source)
            if wanted?.contains(part) ?? true { bySource[part, default: []].append(source) }
        }
        // Site order within a part, so its bytes do not depend on hashing:
        // newest article first, then other documents. Only the wanted
        // parts' dates are looked up (a rebuild wants one part of 32).
        for part in bySource.keys {
            let dates = Dictionary(uniqueKeysWithValues: bySource[part]!.map { ($0, graph.date(of: $0)) })
            bySource[part]!.sort { a, b in
                switch (a, b) {
                case (.article(let sa), .article(let sb)):
                    guard let da = dates[a] ?? nil, let db = dates[b] ?? nil else { return sa < sb }
                    return SiteOrder.article((da, sa), before: (db, sb))
                case (.article, _): return true
                case (_, .article): return false
                default: return a < b
                }
            }
        }
        var parts: [OutputPath: String] = [:]
        for (part, sources) in bySource {
            let quotes = sources.flatMap { graph.statementsBySource[$0] ?? [] }
                .filter { graph.statementKinds[$0] == .quote }.compactMap { graph.statements[$0] }
            guard !quotes.isEmpty else { continue }
            let out = JSONWriter(htmlSafe: true)
            out.array(quotes) { statement in
                searchEntry(
                    out, "quote", statement.text,
                    graph.actorsBySlug[statement.speaker]?.source.name ?? statement.speaker, nil,
                    PagePlan.quote(statement.id))
            }
            parts[PagePlan.searchPart(part)] =
                "window.SITEGEN_SEARCH.quotes.push.apply(window.SITEGEN_SEARCH.quotes, \(out.text));\n"
        }
        return parts
    }

    /// The parts that have quotes, in order, for the search page's script tags.
    package static func searchPartPaths(_ graph: SiteGraph) -> [OutputPath] {
        Set(graph.quoteCountsBySource.keys.map(PagePlan.searchPart)).sorted().map(PagePlan.searchPart)
    }

}

/// A small streaming JSON writer: compact output, escaped strings. A class,
/// so nested closures can all write to the one buffer.
package final class JSONWriter {
    /// UTF-8, appended byte runs at a time: a page's structured data is a
    /// few hundred small pieces, and appending each to a `String` cost
    /// more than writing it.
    private var bytes: [UInt8] = []
    private var needsComma = [false]
    /// Escape `<`, `>` and `&` too, for JSON inside an HTML `<script>`.
    package let htmlSafe: Bool

    package init(htmlSafe: Bool = false) {
        self.htmlSafe = htmlSafe
        bytes.reserveCapacity(4096)
    }

    package var text: String { String(decoding: bytes, as: UTF8.self) }

    private func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends a JSON string literal; most strings need no escaping and are
    /// copied whole, straight into the text (this runs for every page's
    /// structured data and every export, so no string is made in between).
    private func appendLiteral(_ string: String) {
        let plain = string.utf8.withContiguousStorageIfAvailable(isPlain) ?? isPlain(Array(string.utf8))
        guard plain else {
            let json = Diagnostic.json(string)
            bytes +=
                (htmlSafe
                ? json.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
                    .replacingOccurrences(of: "&", with: "\\u0026") : json).utf8
            return
        }
        append("\"")
        bytes += string.utf8
        append("\"")
    }

    private func isPlain<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
            if htmlSafe && (byte == 0x3C || byte == 0x3E || byte == 0x26) { return false }
            // U+2028 and U+2029 (E2 80 A8/A9) end lines in JavaScript.
            if byte == 0xE2, index + 2 < bytes.endIndex, bytes[index + 1] == 0x80,
                bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
            {
                return false
            }
            index += 1
        }
        return true
    }

    private func separate() {
        if needsComma[needsComma.count - 1] { append(",") }
        needsComma[needsComma.count - 1] = true
    }

    package func object(_ body: () -> Void) {
        separate()
        append("{")
        needsComma.append(false)
        body()
        needsComma.removeLast()
        append("}")
    }

    package func array<T>(_ items: [T], _ each: (T) -> Void) {
        separate()
        append("[")
        needsComma.append(false)
        for item in items { each(item) }
        needsComma.removeLast()
        append("]")
    }

    package func value(_ string: String?) {
        separate()
        if let string { appendLiteral(string) } else { append("null") }
    }

    /// `"key":` followed by whatever `body` writes.
    package func field(_ key: String, _ body: () -> Void) {
        separate()
        appendLiteral(key)
        append(":")
        needsComma[needsComma.count - 1] = false
        body()
        needsComma[needsComma.count - 1] = true
    }

    package func field(_ key: String, _ string: String?) {
        field(key) { value(string) }
    }

    package func field(_ key: String, _ number: Int) {
        field(key) {
            separate()
            bytes += String(number).utf8
        }
    }
}
