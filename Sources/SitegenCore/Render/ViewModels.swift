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
        if templates.has("connections") {
            navigation.append(("Connections", PagePlan.connections, "connections"))
        }
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
        let isArticle: Bool
        if case .article = statement.source { isArticle = true } else { isArticle = false }
        item["source_label"] =
            (statement.kind == .quote ? "Quoted" : "Reported") + (isArticle ? " in" : " on the page")
        let context = statement.context
        item["context"] = ["before": context.before, "text": context.text, "after": context.after]
        item["has_context"] = Self.contextAddsSomething(context)
        item.setOptional("quote_url", statement.kind == .quote ? url(PagePlan.quote(statement.id)) : nil)
        item.setOptional("date", statement.date?.long)
        item.setOptional("date_iso", statement.date?.iso)
        return item
    }

    /// A statement's sentence is worth showing when it says more than the
    /// words themselves: a few words of its own, not only "he said".
    static func contextAddsSomething(_ context: MentionContext) -> Bool {
        let around = (context.before + " " + context.after).split(whereSeparator: \.isWhitespace)
        return around.filter { $0.contains(where: \.isLetter) }.count >= 3
    }

    func statementItems(_ ids: [StatementID]?) -> [[String: Any]] {
        if let statementViews, statementViews.depth == page.depth {
            // Made for a stand-in page one folder deep, so the item serves
            // every such page, not just this one.
            let shared = StatementViews.models(graph: graph, bodies: bodies, templates: templates)
            return (ids ?? []).compactMap { id in
                statementViews.item(id) { graph.statements[id].map(shared.statementItem) }
            }
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
    /// order, one context per sentence. Sentences that hold one of the
    /// entity's own quotes or claims (by an actor, about a topic) are left
    /// out: the page shows them with the statement.
    func mentionGroups(of entity: EntityID, from sources: [DocumentRef]) -> [[String: Any]] {
        let mentions = graph.mentions[entity] ?? []
        return sources.map { source in
            // The list is sorted by source: find where this one's run starts.
            let low = SiteOrder.firstIndex(in: mentions) { !($0.source < source) }
            // A statement's context may run over several sentences.
            var statementSentences: [String: [String]] = [:]
            for id in graph.statementsBySource[source] ?? [] {
                guard let statement = graph.statements[id],
                    entity.kind == .actor ? statement.speaker == entity.slug : statement.topics.contains(entity.slug)
                else { continue }
                let context = statement.context
                statementSentences[statement.anchor, default: []].append(context.before + context.text + context.after)
            }
            var contexts: [[String: Any]] = []
            var seen: Set<String> = []
            for mention in mentions[low...].prefix(while: { $0.source == source }) {
                let sentence = mention.context.before + mention.context.text + mention.context.after
                if statementSentences[mention.anchor]?.contains(where: { $0.contains(sentence) }) == true { continue }
                guard seen.insert("\(mention.anchor)|\(sentence)").inserted else { continue }
                contexts.append(contextItem(mention.context, source: source, anchor: mention.anchor))
            }
            var group: [String: Any] = [
                "title": sourceTitle(source), "url": url(PagePlan.document(source)), "contexts": contexts,
                "has_contexts": !contexts.isEmpty, "count": contexts.count,
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
    /// Items for pages one folder deep; made up front for a full build,
    /// or when first asked for after a rebuild dropped them.
    private var items: [StatementID: [String: Any]]
    /// Items for pages at the root (home, the quote index), made when first
    /// asked for: only a few hundred statements appear there.
    private var rootItems: [StatementID: [String: Any]] = [:]
    private let lock = NSLock()
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

    /// No items yet: for a rebuild from saved state, which renders a few
    /// pages and so needs a few items.
    init() { items = [:] }

    func item(_ id: StatementID, make: () -> [String: Any]?) -> [String: Any]? {
        cached(id, in: \.items, make: make)
    }

    func rootItem(_ id: StatementID, make: () -> [String: Any]?) -> [String: Any]? {
        cached(id, in: \.rootItems, make: make)
    }

    private func cached(
        _ id: StatementID, in table: ReferenceWritableKeyPath<StatementViews, [StatementID: [String: Any]]>,
        make: () -> [String: Any]?
    ) -> [String: Any]? {
        if let item = lock.withLock({ self[keyPath: table][id] }) { return item }
        guard let item = make() else { return nil }
        lock.withLock { self[keyPath: table][id] = item }
        return item
    }

    /// Drops the items of `stale` statements (their document changed);
    /// they are made again when a page asks for them.
    func drop(_ stale: Set<StatementID>) {
        lock.withLock {
            for id in stale {
                items[id] = nil
                rootItems[id] = nil
            }
        }
    }

    /// A page in a folder of its own: its links climb to the root.
    static func models(graph: SiteGraph, bodies: BodyRenderer, templates: TemplateSet) -> ViewModels {
        ViewModels(
            graph: graph, bodies: bodies, page: OutputPath(trusted: "_/_.html"), templates: templates,
            statementViews: nil)
    }
}
