import Foundation
import SitegenLoad
import SitegenPlan

#if canImport(Glibc)
    import Glibc
#endif

/// Watches the content and templates folders (every subfolder a build
/// reads, new ones too) and calls `onChange` on its own thread with what changed, once the
/// burst of events of a save is over (see `Debouncer`). Linux only: it is
/// built on inotify, so it sleeps until the kernel has events, without
/// polling. `onChange` runs on the watcher's thread, one call at a time;
/// events that arrive meanwhile wait in the kernel's queue for the next one.
final class FileWatcher: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let content: URL
    let templates: URL
    /// Folders whose events are ignored (the output, if it is inside a watched folder).
    let excluded: [String]
    private var debouncer: Debouncer

    #if os(Linux)
        private var inotify: Int32 = -1
        private var wakeRead: Int32 = -1
        private var wakeWrite: Int32 = -1
        /// Watch descriptor → which root and which folder below it.
        private var watches: [Int32: (root: Debouncer.Root, path: String)] = [:]
    #endif
    private let finished = DispatchSemaphore(value: 0)
    private var thread: Thread?

    init(content: URL, templates: URL, excluding excluded: [URL], quietPeriod: TimeInterval, writeHold: TimeInterval) {
        self.content = content.standardizedFileURL
        self.templates = templates.standardizedFileURL
        self.excluded = excluded.map { $0.standardizedFileURL.resolvingSymlinksInPath().path }
        self.debouncer = Debouncer(quietPeriod: quietPeriod, writeHold: writeHold)
    }

    /// Names of files that editors write beside the one being saved (swap
    /// files, backups, temporary files renamed over the real one). Their
    /// events are ignored; the final rename onto the real name is not.
    static func isEditorScratch(_ name: String) -> Bool {
        if name.hasPrefix(".") || name.hasPrefix("#") || name.hasSuffix("~") { return true }
        if name == "4913" { return true }  // vim checks it may write in the folder
        let lower = name.lowercased()
        for suffix in [".swp", ".swo", ".swx", ".tmp", ".temp", ".bak", ".orig", ".crdownload", ".part"]
        where lower.hasSuffix(suffix) {
            return true
        }
        // JetBrains "safe write" and sitegen's own staging folders.
        return name.contains("___jb_") || OutputLocation.isBookkeepingName(name)
    }

    #if os(Linux)
        // The inotify flags (sys/inotify.h), spelled out: some are macros Swift does not import.
        private static let modify: UInt32 = 0x0000_0002
        private static let closeWrite: UInt32 = 0x0000_0008
        private static let movedFrom: UInt32 = 0x0000_0040
        private static let movedTo: UInt32 = 0x0000_0080
        private static let create: UInt32 = 0x0000_0100
        private static let delete: UInt32 = 0x0000_0200
        private static let deleteSelf: UInt32 = 0x0000_0400
        private static let moveSelf: UInt32 = 0x0000_0800
        private static let overflow: UInt32 = 0x0000_4000
        private static let ignored: UInt32 = 0x0000_8000
        private static let onlyDir: UInt32 = 0x0100_0000
        private static let isDir: UInt32 = 0x4000_0000
        private static let mask: UInt32 =
            modify | closeWrite | movedFrom | movedTo | create | delete | deleteSelf | moveSelf | onlyDir

        /// Adds the watches (so nothing saved from now on is missed), then
        /// starts the thread: it runs `first` (the first build), then waits for events.
        func start(first: @escaping @Sendable () -> Void, onChange: @escaping @Sendable (ChangeSet) -> Void) throws {
            inotify = inotify_init1(Int32(O_NONBLOCK | O_CLOEXEC))
            guard inotify >= 0 else {
                throw Failure(description: "cannot watch files: \(String(cString: strerror(errno)))")
            }
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else {
                throw Failure(description: "cannot watch files: \(String(cString: strerror(errno)))")
            }
            (wakeRead, wakeWrite) = (ends[0], ends[1])
            _ = fcntl(wakeRead, F_SETFD, FD_CLOEXEC)
            _ = fcntl(wakeWrite, F_SETFD, FD_CLOEXEC)
            do {
                try watchTree(.content, "")
            } catch {
                close(inotify)
                close(wakeRead)
                close(wakeWrite)
                watches = [:]
                throw error
            }
            try? watchTree(.templates, "")  // a theme folder that is not there yet fails the build, not serve
            let thread = Thread { [self] in
                first()
                loop(onChange)
                finished.signal()
            }
            thread.name = "sitegen-serve-watcher"
            thread.stackSize = 8 << 20
            self.thread = thread
            thread.start()
        }

        /// Stops the thread once the rebuild it is running, if any, is done.
        func stop() {
            guard thread != nil else { return }
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
            finished.wait()
            thread = nil
            close(inotify)
            close(wakeRead)
            close(wakeWrite)
        }

        private func rootURL(_ root: Debouncer.Root) -> URL { root == .content ? content : templates }

        private func isExcluded(_ absolute: String) -> Bool {
            let resolved = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
            return excluded.contains { resolved == $0 || resolved.hasPrefix($0 + "/") }
        }

        /// Which folders a build reads, by the rules the build reads them by:
        /// links that lead out or back up (`assets/a -> ..`) are not followed.
        private func sources(_ root: Debouncer.Root) -> ContentFiles {
            root == .content ? ContentFiles(folder: content) : ContentFiles(folder: templates, layout: .templates)
        }

        /// Watches `path` (below `root`) and every folder below it that a build reads.
        private func watchTree(_ root: Debouncer.Root, _ path: String) throws {
            let url = path.isEmpty ? rootURL(root) : rootURL(root).appendingPathComponent(path)
            if !path.isEmpty && (isExcluded(url.path) || !sources(root).walksFolder(path)) { return }
            let wd = inotify_add_watch(inotify, url.path, Self.mask)
            guard wd >= 0 else {
                throw Failure(description: "cannot watch \(url.path): \(String(cString: strerror(errno)))")
            }
            watches[wd] = (root, path)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in names.sorted() where !Self.isEditorScratch(name) {
                var isDirectory: ObjCBool = false
                let child = url.appendingPathComponent(name).path
                if FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory), isDirectory.boolValue {
                    try? watchTree(root, path.isEmpty ? name : "\(path)/\(name)")
                }
            }
        }

        private var rootsWatched: Bool {
            Set(watches.values.filter { $0.path.isEmpty }.map(\.root)).count == 2
        }

        /// A root that went away (deleted, moved, replaced) is watched again
        /// once it is back; until then the loop looks once a second.
        private func rewatchRoots() {
            for root in [Debouncer.Root.content, .templates]
            where !watches.values.contains(where: { $0.root == root && $0.path.isEmpty }) {
                if FileManager.default.fileExists(atPath: rootURL(root).path), (try? watchTree(root, "")) != nil {
                    debouncer.record(.lostTrack, root, "", at: Self.now())
                }
            }
        }

        static func now() -> TimeInterval {
            var time = timespec()
            clock_gettime(CLOCK_MONOTONIC, &time)
            return TimeInterval(time.tv_sec) + TimeInterval(time.tv_nsec) / 1e9
        }

        private func loop(_ onChange: (ChangeSet) -> Void) {
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                var timeout: Int32 = -1
                if let deadline = debouncer.deadline {
                    timeout = Int32(max(0, min(60_000, ((deadline - Self.now()) * 1000).rounded(.up))))
                }
                if !rootsWatched { timeout = timeout < 0 ? 1000 : min(timeout, 1000) }
                var fds = [
                    pollfd(fd: inotify, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
                ]
                let ready = poll(&fds, 2, timeout)
                if ready < 0 && errno != EINTR { return }
                if fds[1].revents != 0 { return }
                if fds[0].revents != 0 { drain(&buffer) }
                if !rootsWatched { rewatchRoots() }
                let exists = { (root: Debouncer.Root, path: String) in
                    FileManager.default.fileExists(atPath: self.rootURL(root).appendingPathComponent(path).path)
                }
                if let changes = debouncer.take(at: Self.now(), exists: exists) {
                    onChange(changes)
                }
            }
        }

        /// Reads every queued event into the debouncer.
        private func drain(_ buffer: inout [UInt8]) {
            while true {
                let count = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress, $0.count) }
                guard count > 0 else { return }
                let now = Self.now()
                var offset = 0
                while offset + 16 <= count {
                    let (wd, mask, nameLength) = buffer.withUnsafeBytes { raw in
                        (
                            raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                            raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                            Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                        )
                    }
                    let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + nameLength)]
                    let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                    handle(wd: wd, mask: mask, name: name, at: now)
                    offset += 16 + nameLength
                }
            }
        }

        private func handle(wd: Int32, mask: UInt32, name: String, at now: TimeInterval) {
            if mask & Self.overflow != 0 {
                // Events were lost: rebuild everything and watch afresh.
                for wd in watches.keys { inotify_rm_watch(inotify, wd) }
                watches = [:]
                rewatchRoots()
                debouncer.record(.lostTrack, .content, "", at: now)
                return
            }
            guard let (root, folder) = watches[wd] else { return }
            if mask & Self.ignored != 0 {
                watches[wd] = nil
                return
            }
            if mask & (Self.deleteSelf | Self.moveSelf) != 0 {
                if folder.isEmpty {
                    // The root itself went: stop following it where it went.
                    inotify_rm_watch(inotify, wd)
                    watches[wd] = nil
                    debouncer.record(.lostTrack, root, "", at: now)
                }
                return
            }
            guard !name.isEmpty, !Self.isEditorScratch(name) else { return }
            let path = folder.isEmpty ? name : "\(folder)/\(name)"
            if isExcluded(rootURL(root).appendingPathComponent(path).path) { return }

            if mask & Self.isDir != 0 {
                // A folder's files come and go with it: BuildSession rebuilds
                // everything for a path that is not an article.
                if mask & (Self.create | Self.movedTo) != 0 {
                    try? watchTree(root, path)
                    debouncer.record(.appeared, root, path, at: now)
                } else if mask & (Self.movedFrom | Self.delete) != 0 {
                    forgetTree(root, path)
                    debouncer.record(.disappeared, root, path, at: now)
                }
                return
            }
            if mask & Self.closeWrite != 0 {
                debouncer.record(.closedAfterWriting, root, path, at: now)
            } else if mask & Self.modify != 0 {
                debouncer.record(.modified, root, path, at: now)
            } else if mask & (Self.create | Self.movedTo) != 0 {
                debouncer.record(.appeared, root, path, at: now)
            } else if mask & (Self.delete | Self.movedFrom) != 0 {
                debouncer.record(.disappeared, root, path, at: now)
            }
        }

        /// Drops the watches of a folder that was moved away (a deleted one's
        /// go by themselves, with IN_IGNORED).
        private func forgetTree(_ root: Debouncer.Root, _ path: String) {
            for (wd, watch) in watches
            where watch.root == root && (watch.path == path || watch.path.hasPrefix(path + "/")) {
                inotify_rm_watch(inotify, wd)
                watches[wd] = nil
            }
        }
    #else
        func start(first: @escaping @Sendable () -> Void, onChange: @escaping @Sendable (ChangeSet) -> Void) throws {
            throw Failure(description: "sitegen serve watches files with inotify, which only Linux has")
        }

        func stop() {}
    #endif
}
