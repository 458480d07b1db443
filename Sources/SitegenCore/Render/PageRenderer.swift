import Foundation

/// The render stage: HTML for each planned page, from view models and the
/// theme's templates.
public struct PageRenderer: Sendable {
    public let graph: SiteGraph
    public let templates: TemplateSet
    let bodies: BodyRenderer
    let statementViews: StatementViews

    /// How many quotes the home page features.
    static let featuredQuoteCount = 6
    /// Home and index pages show the most prominent entries and link to the
    /// full lists, so their size does not grow with the archive.
    static let homeListLimit = 20
    static let quotesPerSpeakerOnIndex = 5
    /// Speakers the quote index shows quotes for; the rest get a line each.
    static let quoteIndexSpeakers = 50
    /// "Mentioned with" shows the strongest connections only.
    static let connectionLimit = 24
    /// A topic's page groups its newest statements by speaker.
    static let topicStatementPreview = 30

    public init(graph: SiteGraph, templates: TemplateSet) {
        self.graph = graph
        self.templates = templates
        self.bodies = BodyRenderer(graph: graph, options: CMark.RenderOptions(unsafe: graph.site.unsafeHTML))
        self.statementViews = StatementViews(graph: graph, bodies: bodies, templates: templates)
    }

    /// For a rebuild: takes over a previous renderer's statement items,
    /// less those of `stale` statements (their document changed).
    init(graph: SiteGraph, templates: TemplateSet, updating statementViews: StatementViews, stale: Set<StatementID>) {
        self.graph = graph
        self.templates = templates
        self.bodies = BodyRenderer(graph: graph, options: CMark.RenderOptions(unsafe: graph.site.unsafeHTML))
        statementViews.drop(stale)
        self.statementViews = statementViews
    }

    public func render(_ page: PlannedPage) -> String {
        let models = ViewModels(
            graph: graph, bodies: bodies, page: page.path, templates: templates, statementViews: statementViews)
        var (template, model) = viewModel(for: page.kind, models: models)
        model["jsonld_html"] = StructuredData.script(for: page.kind, graph: graph, page: page.path)
        return templates.render(template, ViewModels.withFlags(model))
    }

    private func merge(_ layout: [String: Any], _ page: [String: Any]) -> [String: Any] {
        layout.merging(page) { _, new in new }
    }

