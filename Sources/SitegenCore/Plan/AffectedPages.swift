/// What a document's change means for the pages that show it.
extension DocumentChange {
    /// What other pages show of an article: title, date, summary.
    var listingChanged: Bool {
        guard let oldArticle, let newArticle else { return (oldArticle == nil) != (newArticle == nil) }
        return oldArticle.title != newArticle.title || oldArticle.date != newArticle.date
            || oldArticle.summary != newArticle.summary
    }

    var statementsChanged: Bool { (old?.statements ?? []) != (new?.statements ?? []) }

    /// Events (their words, dates, who and what they involve) changed.
    var eventsChanged: Bool { (old?.events ?? []) != (new?.events ?? []) }

    /// Quote ids before and after.
    var quotes: (old: [StatementID], new: [StatementID]) {
        func ids(_ c: DocumentContribution?) -> [StatementID] {
            (c?.statements ?? []).filter { $0.kind == .quote }.map(\.id)
        }
        return (ids(old), ids(new))
    }

    /// The actors and topics whose number of statements (by, about) changed.
    var statementCountChanges: Set<EntityID> {
        func counts(_ c: DocumentContribution?) -> [EntityID: Int] {
            (c?.statements ?? []).reduce(into: [:]) { counts, statement in
                counts[.actor(statement.speaker), default: 0] += 1
                for topic in statement.topics { counts[.topic(topic), default: 0] += 1 }
            }
        }
        let (before, after) = (counts(old), counts(new))
        return Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
    }

    var statementCountsChanged: Bool { !statementCountChanges.isEmpty }

    /// Mentions per entity changed in number: pages ranked by prominence
    /// (home, the indexes) may reorder.
    var mentionCountsChanged: Bool {
        func counts(_ c: DocumentContribution?) -> [EntityID: Int] {
            (c?.mentions ?? []).reduce(into: [:]) { $0[$1.entity, default: 0] += 1 }
        }
        return counts(old) != counts(new)
    }

    /// The entities whose own page shows something of this document that
    /// changed: a mention's context, a statement by or about it, a count
    /// it is ranked by, or the article's listing.
    var changedEntities: Set<EntityID> {
        let touched = (old?.touched ?? []).union(new?.touched ?? [])
        if listingChanged { return touched }
        return touched.filter { share(of: $0, in: old) != share(of: $0, in: new) }
    }

    /// The archive sections of a changed entity that this document's
    /// entries in them changed (all of them when the listing changed).
    func changedSections(of entity: EntityID) -> [EntitySection] {
        let sections = EntitySection.of(entity.kind)
        if listingChanged { return sections }
        let (before, after) = (share(of: entity, in: old), share(of: entity, in: new))
        return sections.filter { section in
            switch section {
            case .quotes, .claims:
                let kind: SpanSyntax.Class = section == .quotes ? .quote : .claim
                return before.statements.filter { $0.kind == kind } != after.statements.filter { $0.kind == kind }
            case .statements: return before.statements != after.statements
            case .articles: return before.touched != after.touched
            // Mention contexts leave out the sentences of the entity's own statements.
            case .mentions: return before.mentions != after.mentions || before.statements != after.statements
            }
        }
    }

    /// What an entity's pages show of this document (statements as shown).
    struct Share: Equatable {
        var mentions: [Mention]
        var statements: [Statement]
        var events: [Event] = []
        var pairs: [String: Int]?
        var ranked: [String: Int]?
        /// An actor's weights with topics (its connection map).
        var involving: [String: Int]
        var touched: Bool
    }

    func share(of entity: EntityID, in contribution: DocumentContribution?) -> Share {
        guard let contribution else { return Share(mentions: [], statements: [], involving: [:], touched: false) }
        let isActor = entity.kind == .actor
        return Share(
            mentions: contribution.mentions.filter { $0.entity == entity },
            statements: contribution.statements.filter {
                isActor ? $0.speaker == entity.slug : $0.topics.contains(entity.slug)
            }.map(\.asShown),
            events: contribution.events.filter {
                isActor ? $0.actors.contains(entity.slug) : $0.topics.contains(entity.slug)
            },
            pairs: contribution.pairCounts[entity],
            ranked: isActor ? contribution.topicsOfActor[entity.slug] : contribution.actorsOfTopic[entity.slug],
            involving: isActor ? contribution.actorsOfTopic.compactMapValues { $0[entity.slug] } : [:],
            touched: contribution.touched.contains(entity))
    }
}

/// What the record of page reads (`PageDependencies`) cannot know of a
/// set of document changes: whether the page set changed (pages that come
/// have read nothing yet), which archive pages an entry moved onto or off
/// (`addArchivePages`), and the data, search and hosting files, which are
/// not rendered from views. The rest of the site is left alone by a
/// rebuild, neither rendered nor written.
struct AffectedPages {
    /// Archive pages whose entries moved.
    var pages: Set<OutputPath> = []
    /// The page set itself changed (an article or a quote came or went).
    var planChanged = false
    /// The article list changed: `data/graph.json`, `search-index.js`.
    var listingsChanged = false
    /// Articles whose `data/articles/SLUG.json` changed, or went.
    var articleData: Set<String> = []
    /// Search index parts whose quotes changed.
    var searchParts: Set<Int> = []
    /// Sitemap and feed: the page set or an article's listing changed.
    var hostingChanged: Bool { planChanged || listingsChanged }

    init(_ changes: [DocumentChange]) {
        for change in changes {
            let (oldQuotes, newQuotes) = change.quotes
            let statementsChanged = change.statementsChanged
            let listingChanged = change.listingChanged
            if oldQuotes != newQuotes || listingChanged { planChanged = true }
            if listingChanged { listingsChanged = true }
            if case .article(let slug) = change.ref,
                listingChanged || statementsChanged || change.eventsChanged
                    || change.old?.mentions != change.new?.mentions
            {
                articleData.insert(slug)
            }
            if statementsChanged || listingChanged { searchParts.insert(PagePlan.searchPart(of: change.ref)) }
        }
    }

    /// The archive pages of `entity`'s `section` that an edit of `changed`
    /// documents alters, from its list before and after. Pages hold the
    /// oldest entries first. An edit that keeps the count reaches the pages
    /// from its first to its last entry, before or after (an article moved
    /// in time moves its entries and those in between); one that changes
    /// the count reaches every page from its first entry to the newest. A
    /// page appearing or going also changes the last page both lists have
    /// (its link to a newer page).
    mutating func addArchivePages(_ entity: EntityID, _ section: EntitySection, old: ArchiveList, new: ArchiveList) {
        let (oldPages, newPages) = (old.pageCount(section), new.pageCount(section))
        if oldPages != newPages { planChanged = true }
        func oldestFirst(_ list: ArchiveList) -> [Int] { list.edited.map { list.count - 1 - $0 } }
        let edited = oldestFirst(old) + oldestFirst(new)
        guard newPages > 0, let low = edited.min(), let high = edited.max() else { return }
        let first = low / section.pageSize + 1
        let last = old.count == new.count ? high / section.pageSize + 1 : newPages
        var pages = first <= last ? Array(first...last) : []
        if oldPages != newPages, min(oldPages, newPages) > 0 { pages.append(min(oldPages, newPages)) }
        for page in Set(pages) where page <= newPages {
            self.pages.insert(PagePlan.archive(entity, section, page: page))
        }
    }
}

extension Statement {
    /// The statement as pages show it: its position among the document's
    /// annotations is left out (a mention added before it moves it, and
    /// no page shows it; the order of statements is kept by the lists).
    var asShown: Statement {
        var shown = self
        shown.position = 0
        return shown
    }
}
