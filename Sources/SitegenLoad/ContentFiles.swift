import Foundation
import SitegenBase

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which files of a folder sitegen reads, decided in one place for every
/// way into the pipeline: the loader, the saved-state build's input stamps,
/// `serve`'s watcher and rebuilds, `check --fix`, and the source lines shown
/// under diagnostics.
///
/// A file is read when its place in the layout makes it a source (see
/// `Layout`), no part of its path is hidden, it lies inside the folder once
/// every symbolic link is resolved, and it is a regular file. A link to a
/// folder is followed only when it stays inside and does not lead back to a
/// folder that holds it, and the walk stops at `maxDepth` folders and
/// `maxEntries` names, so no walk can leave the folder, loop or run away.
public struct ContentFiles: Sendable {
    /// Which paths below the folder are sources.
    public enum Layout: Sendable {
        /// `site.yml`; `*.md` directly in `articles/`, `actors/` and
        /// `topics/`; every file below `assets/`.
        case content
        /// `*.mustache` directly in the folder; every file below `static/`.
        case templates
    }

    /// A source file, found and admitted.
    public struct File: Sendable, Hashable {
        /// Path relative to the folder, with `/` separators: `articles/x.md`.
        public var path: String
        /// The file itself, every link resolved: what is read or copied.
        public var url: URL
        public var size: Int
        /// Nanoseconds since 1970.
        public var modified: Int
        /// Nanoseconds since 1970 of the last change to the file or its
        /// stamp (ctime), which no tool can set back.
        public var changed: Int
        public var inode: Int
        package var device: Int
    }

    /// Why a path is not read.
    public enum Refusal: Error, Sendable, Hashable {
        case missing
        case outside
        case loop
        case dangling
        case notRegularFile
        /// A `*.md` file in a subfolder of `articles/`, `actors/` or `topics/`.
        case nested(folder: String)
        case tooDeep
        case tooMany
        case unreadable(String)
    }

    public struct Listing: Sendable {
        /// Sorted by path.
        public var files: [File] = []
        /// Paths that look like sources but are refused, and why.
        public var refused: [(path: String, refusal: Refusal)] = []

        public func files(in subfolder: String) -> [File] { files.filter { $0.path.hasPrefix(subfolder + "/") } }
    }

    /// Folders nested deeper than this below the folder are not walked.
    public static let maxDepth = 32
    /// Names a walk looks at, at most: far more than any real site (the
    /// 10,000-article benchmark has about 11,000), far fewer than `/usr`.
    public static let maxEntries = 250_000

    public let folder: URL
    public let layout: Layout

    public init(folder: URL, layout: Layout = .content) {
        self.folder = folder
        self.layout = layout
    }

    private var folderName: String { layout == .content ? "content" : "templates" }

    // MARK: The folder

    /// Why the folder itself cannot be read (missing, or not a folder), with what to do.
    public func folderProblem() -> Diagnostic? {
        var info = stat()
        let option = layout == .content ? "--content" : "--templates"
        if stat(folder.path, &info) != 0 {
            let hint =
                layout == .content
                ? "run sitegen from the site's folder, or pass --content DIR"
                : "pass --templates DIR, or run sitegen where the Templates folder is"
            return .error("\(folderName) folder '\(folder.path)' does not exist", at: nil, notes: [hint])
        }
        if !Self.isFolder(info) {
            let holds = layout == .content ? "site.yml, articles/ and assets/" : "the .mustache files"
            return .error(
                "\(folderName) folder '\(folder.path)' is a file, not a folder", at: nil,
                notes: ["pass \(option) the folder that holds \(holds)"])
        }
        return nil
    }

    /// The folder with its links resolved, or nil when it is not there.
    private var realFolder: String? { Self.realPath(folder.path) }

    // MARK: Walking

    /// Every source file, and every refused path that looks like one.
    public func list() -> Listing {
        var listing = Listing()
        guard let root = realFolder, folderProblem() == nil else { return listing }
        var walk = Walk(root: root)
        var rootInfo = stat()
        guard stat(root, &rootInfo) == 0 else { return listing }
        walk.visit(folder: root, path: "", ancestors: [Self.identity(rootInfo)], rules: self, into: &listing)
        listing.files.sort { $0.path < $1.path }
        return listing
    }

    /// One walk's bounds and position.
    private struct Walk {
        let root: String
        var entries = 0
        var stopped = false
        /// Where a directory entry's name starts in its record.
        static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

