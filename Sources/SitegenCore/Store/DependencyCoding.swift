import Foundation

/// The record of what pages read, as the saved state holds it: the page
/// paths once, then each bucket of entries with their readers as a part of
/// its own (a `StoredMap`), so that a rebuild decodes the buckets of the
/// entries it changed and saving copies the rest as they were.
extension PageDependencies: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(paths)
        writer.write(readers)
    }

    init(from reader: inout BinaryReader) throws {
        let paths = try reader.read([OutputPath].self)
        self.init(paths: paths, readers: try reader.read(StoredMap<Int, [GraphEntry: Set<Int>]>.self))
    }
}

extension OutputPath: BinaryCodable {
    func encode(to writer: inout BinaryWriter) { writer.write(rawValue) }
    init(from reader: inout BinaryReader) throws { self.init(trusted: try reader.readString()) }
}

extension GraphEntry: BinaryCodable {
    /// The case's number, written first and compared first.
    var tag: Int {
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
        }
    }

    func encode(to writer: inout BinaryWriter) {
        writer.write(tag)
        switch self {
        case .listing(let slug), .statementsBy(let slug), .statementsAbout(let slug), .stances(let slug):
            writer.write(slug)
        case .body(let ref), .statementsOf(let ref): writer.write(ref)
        case .statement(let id): writer.write(id)
        case .statementCount(let id), .mentions(let id), .articlesOf(let id), .events(let id), .connections(let id):
            writer.write(id)
        case .mentionsFrom(let id, let ref):
            writer.write(id)
            writer.write(ref)
        case .articles, .timeline, .counts, .searchParts, .siteMap: break
        }
    }

    init(from reader: inout BinaryReader) throws {
        switch try reader.readInt() {
        case 0: self = .listing(try reader.read())
        case 1: self = .body(try reader.read())
        case 2: self = .statement(try reader.read())
        case 3: self = .statementsOf(try reader.read())
        case 4: self = .statementsBy(try reader.read())
        case 5: self = .statementsAbout(try reader.read())
        case 6: self = .statementCount(try reader.read())
        case 7: self = .mentions(try reader.read())
        case 8: self = .mentionsFrom(try reader.read(), try reader.read())
        case 9: self = .articlesOf(try reader.read())
        case 10: self = .events(try reader.read())
        case 11: self = .connections(try reader.read())
        case 12: self = .stances(try reader.read())
        case 13: self = .articles
        case 14: self = .timeline
        case 15: self = .counts
        case 16: self = .searchParts
        case 17: self = .siteMap
        default: throw BinaryReader.Malformed()
        }
    }
}

/// An order for saving (the same record always gives the same bytes),
/// without building a key for every comparison.
extension GraphEntry: Comparable {
    static func < (lhs: GraphEntry, rhs: GraphEntry) -> Bool {
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
