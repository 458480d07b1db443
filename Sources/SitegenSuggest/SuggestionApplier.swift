import Foundation
import SitegenBase
import SitegenLoad
import SitegenMentions
import SitegenScaffold

/// Writes proposals into the document (`sitegen suggest --apply`), the way
/// `check --fix` writes links: only inserting around each span, only
/// where the file still reads the proposed text at the proposed place
/// (else the proposal is skipped and says why), the original copied to
/// `.sitegen-backup/TIME/` first and the file replaced in one rename. New
/// actors' stub files are written only when asked, and never over a file.
public struct SuggestionApplier: Sendable {
    public struct Skip: Sendable, Hashable {
        public var suggestion: Suggestion
        public var reason: String
    }

    public struct Outcome: Sendable {
        public var applied: [Suggestion] = []
        public var skipped: [Skip] = []
        /// Stub actor files written, by their path in the content folder.
        public var actorFiles: [String] = []
        public var backupFolder: URL?
        /// Where the document's original is kept, when it was changed.
        public var backup: URL?
    }

    public var content: URL
    public var fixer: MentionFixer

    public init(content: URL, backupRoot: URL? = nil) {
        self.content = content
        self.fixer = MentionFixer(content: content, backupRoot: backupRoot)
    }

    /// The lowest confidence `--apply` writes.
    public static let threshold = Confidence.medium

    /// Applies `suggestions` (those of `threshold` and up; all of them with
    /// `everything`) to `file`, whose proposals they are; `name` is the
    /// file's path as reported and as kept in the backup folder.
    public func apply(
        _ suggestions: [Suggestion], to file: URL, name: String, writeActors: Bool, everything: Bool = false,
        now: Date = Date()
    ) -> Outcome {
        var outcome = Outcome()
        let chosen = suggestions.filter { everything || $0.confidence >= Self.threshold }
        let knownActors = Set(ContentLoader().load(from: content).content.actors.map(\.slug))
        var actors = knownActors
        for suggestion in chosen where suggestion.kind == .actor {
            guard writeActors else {
                outcome.skipped.append(Skip(suggestion: suggestion, reason: "new actors are written with --new-actors"))
                continue
            }
            let scaffold = Scaffold(content: content)
            let affiliation = suggestion.affiliation.flatMap { knownActors.contains($0) ? $0 : nil }
            do {
                let written = try scaffold.newActor(
                    name: suggestion.name ?? suggestion.text, kind: suggestion.kindOf ?? "person",
                    role: suggestion.role, affiliation: affiliation)
                outcome.actorFiles.append(written.path)
                outcome.applied.append(suggestion)
                actors.insert(suggestion.target ?? "")
            } catch {
                outcome.skipped.append(Skip(suggestion: suggestion, reason: error.message))
            }
        }
        var spans: [Suggestion] = []
        for suggestion in chosen where suggestion.kind != .actor {
            if suggestion.kind == .quote || suggestion.kind == .claim {
                guard let by = suggestion.by else {
                    outcome.skipped.append(Skip(suggestion: suggestion, reason: "no speaker was found"))
                    continue
                }
                guard actors.contains(by) else {
                    let reason =
                        writeActors
                        ? "'\(by)' is not an actor, and its file was not written"
                        : "'\(by)' is not an actor yet: add --new-actors, or write actors/\(by).md"
                    outcome.skipped.append(Skip(suggestion: suggestion, reason: reason))
                    continue
                }
            }
            spans.append(suggestion)
        }
        guard !spans.isEmpty else { return outcome }
        let original: Data
        do {
            original = try Data(contentsOf: file)
        } catch {
            outcome.skipped += spans.map { Skip(suggestion: $0, reason: "the file cannot be read: \(error)") }
            return outcome
        }
        let wraps = spans.map {
            SpanWrap(
                start: $0.start, end: $0.end, text: $0.text, opening: $0.opening,
                closing: $0.closing)
        }
        let (rewritten, applied, skipped) = SpanWrap.apply(wraps, to: original)
        outcome.skipped += skipped.map { Skip(suggestion: spans[$0.index], reason: $0.reason) }
        guard let rewritten, !applied.isEmpty else { return outcome }
        do {
            let folder = try fixer.makeBackupFolder(now: now)
            // A file outside the content folder is kept by its own name, inside the backup folder.
            let outside = name.hasPrefix("/") || name.split(separator: "/").contains("..")
            let backup = folder.appendingPathComponent(outside ? file.lastPathComponent : name)
            try FileManager.default.createDirectory(
                at: backup.deletingLastPathComponent(), withIntermediateDirectories: true)
            try original.write(to: backup)
            try MentionFixer.replace(file, with: rewritten)
            outcome.backupFolder = folder
            outcome.backup = backup
        } catch {
            outcome.skipped += applied.map { Skip(suggestion: spans[$0], reason: "the file was not changed: \(error)") }
            return outcome
        }
        outcome.applied += applied.map { spans[$0] }
        return outcome
    }

    /// Puts the document back from its backup and removes the stub files written.
    public func restore(_ outcome: Outcome, file: URL) throws {
        if let backup = outcome.backup { try MentionFixer.replace(file, with: try Data(contentsOf: backup)) }
        for path in outcome.actorFiles {
            try FileManager.default.removeItem(at: content.appendingPathComponent(path))
        }
    }
}

extension Error {
    fileprivate var message: String {
        if let scaffold = self as? ScaffoldError { return scaffold.message }
        return "\(self)"
    }
}