        mutating func visit(
            folder real: String, path: String, ancestors: [Identity], rules: ContentFiles, into listing: inout Listing
        ) {
            guard !stopped, let directory = opendir(real) else { return }
            var names: [String] = []
            while let entry = readdir(directory) {
                // The name is read in place, up to its NUL: `entry.pointee`
                // would copy a whole `dirent`, but readdir's records are
                // only as long as their names, and copying 256 bytes of
                // name past the last one crashed a build (SIGSEGV) when
                // its buffer ended at the end of a page.
                let name = String(
                    cString: UnsafeRawPointer(entry).advanced(by: Self.nameOffset).assumingMemoryBound(to: CChar.self))
                if !name.hasPrefix(".") { names.append(name) }
            }
            closedir(directory)
            for name in names.sorted() {
                let childPath = path.isEmpty ? name : "\(path)/\(name)"
                guard let role = rules.role(of: childPath) else { continue }
                entries += 1
                if entries > ContentFiles.maxEntries {
                    listing.refused.append((childPath, .tooMany))
                    stopped = true
                    return
                }
                switch rules.resolve(name, in: real, root: root, ancestors: ancestors) {
                case .failure(.missing): continue  // gone since the folder was read
                case .failure(let refusal):
                    // Beside articles only misplaced articles are reported,
                    // not the links or odd files around them.
                    if role != .searchedForMisplaced {
                        listing.refused.append((childPath, role.nestedRefusal ?? refusal))
                    }
                case .success(.folder(let childReal, let identity)):
                    guard role.descends else { continue }
                    if ancestors.count > ContentFiles.maxDepth {
                        listing.refused.append((childPath, .tooDeep))
                        continue
                    }
                    visit(
                        folder: childReal, path: childPath, ancestors: ancestors + [identity], rules: rules,
                        into: &listing)
                    if stopped { return }
                case .success(.file(let file)):
                    switch role {
                    case .source:
                        var file = file
                        file.path = childPath
                        listing.files.append(file)
                    case .nested(let folder): listing.refused.append((childPath, .nested(folder: folder)))
                    case .folderOnly, .searchedForMisplaced: continue
                    }
                }
            }
        }
    }

    /// What a path is in the layout.
    private enum Role: Equatable {
        /// A file here is read.
        case source
        /// A `*.md` file nested where only the top level is read.
        case nested(folder: String)
        /// A folder that is walked; a file here is not read.
        case folderOnly
        /// A file here is not read; a folder is walked only to report the
        /// misplaced sources in it (`articles/2025/`).
        case searchedForMisplaced

        var descends: Bool { self == .folderOnly || self == .source || self == .searchedForMisplaced }
        var nestedRefusal: Refusal? {
            if case .nested(let folder) = self { return .nested(folder: folder) }
            return nil
        }
    }

