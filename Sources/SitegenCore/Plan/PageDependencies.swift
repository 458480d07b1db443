import Foundation

/// An entry of the graph that a page can show and an article change can
/// alter: the unit of what a page read when it was rendered (as Hugo's
/// identities are). Actors, topics and the site's settings are not
/// entries: a change to them rebuilds everything.
enum GraphEntry: Hashable, Sendable {
    /// An article's title, date and summary, as links and source lines show them.
    case listing(String)
    /// A document's body, its references and front matter.
    case body(DocumentRef)
    /// One statement's words, context, dates and source line.
    case statement(StatementID)
    /// Which statements a document holds, in order.
    case statementsOf(DocumentRef)
    /// Which statements a speaker made (quotes and claims), in order.
    case statementsBy(String)
    /// Which statements are about a topic, in order.
    case statementsAbout(String)
    /// An entity's backlinks and the documents they come from.
    case mentions(EntityID)
    /// The articles that mention, quote or are about an entity.
    case articlesOf(EntityID)
    /// The events an entity is involved in.
    case events(EntityID)
    /// An entity's weighted neighbours: mentioned with, speaks about, its map.
    case connections(EntityID)
    /// The statements that take a stance toward a topic.
    case stances(String)
    /// The articles in site order.
    case articles
    /// Every event, oldest first.
    case timeline
    /// Counts across the site: statements and quotes per speaker, topic and
    /// document, mentions per entity (what pages rank by), stance counts.
    case counts
    /// The site map's nodes and weights.
    case siteMap
}

/// Which entries each page read when it was last rendered, and so which
/// pages a change of entries reaches.
struct PageDependencies: Sendable {
    private var readsByPage: [OutputPath: Set<GraphEntry>] = [:]
    private var readers: [GraphEntry: Set<OutputPath>] = [:]

    /// Replaces what `page` read with `entries`.
    mutating func record(_ entries: Set<GraphEntry>, for page: OutputPath) {
        for entry in readsByPage[page] ?? [] { readers[entry]?.remove(page) }
        readsByPage[page] = entries
        for entry in entries { readers[entry, default: []].insert(page) }
    }

    /// What `page` read when it was last rendered.
    func reads(of page: OutputPath) -> Set<GraphEntry> { readsByPage[page] ?? [] }

    /// The pages that read any of `changed`.
    func pages(reading changed: Set<GraphEntry>) -> Set<OutputPath> {
        changed.reduce(into: []) { pages, entry in pages.formUnion(readers[entry] ?? []) }
    }
}

extension DocumentChange {
    /// The entries this change altered. A listing change alters every
    /// entry that shows the article's title or date, or is ordered by it.
    var changedEntries: Set<GraphEntry> {
        var entries: Set<GraphEntry> = [.body(ref)]
        let listing = listingChanged
        if listing, case .article(let slug) = ref { entries.formUnion([.listing(slug), .articles]) }

        let (oldStatements, newStatements) = (old?.statements ?? [], new?.statements ?? [])
        let oldByID = Dictionary(oldStatements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newByID = Dictionary(newStatements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for id in Set(oldByID.keys).union(newByID.keys) where listing || oldByID[id] != newByID[id] {
            entries.insert(.statement(id))
        }
        if listing && !(oldStatements.isEmpty && newStatements.isEmpty) || oldStatements != newStatements {
            entries.insert(.statementsOf(ref))
        }
        // A list keyed by speaker or topic changed when this document's
        // entries in it changed (which, or their kind), or moved in site order.
        func keyed(_ statements: [Statement], _ keys: (Statement) -> [String]) -> [String: [StatementID]] {
            statements.reduce(into: [:]) { lists, statement in
                for key in keys(statement) { lists[key, default: []].append(statement.id) }
            }
        }
        func changedKeys(_ keys: @escaping (Statement) -> [String]) -> Set<String> {
            let (before, after) = (keyed(oldStatements, keys), keyed(newStatements, keys))
            return Set(before.keys).union(after.keys).filter { key in
                listing || before[key] != after[key]
                    || before[key]?.map { oldByID[$0]?.kind } != after[key]?.map { newByID[$0]?.kind }
            }
        }
        for speaker in changedKeys({ [$0.speaker] }) { entries.insert(.statementsBy(speaker)) }
        for topic in changedKeys(\.topics) { entries.insert(.statementsAbout(topic)) }
        let stanceTopics = changedKeys { statement in statement.topics.filter { statement.stances[$0] != nil } }
        for topic in stanceTopics { entries.insert(.stances(topic)) }

        let touched = (old?.touched ?? []).union(new?.touched ?? [])
        for entity in touched {
            let (before, after) = (share(of: entity, in: old), share(of: entity, in: new))
            if listing || before.mentions != after.mentions { entries.insert(.mentions(entity)) }
            if listing || before.touched != after.touched { entries.insert(.articlesOf(entity)) }
            if before.pairs != after.pairs || before.ranked != after.ranked || before.involving != after.involving {
                entries.insert(.connections(entity))
            }
        }
        let (oldEvents, newEvents) = (old?.events ?? [], new?.events ?? [])
        if eventsChanged || listing && !(oldEvents.isEmpty && newEvents.isEmpty) {
            entries.insert(.timeline)
            for entity in Set((oldEvents + newEvents).flatMap(\.entities)) {
                let involving = { (event: Event) in event.entities.contains(entity) }
                if listing || oldEvents.filter(involving) != newEvents.filter(involving) {
                    entries.insert(.events(entity))
                }
            }
        }
        let kinds = { (statements: [Statement]) in statements.map(\.kind) }
        if statementCountsChanged || mentionCountsChanged || kinds(oldStatements) != kinds(newStatements)
            || !stanceTopics.isEmpty
        {
            entries.insert(.counts)
        }
        if siteMapChanged { entries.insert(.siteMap) }
        return entries
    }
}

extension GraphEntry {
    /// The list an entity's archive section is made from.
    static func list(_ section: EntitySection, of entity: EntityID) -> GraphEntry {
        switch section {
        case .quotes, .claims: .statementsBy(entity.slug)
        case .statements: .statementsAbout(entity.slug)
        case .articles: .articlesOf(entity)
        case .mentions: .mentions(entity)
        }
    }
}
