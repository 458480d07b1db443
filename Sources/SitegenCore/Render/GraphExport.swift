/// `data/graph.json`: the whole cross-reference graph for data journalists.
///
/// Shape (documented in the README): `{"site", "actors", "topics",
/// "articles", "statements", "mentions"}`; every `url` is relative to the
/// output root. Keys and arrays come in a fixed order, so two builds of the
/// same content give the same bytes.
public enum GraphExport {
    public static let path = OutputPath(trusted: "data/graph.json")

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
                        out.field("aliases") { out.array(actor.source.aliases) { out.value($0.value) } }
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
                        out.field("aliases") { out.array(topic.aliases) { out.value($0.value) } }
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
                    }
                }
            }
            out.field("statements") {
                out.array(graph.orderedStatementIDs.compactMap { graph.statements[$0] }) { statement in
                    out.object {
                        out.field("id", statement.id.rawValue)
                        out.field("kind", statement.kind.rawValue)
                        out.field("speaker", statement.speaker)
                        out.field("topics") { out.array(statement.topics) { out.value($0) } }
                        out.field("text", statement.text)
                        out.field("source", sourceName(statement.source))
                        out.field("paragraph", statement.anchor)
                        out.field("date", statement.date?.iso)
                        out.field("url", statement.kind == .quote ? PagePlan.quote(statement.id).rawValue : nil)
                        out.field("source_url", PagePlan.document(statement.source).rawValue + "#" + statement.anchor)
                    }
                }
            }
            out.field("mentions") {
                let mentions = graph.mentions.keys.sorted().flatMap { graph.mentions[$0] ?? [] }
                out.array(mentions) { mention in
                    out.object {
                        out.field("entity", "\(mention.entity.kind.rawValue):\(mention.entity.slug)")
                        out.field("source", sourceName(mention.source))
                        out.field("paragraph", mention.anchor)
                        out.field("sentence", mention.context.before + mention.context.text + mention.context.after)
                        out.field("text", mention.context.text)
                    }
                }
            }
        }
        return out.text + "\n"
    }

    /// `search-index.js`: what the search page looks through, as a script
    /// (browsers refuse `fetch` on `file://`, but load scripts): names,
    /// aliases, roles, titles, summaries and quote words, with page URLs
    /// relative to the site's root.
    public static let searchIndexPath = OutputPath(trusted: "search-index.js")

    public static func searchIndex(_ graph: SiteGraph) -> String {
        let out = JSONWriter(htmlSafe: true)
        /// One entry: kind, title, a subtitle, aliases, URL.
        func entry(_ kind: String, _ title: String, _ subtitle: String?, _ aliases: [String]?, _ url: OutputPath) {
            out.object {
                out.field("k", kind)
                out.field("t", title)
                out.field("s", subtitle)
                if let aliases { out.field("a") { out.array(aliases) { out.value($0) } } }
                out.field("u", url.rawValue)
            }
        }
        out.object {
            out.field("actors") {
                out.array(graph.actors) { actor in
                    entry(
                        "actor", actor.source.name, actor.source.role ?? actor.source.kind.rawValue.capitalized,
                        actor.source.aliases.map(\.value), PagePlan.actor(actor.slug))
                }
            }
            out.field("topics") {
                out.array(graph.topics) { topic in
                    entry("topic", topic.title, topic.summary, topic.aliases.map(\.value), PagePlan.topic(topic.slug))
                }
            }
            out.field("articles") {
                out.array(graph.articles) { article in
                    entry("article", article.title, article.date.long, nil, PagePlan.article(article.slug))
                }
            }
            out.field("quotes") {
                out.array(graph.orderedStatementIDs.compactMap { graph.statements[$0] }.filter { $0.kind == .quote }) {
                    statement in
                    entry(
                        "quote", statement.text,
                        graph.actorsBySlug[statement.speaker]?.source.name ?? statement.speaker,
                        nil, PagePlan.quote(statement.id))
                }
            }
        }
        return "window.SITEGEN_SEARCH = \(out.text);\n"
    }

    /// `article:slug`, `actor:slug` or `topic:slug`.
    static func sourceName(_ source: DocumentRef) -> String {
        switch source {
        case .article(let slug): return "article:\(slug)"
        case .actor(let slug): return "actor:\(slug)"
        case .topic(let slug): return "topic:\(slug)"
        }
    }
}

/// A small streaming JSON writer: compact output, escaped strings. A class,
/// so nested closures can all write to the one buffer.
final class JSONWriter {
    private(set) var text = ""
    private var needsComma = [false]
    /// Escape `<`, `>` and `&` too, for JSON inside an HTML `<script>`.
    let htmlSafe: Bool

    init(htmlSafe: Bool = false) { self.htmlSafe = htmlSafe }

    private func literal(_ string: String) -> String {
        let json = Diagnostic.json(string)
        guard htmlSafe else { return json }
        return json.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    private func separate() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
    }

    func object(_ body: () -> Void) {
        separate()
        text += "{"
        needsComma.append(false)
        body()
        needsComma.removeLast()
        text += "}"
    }

    func array<T>(_ items: [T], _ each: (T) -> Void) {
        separate()
        text += "["
        needsComma.append(false)
        for item in items { each(item) }
        needsComma.removeLast()
        text += "]"
    }

    func value(_ string: String?) {
        separate()
        text += string.map(literal) ?? "null"
    }

    /// `"key":` followed by whatever `body` writes.
    func field(_ key: String, _ body: () -> Void) {
        separate()
        text += literal(key) + ":"
        needsComma[needsComma.count - 1] = false
        body()
        needsComma[needsComma.count - 1] = true
    }

    func field(_ key: String, _ string: String?) {
        field(key) { value(string) }
    }
}
