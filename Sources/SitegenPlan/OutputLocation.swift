import Foundation

/// An output folder and every name sitegen keeps beside or inside it: the
/// manifest, the commit journal, staging and retired folders, the saved
/// state and its log, the lock, and the temporary files of each. Spelled
/// here only, so a sweep or a reader can never disagree with a writer.
///
/// `public/` gives `public/.sitegen-output`, `public/.sitegen-commit`,
/// `.public.sitegen-staging-PID`, `.public.sitegen-old-PID`,
/// `.public.sitegen-state`, `.public.sitegen-state-log`,
/// `..public.sitegen-state.PID.tmp` and `.public.sitegen-lock`.
public struct OutputLocation: Sendable {
    /// The output as named (standardised, symlinks kept).
    public let named: URL
    /// The output itself, through a symlink (a common deploy set-up).
    public let folder: URL

    public init(_ output: URL) {
        named = output.standardizedFileURL
        folder = named.resolvingSymlinksInPath()
    }

    /// Every bookkeeping name starts with a dot and holds this.
    private static let mark = ".sitegen-"

    // MARK: Inside the output

    /// Marks a folder as sitegen's own and lists the files the last build
    /// wrote; only such folders (or empty ones) are replaced.
    public static let manifestName = ".sitegen-output"
    /// The commit point of an update (see `CommitJournal`).
    package static let journalName = ".sitegen-commit"
    /// The journal while it is written, renamed to `journalName` to commit.
    package static let pendingJournalName = journalName + ".tmp"
    /// In a staging folder: manifest lines to append, for small changes.
    package static let manifestDeltaName = ".sitegen-output-delta"

    /// Names a build must never write as an output file.
    package static let reservedNames: Set<String> = [manifestName, journalName, pendingJournalName]

    package var manifest: URL { folder.appendingPathComponent(Self.manifestName) }
    package var journal: URL { folder.appendingPathComponent(Self.journalName) }
    package var pendingJournal: URL { folder.appendingPathComponent(Self.pendingJournalName) }

    // MARK: Beside the output

    private var stagingPrefix: String { ".\(folder.lastPathComponent).sitegen-staging-" }
    private var retiredPrefix: String { ".\(folder.lastPathComponent).sitegen-old-" }

    /// Where a process writes a build before swapping or committing it.
    package func staging(process: Int32 = ProcessInfo.processInfo.processIdentifier) -> URL {
        folder.deletingLastPathComponent().appendingPathComponent(stagingPrefix + String(process))
    }

    /// Where the old output waits while a new one takes its name.
    package func retired(process: Int32 = ProcessInfo.processInfo.processIdentifier) -> URL {
        folder.deletingLastPathComponent().appendingPathComponent(retiredPrefix + String(process))
    }

    /// A staging or retired folder beside this output, and the process
    /// that made it; nil for any other name.
    package func abandonableFolder(named name: String) -> Int32? {
        guard let prefix = [stagingPrefix, retiredPrefix].first(where: { name.hasPrefix($0) }) else { return nil }
        return Int32(name.dropFirst(prefix.count))
    }

    /// Whether a journal may name `name` as its staging folder: a sibling
    /// named like one (never a path), so a journal cannot move files from
    /// anywhere else.
    package static func isStagingName(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(mark + "staging-") && !name.contains("/")
    }

    /// The saved state (`SavedBuild`), beside the output as named: not
    /// inside it, so deploying the output never uploads it.
    package var state: URL {
        named.deletingLastPathComponent().appendingPathComponent(
            Self.stateName(forOutputNamed: named.lastPathComponent))
    }

    /// `.public.sitegen-state` for `public` (the CLI's help shows it too).
    public static func stateName(forOutputNamed name: String) -> String { ".\(name).sitegen-state" }

    /// Articles recorded since the state was saved (`RecordedArticle`).
    package static func stateLog(for state: URL) -> URL {
        state.deletingLastPathComponent().appendingPathComponent(state.lastPathComponent + "-log")
    }

    /// The state while a process writes it, renamed over `state` when done.
    package static func stateTemporary(for state: URL, process: Int32) -> URL {
        state.deletingLastPathComponent().appendingPathComponent(".\(state.lastPathComponent).\(process).tmp")
    }

    /// The process that wrote the state temporary `name`, or nil when
    /// `name` is not one of `state`'s.
    package static func stateTemporaryProcess(named name: String, for state: URL) -> Int32? {
        let prefix = ".\(state.lastPathComponent)."
        guard name.hasPrefix(prefix), name.hasSuffix(".tmp") else { return nil }
        return Int32(name.dropFirst(prefix.count).dropLast(".tmp".count))
    }

    /// The file `OutputLock` holds, beside the output itself.
    package var lock: URL {
        folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).sitegen-lock")
    }

    /// An archive (`SiteArchive`) while it is written, beside its final name.
    package static func archiveTemporary(for archive: URL, process: Int32 = ProcessInfo.processInfo.processIdentifier)
        -> URL
    {
        archive.deletingLastPathComponent().appendingPathComponent(".\(archive.lastPathComponent)\(mark)\(process)")
    }

    /// `.gitignore` lines for an output folder named `name` beside the
    /// content: the site, and every bookkeeping file and folder beside it.
    public static func ignorePatterns(forOutputNamed name: String) -> [String] {
        ["/\(name)/", "/.\(name)\(mark)*", "/.\(stateName(forOutputNamed: name)).*.tmp"]
    }

    /// Whether a file name is one of these (a watcher ignores them).
    public static func isBookkeepingName(_ name: String) -> Bool { name.contains(mark) }
}
