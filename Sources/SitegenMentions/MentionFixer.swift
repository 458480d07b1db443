import Foundation
import SitegenBase
import SitegenLoad

/// Links unlinked mentions in the content files (`sitegen check --fix`).
///
/// It only ever inserts: `[[` (or `[[slug|`) before the name and `]]` after
/// it, so no text the author wrote is lost. It writes only where the file
/// still holds the reported name at the reported place (else it skips the
/// mention and says why), copies every file it changes into a backup folder
/// first, keeps byte order marks and line endings, and replaces each file
/// in one rename.
public struct MentionFixer: Sendable {
    /// A mention left as it was, and why.
    public struct Skip: Sendable, Hashable {
        public var mention: UnlinkedMention
        public var reason: String
    }

    public struct Outcome: Sendable {
        /// The mentions now linked in their files.
        public var linked: [UnlinkedMention] = []
        public var skipped: [Skip] = []
        /// The folder holding the original of every changed file, under its
        /// content-relative path; nil when nothing changed.
        public var backupFolder: URL?
        /// Content-relative paths of the files changed.
        public var files: [String] = []
    }

    public var content: URL
    /// Where the timestamped backup folders go: by default
    /// `.sitegen-backup` next to the content folder, outside it, so a
    /// backup is never read as content nor watched by `serve`.
    public var backupRoot: URL

    public init(content: URL, backupRoot: URL? = nil) {
        self.content = content
        self.backupRoot =
            backupRoot
            ?? content.standardizedFileURL.deletingLastPathComponent().appendingPathComponent(".sitegen-backup")
    }

    /// Links the first of `mentions` for each actor in each file. A file
    /// that cannot be backed up or written is left as it was, its mentions
    /// skipped with the reason.
    /// - Parameter now: names the backup folder.
    public func fix(_ mentions: [UnlinkedMention], now: Date = Date()) -> Outcome {
        var outcome = Outcome()
        var byFile: [String: [UnlinkedMention]] = [:]
        for mention in mentions { byFile[mention.location.file, default: []].append(mention) }
        let sources = ContentFiles(folder: content)
        for file in byFile.keys.sorted() {
            var firstPerActor: [String: UnlinkedMention] = [:]
            for mention in byFile[file] ?? [] {
                if let kept = firstPerActor[mention.actor], kept.location < mention.location { continue }
                firstPerActor[mention.actor] = mention
            }
            let chosen = firstPerActor.values.sorted { $0.location < $1.location }
            // Read and written only as content: the file itself, links resolved, if the rules still admit it.
            let url: URL
            let original: Data
            switch sources.admit(file).flatMap({ admitted in sources.read(admitted).map { (admitted.url, $0) } }) {
            case .success(let read): (url, original) = read
            case .failure(let refusal):
                let reason = "the file cannot be read: \(sources.diagnostic(refusal, at: file).message)"
                outcome.skipped += chosen.map { Skip(mention: $0, reason: reason) }
                continue
            }
            let (rewritten, applied, skipped) = Self.rewrite(original, linking: chosen)
            outcome.skipped += skipped
            guard let rewritten, !applied.isEmpty else { continue }
            do {
                let folder = try outcome.backupFolder ?? makeBackupFolder(now: now)
                outcome.backupFolder = folder
                let backup = folder.appendingPathComponent(file)
                try FileManager.default.createDirectory(
                    at: backup.deletingLastPathComponent(), withIntermediateDirectories: true)
                try original.write(to: backup)
                try Self.replace(url, with: rewritten)
            } catch {
                outcome.skipped += applied.map { Skip(mention: $0, reason: "the file was not changed: \(error)") }
                continue
            }
            outcome.files.append(file)
            outcome.linked += applied
        }
        return outcome
    }

    /// Puts back every file `outcome` changed, from its backup.
    public func restore(_ outcome: Outcome) throws {
        guard let folder = outcome.backupFolder else { return }
        let sources = ContentFiles(folder: content)
        for file in outcome.files {
            let original = try Data(contentsOf: folder.appendingPathComponent(file))
            let admitted = try sources.admit(file).mapError { sources.diagnostic($0, at: file) }.get()
            try Self.replace(admitted.url, with: original)
        }
    }

    /// `.sitegen-backup/20250213-142501`, or `…-2` when that exists.
    package func makeBackupFolder(now: Date) throws -> URL {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let stamp = formatter.string(from: now)
        var folder = backupRoot.appendingPathComponent(stamp)
        var suffix = 2
        while FileManager.default.fileExists(atPath: folder.path) {
            folder = backupRoot.appendingPathComponent("\(stamp)-\(suffix)")
            suffix += 1
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes through a temporary file and a rename, keeping the file's permissions.
    package static func replace(_ url: URL, with data: Data) throws {
        let permissions = try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions]
        try data.write(to: url, options: .atomic)
        if let permissions {
            try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: url.path)
        }
    }

    /// The file's bytes with `mentions` linked, the mentions linked, and
    /// those skipped. Positions count scalars after any byte order mark,
    /// with lines ending at `\n`, `\r\n` or `\r`, as the diagnostics count them.
    package static func rewrite(_ data: Data, linking mentions: [UnlinkedMention]) -> (Data?, [UnlinkedMention], [Skip])
    {
        let wraps = mentions.map { mention in
            SpanWrap(
                start: SourcePosition(line: mention.location.line, column: mention.location.column), end: mention.end,
                text: mention.text, opening: mention.linkOpening, closing: "]]")
        }
        let (output, applied, skipped) = SpanWrap.apply(wraps, to: data)
        return (
            output, applied.map { mentions[$0] },
            skipped.map { Skip(mention: mentions[$0.index], reason: $0.reason) }
        )
    }

}
