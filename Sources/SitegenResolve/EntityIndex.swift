import SitegenBase
import SitegenLoad
import StoredCoding

/// An actor or topic, by kind and slug.
@BinaryCoded
public struct EntityID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var kind: EntityKind
    public var slug: String

    public init(_ kind: EntityKind, _ slug: String) {
        self.kind = kind
        self.slug = slug
    }

    public static func actor(_ slug: String) -> EntityID { EntityID(.actor, slug) }
    public static func topic(_ slug: String) -> EntityID { EntityID(.topic, slug) }

    public static func < (lhs: EntityID, rhs: EntityID) -> Bool {
        (lhs.kind.rawValue, lhs.slug) < (rhs.kind.rawValue, rhs.slug)
    }

    public var description: String { "\(kind.rawValue):\(slug)" }
}

/// Every name an entity answers to: slug, name or title, and aliases,
/// matched case-insensitively.
public struct EntityIndex: Sendable {
    public enum Failure: Error, Sendable, Hashable {
        case unknown(suggestions: [String])
        case ambiguous([EntityID])
    }

    private var entitiesByKey: [String: [EntityID]] = [:]
    /// The spelling of each key as the author wrote it, for suggestions.
    private var spellings: [String: String] = [:]
    public private(set) var displayNames: [EntityID: String] = [:]
    /// Entities whose files failed to load: references to them are not
    /// errors of their own, as the file's error already stops the build.
    public private(set) var broken: Set<EntityID> = []

    public init(actors: [ActorSource], topics: [TopicSource], broken: [BrokenEntity] = []) {
        for entity in broken {
            let id = EntityID(entity.kind, entity.slug)
            self.broken.insert(id)
            displayNames[id] = entity.names.first
            add(entity.slug, for: id)
            for name in entity.names { add(name, for: id) }
        }
        for actor in actors {
            let id = EntityID.actor(actor.slug)
            displayNames[id] = actor.name
            add(actor.slug, for: id)
            add(actor.name, for: id)
            for alias in actor.aliases { add(alias.value, for: id) }
        }
        for topic in topics {
            let id = EntityID.topic(topic.slug)
            displayNames[id] = topic.title
            add(topic.slug, for: id)
            add(topic.title, for: id)
            for alias in topic.aliases { add(alias.value, for: id) }
        }
    }

    /// Lower-cased, whitespace folded, typographic apostrophes made plain.
    public static func normalise(_ name: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        for scalar in name.lowercased().unicodeScalars {
            // ASCII's white space (tab to carriage return, space) without a
            // property lookup: every link's name comes through here.
            let isWhitespace =
                scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
            if isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.unicodeScalars.append(" ")
                pendingSpace = false
            }
            result.unicodeScalars.append(scalar == "’" ? "'" : scalar)
        }
        return result
    }

    private mutating func add(_ name: String, for id: EntityID) {
        let key = Self.normalise(name)
        guard !key.isEmpty else { return }
        if !(entitiesByKey[key]?.contains(id) ?? false) { entitiesByKey[key, default: []].append(id) }
        if spellings[key] == nil { spellings[key] = name }
    }

    /// Entities that share `name` with another entity (for warnings).
    public var sharedNames: [(name: String, entities: [EntityID])] {
        entitiesByKey.filter { $0.value.count > 1 }
            .map { (spellings[$0.key] ?? $0.key, $0.value.sorted()) }
            .sorted { $0.name < $1.name }
    }

    public func resolve(_ target: String, kind: EntityKind? = nil) -> Result<EntityID, Failure> {
        let key = Self.normalise(target)
        var matches = entitiesByKey[key] ?? []
        if let kind { matches = matches.filter { $0.kind == kind } }
        switch matches.count {
        case 1: return .success(matches[0])
        case 0: return .failure(.unknown(suggestions: suggestions(for: target, kind: kind)))
        default: return .failure(.ambiguous(matches.sorted()))
        }
    }

    /// Suggestions shown for one unknown name.
    package static let suggestionLimit = 3

    /// Nearest known names, shown as `'Hegseth' (pete-hegseth)`: the closest
    /// name of each entity only, so no entity is offered twice.
    public func suggestions(for target: String, kind: EntityKind? = nil) -> [String] {
        let candidates = entitiesByKey.compactMap { key, ids -> String? in
            guard kind == nil || ids.contains(where: { $0.kind == kind }) else { return nil }
            return key
        }
        var offered: Set<EntityID> = []
        var result: [String] = []
        for key in Suggestions.nearest(to: Self.normalise(target), in: candidates, limit: candidates.count) {
            let ids = entitiesByKey[key] ?? []
            guard !ids.allSatisfy(offered.contains) else { continue }
            offered.formUnion(ids)
            let shown = spellings[key] ?? key
            let slugs = ids.map(\.slug).filter { $0 != key }
            result.append(slugs.isEmpty ? "'\(shown)'" : "'\(shown)' (\(slugs.joined(separator: ", ")))")
            if result.count == Self.suggestionLimit { break }
        }
        return result
    }
}