    private func viewModel(for kind: PageKind, models: ViewModels) -> (String, [String: Any]) {
        switch kind {
        case .home: return ("home", home(models))
        case .timeline:
            var model = models.layout(
                title: "Timeline", description: "What happened, in date order, with who was involved.",
                kind: "timeline")
            model["days"] = models.timelineDays()
            model["event_count"] = graph.timeline.count
            return ("timeline", model)
        case .search:
            var model = models.layout(
                title: "Search", description: "Search people, countries, topics, articles and quotes.", kind: "search")
            model["index_url"] = models.url(GraphExport.searchIndexPath)
            model["quote_parts"] = GraphExport.searchPartPaths(graph).map { ["url": models.url($0)] }
            model["script_url"] = models.url(templates.staticPath("search.js"))
            return ("search", model)
        case .notFound:
            var model = models.layout(
                title: "Page not found", description: "There is no page at this address.", kind: "404")
            // Hosts serve this page at any missing URL, at any depth: with a
            // base URL, <base> makes its relative links work from there too.
            model["base_href"] = graph.site.baseURL ?? ""
            model["has_base_href"] = graph.site.baseURL != nil
            model["articles_url"] = models.url(PagePlan.articleIndex)
            model["actors_url"] = models.url(PagePlan.actorIndex)
            model["topics_url"] = models.url(PagePlan.topicIndex)
            model["quotes_url"] = models.url(PagePlan.quoteIndex)
            return ("404", model)
        case .connections: return ("connections", models.connectionsPage())
        case .article(let slug): return ("article", article(slug, models))
        case .actor(let slug): return ("actor", actor(slug, models))
        case .topic(let slug): return ("topic", topic(slug, models))
        case .quote(let id): return ("quote", quote(id, models))
        case .archive(let id, let section, let page): return ("archive", archive(id, section, page, models))
        case .articleIndex:
            return (
                "index",
                merge(
                    models.layout(
                        title: "Articles", description: "Every article in \(graph.site.title).", kind: "articles"),
                    [
                        "heading": "Articles", "is_article_index": true,
                        "articles": graph.articles.map(models.articleLink),
                    ])
            )
        case .actorIndex:
            return (
                "index",
                merge(
                    models.layout(
                        title: "Actors", description: "People, countries and organisations in \(graph.site.title).",
                        kind: "actors"),
                    ["heading": "Actors", "is_actor_index": true, "actor_groups": actorGroups(models)])
            )
        case .topicIndex:
            return (
                "index",
                merge(
                    models.layout(
                        title: "Topics", description: "The issues \(graph.site.title) explains.", kind: "topics"),
                    [
                        "heading": "Topics", "is_topic_index": true,
                        "topics": graph.topics.map { topic -> [String: Any] in
                            var link = models.topicLink(topic.slug)
                            link["statement_count"] = graph.statementsByTopic[topic.slug]?.count ?? 0
                            return link
                        },
                    ])
            )
        case .quoteIndex:
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
            let groups = speakers.prefix(Self.quoteIndexSpeakers).map { actor, count -> [String: Any] in
                let newest = (graph.statementsBySpeaker[actor.slug] ?? []).lazy
                    .filter { graph.statementKinds[$0] == .quote }.prefix(Self.quotesPerSpeakerOnIndex)
                return [
                    "speaker": models.actorLink(actor.slug),
                    "statements": models.statementItems(Array(newest)),
                    "count": count,
                    "has_more": count > Self.quotesPerSpeakerOnIndex,
                    "all_url": allURL(actor.slug, count),
                ]
            }
            // Thousands of lines in a big archive: three keys each keeps
            // the page quick to render.
            let others = speakers.dropFirst(Self.quoteIndexSpeakers).map { actor, count -> [String: Any] in
                [
                    "name": actor.source.name, "url": allURL(actor.slug, count),
                    "count": count == 1 ? "1 quote" : "\(count) quotes",
                ]
            }
            return (
                "index",
                merge(
                    models.layout(
                        title: "Quotes", description: "Quotes by speaker, most quoted first.", kind: "quotes"),
                    [
                        "heading": "Quotes", "is_quote_index": true, "quote_groups": groups,
                        "other_speakers": Array(others), "has_other_speakers": !others.isEmpty,
                    ])
            )
        }
    }

    /// The first `limit` by prominence, keeping `items`' own order among them.
    private func mostProminent<T>(_ items: [T], limit: Int, id: (T) -> EntityID) -> [T] {
        guard items.count > limit else { return items }
        let scores = items.map { graph.prominence(id($0)) }  // once each, not in every comparison
        let ranked = items.indices.sorted { (scores[$1], $0) < (scores[$0], $1) }
        return ranked.prefix(limit).sorted().map { items[$0] }
    }

    private func actorGroups(_ models: ViewModels, limit: Int = .max) -> [[String: Any]] {
        ActorKind.allCases.compactMap { kind -> [String: Any]? in
            let all = graph.actors.filter { $0.source.kind == kind }
            let actors = mostProminent(all, limit: limit) { .actor($0.slug) }
            guard !actors.isEmpty else { return nil }
            return [
                "label": kind.plural, "kind": kind.rawValue, "count": all.count, "has_more": actors.count < all.count,
                "actors": actors.map { actor -> [String: Any] in
                    var link = models.actorLink(actor.slug)
                    link["statement_count"] = graph.statementsBySpeaker[actor.slug]?.count ?? 0
                    return link
                },
            ]
        }
    }

