import CompiledMustache
import Foundation
import SitegenLink
import SitegenLoad
import SitegenParse
import SitegenPlan
import SitegenResolve

/// The render stage: HTML for each planned page, from view models and the
/// theme's templates.
public struct PageRenderer: Sendable {
    public let graph: SiteGraph
    public let templates: TemplateSet
    package let bodies: BodyRenderer
    package let statementViews: StatementViews?

    /// How many quotes the home page features.
    package static let featuredQuoteCount = 6
    /// Home and index pages show the most prominent entries and link to the
    /// full lists, so their size does not grow with the archive.
    package static let homeListLimit = 20
    package static let quotesPerSpeakerOnIndex = 5
    /// Speakers the quote index shows quotes for; the rest get a line each.
    package static let quoteIndexSpeakers = 50
    /// "Mentioned with" shows the strongest connections only.
    package static let connectionLimit = 24
    /// A topic's page groups its newest statements by speaker.
    package static let topicStatementPreview = 30

    public init(graph: SiteGraph, templates: TemplateSet) {
        self.graph = graph
        self.templates = templates
        self.bodies = BodyRenderer(site: graph)
        self.statementViews = StatementViews(graph: graph, bodies: bodies, templates: templates)
    }

    /// With the statement items of a previous build (a rebuild, which drops
    /// the stale ones first), or, without, making each page's items for it
    /// alone and keeping none.
    package init(graph: SiteGraph, templates: TemplateSet, statementViews: StatementViews?) {
        self.graph = graph
        self.templates = templates
        self.bodies = BodyRenderer(site: graph)
        self.statementViews = statementViews
    }

    /// Makes every statement item not made yet (see `StatementViews.fill`).
    package func fillStatementViews() { statementViews?.fill(graph: graph, bodies: bodies, templates: templates) }

    public func render(_ page: PlannedPage) -> String { render(page, recording: nil) }

    /// The page's HTML; what its views read of the graph is noted in `reads`.
    package func render(_ page: PlannedPage, recording reads: PageReads?) -> String {
        let (template, view) = self.view(of: page, recording: reads)
        guard let view else { return templates.render(template, MissingPage(jsonLD: structuredData(page, nil))) }
        return templates.render(template, view)
    }

    /// The page's template and its view; no view for an entry the graph
    /// does not have.
    package func view(of page: PlannedPage, recording reads: PageReads? = nil) -> (
        template: String, view: (any PageView)?
    ) {
        let models = ViewModels(
            graph: graph, bodies: bodies, page: page.path, templates: templates, statementViews: statementViews,
            reads: reads)
        var (template, view) = view(for: page.kind, models: models)
        view?.layout.jsonLD = structuredData(page, models)
        return (template, view)
    }

    /// Structured data names an article's entities and a quote's source.
    private func structuredData(_ page: PlannedPage, _ models: ViewModels?) -> HTMLFragment {
        if let reads = models?.reads {
            switch page.kind {
            case .article(let slug): reads.note([.listing(slug), .body(.article(slug))])
            case .quote(let id):
                reads.note(.statement(id))
                if case .article(let slug) = graph.statement(id)?.source { reads.note(.listing(slug)) }
            default: break
            }
        }
        // The page's own statements come from its body, which the page reads.
        return HTMLFragment(
            StructuredData.script(for: page.kind, graph: graph, page: page.path)
                + StructuredData.statementsScript(for: page.kind, graph: graph, page: page.path))
    }

