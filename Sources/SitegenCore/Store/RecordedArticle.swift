import Foundation

/// An article as a build from saved state left it. Such a build does not
/// rewrite the whole state for one article: it appends this record to a
/// log beside it, and the next build replays the log onto the saved state,
/// so it starts from exactly what the output shows.
struct RecordedArticle {
    var path: String
    /// The file as that build read it; nil once deleted.
    var stamp: InputStamps.Stamp?
    /// Front matter with the body left out; nil when deleted or a draft.
    var article: ArticleSource?
    var contribution: DocumentContribution?
    /// The body's resolved references (statement items need them).
    var references: [Reference?]
    var warnings: [Diagnostic]
    var referenced: Set<EntityID>?
    /// Where each of its statements was written, for duplicate-id errors.
    var owners: [StatementID: SourceLocation]

    /// `.public.sitegen-state-log` beside the state file.
    static func logLocation(for state: URL) -> URL {
        state.deletingLastPathComponent().appendingPathComponent(state.lastPathComponent + "-log")
    }

    /// Appends `records` to the log, creating it (with the state's header)
    /// if needed. A torn write leaves a log that does not read, which means
    /// a clean build: never a wrong one.
    static func append(_ records: [RecordedArticle], to url: URL, header: Data) throws {
        var writer = BinaryWriter()
        for record in records { writer.writePart(BinaryWriter.part(record)) }
        if !FileManager.default.fileExists(atPath: url.path) {
            try header.write(to: url, options: .atomic)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: writer.bytes)
    }

    /// The records in the log, oldest first; nil when it does not read.
    static func read(from url: URL, header: Data) -> [RecordedArticle]? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        guard data.prefix(header.count) == header else { return nil }
        let bytes = [UInt8](data)
        var records: [RecordedArticle] = []
        var offset = header.count
        do {
            while offset < bytes.count {
                // Each record is a length and a part with its own strings.
                var lengthReader = BinaryReader.raw(bytes, from: offset)
                let length = try lengthReader.readCount()
                let start = lengthReader.offset
                guard start + length <= bytes.count else { return nil }
                var reader = try BinaryReader(bytes, range: start..<start + length, part: true)
                records.append(try reader.read())
                guard reader.isAtEnd else { return nil }
                offset = start + length
            }
        } catch {
            return nil
        }
        return records
    }
}

extension RecordedArticle: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(path)
        writer.write(stamp)
        writer.write(article)
        writer.write(contribution)
        writer.write(references)
        writer.write(warnings)
        writer.write(referenced)
        writer.write(owners)
    }

    init(from reader: inout BinaryReader) throws {
        path = try reader.read()
        stamp = try reader.read()
        article = try reader.read()
        contribution = try reader.read()
        references = try reader.read()
        warnings = try reader.read()
        referenced = try reader.read()
        owners = try reader.read()
    }
}