    private func home(_ models: ViewModels) -> [String: Any] {
        // Feature the newest quotes, one per speaker, so the home page shows many voices.
        var featured: [StatementID] = []
        var speakers: Set<String> = []
        search: for source in graph.statementSources {
            for id in graph.statementsBySource[source] ?? [] {
                guard let statement = graph.statements[id], statement.kind == .quote,
                    speakers.insert(statement.speaker).inserted
                else { continue }
                featured.append(id)
                if featured.count == Self.featuredQuoteCount { break search }
            }
        }
        let quoteCount = graph.quoteCount
        let lead = graph.articles.first
        var model: [String: Any] = [
            "articles": graph.articles.prefix(Self.homeListLimit).map(models.articleLink),
            "actor_groups": actorGroups(models, limit: Self.homeListLimit),
            "topics": mostProminent(graph.topics, limit: Self.homeListLimit) { .topic($0.slug) }.map {
                models.topicLink($0.slug)
            },
            "more_articles": graph.articles.count > Self.homeListLimit,
            "more_topics": graph.topics.count > Self.homeListLimit,
            "articles_url": models.url(PagePlan.articleIndex),
            "actors_url": models.url(PagePlan.actorIndex),
            "topics_url": models.url(PagePlan.topicIndex),
            "featured_quotes": models.statementItems(featured),
            "quote_count": quoteCount,
            "claim_count": graph.statements.count - quoteCount,
            "actor_count": graph.actors.count,
            "topic_count": graph.topics.count,
            "quotes_url": models.url(PagePlan.quoteIndex),
        ]
        model["lead"] = lead.map(models.articleLink) ?? [:]
        model["has_lead"] = lead != nil
        let matrix = models.stanceMatrix()
        model["matrix"] = matrix
        model["has_matrix"] = matrix["has_rows"] as? Bool ?? false
        model["latest_events"] = graph.timeline.suffix(ViewModels.homeEventCount).map(models.eventItem)
        model["event_count"] = graph.timeline.count
        model["has_timeline"] = templates.has("timeline")
        model["timeline_url"] = models.url(PagePlan.timeline)
        return merge(models.layout(title: graph.site.title, description: graph.site.description, kind: "home"), model)
    }

    private func article(_ slug: String, _ models: ViewModels) -> [String: Any] {
        guard let article = graph.articlesBySlug[slug] else { return [:] }
        let ref = DocumentRef.article(slug)
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
        var model = models.articleLink(article)
        model["body_html"] = models.body(ref)
        model["quotes"] = models.statementItems(statementIndices.filter { graph.statementKinds[$0] == .quote })
        model["claims"] = models.statementItems(statementIndices.filter { graph.statementKinds[$0] == .claim })
        model["actors"] = unique(actorSlugs).sorted {
            graph.actorsBySlug[$0]?.source.name ?? $0 < graph.actorsBySlug[$1]?.source.name ?? $1
        }.map(models.actorLink)
        model["topics"] = unique(topicSlugs).sorted {
            graph.topicsBySlug[$0]?.title ?? $0 < graph.topicsBySlug[$1]?.title ?? $1
        }.map(models.topicLink)
        model["front_matter"] = article.extra.compactMapValues(\.templateValue)
        return merge(models.layout(title: article.title, description: article.summary, kind: "articles"), model)
    }

    private func actor(_ slug: String, _ models: ViewModels) -> [String: Any] {
        guard let actor = graph.actorsBySlug[slug] else { return [:] }
        let id = EntityID.actor(slug)
        var model = models.actorLink(slug)
        model["kind_label"] = actor.source.kind.rawValue.capitalized
        model["aliases"] = actor.source.aliases.map(\.value)
        model["aliases_text"] = actor.source.aliases.map(\.value).joined(separator: ", ")
        model["bio_html"] = models.body(.actor(slug))
        model["affiliation"] = actor.affiliation.map(models.actorLink) ?? [:]
        model["has_affiliation"] = actor.affiliation != nil
        model["members"] = (graph.members[slug] ?? []).map(models.actorLink)
        model["quotes"] = sectionPreview(.quotes, of: id, models, into: &model)
        model["claims"] = sectionPreview(.claims, of: id, models, into: &model)
        model["mention_groups"] = sectionPreview(.mentions, of: id, models, into: &model)
        models.entityTimeline(id, into: &model)
        model["mentioned_with"] = (graph.mentionedWith[id] ?? []).prefix(Self.connectionLimit).map {
            weighted -> [String: Any] in
            var link = models.actorLink(weighted.id)
            link["count"] = weighted.weight
            return link
        }
        model["speaks_about"] = (graph.topicsOfActor[slug] ?? []).map { weighted -> [String: Any] in
            var link = models.topicLink(weighted.id)
            link["count"] = weighted.weight
            return link
        }
        models.addConnectionMap(of: id, to: &model)
        model["front_matter"] = actor.source.extra.compactMapValues(\.templateValue)
        let description = [actor.source.role, actor.source.kind.rawValue.capitalized].compactMap { $0 }.first
        return merge(models.layout(title: actor.source.name, description: description, kind: "actors"), model)
    }

