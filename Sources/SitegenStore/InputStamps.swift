import Foundation
import SitegenLoad
import StoredCoding

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Size, modification and change times and inode of every file the loader
/// and the theme read (found by `ContentFiles`, so by the same rules): what
/// tells the next build which files changed, the way make and git tell,
/// reading only the files whose stamps cannot tell.
@BinaryCoded
package struct InputStamps: Equatable {
    @BinaryCoded
    package struct Stamp: Equatable {
        package var size: Int
        package var modified: Int  // nanoseconds since 1970
        /// When the file or its stamp last changed (ctime), which no tool
        /// can set back: an edit followed by `touch -r` keeps the
        /// modification time, never this.
        package var changed: Int  // nanoseconds since 1970
        package var inode: Int
        /// Changed so close to the scan that it may change again within the
        /// same timestamp tick without its stamp showing it ("racily
        /// clean", as git calls it): such a file is known by its content.
        package var racy = false
        /// For a racy file, a hash of its content at the scan.
        package var contentHash: UInt64?

        /// The stamp of a file as `stat` describes it.
        package init(_ info: stat) {
            size = Int(info.st_size)
            (modified, changed) = ContentFiles.times(info)
            inode = Int(info.st_ino)
        }

        /// The stamp of a file as the walk that admitted it found it.
        package init(_ file: ContentFiles.File) {
            size = file.size
            modified = file.modified
            changed = file.changed
            inode = file.inode
        }

        /// Whether the file this stamp was taken of is unchanged, `now`
        /// being its stamp at this scan; `hashNow` hashes its content when
        /// the stamps alone cannot tell.
        package func matches(_ now: Stamp, hashNow: () -> UInt64?) -> Bool {
            guard size == now.size, modified == now.modified, changed == now.changed, inode == now.inode else {
                return false
            }
            guard racy else { return true }
            guard let contentHash else { return false }
            return (now.contentHash ?? hashNow()) == contentHash
        }
    }

    /// Content files by path relative to the content folder.
    package var content: [String: Stamp] = [:]
    /// Template files by path relative to the templates folder.
    package var templates: [String: Stamp] = [:]
    /// Paths the content rules refuse (not saved): a build that finds any
    /// starts from scratch, and its loader reports them.
    @NotCoded package var refused: [String] = []
    /// The folders scanned (not saved), to hash files whose stamps were racy.
    @NotCoded package var contentFolder = ""
    @NotCoded package var templatesFolder = ""

    /// How close to the scan a change makes a file racy: a few
    /// milliseconds where times have nanoseconds, and up to two seconds on
    /// file systems that keep whole seconds (FAT).
    package static func racyWindow(_ time: Int) -> Int {
        time % 1_000_000_000 == 0 ? 2_000_000_000 : 100_000_000
    }

    package static func scan(content: URL, templates: URL) -> InputStamps {
        var stamps = InputStamps(contentFolder: content.path, templatesFolder: templates.path)
        // The files the loader and the theme read, found by the same rules.
        let contentFiles = ContentFiles(folder: content).list()
        for file in contentFiles.files { stamps.content[file.path] = Stamp(file) }
        stamps.refused = contentFiles.refused.map(\.path)
        for file in ContentFiles(folder: templates, layout: .templates).list().files {
            stamps.templates[file.path] = Stamp(file)
        }
        // After the walk, so a change made while walking counts as racy.
        let taken = Self.now()
        func markRacy(_ stamps: inout [String: Stamp], in folder: String) {
            for (path, stamp) in stamps
            where [stamp.modified, stamp.changed].contains(where: { $0 >= taken - racyWindow($0) }) {
                stamps[path]?.racy = true
                stamps[path]?.contentHash = hash(folder + "/" + path)
            }
        }
        markRacy(&stamps.content, in: content.path)
        markRacy(&stamps.templates, in: templates.path)
        return stamps
    }

    /// A hash of the file's bytes, or nil when it cannot be read.
    private static func hash(_ path: String) -> UInt64? {
        FileManager.default.contents(atPath: path).map { data in
            data.withUnsafeBytes { Fingerprint(bytes: $0).hash }
        }
    }

    /// Content paths that differ from `earlier` (added, removed, changed),
    /// or nil when a template changed, which any page may use.
    package func changedContent(since earlier: InputStamps) -> [String]? {
        guard templates.count == earlier.templates.count else { return nil }
        for (path, stamp) in templates {
            guard let before = earlier.templates[path],
                before.matches(stamp, hashNow: { Self.hash(templatesFolder + "/" + path) })
            else { return nil }
        }
        var changed: [String] = []
        for (path, stamp) in content {
            if let before = earlier.content[path],
                before.matches(stamp, hashNow: { Self.hash(contentFolder + "/" + path) })
            {
                continue
            }
            changed.append(path)
        }
        for path in earlier.content.keys where content[path] == nil { changed.append(path) }
        return changed.sorted()
    }

    private static func now() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec)
    }
}
