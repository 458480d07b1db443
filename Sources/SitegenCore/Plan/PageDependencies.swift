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
    /// How many statements an actor made, or are about a topic (the indexes).
    case statementCount(EntityID)
    /// Which documents mention an entity, in order (its page's preview).
    case mentions(EntityID)
    /// One document's mentions of an entity and its statements by or about
    /// it: its group of backlinks (which leaves out the statements' sentences).
    case mentionsFrom(EntityID, DocumentRef)
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
    /// Counts across the site that pages rank by: quotes per speaker,
    /// mentions and statements per entity, stance counts. Read by home
    /// and the quote index only.
    case counts
    /// Which search index parts hold quotes (the search page loads them).
    case searchParts
    /// The site map's nodes and weights.
    case siteMap
}

/// Which entries each page read when it was last rendered, and so which
/// pages a change of entries reaches. Saved with the build's state
/// (`DependencyCoding.swift`): a rebuild from disk decodes the readers of
/// the entries it changed, no more.
struct PageDependencies: Sendable {
    /// Pages by number, so that each reader list holds small numbers and a
    /// page's path is stored once. Numbers are never reused.
    private(set) var paths: [OutputPath] = []
    private var numbers: [OutputPath: Int] = [:]
    /// The pages that read each entry.
    private(set) var readers = StoredMap<GraphEntry, Set<Int>>()
    /// What each page rendered since loading read. A page rendered before
    /// the state was saved is not here: when it renders again its new
    /// entries join the old ones, which stay until a clean build, so it
    /// may be chosen once more than needed, never missed.
    private var readsByPage: [Int: Set<GraphEntry>] = [:]

    init() {}

    init(paths: [OutputPath], readers: StoredMap<GraphEntry, Set<Int>>) {
        self.paths = paths
        numbers.reserveCapacity(paths.count)
        for (number, path) in paths.enumerated() { numbers[path] = number }
        self.readers = readers
    }

    /// Replaces what `page` read with `entries`.
    mutating func record(_ entries: Set<GraphEntry>, for page: OutputPath) {
        let number = numbers[page] ?? newNumber(page)
        let old = readsByPage[number] ?? []
        for entry in old where !entries.contains(entry) { readers[entry]?.remove(number) }
        for entry in entries where !old.contains(entry) { readers[entry, default: []].insert(number) }
        readsByPage[number] = entries.isEmpty ? nil : entries
    }

    /// A page that is no longer planned.
    mutating func forget(_ page: OutputPath) {
        if numbers[page] != nil { record([], for: page) }
    }

    private mutating func newNumber(_ page: OutputPath) -> Int {
        numbers[page] = paths.count
        paths.append(page)
        return paths.count - 1
    }

    /// What `page` read when it was last rendered (by this session).
    func reads(of page: OutputPath) -> Set<GraphEntry> { numbers[page].flatMap { readsByPage[$0] } ?? [] }

    /// The pages that read any of `changed`.
    func pages(reading changed: Set<GraphEntry>) -> Set<OutputPath> {
        var pages: Set<OutputPath> = []
        for entry in changed {
            for number in readers[entry] ?? [] where number < paths.count { pages.insert(paths[number]) }
        }
        return pages
    }
}

extension DocumentChange {
    /// The entries this change altered. A listing change alters every
    /// entry that shows the article's title or date, or is ordered by it.
    var changedEntries: Set<GraphEntry> {
        var entries: Set<GraphEntry> = [.body(ref)]
        let listing = listingChanged
        if listing, case .article(let slug) = ref { entries.formUnion([.listing(slug), .articles]) }

        let oldStatements = (old?.statements ?? []).map(\.asShown)
        let newStatements = (new?.statements ?? []).map(\.asShown)
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
            if before.mentions != after.mentions || before.statements != after.statements {
                entries.insert(.mentionsFrom(entity, ref))
            }
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
        for entity in statementCountChanges { entries.insert(.statementCount(entity)) }
        let (oldQuotes, newQuotes) = quotes
        if oldQuotes.isEmpty != newQuotes.isEmpty { entries.insert(.searchParts) }
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