    private func topic(_ slug: String, _ models: ViewModels) -> [String: Any] {
        guard let topic = graph.topicsBySlug[slug] else { return [:] }
        let id = EntityID.topic(slug)
        var model = models.topicLink(slug)
        model["aliases"] = topic.aliases.map(\.value)
        model["aliases_text"] = topic.aliases.map(\.value).joined(separator: ", ")
        model["body_html"] = models.body(.topic(slug))
        // The newest quotes and claims about the topic, each kind grouped
        // by speaker; the archive has them all.
        let newest = (graph.statementsByTopic[slug] ?? []).prefix(Self.topicStatementPreview)
        model["quote_groups"] = speakerGroups(newest.filter { graph.statements[$0]?.kind == .quote }, models)
        model["claim_groups"] = speakerGroups(newest.filter { graph.statements[$0]?.kind == .claim }, models)
        let statementCount = graph.statementsByTopic[slug]?.count ?? 0
        let statementPages = ArchiveList.pageCount(statementCount, .statements)
        model["has_statements_more"] = statementPages > 0
        model["statements_more"] = moreLink(.statements, of: id, count: statementCount, pages: statementPages, models)
        model["articles"] = sectionPreview(.articles, of: id, models, into: &model)
        model["stance_rows"] = models.stanceRows(of: slug)
        models.entityTimeline(id, into: &model)
        model["actors"] = (graph.actorsOfTopic[slug] ?? []).prefix(Self.connectionLimit * 2).map {
            weighted -> [String: Any] in
            var link = models.actorLink(weighted.id)
            link["weight"] = weighted.weight
            return link
        }
        model["mention_groups"] = sectionPreview(.mentions, of: id, models, into: &model)
        models.addConnectionMap(of: id, to: &model)
        model["front_matter"] = topic.extra.compactMapValues(\.templateValue)
        return merge(models.layout(title: topic.title, description: topic.summary, kind: "topics"), model)
    }

    /// Statements grouped by speaker, the speaker with most of them first,
    /// each group newest first.
    private func speakerGroups(_ ids: [StatementID], _ models: ViewModels) -> [[String: Any]] {
        var bySpeaker: [String: [StatementID]] = [:]
        var speakerOrder: [String] = []
        for id in ids {
            guard let speaker = graph.statements[id]?.speaker else { continue }
            if bySpeaker[speaker] == nil { speakerOrder.append(speaker) }
            bySpeaker[speaker, default: []].append(id)
        }
        speakerOrder.sort { (bySpeaker[$1]?.count ?? 0, $0) < (bySpeaker[$0]?.count ?? 0, $1) }
        return speakerOrder.map { speaker -> [String: Any] in
            ["speaker": models.actorLink(speaker), "statements": models.statementItems(bySpeaker[speaker])]
        }
    }

    /// Entries at newest-first `positions`, as templates list them:
    /// statement items, article links or mention groups.
    private func items(_ entries: ArchiveEntries, _ positions: Range<Int>, of id: EntityID, _ models: ViewModels)
        -> [[String: Any]]
    {
        func slice<T>(_ list: [T]) -> [T] { Array(list[positions.clamped(to: list.indices)]) }
        switch entries {
        case .statements(let ids): return models.statementItems(slice(ids))
        case .articles(let slugs):
            return slice(slugs).compactMap { graph.articlesBySlug[$0] }.map(models.articleLink)
        case .mentions(let sources): return models.mentionGroups(of: id, from: slice(sources))
        }
    }

