import CompiledMustache
import Foundation
import SitegenLink
import SitegenLoad
import SitegenParse
import SitegenPlan
import SitegenResolve

/// Builds the views templates receive for one page (see `Views.swift`).
///
/// A class: a page's models are handed around and kept by statement
/// items' makers, and copying the site graph's many tables on each hand-over
/// showed in profiles of big builds.
package final class ViewModels: @unchecked Sendable {
    package let graph: SiteGraph
    package let bodies: BodyRenderer
    package let page: OutputPath
    package let templates: TemplateSet
    /// Statement items prepared once for pages one folder deep, where most
    /// statements are shown (see `StatementViews`).
    package let statementViews: StatementViews?
    /// Where the page's reads of the graph are noted, when they are recorded.
    package let reads: PageReads?

    package init(
        graph: SiteGraph, bodies: BodyRenderer, page: OutputPath, templates: TemplateSet,
        statementViews: StatementViews?, reads: PageReads? = nil
    ) {
        self.graph = graph
        self.bodies = bodies
        self.page = page
        self.templates = templates
        self.statementViews = statementViews
        self.reads = reads
    }

    /// Notes that the page shows `entry` (see `PageDependencies`).
    package func note(_ entry: GraphEntry) { reads?.note(entry) }

    package func url(_ target: OutputPath, _ fragment: String? = nil) -> String {
        page.relativeURL(to: target, fragment: fragment)
    }

    // MARK: Common

    package func layout(title: String, description: String?, kind: String, image: EntityImage? = nil)
        -> LayoutView
    {
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
        var layout = LayoutView(
            lang: site.language, siteTitle: site.title, siteDescription: site.description ?? "",
            pageTitle: title, pageDescription: description ?? site.description ?? "", pageKind: kind,
            stylesheet: url(templates.staticPath("style.css")), homeURL: url(PagePlan.home),
            nav: navigation.map { label, target, key in
                LayoutView.NavItem(label: label, url: url(target), current: page == target || kind == key)
            },
            site: AuthorData(values: site.extra),
            hasBaseURL: site.baseURL != nil,
            canonicalURL: site.baseURL.map { $0 + (page == PagePlan.home ? "" : page.rawValue) } ?? "",
            feedURL: site.baseURL != nil ? url(OutputPlan.feedPath) : "",
            ogType: kind == "articles" ? "article" : "website")
        if templates.has("corrections") { layout.correctionsURL = url(PagePlan.corrections) }
        if let image, let base = site.baseURL {
            layout.ogImage = (base + Self.encodedPath(image.path), image.alt ?? "")
        }
        return layout
    }

    /// An actor's or topic's picture as its page shows it.
    package func image(_ image: EntityImage?) -> ImageView? {
        guard let image else { return nil }
        let size = bodies.assets.size(of: image.path)
        return ImageView(
            src: String(repeating: "../", count: page.depth) + Self.encodedPath(image.path), alt: image.alt ?? "",
            credit: image.credit, size: size)
    }

    /// A path in the content folder as a URL path: spaces and other bytes
    /// a URL cannot hold percent-encoded.
    static func encodedPath(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }

    // MARK: Links

    package func actorLink(_ slug: String) -> ActorLink {
        guard let actor = graph.actorsBySlug[slug] else {
            return ActorLink(name: slug, url: "", kind: nil, slug: nil, role: nil)
        }
        return ActorLink(
            name: actor.source.name, url: url(PagePlan.actor(slug)), kind: actor.source.kind.rawValue, slug: slug,
            role: actor.source.role)
    }

    package func topicLink(_ slug: String) -> TopicLink {
        guard let topic = graph.topicsBySlug[slug] else {
            return TopicLink(title: slug, url: "", slug: nil, summary: nil)
        }
        return TopicLink(title: topic.title, url: url(PagePlan.topic(slug)), slug: slug, summary: topic.summary)
    }

    package func articleLink(_ article: ArticleSource) -> ArticleLink {
        note(.listing(article.slug))
        return ArticleLink(
            title: article.title, url: url(PagePlan.article(article.slug)), date: article.date.long,
            dateISO: article.date.iso, summary: article.summary)
    }

    /// A byline name: an actor's (linked to their page) when it names one
    /// by slug, name or alias, else the name as written.
    package func bylineAuthor(_ written: String) -> BylineAuthor {
        BylineAuthor(
            name: graph.authorName(written), url: graph.authorActor(written).map { url(PagePlan.actor($0.slug)) })
    }

    /// Title of the page a body belongs to.
    package func sourceTitle(_ ref: DocumentRef) -> String {
        switch ref {
        case .article(let slug):
            note(.listing(slug))
            return graph.articlesBySlug[slug]?.title ?? slug
        case .actor(let slug): return graph.actorsBySlug[slug]?.source.name ?? slug
        case .topic(let slug): return graph.topicsBySlug[slug]?.title ?? slug
        }
    }

    /// A statement as pages list it, with the theme's `statement.mustache`
    /// rendered for it. Items made together share one `maker`.
    package func statementItem(_ statement: Statement, maker: StatementItemMaker? = nil) -> StatementItem {
        // What the item's source title reads, noted for this page (the
        // item works its fields out without noting).
        if case .article(let slug) = statement.source { note(.listing(slug)) }
        var item = StatementItem(statement, maker: maker ?? StatementItemMaker(self))
        item.html = HTMLFragment(templates.render("statement", item))
        return item
    }

    /// A statement's sentence is worth showing when it says more than the
    /// words themselves: a few words of its own, not only "he said".
    package static func contextAddsSomething(_ context: MentionContext) -> Bool {
        let around = (context.before + " " + context.after).split(whereSeparator: \.isWhitespace)
        return around.filter { $0.contains(where: \.isLetter) }.count >= 3
    }

    package func statementItems(_ ids: [StatementID]?) -> [StatementItem] {
        // Noted here, not where an item is made: items are shared between
        // pages. An item names the article it comes from.
        if let reads {
            for id in ids ?? [] {
                reads.note(.statement(id))
                if case .article(let slug) = graph.statements[id]?.source { reads.note(.listing(slug)) }
            }
        }
        // Pages one folder deep get items made for a stand-in page, so that
        // an item serves every such page, not just this one. The maker is
        // made at the first item not kept already: most are, in a full build.
        let oneDeep = page.depth == StatementViews.depth
        var maker = oneDeep ? statementViews?.maker : nil
        func made(_ id: StatementID) -> StatementItem? {
            guard let statement = graph.statements[id] else { return nil }
            let itemMaker =
                maker
                ?? StatementItemMaker(
                    oneDeep ? StatementViews.models(graph: graph, bodies: bodies, templates: templates) : self)
            maker = itemMaker
            return (oneDeep ? itemMaker.models : self).statementItem(statement, maker: itemMaker)
        }
        if let statementViews, oneDeep {
            return (ids ?? []).compactMap { id in statementViews.item(id) { made(id) } }
        }
        if let statementViews, page.depth == 0 {
            return (ids ?? []).compactMap { id in statementViews.rootItem(id) { made(id) } }
        }
        return (ids ?? []).compactMap(made)
    }

    package func contextItem(_ context: MentionContext, source: DocumentRef, anchor: String) -> ContextView {
        ContextView(
            before: context.before, text: context.text, after: context.after,
            url: url(PagePlan.document(source), anchor))
    }

    /// An entity's backlinks from `sources`, one group per document in that
    /// order, one context per sentence. Sentences that hold one of the
    /// entity's own quotes or claims (by an actor, about a topic) are left
    /// out: the page shows them with the statement.
    package func mentionGroups(of entity: EntityID, from sources: [DocumentRef]) -> [MentionGroup] {
        let mentions = graph.mentions[entity] ?? []
        return sources.map { source in
            note(.mentionsFrom(entity, source))
            // The list is sorted by source: find where this one's run starts.
            let low = SiteOrder.firstIndex(in: mentions) { !($0.source < source) }
            var contexts: [ContextView] = []
            var seen: Set<String> = []
            for mention in mentions[low...].prefix(while: { $0.source == source }) where !mention.insideOwnStatement {
                let sentence = mention.context.sentence
                guard seen.insert("\(mention.anchor)|\(sentence)").inserted else { continue }
                contexts.append(contextItem(mention.context, source: source, anchor: mention.anchor))
            }
            return MentionGroup(
                title: sourceTitle(source), url: url(PagePlan.document(source)), contexts: contexts,
                date: graph.date(of: source))
        }
    }

    package func body(_ ref: DocumentRef) -> HTMLFragment {
        note(.body(ref))
        guard let document = graph.bodies[ref] else { return HTMLFragment("") }
        return HTMLFragment(bodies.render(document, on: page, anchors: true))
    }
}

