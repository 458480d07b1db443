import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Size, modification time and inode of every file the loader and the
/// theme read (found by `ContentFiles`, so by the same rules): what tells
/// the next build which files changed, the way make and git tell, without
/// reading a single file.
struct InputStamps: Equatable {
    struct Stamp: Equatable {
        var size: Int
        var modified: Int  // nanoseconds since 1970
        var inode: Int
        /// Changed so close to the scan that it may change again within the
        /// same timestamp tick without its stamp showing it: such a file is
        /// read again next time ("racily clean", as git calls it).
        var racy = false

        /// The stamp of a file as `stat` describes it.
        init(_ info: stat) {
            #if canImport(Darwin)
                let time = info.st_mtimespec
            #else
                let time = info.st_mtim
            #endif
            size = Int(info.st_size)
            modified = Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec)
            inode = Int(info.st_ino)
        }

        /// The stamp of a file as the walk that admitted it found it.
        init(_ file: ContentFiles.File) {
            size = file.size
            modified = file.modified
            inode = file.inode
        }

        func matches(_ other: Stamp) -> Bool {
            !racy && size == other.size && modified == other.modified && inode == other.inode
        }
    }

    /// Content files by path relative to the content folder.
    var content: [String: Stamp] = [:]
    /// Template files by path relative to the templates folder.
    var templates: [String: Stamp] = [:]
    /// Paths the content rules refuse (not saved): a build that finds any
    /// starts from scratch, and its loader reports them.
    var refused: [String] = []

    /// How close to the scan a change makes a file racy: a few
    /// milliseconds where times have nanoseconds, and up to two seconds on
    /// file systems that keep whole seconds (FAT).
    static func racyWindow(_ modified: Int) -> Int {
        modified % 1_000_000_000 == 0 ? 2_000_000_000 : 100_000_000
    }

    static func scan(content: URL, templates: URL) -> InputStamps {
        var stamps = InputStamps()
        // The files the loader and the theme read, found by the same rules.
        let contentFiles = ContentFiles(folder: content).list()
        for file in contentFiles.files { stamps.content[file.path] = Stamp(file) }
        stamps.refused = contentFiles.refused.map(\.path)
        for file in ContentFiles(folder: templates, layout: .templates).list().files {
            stamps.templates[file.path] = Stamp(file)
        }
        // After the walk, so a change made while walking counts as racy.
        let taken = Self.now()
        func markRacy(_ stamps: inout [String: Stamp]) {
            for (path, stamp) in stamps where stamp.modified >= taken - racyWindow(stamp.modified) {
                stamps[path]?.racy = true
            }
        }
        markRacy(&stamps.content)
        markRacy(&stamps.templates)
        return stamps
    }

    /// Content paths that differ from `earlier` (added, removed, changed,
    /// or racy then), or nil when a template changed, which any page may use.
    func changedContent(since earlier: InputStamps) -> [String]? {
        guard templates.count == earlier.templates.count else { return nil }
        for (path, stamp) in templates {
            guard let before = earlier.templates[path], before.matches(stamp) else { return nil }
        }
        var changed: [String] = []
        for (path, stamp) in content {
            if let before = earlier.content[path], before.matches(stamp) { continue }
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

extension InputStamps.Stamp: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(size)
        writer.write(modified)
        writer.write(inode)
        writer.write(racy)
    }

    init(from reader: inout BinaryReader) throws {
        size = try reader.readInt()
        modified = try reader.readInt()
        inode = try reader.readInt()
        racy = try reader.readBool()
    }
}

extension InputStamps: BinaryCodable {
    func encode(to writer: inout BinaryWriter) {
        writer.write(content)
        writer.write(templates)
    }

    init(from reader: inout BinaryReader) throws {
        content = try reader.read()
        templates = try reader.read()
    }
}
