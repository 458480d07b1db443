import CAtomicSwap
import Foundation
import SitegenLoad
import SitegenPlan

#if canImport(Glibc)
    import Glibc
    private let posixWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let posixWrite = Darwin.write
#endif

/// The write stage: builds the site in a staging folder beside the output
/// and swaps it in only when every file is written, so a failed or
/// interrupted build leaves the previous output as it was.
public struct OutputWriter: Sendable {
    /// Kept across builds so a committed placeholder stays in place.
    package static let preservedNames: Set<String> = [".gitkeep"]

    public init() {}

    public enum Failure: Error, CustomStringConvertible {
        case notSitegenOutput(URL)
        case notAFolder(URL)
        case io(String)

        public var description: String {
            switch self {
            case .notSitegenOutput(let url):
                return
                    "refusing to replace '\(url.path)': it is not empty and was not built by sitegen (no \(OutputLocation.manifestName) file). Choose an empty or new folder with --output, or remove it yourself"
            case .notAFolder(let url):
                return "output '\(url.path)' exists and is not a folder; choose another path with --output"
            case .io(let message):
                return message
            }
        }
    }

    /// Writes text with plain POSIX calls: no temporary `Data` copy, no
    /// Foundation bookkeeping, which cost more than the write itself here.
    package static func writeFile(_ path: String, _ text: String) throws -> Int {
        var text = text
        return try text.withUTF8 { try writeFile(path, bytes: UnsafeRawBufferPointer($0)) }
    }

    package static func writeFile(_ path: String, bytes buffer: UnsafeRawBufferPointer) throws -> Int {
        try writeFile(path, bytes: buffer) { _ in buffer.count }
    }

    /// Writes a file and takes its stamp from the open descriptor: no
    /// second lookup of the path, which costs as much as the write.
    static func writeFileStamped(_ path: String, _ text: String) throws -> (size: Int, stamp: OutputStamp) {
        var text = text
        return try text.withUTF8 { try writeFileStamped(path, bytes: UnsafeRawBufferPointer($0)) }
    }

    static func writeFileStamped(_ path: String, bytes buffer: UnsafeRawBufferPointer) throws -> (
        size: Int, stamp: OutputStamp
    ) {
        try writeFile(path, bytes: buffer) { descriptor in
            guard let found = OutputStamp.of(descriptor: descriptor) else {
                throw Failure.io(FileSystemProblem.message("find the file just written", path, errno))
            }
            return found
        }
    }