    /// The role of `path` in the layout, or nil when nothing there is read.
    private func role(of path: String) -> Role? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard let first = parts.first, !parts.contains(where: { $0.isEmpty || $0.hasPrefix(".") }) else {
            return nil
        }
        switch layout {
        case .content:
            if parts.count == 1 {
                if first == "site.yml" { return .source }
                return ["articles", "actors", "topics", "assets"].contains(first) ? .folderOnly : nil
            }
            if first == "assets" { return .source }
            guard ["articles", "actors", "topics"].contains(first) else { return nil }
            guard path.hasSuffix(".md") else { return .searchedForMisplaced }
            return parts.count == 2 ? .source : .nested(folder: String(first))
        case .templates:
            if parts.count == 1 {
                if first.hasSuffix(".mustache") { return .source }
                return first == "static" ? .folderOnly : nil
            }
            return first == "static" ? .source : nil
        }
    }

    private enum Node {
        case file(File)
        case folder(real: String, identity: Identity)
    }

    /// Device and inode: a folder's identity, whatever path reaches it.
    private struct Identity: Equatable {
        var device: Int
        var inode: Int
    }

    private static func identity(_ info: stat) -> Identity {
        Identity(device: Int(info.st_dev), inode: Int(info.st_ino))
    }

    /// `name` in the folder at `parent` (links resolved), checked against
    /// the rules: inside the root, not leading back to an enclosing folder,
    /// a regular file or a folder.
    private func resolve(_ name: String, in parent: String, root: String, ancestors: [Identity]) -> Result<
        Node, Refusal
    > {
        var real = parent == "/" ? "/\(name)" : "\(parent)/\(name)"
        var info = stat()
        guard lstat(real, &info) == 0 else {
            return .failure(errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno))))
        }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = Self.realPath(real), stat(resolved, &info) == 0 else { return .failure(.dangling) }
            guard Self.isInside(resolved, root) else { return .failure(.outside) }
            real = resolved
        }
        if Self.isFolder(info) {
            let identity = Self.identity(info)
            if ancestors.contains(identity) || parent == real || parent.hasPrefix(real + "/") {
                return .failure(.loop)
            }
            return .success(.folder(real: real, identity: identity))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegularFile) }
        let times = Self.times(info)
        return .success(
            .file(
                File(
                    path: "", url: URL(fileURLWithPath: real), size: Int(info.st_size), modified: times.modified,
                    changed: times.changed, inode: Int(info.st_ino), device: Int(info.st_dev))))
    }

    /// Modification and change times (ctime) in nanoseconds since 1970.
    package static func times(_ info: stat) -> (modified: Int, changed: Int) {
        #if canImport(Darwin)
            let time = info.st_mtimespec
            let change = info.st_ctimespec
        #else
            let time = info.st_mtim
            let change = info.st_ctim
        #endif
        return (
            Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec),
            Int(change.tv_sec) * 1_000_000_000 + Int(change.tv_nsec)
        )
    }

    // MARK: One path

    /// The source at `path` (relative to the folder), checked against the
    /// rules now, as a walk would find it.
    public func admit(_ path: String) -> Result<File, Refusal> {
        guard let role = role(of: path), role == .source || role.nestedRefusal != nil else { return .failure(.missing) }
        if let nested = role.nestedRefusal { return .failure(nested) }
        guard let root = realFolder else { return .failure(.missing) }
        var rootInfo = stat()
        guard stat(root, &rootInfo) == 0 else { return .failure(.missing) }
        var ancestors = [Self.identity(rootInfo)]
        var current = root
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count <= Self.maxDepth + 1 else { return .failure(.tooDeep) }
        for (index, name) in parts.enumerated() {
            switch resolve(name, in: current, root: root, ancestors: ancestors) {
            case .failure(let refusal): return .failure(refusal)
            case .success(.folder(let real, let identity)):
                guard index < parts.count - 1 else { return .failure(.notRegularFile) }
                ancestors.append(identity)
                current = real
            case .success(.file(var file)):
                guard index == parts.count - 1 else { return .failure(.missing) }
                file.path = path
                return .success(file)
            }
        }
        return .failure(.missing)
    }

    /// Whether the folder at `path` is one a walk goes into (for `serve`'s watcher).
    public func walksFolder(_ path: String) -> Bool {
        guard let role = role(of: path), role.descends, let root = realFolder else { return false }
        var rootInfo = stat()
        guard stat(root, &rootInfo) == 0 else { return false }
        var ancestors = [Self.identity(rootInfo)]
        var current = root
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count <= Self.maxDepth else { return false }
        for name in parts {
            guard
                case .success(.folder(let real, let identity)) = resolve(
                    name, in: current, root: root, ancestors: ancestors)
            else { return false }
            ancestors.append(identity)
            current = real
        }
        return true
    }

    // MARK: Reading

    /// The bytes of the source at `path`, admitted now.
    public func read(_ path: String) -> Result<Data, Refusal> {
        admit(path).flatMap(read)
    }

    /// The bytes of `file`, when it is still the file that was admitted: it
    /// is opened without following a link and without waiting on a pipe,
    /// and must be the same regular file.
    public func read(_ file: File) -> Result<Data, Refusal> {
        let descriptor = open(file.url.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno))))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(.notRegularFile)
        }
        guard Int(info.st_ino) == file.inode, Int(info.st_dev) == file.device else { return .failure(.missing) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(String(cString: strerror(errno))))
            }
            if count == 0 { return .success(data) }
            data.append(contentsOf: buffer[0..<count])
        }
    }

    // MARK: Helpers

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func isInside(_ path: String, _ root: String) -> Bool {
        root == "/" || path == root || path.hasPrefix(root + "/")
    }

    private static func isFolder(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFDIR }
}

#if canImport(Glibc)
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    private let systemRead = Darwin.read
#endif

extension ContentFiles {
    /// The error for a refused path, at the path, with what to do.
    public func diagnostic(_ refusal: ContentFiles.Refusal, at path: String) -> Diagnostic {
        let location = SourceLocation(file: path, line: 1, column: 1)
        let name = (path as NSString).lastPathComponent
        switch refusal {
        case .missing:
            return .error("file disappeared while sitegen read the folder", at: location, notes: ["build again"])
        case .outside:
            return .error(
                "symbolic link points outside the \(folderName) folder", at: location,
                notes: ["copy what it points to into the \(folderName) folder instead of linking to it"])
        case .loop:
            return .error(
                "symbolic link leads back to a folder that holds it, so following it would never end", at: location,
                notes: ["remove the link, or point it at a folder that does not hold it"])
        case .dangling:
            return .error(
                "symbolic link points to nothing", at: location, notes: ["remove the link or fix what it points to"])
        case .notRegularFile:
            return .error(
                "not a regular file (a pipe, socket or device)", at: location,
                notes: ["sitegen reads plain files only; remove it"])
        case .nested(let folder):
            return .error(
                "\(folder) are read only directly in \(folder)/, not in its subfolders", at: location,
                notes: ["move it to \(folder)/\(name), under a name no other file there has"])
        case .tooDeep:
            return .error(
                "folders nest more than \(Self.maxDepth) deep here; sitegen does not look further", at: location,
                notes: ["flatten the folders"])
        case .tooMany:
            return .error(
                "the \(folderName) folder holds more than \(Self.maxEntries) names; sitegen stopped looking",
                at: location, notes: ["check that \(folder.path) is the right folder"])
        case .unreadable(let reason):
            return .error("cannot read file: \(reason)", at: location)
        }
    }

    /// The errors for every refused path of `listing`.
    public func diagnostics(_ listing: Listing) -> [Diagnostic] {
        listing.refused.map { diagnostic($0.refusal, at: $0.path) }
    }
}