    private func view(for kind: PageKind, models: ViewModels) -> (String, (any PageView)?) {
        switch kind {
        case .home: return ("home", home(models))
        case .corrections:
            models.note(.corrections)
            // Newest first; on one day, in site order (newest article first).
            let entries = graph.articles.flatMap { article in
                article.corrections.map { (article, $0) }
            }.enumerated().sorted { ($0.element.1.date, $1.offset) > ($1.element.1.date, $0.offset) }.map {
                let (article, correction) = $0.element
                return CorrectionsPage.Entry(
                    article: models.articleLink(article),
                    correction: CorrectionItem(date: correction.date, text: correction.text),
                    url: models.url(PagePlan.article(article.slug), "corrections-title"))
            }
            return (
                "corrections",
                CorrectionsPage(
                    layout: models.layout(
                        title: "Corrections", description: "Every correction made to the articles, newest first.",
                        kind: "corrections"),
                    entries: entries)
            )
        case .timeline:
            return (
                "timeline",
                TimelinePage(
                    layout: models.layout(
                        title: "Timeline", description: "What happened, in date order, with who was involved.",
                        kind: "timeline"),
                    days: models.timelineDays(), eventCount: graph.timeline.count)
            )
        case .search:
            models.note(.searchParts)
            return (
                "search",
                SearchPage(
                    layout: models.layout(
                        title: "Search", description: "Search people, countries, topics, articles and quotes.",
                        kind: "search"),
                    indexURL: models.url(OutputPlan.searchIndexPath),
                    quoteParts: GraphExport.searchPartPaths(graph).map { URLItem(url: models.url($0)) },
                    scriptURL: models.url(templates.staticPath("search.js")))
            )
        case .notFound:
            return (
                "404",
                NotFoundPage(
                    layout: models.layout(
                        title: "Page not found", description: "There is no page at this address.", kind: "404"),
                    baseHref: graph.site.baseURL, articlesURL: models.url(PagePlan.articleIndex),
                    actorsURL: models.url(PagePlan.actorIndex), topicsURL: models.url(PagePlan.topicIndex),
                    quotesURL: models.url(PagePlan.quoteIndex))
            )
        case .connections: return ("connections", models.connectionsPage())
        case .article(let slug): return ("article", article(slug, models))
        case .actor(let slug): return ("actor", actor(slug, models))
        case .topic(let slug): return ("topic", topic(slug, models))
        case .quote(let id): return ("quote", quote(id, models))
        case .archive(let id, let section, let page): return ("archive", archive(id, section, page, models))
        case .articleIndex:
            models.note(.articles)
            return (
                "index",
                ArticleIndexPage(
                    layout: models.layout(
                        title: "Articles", description: "Every article in \(graph.site.title).", kind: "articles"),
                    articles: graph.articles.map(models.articleLink))
            )
        case .actorIndex:
            return (
                "index",
                ActorIndexPage(
                    layout: models.layout(
                        title: "Actors", description: "People, countries and organisations in \(graph.site.title).",
                        kind: "actors"),
                    actorGroups: actorGroups(models))
            )
        case .topicIndex:
            return (
                "index",
                TopicIndexPage(
                    layout: models.layout(
                        title: "Topics", description: "The issues \(graph.site.title) explains.", kind: "topics"),
                    topics: graph.topics.map { topic in
                        models.note(.statementCount(.topic(topic.slug)))
                        var link = models.topicLink(topic.slug)
                        link.statementCount = graph.statementsByTopic[topic.slug]?.count ?? 0
                        return link
                    })
            )
        case .quoteIndex: return ("index", quoteIndex(models))
        }
    }

    private func quoteIndex(_ models: ViewModels) -> QuoteIndexPage {
        models.note(.counts)
        let speakers = graph.actors.compactMap { actor in graph.quoteCounts[actor.slug].map { (actor, $0) } }
            .sorted { ($1.1, $0.0.source.name) < ($0.1, $1.0.source.name) }
        // The most quoted speakers with their newest quotes; everyone
        // else as a line each, so the page stays small in a big archive.
        func allURL(_ slug: String, _ count: Int) -> String {
            let pages = ArchiveList.pageCount(count, .quotes)
            return pages > 0
                ? models.url(PagePlan.archive(.actor(slug), .quotes, page: pages))
                : models.url(PagePlan.actor(slug), "quotes-title")
        }
        let groups = speakers.prefix(Self.quoteIndexSpeakers).map { actor, count in
            models.note(.statementsBy(actor.slug))
            let newest = (graph.quotesBySpeaker[actor.slug] ?? []).prefix(Self.quotesPerSpeakerOnIndex)
            return SpeakerGroup(
                speaker: models.actorLink(actor.slug), statements: models.statementItems(Array(newest)), count: count,
                hasMore: count > Self.quotesPerSpeakerOnIndex, allURL: allURL(actor.slug, count))
        }
        let others = speakers.dropFirst(Self.quoteIndexSpeakers).map { actor, count in
            QuoteIndexPage.OtherSpeaker(
                name: actor.source.name, url: allURL(actor.slug, count),
                count: count == 1 ? "1 quote" : "\(count) quotes")
        }
        return QuoteIndexPage(
            layout: models.layout(
                title: "Quotes", description: "Quotes by speaker, most quoted first.", kind: "quotes"),
            quoteGroups: Array(groups), otherSpeakers: Array(others))
    }

