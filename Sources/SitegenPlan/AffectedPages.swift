import SitegenLink
import SitegenResolve

/// What a document's change means for the pages that show it.
extension DocumentChange {
    package var statementsChanged: Bool { (old?.statements ?? []) != (new?.statements ?? []) }

    /// Events (their words, dates, who and what they involve) changed.
    package var eventsChanged: Bool { (old?.events ?? []) != (new?.events ?? []) }

    /// Quote ids before and after.
    package var quotes: (old: [StatementID], new: [StatementID]) {
        func ids(_ c: DocumentContribution?) -> [StatementID] {
            (c?.statements ?? []).filter { $0.kind == .quote }.map(\.id)
        }
        return (ids(old), ids(new))
    }

    /// Claims before and after, as shown (`Statement.asShown`).
    package var claims: (old: [Statement], new: [Statement]) {
        func claims(_ c: DocumentContribution?) -> [Statement] {
            (c?.statements ?? []).filter { $0.kind == .claim }.map(\.asShown)
        }
        return (claims(old), claims(new))
    }

    /// The actors and topics whose number of statements (by, about) changed.
    package var statementCountChanges: Set<EntityID> {
        func counts(_ c: DocumentContribution?) -> [EntityID: Int] {
            (c?.statements ?? []).reduce(into: [:]) { counts, statement in
                counts[.actor(statement.speaker), default: 0] += 1
                for topic in statement.topics { counts[.topic(topic), default: 0] += 1 }
            }
        }
        let (before, after) = (counts(old), counts(new))
        return Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
    }

    package var statementCountsChanged: Bool { !statementCountChanges.isEmpty }

    /// Mentions per entity changed in number: pages ranked by prominence
    /// (home, the indexes) may reorder.
    package var mentionCountsChanged: Bool {
        func counts(_ c: DocumentContribution?) -> [EntityID: Int] {
            (c?.mentions ?? []).reduce(into: [:]) { $0[$1.entity, default: 0] += 1 }
        }
        return counts(old) != counts(new)
    }

}

/// What the record of page reads (`PageDependencies`) cannot know of a
/// set of document changes: whether the page set changed (pages that come
/// have read nothing yet), which archive pages an entry moved onto or off
/// (`addArchivePages`), and the data, search and hosting files, which are
/// not rendered from views. The rest of the site is left alone by a
/// rebuild, neither rendered nor written.
package struct AffectedPages {
    /// Archive pages whose entries moved.
    package var pages: Set<OutputPath> = []
    /// The page set itself changed (an article or a quote came or went).
    package var planChanged = false
    /// The article list changed: `data/graph.json`, `search-index.js`.
    package var listingsChanged = false
    /// Articles whose `data/articles/SLUG.json` changed, or went.
    package var articleData: Set<String> = []
    /// `data/claims.json`: a claim changed, or one moved in site order.
    package var claimsChanged = false
    /// `data/timeline.json`: an event changed, or the article reporting one.
    package var timelineChanged = false
    /// Actors and topics whose own feed (`actors/SLUG.xml`) changed: a
    /// statement by or about them, or an article touching them.
    package var entityFeeds: Set<EntityID> = []
    /// Search index parts whose quotes changed.
    package var searchParts: Set<Int> = []
    /// Sitemap and feed: the page set or an article's listing changed.
    package var hostingChanged: Bool { planChanged || listingsChanged }

    package init(_ changes: [DocumentChange]) {
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
            let (oldClaims, newClaims) = change.claims
            if oldClaims != newClaims || listingChanged && !(oldClaims.isEmpty && newClaims.isEmpty) {
                claimsChanged = true
            }
            entityFeeds.formUnion(change.changedEntities)
            let (oldEvents, newEvents) = (change.old?.events ?? [], change.new?.events ?? [])
            if change.eventsChanged || listingChanged && !(oldEvents.isEmpty && newEvents.isEmpty) {
                timelineChanged = true
            }
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
    package mutating func addArchivePages(
        _ entity: EntityID, _ section: EntitySection, old: ArchiveList, new: ArchiveList
    ) {
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