    private static func writeFile<T>(
        _ path: String, bytes buffer: UnsafeRawBufferPointer, then finish: (Int32) throws -> T
    ) throws -> T {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure.io(FileSystemProblem.message("create", path, errno)) }
        defer { close(descriptor) }
        var offset = 0
        while offset < buffer.count {
            let written = posixWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure.io(FileSystemProblem.message("write", path, errno))
            }
            offset += written
        }
        return try finish(descriptor)
    }

    /// Checks that `output` may be replaced: missing, empty, or built by sitegen.
    public func checkReplaceable(_ output: URL) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw Failure.notAFolder(output) }
        let names = (try? fileManager.contentsOfDirectory(atPath: output.path)) ?? []
        if names.contains(OutputLocation.manifestName) { return }
        let meaningful = names.filter { !Self.preservedNames.contains($0) && $0 != ".DS_Store" }
        if !meaningful.isEmpty { throw Failure.notSitegenOutput(output) }
    }

    /// What a write did.
    public struct Summary: Sendable, Equatable {
        /// Files written because they are new or changed.
        public var written = 0
        /// Files left alone (same bytes as last time; their mtime stays).
        public var unchanged = 0
        /// Files of the previous build that are gone now.
        public var removed = 0
        public var bytes = 0

        package init(written: Int = 0, unchanged: Int = 0, removed: Int = 0, bytes: Int = 0) {
            self.written = written
            self.unchanged = unchanged
            self.removed = removed
            self.bytes = bytes
        }
    }

    /// Writes `files` as the new content of `output`.
    ///
    /// A first build is written to a staging folder beside the output and
    /// swapped in whole. Later builds compare each file with the manifest the
    /// last one left and touch only what changed: changed files are staged,
    /// a journal is committed into the output folder with one rename, and
    /// only then are the staged files moved into place. A build that is
    /// interrupted after the commit is completed by the next one; before it,
    /// the output is untouched. When at least half the files changed, the
    /// others are linked in beside them and the staging folder is swapped
    /// in whole instead (`StagedOutput`).
    @discardableResult
    public func write(_ files: [OutputFile], to output: URL) throws -> Summary {
        var written: OutputManifest?
        return try write(files, to: output, manifest: &written)
    }

    /// The same, handing back the manifest it wrote, so that a session's
    /// first rebuild need not read it from disk.
    package func write(_ files: [OutputFile], to output: URL, manifest written: inout OutputManifest?) throws -> Summary
    {
        let staged = try begin(output, paths: files.map(\.path))
        _ = files.concurrentMap { staged.write($0) }
        let (summary, manifest) = try staged.commit()
        staged.oldOutputRemoval?.take()
        written = manifest
        return summary
    }

    /// Writes a rebuild's pages into an output that a previous build made:
    /// `files` are the pages the rebuild rendered (only those whose bytes
    /// changed are written), `removing` the pages it no longer makes. Every
    /// other file is taken to be as the previous build left it.
    @discardableResult
    public func writeChanges(_ files: [OutputFile], removing: [OutputPath], to output: URL) throws -> Summary {
        var manifest: OutputManifest?
        return try writeChanges(files, removing: removing, to: output, manifest: &manifest)
    }

    /// The same, with the manifest kept in memory between rebuilds (reading
    /// it from disk costs more than a small rebuild): pass nil the first
    /// time; it holds the new manifest afterwards.
    package func writeChanges(
        _ files: [OutputFile], removing: [OutputPath], to output: URL, manifest known: inout OutputManifest?
    ) throws -> Summary {
        let location = OutputLocation(output)
        let output = location.folder
        try checkReplaceable(output)
        sweepAbandonedFolders(beside: location)
        let hadJournal = FileManager.default.fileExists(atPath: location.journal.path)
        do {
            try completeInterruptedCommit(in: location)
        } catch {
            abandonCommit(in: location)
            throw error  // the caller falls back to a full build
        }
        // A journal completed just now changed the manifest on disk. The
        // kept one is taken, not copied (it has a line per file of the site),
        // and only the rebuild's paths are looked at.
        var manifest = OutputManifest()
        if !hadJournal, known != nil {
            manifest = known!
        } else {
            manifest = OutputManifest(contentsOf: location.manifest) ?? manifest
        }
        known = nil
        guard !manifest.entries.isEmpty else { throw Failure.io("'\(output.path)' has no previous build to update") }
        let fingerprints = try Self.fingerprints(files)
        let changed = Self.changedFiles(files, in: output, fingerprints: fingerprints, previous: manifest)
        let removed = Set(removing.map(\.rawValue)).filter { manifest.entries[$0] != nil }.sorted()
        for (file, fingerprint) in zip(files, fingerprints) { manifest.entries[file.path.rawValue] = fingerprint }
        manifest.stamps.merge(changed.unchangedStamps) { _, new in new }
        for path in removed {
            manifest.entries[path] = nil
            manifest.stamps[path] = nil
        }
        let summary = try update(
            location, changed: changed.files, unchanged: files.count - changed.files.count, removed: removed,
            manifest: &manifest)
        known = manifest
        return summary
    }

    /// Files whose bytes differ from what the manifest says was written, or
    /// that are no longer there as written (deleted or edited by hand); and
    /// the stamps of the others, to keep in the new manifest.
    private static func changedFiles(
        _ files: [OutputFile], in output: URL, fingerprints: [Fingerprint], previous: OutputManifest
    ) -> (files: [OutputFile], unchangedStamps: [String: OutputStamp]) {
        var changed: [OutputFile] = []
        var unchangedStamps: [String: OutputStamp] = [:]
        let outputPath = output.path
        for (file, fingerprint) in zip(files, fingerprints) {
            let path = file.path.rawValue
            guard let stamp = previous.unchangedStamp(of: path, fingerprint: fingerprint, below: outputPath) else {
                changed.append(file)
                continue
            }
            unchangedStamps[path] = stamp
        }
        return (changed, unchangedStamps)
    }

    /// The files of the manifest that are not as the build that wrote them
    /// left them: removed, or changed or replaced since (sitegen only
    /// writes through the manifest, so by hand). One `stat` per file.
    package static func filesChangedByHand(in output: URL, manifest: OutputManifest) -> [String] {
        let output = output.standardizedFileURL.resolvingSymlinksInPath()
        let prefix = output.path + "/"
        return Array(manifest.entries.keys).concurrentMap { path -> String? in
            guard let found = OutputStamp.of(prefix + path), manifest.matches(path, found) else { return path }
            return nil
        }.compactMap { $0 }.sorted()
    }

    package static func fingerprints(_ files: [OutputFile]) throws -> [Fingerprint] {
        try files.concurrentMap { file -> Result<Fingerprint, Failure> in
            do { return .success(try Fingerprint(of: file.contents)) } catch let failure as Failure {
                return .failure(failure)
            } catch { return .failure(.io(FileSystemProblem.message("read", file.path.rawValue, error))) }
        }.map { try $0.get() }
    }

    // MARK: Whole folder

    /// Writes one file below the folder at `folderPath`, whose parent
    /// folders exist; its size and stamp, which moving it keeps.
    static func write(_ file: OutputFile, below folderPath: String) throws -> (size: Int, stamp: OutputStamp) {
        // Paths joined as strings: `URL.appendingPathComponent` asks the file
        // system whether each name is a folder, a failed stat per file.
        let target = folderPath + "/" + file.path.rawValue
        do {
            switch file.contents {
            case .text(let text): return try writeFileStamped(target, text)
            case .bytes(let data): return try data.withUnsafeBytes { try writeFileStamped(target, bytes: $0) }
            case .copy(let source):
                let url = URL(fileURLWithPath: target, isDirectory: false)
                try? FileManager.default.removeItem(at: url)
                try FileManager.default.copyItem(at: source, to: url)
                guard let written = OutputStamp.of(target) else {
                    throw Failure.io(FileSystemProblem.message("find the file just written", target, errno))
                }
                return written
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.io(FileSystemProblem.message("write", target, error))
        }
    }

    /// Writes files below `folder`, creating each parent folder once; the
    /// bytes written and each file's stamp.
    private func writeFiles(_ files: [OutputFile], into folder: URL) throws -> (
        bytes: Int, stamps: [String: OutputStamp]
    ) {
        for name in OutputPath.folders(of: files.map(\.path)).sorted() {
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        let folderPath = folder.path
        let results = files.concurrentMap { file in Result { try Self.write(file, below: folderPath) } }
        var bytes = 0
        var stamps: [String: OutputStamp] = [:]
        for (file, result) in zip(files, results) {
            let written = try result.get()
            bytes += written.size
            stamps[file.path.rawValue] = written.stamp
        }
        return (bytes, stamps)
    }

    /// Starts writing `output` file by file as the build makes them
    /// (`StagedOutput`): whole when no earlier build's files are there to
    /// compare with (a first build, or an output whose journal could not be
    /// completed), else only the files that changed.
    package func begin(_ output: URL, paths: [OutputPath]) throws -> StagedOutput {
        let location = OutputLocation(output)
        try checkReplaceable(location.folder)
        sweepAbandonedFolders(beside: location)
        let folders = OutputPath.folders(of: paths)
        do {
            try completeInterruptedCommit(in: location)
        } catch {
            // A journal that cannot be completed must not block every later
            // build: drop it and write the whole folder afresh.
            abandonCommit(in: location)
            return try StagedOutput(location, folders: folders)
        }
        if let previous = OutputManifest(contentsOf: location.manifest), !previous.entries.isEmpty {
            return try StagedOutput(location, folders: folders, mode: .changes(previous))
        }
        return try StagedOutput(location, folders: folders)
    }

    // MARK: Changed files only

    private func update(
        _ location: OutputLocation, changed: [OutputFile], unchanged: Int, removed: [String],
        manifest: inout OutputManifest
    ) throws -> Summary {
        var summary = Summary(written: changed.count, unchanged: unchanged, removed: removed.count)
        if changed.isEmpty, removed.isEmpty { return summary }
        let staging = location.staging()
        do {
            try? FileManager.default.removeItem(at: staging)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            let stamps: [String: OutputStamp]
            (summary.bytes, stamps) = try writeFiles(changed, into: staging)
            manifest.stamps.merge(stamps) { _, new in new }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw Failure.io(
                FileSystemProblem.message("write the output folder", location.folder.path, error, for: location.folder))
        }
        try commitStaged(location, staging: staging, written: changed.map(\.path), removed: removed, manifest: manifest)
        return summary
    }

    /// Commits files staged in `staging` into the output: the new manifest
    /// (or, for a small change, its new lines) goes beside them, a journal
    /// naming them and the files `removed` is committed into the output
    /// folder with one rename, and only then are they moved into place.
    /// The staging folder is removed if the commit fails.
    func commitStaged(
        _ location: OutputLocation, staging: URL, written: [OutputPath], removed: [String], manifest: OutputManifest
    ) throws {
        let fileManager = FileManager.default
        let output = location.folder
        do {
            // A small change appends its lines to the manifest instead of
            // rewriting it (it has a line per file: megabytes for a big site).
            if (written.count + removed.count) * 8 < manifest.entries.count {
                var delta = ""
                for path in written.map(\.rawValue) {
                    delta += OutputManifest.line(path, manifest.entries[path]!, manifest.stamps[path])
                }
                for path in removed { delta += "- \(path)\n" }
                _ = try Self.writeFile(staging.appendingPathComponent(OutputLocation.manifestDeltaName).path, delta)
            } else {
                try manifest.write(to: staging.appendingPathComponent(OutputLocation.manifestName))
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw Failure.io(FileSystemProblem.message("write the output folder", output.path, error, for: output))
        }
        // The commit point: once the journal is in the output folder, the
        // change is applied, now or by the next build.
        let journal = CommitJournal(
            staging: staging.lastPathComponent,
            entries: written.map { .write($0) } + removed.compactMap { OutputPath($0).map { .remove($0) } })
        let pending = location.pendingJournal
        do {
            // On disk before the commit rename, so a crash cannot commit a
            // journal whose staged files were never written out.
            try Self.synchronise(staging)
            _ = try Self.writeFile(pending.path, journal.text)
            try Self.synchronise(pending)
            guard rename(pending.path, location.journal.path) == 0 else {
                throw Failure.io(FileSystemProblem.message("commit the build into", output.path, errno, for: output))
            }
        } catch {
            // Not committed: the output is as it was, and nothing is left beside it.
            try? fileManager.removeItem(at: pending)
            try? fileManager.removeItem(at: staging)
            throw Failure.io(FileSystemProblem.message("write into the output folder", output.path, error, for: output))
        }
        try completeInterruptedCommit(in: location)
    }

    /// Removes staging and retired folders that a build killed before its
    /// commit left beside the output (see `OutputLocation`), unless
    /// a pending journal still needs one, or its process is still running.
    package func sweepAbandonedFolders(beside location: OutputLocation) {
        let parent = location.folder.deletingLastPathComponent()
        let needed = FileManager.default.contents(atPath: location.journal.path).flatMap {
            CommitJournal.stagingFolder(in: String(decoding: $0, as: UTF8.self))
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name != needed {
            guard let pid = location.abandonableFolder(named: name) else { continue }
            // kill(pid, 0) fails with ESRCH when no such process exists.
            if pid != ProcessInfo.processInfo.processIdentifier, kill(pid, 0) == -1, errno == ESRCH {
                try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
            }
        }
    }

    /// fsync for a file, or for every file below a folder.
    package static func synchronise(_ url: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return }
        let paths: [String]
        if isDirectory.boolValue {
            let below = (FileManager.default.enumerator(atPath: url.path)?.allObjects as? [String]) ?? []
            paths = below.map { url.appendingPathComponent($0).path } + [url.path]
        } else {
            paths = [url.path]
        }
        for path in paths {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            if fsync(descriptor) != 0, errno != EINVAL {
                throw Failure.io(FileSystemProblem.message("flush to disk", path, errno))
            }
        }
    }

    /// Forgets a journal that cannot be completed, and its staging folder.
    package func abandonCommit(in location: OutputLocation) {
        if let data = FileManager.default.contents(atPath: location.journal.path),
            let staging = CommitJournal.stagingFolder(in: String(decoding: data, as: UTF8.self))
        {
            try? FileManager.default.removeItem(
                at: location.folder.deletingLastPathComponent().appendingPathComponent(staging))
        }
        try? FileManager.default.removeItem(at: location.journal)
    }

    /// Applies a committed journal: moves staged files into place, removes
    /// files the build dropped, installs the new manifest, then clears up.
    /// A damaged journal throws, and the caller writes the whole output.
    package func completeInterruptedCommit(in location: OutputLocation) throws {
        let fileManager = FileManager.default
        let output = location.folder
        guard let data = fileManager.contents(atPath: location.journal.path) else { return }
        let journal = try CommitJournal(parsing: String(decoding: data, as: UTF8.self))
        let staging = output.deletingLastPathComponent().appendingPathComponent(journal.staging)
        // Removals first: a file may be giving way to a folder of the same name.
        for path in journal.removals {
            let target = output.appendingPathComponent(path.rawValue)
            try? fileManager.removeItem(at: target)
            // Drop folders the removal left empty (never the output itself).
            var folder = target.deletingLastPathComponent()
            while folder.path.count > output.path.count,
                (try? fileManager.contentsOfDirectory(atPath: folder.path))?.isEmpty == true
            {
                try? fileManager.removeItem(at: folder)
                folder = folder.deletingLastPathComponent()
            }
        }
        for path in journal.writes {
            let source = staging.appendingPathComponent(path.rawValue)
            guard fileManager.fileExists(atPath: source.path) else { continue }  // moved already
            let target = output.appendingPathComponent(path.rawValue)
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue {
                try fileManager.removeItem(at: target)  // a folder where the file goes now
            }
            try fileManager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard rename(source.path, target.path) == 0 else {
                throw Failure.io(FileSystemProblem.message("move a page into", target.path, errno, for: output))
            }
        }
        let newManifest = staging.appendingPathComponent(OutputLocation.manifestName)
        let delta = staging.appendingPathComponent(OutputLocation.manifestDeltaName)
        if fileManager.fileExists(atPath: newManifest.path) {
            guard rename(newManifest.path, location.manifest.path) == 0 else {
                throw Failure.io(
                    FileSystemProblem.message("update the manifest", location.manifest.path, errno, for: output))
            }
        } else if let lines = fileManager.contents(atPath: delta.path) {
            // Appending twice (a crash before the journal goes) is harmless:
            // later lines win and say the same.
            try OutputManifest.append(lines, to: location.manifest)
            try fileManager.removeItem(at: delta)
        }
        try fileManager.removeItem(at: location.journal)
        try? fileManager.removeItem(at: staging)
    }
}

extension Fingerprint {
    /// The fingerprint of what an output file will hold.
    package init(of contents: OutputFile.Contents) throws {
        switch contents {
        case .text(let text):
            var text = text
            self = text.withUTF8 { Fingerprint(bytes: UnsafeRawBufferPointer($0)) }
        case .copy(let url):
            let data = try Data(contentsOf: url)
            self = data.withUnsafeBytes { Fingerprint(bytes: $0) }
        case .bytes(let data):
            self = data.withUnsafeBytes { Fingerprint(bytes: $0) }
        }
    }
}

/// The list of files a build wrote, kept in the output's marker file so the
/// next build can tell what changed.
package struct OutputManifest: Sendable {
    package var entries: [String: Fingerprint] = [:]
    /// Each file's stamp as written (absent in manifests of older sitegens).
    package var stamps: [String: OutputStamp] = [:]

    package static let header =
        "Built by sitegen; this folder is rewritten by every build. One line per file: hash:mtime:inode size path."

    /// Whether `found`, the file at `path` now, is as the manifest says it was written.
    package func matches(_ path: String, _ found: (size: Int, stamp: OutputStamp)) -> Bool {
        guard let entry = entries[path], entry.size == found.size else { return false }
        return stamps[path].map { $0 == found.stamp } ?? true
    }

    /// The stamp of the file at `path` below `folder` when a build that
    /// makes it with `fingerprint` can leave it alone: the manifest says it
    /// was written with those bytes, and it is still as written.
    package func unchangedStamp(of path: String, fingerprint: Fingerprint, below folder: String) -> OutputStamp? {
        guard entries[path] == fingerprint, let found = OutputStamp.of(folder + "/" + path), matches(path, found)
        else { return nil }
        return found.stamp
    }

    package init() {}

    /// Later lines win; `- PATH` removes a file (small rebuilds append).
    package init?(contentsOf url: URL) {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        // Byte by byte: a big site's manifest has a line per file, and
        // String splitting would cost more than the rebuild reading it.
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let firstEnd = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return }
            entries.reserveCapacity(bytes.count / 48)
            var start = firstEnd + 1
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                Self.parseLine(UnsafeBufferPointer(rebasing: bytes[start..<end]), into: &entries, &stamps)
                start = end + 1
            }
        }
    }

    /// `HASH[:MTIME:INODE] SIZE PATH` sets an entry, `- PATH` removes one;
    /// anything else is skipped.
    private static func parseLine(
        _ line: UnsafeBufferPointer<UInt8>, into entries: inout [String: Fingerprint],
        _ stamps: inout [String: OutputStamp]
    ) {
        let space = UInt8(ascii: " ")
        if line.count > 2, line[0] == UInt8(ascii: "-"), line[1] == space {
            let path = String(decoding: UnsafeBufferPointer(rebasing: line[2...]), as: UTF8.self)
            entries[path] = nil
            stamps[path] = nil
            return
        }
        var index = 0
        var hash: UInt64 = 0
        var digits = 0
        while index < line.count, line[index] != space, line[index] != UInt8(ascii: ":") {
            let byte = line[index]
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            default: return
            }
            guard digits < 16 else { return }
            hash = hash << 4 | UInt64(value)
            digits += 1
            index += 1
        }
        guard digits > 0, index < line.count else { return }
        // A decimal number ending at `end`, or nil.
        func number(endingAt end: UInt8) -> Int? {
            var value = 0
            var digits = 0
            while index < line.count, line[index] != end {
                let byte = line[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                let (tens, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow, tens <= Int.max - 9 else { return nil }
                value = tens + Int(byte - UInt8(ascii: "0"))
                digits += 1
                index += 1
            }
            guard digits > 0, index < line.count else { return nil }
            index += 1
            return value
        }
        var stamp: OutputStamp?
        if line[index] == UInt8(ascii: ":") {
            index += 1
            guard let modified = number(endingAt: UInt8(ascii: ":")), let inode = number(endingAt: space) else {
                return
            }
            stamp = OutputStamp(modified: modified, inode: inode)
        } else {
            index += 1
        }
        var size = 0
        var sizeDigits = 0
        while index < line.count, line[index] != space {
            let byte = line[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), sizeDigits < 18 else { return }
            size = size * 10 + Int(byte - UInt8(ascii: "0"))
            sizeDigits += 1
            index += 1
        }
        guard sizeDigits > 0, index + 1 < line.count else { return }
        let path = String(decoding: UnsafeBufferPointer(rebasing: line[(index + 1)...]), as: UTF8.self)
        entries[path] = Fingerprint(size: size, hash: hash)
        stamps[path] = stamp
    }

    package func write(to url: URL) throws {
        var text = Self.header + "\n"
        for (path, fingerprint) in entries.sorted(by: { $0.key < $1.key }) {
            text += Self.line(path, fingerprint, stamps[path])
        }
        _ = try OutputWriter.writeFile(url.path, text)
    }

    package static func line(_ path: String, _ fingerprint: Fingerprint, _ stamp: OutputStamp?) -> String {
        let stamp = stamp.map { ":\($0.modified):\($0.inode)" } ?? ""
        return "\(String(fingerprint.hash, radix: 16))\(stamp) \(fingerprint.size) \(path)\n"
    }

    /// Appends `lines` to the manifest at `url` and flushes it to disk.
    package static func append(_ lines: Data, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw OutputWriter.Failure.io(FileSystemProblem.message("update the manifest", url.path, errno))
        }
        defer { close(descriptor) }
        // A torn earlier append must not glue its half line to ours.
        var bytes = [UInt8(ascii: "\n")] + Array(lines)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { posixWrite(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else {
                throw OutputWriter.Failure.io(FileSystemProblem.message("update the manifest", url.path, errno))
            }
            offset += count
        }
        bytes.removeAll()
        guard fsync(descriptor) == 0 else {
            throw OutputWriter.Failure.io(FileSystemProblem.message("flush to disk", url.path, errno))
        }
    }
}

/// A written output file's modification time and inode: a file edited by
/// hand has another time, one saved over by an editor another inode.
package struct OutputStamp: Sendable, Hashable {
    package var modified: Int  // nanoseconds since 1970
    package var inode: Int

    /// The size and stamp of the regular file at `path`, or nil when there is none.
    package static func of(_ path: String) -> (size: Int, stamp: OutputStamp)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return of(info)
    }

    /// The same, of a file open for writing.
    static func of(descriptor: Int32) -> (size: Int, stamp: OutputStamp)? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return of(info)
    }

    private static func of(_ info: stat) -> (size: Int, stamp: OutputStamp)? {
        guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        let modified = Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec)
        return (Int(info.st_size), OutputStamp(modified: modified, inode: Int(info.st_ino)))
    }
}