/// Statement items for every statement, built once per build for pages one
/// folder deep (`actors/x.html`, `quotes/y.html`, …). Relative links from any
/// such page are the same (`../actors/x.html`), so one item serves them all.
/// A rebuild updates the items of changed documents in place.
package final class StatementViews: @unchecked Sendable {
    /// Items for pages one folder deep; made up front for a full build,
    /// or when first asked for after a rebuild dropped them.
    private var items: [StatementID: StatementItem]
    /// Items for pages at the root (home, the quote index), made when first
    /// asked for: only a few hundred statements appear there.
    private var rootItems: [StatementID: StatementItem] = [:]
    private let lock = NSLock()
    /// What items for pages one folder deep are made with while it is set,
    /// instead of the asking page's models: a full build's article pages
    /// keep the items they make, and the page's graph holds the article
    /// bodies, which must not live on in the items.
    private var sharedMaker: StatementItemMaker?
    package static let depth = 1

    /// Items made from here on use `graph` (see `sharedMaker`).
    package func makeItems(with graph: SiteGraph, templates: TemplateSet) {
        let bodies = BodyRenderer(site: graph)
        let maker = StatementItemMaker(Self.models(graph: graph, bodies: bodies, templates: templates))
        lock.withLock { sharedMaker = maker }
    }

    /// Items are made with the asking page's models again.
    package func stopSharingMaker() { lock.withLock { sharedMaker = nil } }

    var maker: StatementItemMaker? { lock.withLock { sharedMaker } }

    package convenience init(graph: SiteGraph, bodies: BodyRenderer, templates: TemplateSet) {
        self.init()
        fill(graph: graph, bodies: bodies, templates: templates)
    }

    /// Makes every item no page has asked for yet, side by side: a full
    /// build's pages ask for nearly all of them.
    package func fill(graph: SiteGraph, bodies: BodyRenderer, templates: TemplateSet) {
        let models = Self.models(graph: graph, bodies: bodies, templates: templates)
        let maker = StatementItemMaker(models)
        let missing = lock.withLock { graph.statements.values.filter { items[$0.id] == nil } }
        let made = missing.concurrentMap { models.statementItem($0, maker: maker) }
        lock.withLock {
            items.reserveCapacity(items.count + made.count)
            for (statement, item) in zip(missing, made) { items[statement.id] = item }
        }
    }

    /// No items yet: for a rebuild from saved state, which renders a few
    /// pages and so needs a few items.
    package init() { items = [:] }

    package func item(_ id: StatementID, make: () -> StatementItem?) -> StatementItem? {
        cached(id, in: \.items, make: make)
    }

    package func rootItem(_ id: StatementID, make: () -> StatementItem?) -> StatementItem? {
        cached(id, in: \.rootItems, make: make)
    }

    private func cached(
        _ id: StatementID, in table: ReferenceWritableKeyPath<StatementViews, [StatementID: StatementItem]>,
        make: () -> StatementItem?
    ) -> StatementItem? {
        if let item = lock.withLock({ self[keyPath: table][id] }) { return item }
        guard let item = make() else { return nil }
        lock.withLock { self[keyPath: table][id] = item }
        return item
    }

    /// Drops the items of `stale` statements (their document changed);
    /// they are made again when a page asks for them.
    package func drop(_ stale: Set<StatementID>) {
        lock.withLock {
            for id in stale {
                items[id] = nil
                rootItems[id] = nil
            }
        }
    }

    /// A page in a folder of its own: its links climb to the root.
    package static func models(graph: SiteGraph, bodies: BodyRenderer, templates: TemplateSet) -> ViewModels {
        ViewModels(
            graph: graph, bodies: bodies, page: OutputPath(trusted: "_/_.html"), templates: templates,
            statementViews: nil)
    }
}