    /// The newest entries of a section for the entity's own page; sets
    /// `SECTION_more` (count and the newest archive page) when there are more.
    private func sectionPreview(
        _ section: EntitySection, of id: EntityID, _ models: ViewModels, into model: inout [String: Any]
    ) -> [[String: Any]] {
        let all = graph.archiveEntries(section, of: id)
        let pages = ArchiveList.pageCount(all.count, section)
        model["has_\(section.rawValue)_more"] = pages > 0
        model["\(section.rawValue)_more"] = moreLink(section, of: id, count: all.count, pages: pages, models)
        return items(all, 0..<EntitySection.preview, of: id, models)
    }

    private func moreLink(_ section: EntitySection, of id: EntityID, count: Int, pages: Int, _ models: ViewModels)
        -> [String: Any]
    {
        guard pages > 0 else { return [:] }
        return ["count": count, "url": models.url(PagePlan.archive(id, section, page: pages))]
    }

    private func archive(_ id: EntityID, _ section: EntitySection, _ page: Int, _ models: ViewModels) -> [String: Any] {
        let name =
            id.kind == .actor
            ? graph.actorsBySlug[id.slug]?.source.name ?? id.slug : graph.topicsBySlug[id.slug]?.title ?? id.slug
        let all = graph.archiveEntries(section, of: id)
        let pages = ArchiveList.pageCount(all.count, section)
        let items = items(all, ArchiveList.range(page: page, count: all.count, section: section), of: id, models)
        let preposition = section == .quotes || section == .claims ? "by" : id.kind == .actor ? "of" : "on"
        let model: [String: Any] = [
            "heading": "\(section.label) \(preposition) \(name)", "entity_name": name,
            "entity_url": models.url(PagePlan.entity(id)), "page": page,
            "is_statements": [.quotes, .claims, .statements].contains(section),
            "is_articles": section == .articles, "is_mentions": section == .mentions,
            "statements": [.quotes, .claims, .statements].contains(section) ? items : [],
            "articles": section == .articles ? items : [], "mention_groups": section == .mentions ? items : [],
            "has_older": page > 1, "has_newer": page < pages,
            "older_url": page > 1 ? models.url(PagePlan.archive(id, section, page: page - 1)) : "",
            "newer_url": page < pages ? models.url(PagePlan.archive(id, section, page: page + 1)) : "",
        ]
        return merge(
            models.layout(
                title: "\(section.label) \(preposition) \(name), page \(page)", description: nil,
                kind: id.kind == .actor ? "actors" : "topics"), model)
    }

    private func quote(_ id: StatementID, _ models: ViewModels) -> [String: Any] {
        guard let statement = graph.statements[id] else { return [:] }
        var model = models.statementItems([id])[0]
        model["context"] = models.contextItem(statement.context, source: statement.source, anchor: statement.anchor)
        if case .article(let slug) = statement.source, let article = graph.articlesBySlug[slug] {
            model["article"] = models.articleLink(article)
            model["has_article"] = true
        } else {
            model["has_article"] = false
        }
        // Related statements come from the same article: a quote page then
        // depends on its own article only, so editing one article never
        // touches another article's quote pages, and pages stay small. The
        // speaker's and the topics' pages list everything else.
        let sameSource = (graph.statementsBySource[statement.source] ?? []).filter { $0 != id }
            .compactMap { graph.statements[$0] }
        model["by_same_speaker"] = models.statementItems(
            sameSource.filter { $0.speaker == statement.speaker }.map(\.id))
        let topics = Set(statement.topics)
        model["on_same_topics"] = models.statementItems(
            sameSource.filter { $0.speaker != statement.speaker && !topics.isDisjoint(with: $0.topics) }.map(\.id))
        model["speaker_url"] = models.url(PagePlan.actor(statement.speaker))
        let speakerName = graph.actorsBySlug[statement.speaker]?.source.name ?? statement.speaker
        return merge(
            models.layout(
                title: "“\(Self.shortened(Self.strippingQuoteMarks(statement.text)))” — \(speakerName)",
                description: statement.text, kind: "quotes"),
            model)
    }

    static func strippingQuoteMarks(_ text: String) -> String {
        text.trimmingCharacters(in: CharacterSet(charactersIn: "“”\"‘’' ,."))
    }

    /// A quote's words cut at a word boundary for titles.
    static func shortened(_ text: String, limit: Int = 60) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }

    private func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
