import Foundation
import SitegenLink
import SitegenParse
import SitegenResolve
import StoredCoding

/// An entry of the graph that a page can show and an article change can
/// alter: the unit of what a page read when it was rendered (as Hugo's
/// identities are). Actors, topics and the site's settings are not
/// entries: a change to them rebuilds everything.
@BinaryCoded
package enum GraphEntry: Hashable, Sendable {
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
    /// Every article's corrections, and the listing of the articles that have any.
    case corrections
}

/// Which entries each page read when it was last rendered, and so which
/// pages a change of entries reaches. Saved with the build's state: a
/// rebuild from disk decodes the readers of the entries it changed, no more.
@BinaryCoded
package struct PageDependencies: Sendable {
    /// Pages by number, so that each reader list holds small numbers and a
    /// page's path is stored once. Numbers are never reused.
    package private(set) var paths: [OutputPath] = []
    /// Made when first needed: a rebuild from disk that renders no page
    /// never needs it.
    @NotCoded private var numbers: [OutputPath: Int]?
    /// The pages that read each entry, in buckets by a hash of the entry
    /// that does not change between runs: a rebuild from disk decodes the
    /// few buckets of the entries it changed, not every entry's key.
    package private(set) var readers = StoredMap<Int, [GraphEntry: Set<Int>]>()
    /// What each page a rebuild rendered read, so that its next render
    /// replaces it. Pages of a clean build or a saved state are not here
    /// (111,000 sets at 10,000 articles): when one renders again its new
    /// entries join the old, which stay until a clean build, so it may be
    /// chosen more than needed, never missed.
    @NotCoded private var readsByPage: [Int: Set<GraphEntry>] = [:]

    package static let bucketCount = 4096

    package init() {}

    package init(paths: [OutputPath], readers: StoredMap<Int, [GraphEntry: Set<Int>]>) {
        self.paths = paths
        self.readers = readers
    }

    /// Notes that `page` read `entries`, replacing what it read before
    /// when that is known; `keeping` them to replace next time.
    package mutating func record(_ entries: Set<GraphEntry>, for page: OutputPath, keeping: Bool = true) {
        let number = self.number(of: page)
        let old = readsByPage[number] ?? []
        for entry in old where !entries.contains(entry) { readers[Self.bucket(of: entry)]?[entry]?.remove(number) }
        for entry in entries where !old.contains(entry) {
            readers[Self.bucket(of: entry), default: [:]][entry, default: []].insert(number)
        }
        readsByPage[number] = keeping && !entries.isEmpty ? entries : nil
    }

    /// Numbers `pages` in this order, so that pages recorded in any order
    /// save the same bytes.
    package mutating func number(_ pages: [OutputPath]) {
        for page in pages { _ = number(of: page) }
    }

    /// A page that is no longer planned.
    package mutating func forget(_ page: OutputPath) { record([], for: page) }

    private mutating func number(of page: OutputPath) -> Int {
        if numbers == nil {
            numbers = Dictionary(uniqueKeysWithValues: paths.enumerated().map { ($1, $0) })
        }
        if let number = numbers?[page] { return number }
        numbers?[page] = paths.count
        paths.append(page)
        return paths.count - 1
    }

    /// What `page` read when it was last rendered (by this session).
    package func reads(of page: OutputPath) -> Set<GraphEntry> {
        let number = numbers?[page] ?? paths.firstIndex(of: page)
        return number.flatMap { readsByPage[$0] } ?? []
    }

    /// The pages that read any of `changed`.
    package func pages(reading changed: Set<GraphEntry>) -> Set<OutputPath> {
        var pages: Set<OutputPath> = []
        for entry in changed {
            for number in readers[Self.bucket(of: entry)]?[entry] ?? [] where number < paths.count {
                pages.insert(paths[number])
            }
        }
        return pages
    }

    /// The bucket `entry`'s readers are kept in: FNV-1a of its saved form's
    /// case and strings (Swift's own hashes change with every run).
    package static func bucket(of entry: GraphEntry) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        func mix(_ string: String) {
            for byte in string.utf8 { mix(byte) }
            mix(0)
        }
        func mix(_ ref: DocumentRef) {
            switch ref {
            case .article(let slug):
                mix(0x61)
                mix(slug)
            case .actor(let slug):
                mix(0x63)
                mix(slug)
            case .topic(let slug):
                mix(0x74)
                mix(slug)
            }
        }
        func mix(_ id: EntityID) {
            mix(id.kind == .actor ? 0x63 : 0x74)
            mix(id.slug)
        }
        mix(UInt8(entry.tag))
        switch entry {
        case .listing(let slug), .statementsBy(let slug), .statementsAbout(let slug), .stances(let slug): mix(slug)
        case .body(let ref), .statementsOf(let ref): mix(ref)
        case .statement(let id): mix(id.rawValue)
        case .statementCount(let id), .mentions(let id), .articlesOf(let id), .events(let id), .connections(let id):
            mix(id)
        case .mentionsFrom(let id, let ref):
            mix(id)
            mix(ref)
        case .articles, .timeline, .counts, .searchParts, .siteMap, .corrections: break
        }
        return Int(hash % UInt64(bucketCount))
    }
}