/// What the statement items made together work their fields out with:
/// the models of the page they were made for, without its record of
/// reads (an item is shared by the pages that list it). Never changed
/// once made.
///
/// Items outlive the build that made them (a session keeps them for its
/// rebuilds), so the maker keeps a graph without the tables an item never
/// reads. Sharing the session graph's statements made every rebuild copy
/// all of them before changing one, and free the copy the rebuild before
/// had made: 150 ms of a 170 ms rebuild at 10,000 articles.
package final class StatementItemMaker: @unchecked Sendable {
    let models: ViewModels

    package init(_ models: ViewModels) {
        let graph = models.graph.keepingWhatStatementItemsRead()
        var bodies = models.bodies
        bodies.graph = graph
        self.models = ViewModels(
            graph: graph, bodies: bodies, page: models.page, templates: models.templates,
            statementViews: models.statementViews)
    }
}

extension SiteGraph {
    /// The graph without its statements, mentions and the lists and counts
    /// made from them: a statement item reads only names, titles, bodies'
    /// references and assets (`StatementItem`, `BodyRenderer`).
    package func keepingWhatStatementItemsRead() -> SiteGraph {
        var graph = self
        graph.statements = .init()
        graph.statementKinds = [:]
        graph.statementRatings = [:]
        graph.statementsBySpeaker = [:]
        graph.quotesBySpeaker = [:]
        graph.claimsBySpeaker = [:]
        graph.statementsByTopic = [:]
        graph.statementsBySource = [:]
        graph.mentions = .init()
        graph.mentionsBySource = .init()
        graph.mentionSources = [:]
        graph.quoteCounts = [:]
        graph.quoteCountsBySource = [:]
        graph.mentionedWith = [:]
        graph.topicsOfActor = [:]
        graph.actorsOfTopic = [:]
        graph.topicsInvolving = [:]
        graph.articlesOf = [:]
        graph.stancesByTopic = [:]
        graph.stanceCounts = [:]
        graph.timeline = []
        graph.eventsBySource = [:]
        graph.eventsByEntity = [:]
        return graph
    }
}
