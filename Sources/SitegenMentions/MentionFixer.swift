import Foundation
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
    private func makeBackupFolder(now: Date) throws -> URL {
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
        var bytes = [UInt8](data)
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let hasByteOrderMark = bytes.starts(with: byteOrderMark)
        if hasByteOrderMark { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return (nil, [], mentions.map { Skip(mention: $0, reason: "the file is no longer UTF-8 text") })
        }
        let scalars = Array(text.unicodeScalars)
        let lineStarts = Self.lineStarts(scalars)
        func offset(line: Int, column: Int) -> Int? {
            guard line >= 1, line <= lineStarts.count, column >= 1 else { return nil }
            let start = lineStarts[line - 1]
            let lineEnd = line < lineStarts.count ? lineStarts[line] : scalars.count
            let offset = start + column - 1
            return offset <= lineEnd ? offset : nil
        }
        var insertions: [(offset: Int, text: String, closes: Bool)] = []
        var applied: [UnlinkedMention] = []
        var skipped: [Skip] = []
        var taken: [Range<Int>] = []
        for mention in mentions {
            let place = "\(mention.location.line):\(mention.location.column)"
            guard let start = offset(line: mention.location.line, column: mention.location.column),
                let end = offset(line: mention.end.line, column: mention.end.column), start < end
            else {
                skipped.append(Skip(mention: mention, reason: "the file has no \(place) any more"))
                continue
            }
            let written = String(
                String.UnicodeScalarView(ActorNames.folded(String(String.UnicodeScalarView(scalars[start..<end])))))
            guard written == mention.text, !scalars[start].properties.isWhitespace,
                !scalars[end - 1].properties.isWhitespace
            else {
                skipped.append(
                    Skip(
                        mention: mention,
                        reason:
                            "the file does not read '\(mention.text)' at \(place) (it was changed, or the name is written with escapes); link it by hand"
                    ))
                continue
            }
            guard !taken.contains(where: { $0.overlaps(start..<end) }) else {
                skipped.append(Skip(mention: mention, reason: "it overlaps another mention linked here"))
                continue
            }
            taken.append(start..<end)
            insertions.append((start, mention.linkOpening, false))
            insertions.append((end, "]]", true))
            applied.append(mention)
        }
        guard !applied.isEmpty else { return (nil, [], skipped) }
        // At one offset a link's `]]` comes before the next one's `[[`.
        insertions.sort { ($0.offset, $0.closes ? 0 : 1) < ($1.offset, $1.closes ? 0 : 1) }
        var result = String.UnicodeScalarView()
        var cursor = 0
        for insertion in insertions {
            result.append(contentsOf: scalars[cursor..<insertion.offset])
            result.append(contentsOf: insertion.text.unicodeScalars)
            cursor = insertion.offset
        }
        result.append(contentsOf: scalars[cursor...])
        let output = (hasByteOrderMark ? byteOrderMark : []) + Array(String(result).utf8)
        return (Data(output), applied, skipped)
    }

    /// Index of each line's first scalar.
    package static func lineStarts(_ scalars: [Unicode.Scalar]) -> [Int] {
        var starts = [0]
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == "\r", index < scalars.count, scalars[index] == "\n" { index += 1 }
            if scalar == "\n" || scalar == "\r" { starts.append(index) }
        }
        return starts
    }
}