extension DocumentChange {
    /// The entries this change altered. A listing change alters every
    /// entry that shows the article's title or date, or is ordered by it.
    package var changedEntries: Set<GraphEntry> {
        var entries: Set<GraphEntry> = [.body(ref)]
        let listing = listingChanged
        if listing, case .article(let slug) = ref { entries.formUnion([.listing(slug), .articles]) }
        let (oldCorrections, newCorrections) = (oldArticle?.corrections ?? [], newArticle?.corrections ?? [])
        if oldCorrections != newCorrections || listing && !(oldCorrections.isEmpty && newCorrections.isEmpty) {
            entries.insert(.corrections)
        }

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
        // entries in it changed (which, their kind or rating: the pages
        // count ratings), or moved in site order.
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
                    || before[key]?.map { oldByID[$0]?.rating } != after[key]?.map { newByID[$0]?.rating }
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
    package static func list(_ section: EntitySection, of entity: EntityID) -> GraphEntry {
        switch section {
        case .quotes, .claims: .statementsBy(entity.slug)
        case .statements: .statementsAbout(entity.slug)
        case .articles: .articlesOf(entity)
        case .mentions: .mentions(entity)
        }
    }
}

/// Records the reads of pages as they render on several threads, so that
/// no page's reads outlive its render (a clean build renders 111,000 pages
/// at 10,000 articles).
package final class DependencyRecorder: @unchecked Sendable {
    private var dependencies: PageDependencies
    private let keeping: Bool
    private let lock = NSLock()

    /// Records into `dependencies`, numbering `pages` first; `keeping`
    /// what each page read to replace it when it renders again.
    package init(_ dependencies: PageDependencies, pages: [OutputPath], keeping: Bool) {
        self.dependencies = dependencies
        self.dependencies.number(pages)
        self.keeping = keeping
    }

    package func record(_ reads: PageReads, for page: OutputPath) {
        let entries = reads.entries
        lock.withLock { dependencies.record(entries, for: page, keeping: keeping) }
    }

    /// The record, once every page rendered; the recorder keeps nothing
    /// (a copy left behind would be copied again at the next change).
    package func finish() -> PageDependencies {
        lock.withLock {
            defer { dependencies = PageDependencies() }
            return dependencies
        }
    }
}

extension GraphEntry {
    /// The case's number, written first and compared first.
    package var tag: Int {
        switch self {
        case .listing: 0
        case .body: 1
        case .statement: 2
        case .statementsOf: 3
        case .statementsBy: 4
        case .statementsAbout: 5
        case .statementCount: 6
        case .mentions: 7
        case .mentionsFrom: 8
        case .articlesOf: 9
        case .events: 10
        case .connections: 11
        case .stances: 12
        case .articles: 13
        case .timeline: 14
        case .counts: 15
        case .searchParts: 16
        case .siteMap: 17
        case .corrections: 18
        }
    }
}

/// An order for saving (the same record always gives the same bytes),
/// without building a key for every comparison.
extension GraphEntry: Comparable {
    package static func < (lhs: GraphEntry, rhs: GraphEntry) -> Bool {
        switch (lhs, rhs) {
        case (.listing(let a), .listing(let b)), (.statementsBy(let a), .statementsBy(let b)),
            (.statementsAbout(let a), .statementsAbout(let b)), (.stances(let a), .stances(let b)):
            a < b
        case (.body(let a), .body(let b)), (.statementsOf(let a), .statementsOf(let b)): a < b
        case (.statement(let a), .statement(let b)): a < b
        case (.statementCount(let a), .statementCount(let b)), (.mentions(let a), .mentions(let b)),
            (.articlesOf(let a), .articlesOf(let b)), (.events(let a), .events(let b)),
            (.connections(let a), .connections(let b)):
            a < b
        case (.mentionsFrom(let a, let x), .mentionsFrom(let b, let y)): (a, x) < (b, y)
        default: lhs.tag < rhs.tag
        }
    }
}
