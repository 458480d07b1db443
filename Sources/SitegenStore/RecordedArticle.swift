import Foundation
import SitegenBase
import SitegenLink
import SitegenLoad
import SitegenPlan
import SitegenResolve
import StoredCoding

/// An article as a build from saved state left it. Such a build does not
/// rewrite the whole state for one article: it appends this record to a
/// log beside it, and the next build replays the log onto the saved state,
/// so it starts from exactly what the output shows.
@BinaryCoded
package struct RecordedArticle {
    package var path: String
    /// The file as that build read it; nil once deleted.
    package var stamp: InputStamps.Stamp?
    /// Front matter with the body left out; nil when deleted or a draft.
    package var article: ArticleSource?
    package var contribution: DocumentContribution?
    /// The body's resolved references (statement items need them).
    package var references: [Reference?]
    package var warnings: [Diagnostic]
    package var referenced: Set<EntityID>?
    /// Where each of its statements was written, for duplicate-id errors.
    package var owners: [StatementID: SourceLocation]
    /// What the pages this build rendered read (kept by the batch's last
    /// record): the saved record of page reads does not have it yet.
    package var pageReads: [OutputPath: [GraphEntry]] = [:]

    package init(
        path: String,
        stamp: InputStamps.Stamp? = nil,
        article: ArticleSource? = nil,
        contribution: DocumentContribution? = nil,
        references: [Reference?],
        warnings: [Diagnostic],
        referenced: Set<EntityID>? = nil,
        owners: [StatementID: SourceLocation],
        pageReads: [OutputPath: [GraphEntry]] = [:]
    ) {
        self.path = path
        self.stamp = stamp
        self.article = article
        self.contribution = contribution
        self.references = references
        self.warnings = warnings
        self.referenced = referenced
        self.owners = owners
        self.pageReads = pageReads
    }

    /// The log beside the state file (`OutputLocation.stateLog`).
    package static func logLocation(for state: URL) -> URL { OutputLocation.stateLog(for: state) }

    /// Appends `records` to the log, creating it (with the state's header)
    /// if needed, each as a `ChecksummedFrame`. A torn write leaves a log
    /// that does not read, which means a clean build: never a wrong one.
    package static func append(_ records: [RecordedArticle], to url: URL, header: Data) throws {
        var bytes: [UInt8] = []
        for record in records {
            let part = BinaryWriter.part(record)
            bytes += ChecksummedFrame.header(for: part, part.indices)
            bytes += part
        }
        if !FileManager.default.fileExists(atPath: url.path) {
            try header.write(to: url, options: .atomic)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: bytes)
    }

    /// The records in the log, oldest first (none without a log), or which
    /// record is damaged.
    package static func read(from url: URL, header: Data) -> Result<[RecordedArticle], SavedBuild.StateUnusable> {
        guard let data = FileManager.default.contents(atPath: url.path) else { return .success([]) }
        return decode([UInt8](data), header: header)
    }

    /// The records in `bytes`, the whole of a log.
    package static func decode(_ bytes: [UInt8], header: Data) -> Result<[RecordedArticle], SavedBuild.StateUnusable> {
        guard bytes.starts(with: header) else { return .failure(.damaged("log is from another sitegen")) }
        var records: [RecordedArticle] = []
        var offset = header.count
        while offset < bytes.count {
            let number = records.count + 1
            switch ChecksummedFrame.content(of: bytes, at: offset) {
            case .failure(.cutShort): return .failure(.damaged("log record \(number) cut short"))
            case .failure(.checksum): return .failure(.damaged("log record \(number) fails its checksum"))
            case .success(let range):
                guard var reader = try? BinaryReader(bytes, range: range, part: true),
                    let record = try? reader.read(RecordedArticle.self), reader.isAtEnd
                else { return .failure(.damaged("log record \(number) does not decode")) }
                records.append(record)
                offset = range.upperBound
            }
        }
        return .success(records)
    }
}