    /// The first `limit` by prominence, keeping `items`' own order among them.
    private func mostProminent<T>(_ items: [T], limit: Int, _ models: ViewModels, id: (T) -> EntityID) -> [T] {
        guard items.count > limit else { return items }
        models.note(.counts)
        let scores = items.map { graph.prominence(id($0)) }  // once each, not in every comparison
        let ranked = items.indices.sorted { (scores[$1], $0) < (scores[$0], $1) }
        return ranked.prefix(limit).sorted().map { items[$0] }
    }

    private func actorGroups(_ models: ViewModels, limit: Int = .max) -> [ActorGroup] {
        ActorKind.allCases.compactMap { kind in
            let all = graph.actors.filter { $0.source.kind == kind }
            let actors = mostProminent(all, limit: limit, models) { .actor($0.slug) }
            guard !actors.isEmpty else { return nil }
            return ActorGroup(
                label: kind.plural, kind: kind.rawValue, count: all.count,
                actors: actors.map { actor in
                    models.note(.statementCount(.actor(actor.slug)))
                    var link = models.actorLink(actor.slug)
                    link.statementCount = graph.statementsBySpeaker[actor.slug]?.count ?? 0
                    return link
                })
        }
    }

    private func home(_ models: ViewModels) -> HomePage {
        // Feature the newest quotes, one per speaker, so the home page shows many voices.
        var featured: [StatementID] = []
        var speakers: Set<String> = []
        models.reads?.note([.articles, .counts, .timeline])
        search: for source in graph.statementSources {
            models.note(.statementsOf(source))
            for id in graph.statementsBySource[source] ?? [] {
                models.note(.statement(id))
                guard let statement = graph.statements[id], statement.kind == .quote,
                    speakers.insert(statement.speaker).inserted
                else { continue }
                featured.append(id)
                if featured.count == Self.featuredQuoteCount { break search }
            }
        }
        let quoteCount = graph.quoteCount
        return HomePage(
            layout: models.layout(title: graph.site.title, description: graph.site.description, kind: "home"),
            lead: graph.articles.first.map(models.articleLink),
            articles: graph.articles.prefix(Self.homeListLimit).map(models.articleLink),
            moreArticles: graph.articles.count > Self.homeListLimit,
            actorGroups: actorGroups(models, limit: Self.homeListLimit),
            topics: mostProminent(graph.topics, limit: Self.homeListLimit, models) { .topic($0.slug) }.map {
                models.topicLink($0.slug)
            },
            moreTopics: graph.topics.count > Self.homeListLimit,
            featuredQuotes: models.statementItems(featured), quoteCount: quoteCount,
            claimCount: graph.statements.count - quoteCount, actorCount: graph.actors.count,
            topicCount: graph.topics.count, matrix: models.stanceMatrix(),
            latestEvents: graph.timeline.suffix(ViewModels.homeEventCount).map(models.eventItem),
            eventCount: graph.timeline.count, hasTimeline: templates.has("timeline"),
            articlesURL: models.url(PagePlan.articleIndex), actorsURL: models.url(PagePlan.actorIndex),
            topicsURL: models.url(PagePlan.topicIndex), quotesURL: models.url(PagePlan.quoteIndex),
            timelineURL: models.url(PagePlan.timeline))
    }

