import Foundation

/// Builds the plain dictionaries templates receive. Dictionaries are read by
/// swift-mustache without reflection, which keeps large builds fast.
///
/// Text values are escaped by Mustache's `{{name}}`; keys ending in `_html`
/// hold HTML that sitegen escaped itself and go in `{{{name_html}}}`.
struct ViewModels {
    let graph: SiteGraph
    let bodies: BodyRenderer
    let page: OutputPath
    let templates: TemplateSet
    /// Statement items prepared once for pages one folder deep, where most
    /// statements are shown (see `StatementViews`).
    let statementViews: StatementViews?

    func url(_ target: OutputPath, _ fragment: String? = nil) -> String {
        page.relativeURL(to: target, fragment: fragment)
    }

    // MARK: Common

    func layout(title: String, description: String?, kind: String) -> [String: Any] {
        let site = graph.site
        var navigation: [(String, OutputPath, String)] = [
            ("Home", PagePlan.home, "home"), ("Articles", PagePlan.articleIndex, "articles"),
            ("Actors", PagePlan.actorIndex, "actors"), ("Topics", PagePlan.topicIndex, "topics"),
            ("Quotes", PagePlan.quoteIndex, "quotes"),
        ]
        if templates.has("timeline") { navigation.append(("Timeline", PagePlan.timeline, "timeline")) }
        if templates.has("search") { navigation.append(("Search", PagePlan.search, "search")) }
        return [
            "lang": site.language,
            "site_title": site.title,
            "site_description": site.description ?? "",
            "page_title": title,
            "page_description": description ?? site.description ?? "",
            "page_kind": kind,
            "is_home": kind == "home",
            "stylesheet": url(templates.staticPath("style.css")),
            "home_url": url(PagePlan.home),
            "nav": navigation.map { label, target, key in
                ["label": label, "url": url(target), "current": page == target || kind == key] as [String: Any]
            },
            "site": site.extra.compactMapValues(\.templateValue),
            // For hosts: canonical and social tags need absolute URLs, so
            // they appear only when site.yml has base_url.
            "has_base_url": site.baseURL != nil,
            "canonical_url": site.baseURL.map { $0 + (page == PagePlan.home ? "" : page.rawValue) } ?? "",
            "feed_url": site.baseURL != nil ? url(HostingFiles.feed) : "",
            "og_type": kind == "articles" ? "article" : "website",
        ]
    }

    // MARK: Links

    func actorLink(_ slug: String) -> [String: Any] {
        guard let actor = graph.actorsBySlug[slug] else {
            return ["name": slug, "url": "", "role": "", "has_role": false]
        }
        var link: [String: Any] = [
            "name": actor.source.name, "url": url(PagePlan.actor(slug)), "kind": actor.source.kind.rawValue,
            "slug": slug,
        ]
        link.setOptional("role", actor.source.role)
        return link
    }

    func topicLink(_ slug: String) -> [String: Any] {
        guard let topic = graph.topicsBySlug[slug] else {
            return ["title": slug, "url": "", "summary": "", "has_summary": false]
        }
        var link: [String: Any] = ["title": topic.title, "url": url(PagePlan.topic(slug)), "slug": slug]
        link.setOptional("summary", topic.summary)
        return link
    }

    func articleLink(_ article: ArticleSource) -> [String: Any] {
        var link: [String: Any] = [
            "title": article.title, "url": url(PagePlan.article(article.slug)), "date": article.date.long,
            "date_iso": article.date.iso,
        ]
        link.setOptional("summary", article.summary)
        return link
    }

    /// Title of the page a body belongs to.
    func sourceTitle(_ ref: DocumentRef) -> String {
        switch ref {
        case .article(let slug): return graph.articlesBySlug[slug]?.title ?? slug
        case .actor(let slug): return graph.actorsBySlug[slug]?.source.name ?? slug
        case .topic(let slug): return graph.topicsBySlug[slug]?.title ?? slug
        }
    }

    /// A statement as templates see it, with `html`: the theme's
    /// `statement.mustache` rendered for it, so pages list statements with
    /// `{{{html}}}` and each statement is rendered once, not once per page.
    func statementItem(_ statement: Statement) -> [String: Any] {
        var item = statementFields(statement)
        item["html"] = templates.render("statement", item)
        return item
    }

    private func statementFields(_ statement: Statement) -> [String: Any] {
        let references = graph.bodies[statement.source]?.references ?? []
        var item: [String: Any] = [
            "id": statement.id.rawValue,
            "is_quote": statement.kind == .quote,
            "is_claim": statement.kind == .claim,
            "kind": statement.kind.rawValue,
            "text": statement.text,
            "words_html": bodies.renderInline(statement.content, references: references, on: page),
            "speaker": actorLink(statement.speaker),
            "source_title": sourceTitle(statement.source),
            "source_url": url(PagePlan.document(statement.source), statement.anchor),
            "topics": statement.topics.map { topic -> [String: Any] in
                // Every item says whether it has a stance: Mustache would
                // otherwise look `has_stance` up in the enclosing context.
                var link = topicLink(topic)
                link["has_stance"] = statement.stances[topic] != nil
                if let stance = statement.stances[topic] { link.merge(Self.stanceFields(stance)) { $1 } }
                return link
            },
        ]
        item.setOptional("quote_url", statement.kind == .quote ? url(PagePlan.quote(statement.id)) : nil)
        item.setOptional("date", statement.date?.long)
        item.setOptional("date_iso", statement.date?.iso)
        return item
    }

