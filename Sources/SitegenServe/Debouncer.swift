import Foundation

/// What changed since the last rebuild.
public struct ChangeSet: Equatable, Sendable {
    /// Files and folders that changed, relative to the content folder.
    public var contentPaths: Set<String> = []
    /// Something in the templates folder changed.
    public var templates = false
    /// The watcher lost track (its event queue overflowed, a watched folder
    /// went away): only a full build is safe.
    public var full = false

    public init(contentPaths: Set<String> = [], templates: Bool = false, full: Bool = false) {
        self.contentPaths = contentPaths
        self.templates = templates
        self.full = full
    }

    public var isEmpty: Bool { contentPaths.isEmpty && !templates && !full }

    /// Whether only a full build can follow (not `BuildSession.rebuild`).
    public var needsFullBuild: Bool { templates || full }
}

/// Turns a burst of file events into one rebuild. Editors save in several
/// steps (write a temporary file and rename it over the old one; truncate,
/// then write; write a backup first), so a rebuild waits until no event has
/// come for `quietPeriod`, and while a file that was modified has not been
/// closed yet (its writer may not be done), for up to `writeHold` more.
///
/// Pure: the caller passes the time, so tests need no clock.
public struct Debouncer: Sendable {
    public enum Root: Sendable, Hashable { case content, templates }

    public enum Event: Sendable, Equatable {
        /// Written to, maybe not finished (IN_MODIFY).
        case modified
        /// Closed after writing: this save is finished (IN_CLOSE_WRITE).
        case closedAfterWriting
        /// Created or moved in (IN_CREATE, IN_MOVED_TO).
        case appeared
        /// Deleted or moved away (IN_DELETE, IN_MOVED_FROM).
        case disappeared
        /// The watcher cannot tell what changed: rebuild everything.
        case lostTrack
    }

    public var quietPeriod: TimeInterval
    public var writeHold: TimeInterval

    private struct Key: Hashable, Sendable {
        var root: Root
        var path: String
    }

    /// Paths with events since the last rebuild.
    private var pending: Set<Key> = []
    /// Pending paths whose first event was that they appeared: if they are
    /// gone again when the burst ends, they were an editor's temporary file.
    private var born: Set<Key> = []
    private var lostTrack = false
    /// Files modified and not closed since, with the time of the last write.
    private var writing: [Key: TimeInterval] = [:]
    private var lastEvent: TimeInterval = 0

    public init(quietPeriod: TimeInterval = 0.05, writeHold: TimeInterval = 1.0) {
        self.quietPeriod = quietPeriod
        self.writeHold = writeHold
    }

    /// Takes note of `event` on `path` (relative to `root`) at `time` (seconds).
    public mutating func record(_ event: Event, _ root: Root, _ path: String, at time: TimeInterval) {
        lastEvent = max(lastEvent, time)
        let key = Key(root: root, path: path)
        switch event {
        case .modified: writing[key] = time
        case .closedAfterWriting, .appeared, .disappeared: writing[key] = nil
        case .lostTrack:
            lostTrack = true
            return
        }
        if pending.insert(key).inserted, event == .appeared { born.insert(key) }
    }

    /// Whether anything is waiting for a rebuild.
    public var hasPending: Bool { !pending.isEmpty || lostTrack }

    /// When to look again (nil: nothing is waiting, so wait for events only).
    public var deadline: TimeInterval? {
        guard hasPending else { return nil }
        let quiet = lastEvent + quietPeriod
        guard let lastWrite = writing.values.max() else { return quiet }
        return max(quiet, lastWrite + writeHold)
    }

    /// The changes to rebuild now, if it is time (and forgets them); nil when
    /// nothing is waiting or events are still coming. A path that appeared
    /// and is gone again (`exists` says so) is left out: a temporary file
    /// that an editor renamed over the real one, or deleted.
    public mutating func take(at time: TimeInterval, exists: (Root, String) -> Bool) -> ChangeSet? {
        guard let deadline, time >= deadline else { return nil }
        defer {
            pending = []
            born = []
            writing = [:]
            lostTrack = false
        }
        var changes = ChangeSet(full: lostTrack)
        for key in pending where !(born.contains(key) && !exists(key.root, key.path)) {
            switch key.root {
            case .content: changes.contentPaths.insert(key.path)
            case .templates: changes.templates = true
            }
        }
        return changes.isEmpty ? nil : changes
    }
}