    private func article(_ slug: String, _ models: ViewModels) -> ArticlePage? {
        guard let article = graph.articlesBySlug[slug] else { return nil }
        let ref = DocumentRef.article(slug)
        models.reads?.note([.statementsOf(ref), .body(ref)])
        let statementIndices = graph.statementsBySource[ref] ?? []
        var actorSlugs: [String] = []
        var topicSlugs: [String] = []
        for reference in graph.bodies[ref]?.references ?? [] {
            switch reference {
            case .entity(let id) where id.kind == .actor: actorSlugs.append(id.slug)
            case .entity(let id): topicSlugs.append(id.slug)
            case .statement(let statement):
                actorSlugs.append(statement.speaker)
                topicSlugs += statement.topics
            case .event(let event):
                actorSlugs += event.actors
                topicSlugs += event.topics
            case nil: break
            }
        }
        return ArticlePage(
            layout: models.layout(title: article.title, description: article.summary, kind: "articles"),
            article: models.articleLink(article), body: models.body(ref),
            quotes: models.statementItems(statementIndices.filter { graph.statementKinds[$0] == .quote }),
            claims: models.statementItems(statementIndices.filter { graph.statementKinds[$0] == .claim }),
            actors: unique(actorSlugs).sorted {
                graph.actorsBySlug[$0]?.source.name ?? $0 < graph.actorsBySlug[$1]?.source.name ?? $1
            }.map(models.actorLink),
            topics: unique(topicSlugs).sorted {
                graph.topicsBySlug[$0]?.title ?? $0 < graph.topicsBySlug[$1]?.title ?? $1
            }.map(models.topicLink),
            frontMatter: AuthorData(values: article.extra),
            authors: article.authors.enumerated().map { index, name in
                var author = models.bylineAuthor(name)
                let left = article.authors.count - index - 1
                author.separator = left == 0 ? "" : left == 1 ? " and " : ", "
                return author
            },
            sources: article.sources.enumerated().map { index, source in
                SourceItem(
                    number: index + 1, title: source.title, url: source.url, publisher: source.publisher,
                    date: source.date)
            },
            modified: article.modified,
            corrections: article.corrections.map { CorrectionItem(date: $0.date, text: $0.text) },
            correctionsURL: templates.has("corrections") ? models.url(PagePlan.corrections) : "")
    }

    private func actor(_ slug: String, _ models: ViewModels) -> ActorPage? {
        guard let actor = graph.actorsBySlug[slug] else { return nil }
        let id = EntityID.actor(slug)
        models.note(.connections(id))  // mentioned with, speaks about
        let description = [actor.source.role, actor.source.kind.rawValue.capitalized].compactMap { $0 }.first
        var page = ActorPage(
            layout: models.layout(
                title: actor.source.name, description: description, kind: "actors", image: actor.source.image),
            image: models.image(actor.source.image),
            actor: models.actorLink(slug), kindLabel: actor.source.kind.rawValue.capitalized,
            aliases: actor.source.shownAliases, bio: models.body(.actor(slug)),
            affiliation: actor.affiliation.map(models.actorLink),
            members: (graph.members[slug] ?? []).map(models.actorLink),
            quotes: sectionPreview(.quotes, of: id, models).statements,
            claims: sectionPreview(.claims, of: id, models).statements,
            mentionGroups: sectionPreview(.mentions, of: id, models).mentionGroups,
            timeline: models.entityTimeline(id),
            mentionedWith: (graph.mentionedWith[id] ?? []).prefix(Self.connectionLimit).map { weighted in
                var link = models.actorLink(weighted.id)
                link.count = weighted.weight
                return link
            },
            speaksAbout: (graph.topicsOfActor[slug] ?? []).map { weighted in
                var link = models.topicLink(weighted.id)
                link.count = weighted.weight
                return link
            },
            connectionMap: models.connectionMap(of: id), frontMatter: AuthorData(values: actor.source.extra))
        // Read with the claims section (`statementsBy`), whose change a rating's change is.
        page.ratingCounts = RatingCount.counts(of: graph.statementsBySpeaker[slug] ?? [], in: graph)
        page.wikidata = actor.source.wikidata
        if graph.site.baseURL != nil { page.layout.pageFeedURL = models.url(OutputPlan.entityFeedPath(id)) }
        page.layout.newSinceScriptURL = models.url(templates.staticPath("new-since.js"))
        return page
    }

