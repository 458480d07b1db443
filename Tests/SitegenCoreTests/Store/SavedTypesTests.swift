import Foundation
import SitegenTestSupport
import StoredCoding
@_spi(Reflection) import Swift
import Testing

@testable import SitegenLink
@testable import SitegenLoad
@testable import SitegenParse
@testable import SitegenResolve
@testable import SitegenStore

/// Every stored property of every type the build state keeps is saved: a
/// property that is not fails here, rather than reading back as its
/// default after the next build.
@Suite("Store: every saved property is coded")
struct SavedTypesTests {
    /// Types whose coding is written by hand, with the stored properties
    /// they do not save, and why.
    static let handWritten: [ObjectIdentifier: Set<String>] = [
        // Written section by section (`write`, `decode`); `damage` is
        // where reading reports, not state.
        ObjectIdentifier(SavedBuild.self): ["damage"],
        // Lookups made again from the lists while reading (SiteGraphCoding).
        ObjectIdentifier(SiteGraph.self): ["index", "actorsBySlug", "topicsBySlug", "articlesBySlug"],
        // Fields kept out of line, written one by one.
        ObjectIdentifier(CitedSource.self): [],
        ObjectIdentifier(CitedSource.Fields.self): [],
    ]

    /// Walks every type reachable from what a state and its log save, by
    /// the stored properties the runtime knows of (not the declarations
    /// the macro read): a `@BinaryCoded` struct must code each of them but
    /// those it says it leaves out, in order; any other type must be a
    /// container, a standard value, or listed above as hand-written.
    @Test func everySavedStructCodesEveryStoredProperty() {
        var seen: Set<ObjectIdentifier> = []
        var derived: [String] = []
        var pending: [Any.Type] = [SavedBuild.self, RecordedArticle.self]
        while let type = pending.popLast() {
            guard seen.insert(ObjectIdentifier(type)).inserted else { continue }
            let fields = Self.storedProperties(of: type)
            if let coded = type as? any BinaryCodedFields.Type {
                derived.append("\(type)")
                let uncoded = Set(coded.uncodedFields)
                #expect(
                    fields.map(\.name).filter { !uncoded.contains($0) } == coded.codedFields,
                    "\(type): stored \(fields.map(\.name)), coded \(coded.codedFields), left out \(coded.uncodedFields)"
                )
                pending += fields.filter { !uncoded.contains($0.name) }.map(\.type)
            } else if let cases = type as? any BinaryCodedCases.Type {
                derived.append("\(type)")
                pending += cases.payloadTypes
            } else if let notSaved = Self.handWritten[ObjectIdentifier(type)] {
                #expect(notSaved.isSubset(of: fields.map(\.name)), "\(type) no longer has all of \(notSaved)")
                pending += fields.filter { !notSaved.contains($0.name) }.map(\.type)
            } else if let container = type as? any SavedContainer.Type {
                pending += container.elementTypes
            } else {
                #expect(
                    Self.standardValues.contains { $0 == type },
                    "\(type) is saved, but its coding is neither derived (@BinaryCoded) nor listed as hand-written")
            }
        }
        // The walk did reach into the model: sources, trees, statements.
        for name in ["ArticleSource", "MarkdownNode", "Kind", "Statement", "SpanSyntax", "Tallies"] {
            #expect(derived.contains(name), "\(name) not reached; reached \(derived.sorted())")
        }
    }

    /// The graph's hand-written coding: a graph of the seed site (and an
    /// asset), where every saved property holds something, comes back
    /// property by property, and its lookups are made again.
    @Test func theSeedSiteGraphComesBackWhole() throws {
        var graph = try TestContent.withTemporaryDirectory { folder in
            let content = folder.appendingPathComponent("Content")
            try FileManager.default.copyItem(at: TestContent.seedContent, to: content)
            // The seed site has no assets of its own.
            let assets = content.appendingPathComponent("assets")
            try FileManager.default.createDirectory(at: assets, withIntermediateDirectories: true)
            try Data("<svg/>".utf8).write(to: assets.appendingPathComponent("logo.svg"))
            let loaded = ContentLoader().load(from: content)
            return Linker().link(Resolver().resolve(ParsedSite.parse(loaded.content)))
        }
        // The seed rates no claim (it is no fact-check): one rating, so that
        // the ratings are seen to be saved too.
        let claim = try #require(graph.orderedStatementIDs.first { graph.statementKinds[$0] == .claim })
        graph.statementRatings[claim] = .mixed
        var writer = BinaryWriter()
        writer.write(graph)
        let bytes = writer.encoded
        var reader = try BinaryReader(bytes, range: 0..<bytes.count)
        let read = try reader.read(SiteGraph.self)
        #expect(reader.isAtEnd)
        let readProperties = Dictionary(
            uniqueKeysWithValues: Mirror(reflecting: read).children.map { ($0.label!, $0.value) })
        let notSaved = Self.handWritten[ObjectIdentifier(SiteGraph.self)]!
        for child in Mirror(reflecting: graph).children {
            let label = child.label!
            let readValue = try #require(readProperties[label])
            if notSaved.contains(label) {
                #expect(
                    Self.encoded(child.value) == nil || Self.same(child.value, readValue),
                    "SiteGraph.\(label) is not made again after reading")
                continue
            }
            #expect(!Self.isEmpty(child.value), "SiteGraph.\(label) is empty for the seed site: is it saved?")
            #expect(Self.same(child.value, readValue), "SiteGraph.\(label) does not come back")
        }
        #expect(read.index.displayNames == graph.index.displayNames)
        #expect(read.actorsBySlug == graph.actorsBySlug)
        #expect(read.topicsBySlug == graph.topicsBySlug)
        #expect(read.articlesBySlug == graph.articlesBySlug)
    }

    // MARK: - Helpers

    /// Leaf types with conformances of their own in StoredCoding.
    static let standardValues: [Any.Type] = [Int.self, Int32.self, Bool.self, String.self, UInt64.self, URL.self]

    /// The stored properties of a struct, in declaration order, as the
    /// runtime lays them out (Swift's reflection; empty for an enum).
    static func storedProperties(of type: Any.Type) -> [(name: String, type: Any.Type)] {
        var fields: [(name: String, type: Any.Type)] = []
        _ = _forEachField(of: type, options: []) { name, _, fieldType, _ in
            fields.append((String(cString: name), fieldType))
            return true
        }
        return fields
    }

    /// Equal, by `==` where the type has it, else by the bytes it codes to
    /// (sorted keys, so equal dictionaries give equal bytes).
    static func same(_ a: Any, _ b: Any) -> Bool {
        if let a = a as? any Equatable, let equal = isEqual(a, b) { return equal }
        guard let bytesA = encoded(a) else { return false }
        return bytesA == encoded(b)
    }

    static func isEqual<T: Equatable>(_ a: T, _ b: Any) -> Bool? { (b as? T).map { $0 == a } }

    static func encoded(_ value: Any) -> [UInt8]? {
        guard let value = value as? any BinaryCodable else { return nil }
        return BinaryWriter.part(value)
    }

    static func isEmpty(_ value: Any) -> Bool {
        switch value {
        case let number as Int: return number == 0
        case let flag as Bool: return !flag
        case let collection as any Collection: return collection.isEmpty
        case let map as any CountedMap: return map.count == 0
        default:
            let mirror = Mirror(reflecting: value)
            return mirror.displayStyle == .optional && mirror.children.isEmpty
        }
    }
}

/// A generic type the state saves, by the types it holds.
protocol SavedContainer { static var elementTypes: [Any.Type] { get } }

extension Optional: SavedContainer { static var elementTypes: [Any.Type] { [Wrapped.self] } }
extension Array: SavedContainer { static var elementTypes: [Any.Type] { [Element.self] } }
extension Set: SavedContainer { static var elementTypes: [Any.Type] { [Element.self] } }
extension Dictionary: SavedContainer { static var elementTypes: [Any.Type] { [Key.self, Value.self] } }
extension StoredMap: SavedContainer { static var elementTypes: [Any.Type] { [Key.self, Value.self] } }

protocol CountedMap { var count: Int { get } }
extension StoredMap: CountedMap {}