    func statementItems(_ ids: [StatementID]?) -> [[String: Any]] {
        if let statementViews, statementViews.depth == page.depth {
            return (ids ?? []).compactMap { statementViews.items[$0] }
        }
        if let statementViews, page.depth == 0 {
            return (ids ?? []).compactMap { id in
                statementViews.rootItem(id) { graph.statements[id].map(statementItem) }
            }
        }
        return (ids ?? []).compactMap { graph.statements[$0].map(statementItem) }
    }

    func contextItem(_ context: MentionContext, source: DocumentRef, anchor: String) -> [String: Any] {
        [
            "before": context.before, "text": context.text, "after": context.after,
            "url": url(PagePlan.document(source), anchor),
        ]
    }

    /// An entity's backlinks from `sources`, one group per document in that
    /// order, one context per sentence.
    func mentionGroups(of entity: EntityID, from sources: [DocumentRef]) -> [[String: Any]] {
        let mentions = graph.mentions[entity] ?? []
        return sources.map { source in
            // The list is sorted by source: find where this one's run starts.
            let low = SiteOrder.firstIndex(in: mentions) { !($0.source < source) }
            var contexts: [[String: Any]] = []
            var seen: Set<String> = []
            for mention in mentions[low...].prefix(while: { $0.source == source }) {
                let sentence = mention.context.before + mention.context.text + mention.context.after
                guard seen.insert("\(mention.anchor)|\(sentence)").inserted else { continue }
                contexts.append(contextItem(mention.context, source: source, anchor: mention.anchor))
            }
            var group: [String: Any] = [
                "title": sourceTitle(source), "url": url(PagePlan.document(source)), "contexts": contexts,
                "count": contexts.count,
            ]
            group.setOptional("date", graph.date(of: source)?.long)
            group.setOptional("date_iso", graph.date(of: source)?.iso)
            return group
        }
    }

    func body(_ ref: DocumentRef) -> String {
        guard let document = graph.bodies[ref] else { return "" }
        return bodies.render(document, on: page, anchors: true)
    }

    /// Mustache treats an empty array as false, so `{{#list}}…{{/list}}`
    /// sections vanish; `has_list` lets a template hide a whole block.
    static func withFlags(_ model: [String: Any]) -> [String: Any] {
        var model = model
        for (key, value) in model {
            if let array = value as? [Any] { model["has_\(key)"] = !array.isEmpty }
        }
        return model
    }
}

extension Dictionary where Key == String, Value == Any {
    /// Sets `key` and `has_key`, always: Mustache looks a missing key up in
    /// the enclosing context, so an item without a role would show its
    /// page's role. An empty string is not false in Mustache, hence the flag.
    mutating func setOptional(_ key: String, _ value: String?) {
        self[key] = value ?? ""
        self["has_\(key)"] = value != nil
    }
}

/// Statement items for every statement, built once per build for pages one
/// folder deep (`actors/x.html`, `quotes/y.html`, …). Relative links from any
/// such page are the same (`../actors/x.html`), so one item serves them all.
/// A rebuild updates the items of changed documents in place.
final class StatementViews: @unchecked Sendable {
    /// Changed only by `update`, never while pages render; read from many threads.
    private(set) var items: [StatementID: [String: Any]]
    let depth = 1

    init(graph: SiteGraph, bodies: BodyRenderer, templates: TemplateSet) {
        let models = Self.models(graph: graph, bodies: bodies, templates: templates)
        struct Box: @unchecked Sendable { let item: [String: Any] }
        let statements = Array(graph.statements.values)
        let made = statements.concurrentMap { Box(item: models.statementItem($0)) }
        var items: [StatementID: [String: Any]] = [:]
        items.reserveCapacity(made.count)
        for (statement, box) in zip(statements, made) { items[statement.id] = box.item }
        self.items = items
    }

    /// Items for pages at the root (home, the quote index), made when first
    /// asked for: only a few hundred statements appear there.
    private var rootItems: [StatementID: [String: Any]] = [:]
    private let rootLock = NSLock()

    func rootItem(_ id: StatementID, make: () -> [String: Any]?) -> [String: Any]? {
        if let item = rootLock.withLock({ rootItems[id] }) { return item }
        guard let item = make() else { return nil }
        rootLock.withLock { rootItems[id] = item }
        return item
    }

    /// Redoes the items of `stale` statements (dropping those gone from the graph).
    func update(_ stale: Set<StatementID>, graph: SiteGraph, bodies: BodyRenderer, templates: TemplateSet) {
        let models = Self.models(graph: graph, bodies: bodies, templates: templates)
        for id in stale { items[id] = graph.statements[id].map(models.statementItem) }
        rootLock.withLock { for id in stale { rootItems[id] = nil } }
    }

    /// A page in a folder of its own: its links climb to the root.
    private static func models(graph: SiteGraph, bodies: BodyRenderer, templates: TemplateSet) -> ViewModels {
        ViewModels(
            graph: graph, bodies: bodies, page: OutputPath(trusted: "_/_.html"), templates: templates,
            statementViews: nil)
    }
}