    private func topic(_ slug: String, _ models: ViewModels) -> TopicPage? {
        guard let topic = graph.topicsBySlug[slug] else { return nil }
        let id = EntityID.topic(slug)
        models.reads?.note([.statementsAbout(slug), .connections(id)])
        // The newest quotes and claims about the topic, each kind grouped
        // by speaker; the archive has them all.
        let newest = (graph.statementsByTopic[slug] ?? []).prefix(Self.topicStatementPreview)
        let statementCount = graph.statementsByTopic[slug]?.count ?? 0
        let statementPages = ArchiveList.pageCount(statementCount, .statements)
        var page = TopicPage(
            layout: models.layout(title: topic.title, description: topic.summary, kind: "topics", image: topic.image),
            image: models.image(topic.image),
            topic: models.topicLink(slug), aliases: topic.shownAliases, body: models.body(.topic(slug)),
            quoteGroups: speakerGroups(newest.filter { graph.statements[$0]?.kind == .quote }, models),
            claimGroups: speakerGroups(newest.filter { graph.statements[$0]?.kind == .claim }, models),
            statementsMore: moreLink(.statements, of: id, count: statementCount, pages: statementPages, models),
            articles: sectionPreview(.articles, of: id, models).articles, stanceRows: models.stanceRows(of: slug),
            timeline: models.entityTimeline(id),
            actors: (graph.actorsOfTopic[slug] ?? []).prefix(Self.connectionLimit * 2).map { weighted in
                var link = models.actorLink(weighted.id)
                link.weight = weighted.weight
                return link
            },
            mentionGroups: sectionPreview(.mentions, of: id, models).mentionGroups,
            connectionMap: models.connectionMap(of: id), frontMatter: AuthorData(values: topic.extra))
        // Read with `statementsAbout`, whose change a rating's change is.
        page.ratingCounts = RatingCount.counts(of: graph.statementsByTopic[slug] ?? [], in: graph)
        if graph.site.baseURL != nil { page.layout.pageFeedURL = models.url(OutputPlan.entityFeedPath(id)) }
        page.layout.newSinceScriptURL = models.url(templates.staticPath("new-since.js"))
        return page
    }

    /// Statements grouped by speaker, the speaker with most of them first,
    /// each group newest first.
    private func speakerGroups(_ ids: [StatementID], _ models: ViewModels) -> [SpeakerGroup] {
        var bySpeaker: [String: [StatementID]] = [:]
        var speakerOrder: [String] = []
        for id in ids {
            guard let speaker = graph.statements[id]?.speaker else { continue }
            if bySpeaker[speaker] == nil { speakerOrder.append(speaker) }
            bySpeaker[speaker, default: []].append(id)
        }
        speakerOrder.sort { (bySpeaker[$1]?.count ?? 0, $0) < (bySpeaker[$0]?.count ?? 0, $1) }
        return speakerOrder.map { speaker in
            SpeakerGroup(speaker: models.actorLink(speaker), statements: models.statementItems(bySpeaker[speaker]))
        }
    }

    /// Entries at newest-first `positions`, as templates list them:
    /// statement items, article links or mention groups.
    private func items(_ entries: ArchiveEntries, _ positions: Range<Int>, of id: EntityID, _ models: ViewModels)
        -> ArchivePage.Items
    {
        func slice<T>(_ list: [T]) -> [T] { Array(list[positions.clamped(to: list.indices)]) }
        switch entries {
        case .statements(let ids): return .statements(models.statementItems(slice(ids)))
        case .articles(let slugs):
            return .articles(slice(slugs).compactMap { graph.articlesBySlug[$0] }.map(models.articleLink))
        case .mentions(let sources): return .mentionGroups(models.mentionGroups(of: id, from: slice(sources)))
        }
    }

    /// The newest entries of a section for the entity's own page, with a
    /// link to the newest archive page when there are more.
    private func sectionPreview(_ section: EntitySection, of id: EntityID, _ models: ViewModels) -> SectionPreviews {
        let all = entries(section, of: id, models)
        let pages = ArchiveList.pageCount(all.count, section)
        return SectionPreviews(
            items: items(all, 0..<EntitySection.preview, of: id, models),
            more: moreLink(section, of: id, count: all.count, pages: pages, models))
    }

    private func entries(_ section: EntitySection, of id: EntityID, _ models: ViewModels) -> ArchiveEntries {
        models.note(.list(section, of: id))
        return graph.archiveEntries(section, of: id)
    }

    /// A section's preview, read as the kind of entries the caller knows it holds.
    private struct SectionPreviews {
        let items: ArchivePage.Items
        let more: MoreLink?

