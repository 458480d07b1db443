import SitegenLoad
import SitegenParse
import SitegenResolve

/// The long lists of an actor's or topic's page. The page itself shows the
/// newest few of each; the whole list is on archive pages of a fixed size
/// (`actors/SLUG--quotes-3.html`), so a popular entity's page stays small
/// and an edit re-renders one archive page, not thousands of entries.
///
/// Archive pages are numbered from the oldest: page 1 holds the oldest
/// entries and the last page the newest, so new articles fill the last
/// page and leave earlier ones as they were (each page shows its entries
/// newest first and links to the older and newer page).
public enum EntitySection: String, Sendable, Hashable, CaseIterable, Comparable {
    case quotes, claims, statements, articles, mentions

    public static func < (a: EntitySection, b: EntitySection) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The sections of an entity's page.
    package static func of(_ kind: EntityKind) -> [EntitySection] {
        kind == .actor ? [.quotes, .claims, .mentions] : [.statements, .articles, .mentions]
    }

    /// Entries an entity's own page shows before linking to the archive.
    package static let preview = 10

    /// Entries per archive page.
    package var pageSize: Int {
        switch self {
        case .quotes, .claims, .statements: return 50
        case .articles: return 100
        case .mentions: return 25
        }
    }

    /// Heading words: "Quotes by X", "Articles on Y".
    package var label: String {
        switch self {
        case .quotes: return "Quotes"
        case .claims: return "Positions reported"
        case .statements: return "Quotes and claims"
        case .articles: return "Articles"
        case .mentions: return "Mentions"
        }
    }
}

/// What a rebuild needs of one section's entries: how many there are, and
/// where (newest-first positions) the changed documents' entries stand.
package struct ArchiveList: Equatable {
    package var count: Int
    package var edited: [Int]

    /// Archive pages (none when the entity's page shows every entry).
    package func pageCount(_ section: EntitySection) -> Int { Self.pageCount(count, section) }

    package static func pageCount(_ count: Int, _ section: EntitySection) -> Int {
        count > EntitySection.preview ? (count + section.pageSize - 1) / section.pageSize : 0
    }

    /// Newest-first positions of the entries on archive page `page` (1 = oldest).
    package static func range(page: Int, count: Int, section: EntitySection) -> Range<Int> {
        let oldestFirst = ((page - 1) * section.pageSize)..<min(count, page * section.pageSize)
        return (count - oldestFirst.upperBound)..<(count - oldestFirst.lowerBound)
    }

    /// The archive page (1 = oldest) of the entry at newest-first `position`.
    package static func page(of position: Int, count: Int, section: EntitySection) -> Int {
        (count - 1 - position) / section.pageSize + 1
    }
}

/// An entity's entries in one section, newest first, by what names them.
package enum ArchiveEntries {
    case statements([StatementID])
    case articles([String])
    case mentions([DocumentRef])

    package var count: Int {
        switch self {
        case .statements(let ids): return ids.count
        case .articles(let slugs): return slugs.count
        case .mentions(let sources): return sources.count
        }
    }
}

extension SiteGraph {
    /// An entity's entries in `section`, newest first.
    package func archiveEntries(_ section: EntitySection, of entity: EntityID) -> ArchiveEntries {
        switch section {
        case .quotes: return .statements(quotesBySpeaker[entity.slug] ?? [])
        case .claims: return .statements(claimsBySpeaker[entity.slug] ?? [])
        case .statements: return .statements(statementsByTopic[entity.slug] ?? [])
        case .articles: return .articles(articlesOf[entity] ?? [])
        case .mentions: return .mentions(mentionSources(of: entity))
        }
    }

    /// The section's count, and the positions of the entries that come from
    /// `changed` documents: statements are found by id (`changedStatements`,
    /// their ids old and new), so that no statement is looked up.
    package func archive(
        _ section: EntitySection, of entity: EntityID, changed: Set<DocumentRef>,
        changedStatements: Set<StatementID>
    ) -> ArchiveList {
        func list<T>(_ entries: [T], isChanged: (T) -> Bool) -> ArchiveList {
            ArchiveList(count: entries.count, edited: entries.indices.filter { isChanged(entries[$0]) })
        }
        switch archiveEntries(section, of: entity) {
        case .statements(let ids): return list(ids) { changedStatements.contains($0) }
        case .articles(let slugs): return list(slugs) { changed.contains(.article($0)) }
        case .mentions(let sources): return list(sources) { changed.contains($0) }
        }
    }

    /// The documents that link to an entity (not its own body), newest first.
    package func mentionSources(of entity: EntityID) -> [DocumentRef] { mentionSources[entity] ?? [] }
}