        var statements: SectionPreview<StatementItem> {
            if case .statements(let list) = items { return SectionPreview(items: list, more: more) }
            return SectionPreview(items: [], more: more)
        }
        var articles: SectionPreview<ArticleLink> {
            if case .articles(let list) = items { return SectionPreview(items: list, more: more) }
            return SectionPreview(items: [], more: more)
        }
        var mentionGroups: SectionPreview<MentionGroup> {
            if case .mentionGroups(let list) = items { return SectionPreview(items: list, more: more) }
            return SectionPreview(items: [], more: more)
        }
    }

    private func moreLink(_ section: EntitySection, of id: EntityID, count: Int, pages: Int, _ models: ViewModels)
        -> MoreLink?
    {
        guard pages > 0 else { return nil }
        return MoreLink(count: count, url: models.url(PagePlan.archive(id, section, page: pages)))
    }

    private func archive(_ id: EntityID, _ section: EntitySection, _ page: Int, _ models: ViewModels) -> ArchivePage {
        let name =
            id.kind == .actor
            ? graph.actorsBySlug[id.slug]?.source.name ?? id.slug : graph.topicsBySlug[id.slug]?.title ?? id.slug
        // Not the whole list: which entries a page holds is the plan's to
        // say (`AffectedPages.addArchivePages`); the page reads what it shows.
        let all = graph.archiveEntries(section, of: id)
        let pages = ArchiveList.pageCount(all.count, section)
        let items = items(all, ArchiveList.range(page: page, count: all.count, section: section), of: id, models)
        let preposition = section == .quotes || section == .claims ? "by" : id.kind == .actor ? "of" : "on"
        return ArchivePage(
            layout: models.layout(
                title: "\(section.label) \(preposition) \(name), page \(page)", description: nil,
                kind: id.kind == .actor ? "actors" : "topics"),
            heading: "\(section.label) \(preposition) \(name)", entityName: name,
            entityURL: models.url(PagePlan.entity(id)), page: page, items: items,
            olderURL: page > 1 ? models.url(PagePlan.archive(id, section, page: page - 1)) : nil,
            newerURL: page < pages ? models.url(PagePlan.archive(id, section, page: page + 1)) : nil)
    }

    private func quote(_ id: StatementID, _ models: ViewModels) -> QuotePage? {
        guard let statement = graph.statements[id], let item = models.statementItems([id]).first else { return nil }
        models.note(.statementsOf(statement.source))
        var article: ArticleLink?
        if case .article(let slug) = statement.source, let source = graph.articlesBySlug[slug] {
            article = models.articleLink(source)
        }
        // Related statements come from the same article: a quote page then
        // depends on its own article only, so editing one article never
        // touches another article's quote pages, and pages stay small. The
        // speaker's and the topics' pages list everything else.
        let sameSource = (graph.statementsBySource[statement.source] ?? []).filter { $0 != id }
            .compactMap { graph.statements[$0] }
        let topics = Set(statement.topics)
        let speakerName = graph.actorsBySlug[statement.speaker]?.source.name ?? statement.speaker
        return QuotePage(
            layout: models.layout(
                title: "“\(Self.shortened(Self.strippingQuoteMarks(statement.text)))” — \(speakerName)",
                description: statement.text, kind: "quotes"),
            statement: item,
            context: models.contextItem(statement.context, source: statement.source, anchor: statement.anchor),
            article: article,
            bySameSpeaker: models.statementItems(sameSource.filter { $0.speaker == statement.speaker }.map(\.id)),
            onSameTopics: models.statementItems(
                sameSource.filter { $0.speaker != statement.speaker && !topics.isDisjoint(with: $0.topics) }.map(\.id)),
            speakerURL: models.url(PagePlan.actor(statement.speaker)))
    }

    /// `text` without quotation marks, spaces, commas and full stops at
    /// either end. Scalar by scalar, as Foundation's `trimmingCharacters`
    /// would, without building a `CharacterSet` for every quote page.
    package static func strippingQuoteMarks(_ text: String) -> String {
        func isMark(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar {
            case "“", "”", "\"", "‘", "’", "'", " ", ",", ".": true
            default: false
            }
        }
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isMark(scalars[start]) { scalars.formIndex(after: &start) }
        while end > start, isMark(scalars[scalars.index(before: end)]) { scalars.formIndex(before: &end) }
        return String(scalars[start..<end])
    }

    /// A quote's words cut at a word boundary for titles.
    package static func shortened(_ text: String, limit: Int = 60) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }

    private func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
