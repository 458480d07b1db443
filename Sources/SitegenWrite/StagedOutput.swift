import CAtomicSwap
import Foundation
import SitegenBase
import SitegenLoad
import SitegenPlan

/// An output written file by file as the build makes them, from any
/// thread, into a staging folder beside the output, so that pages go to
/// disk as they are rendered instead of all being held until the end.
///
/// Written `whole` (a first build), every file is staged and the staging
/// folder is swapped in for the output by `commit`. Over an earlier build
/// (`changes`), each file is compared with what that build's manifest says
/// it wrote; only files whose bytes differ, or that are no longer as
/// written, are staged, and `commit` moves them in through a journal
/// (`OutputWriter.commitStaged`), or, when at least half of them changed,
/// links the others in beside them and swaps the folder in whole. A build
/// that fails before the commit removes the staging folder (`abandon`);
/// one that is killed leaves it for the next build to sweep. Either way
/// the previous output stays as it was.
package final class StagedOutput: @unchecked Sendable {
    package enum Mode {
        case whole
        /// Over the output an earlier build left, described by its manifest.
        case changes(OutputManifest)
    }

    private let location: OutputLocation
    private let staging: URL
    private let stagingPath: String
    /// The earlier build's manifest and output folder, in `changes` mode.
    private let previous: (manifest: OutputManifest, folder: String)?
    private let lock = NSLock()
    /// Files are created on this one queue, in the order they come: two
    /// threads creating files in one folder contend for the folder's lock
    /// in the kernel, which spins (4 % of a 10,000-article build's time).
    /// Rendering threads hand a file over and go on.
    private let writing = DispatchQueue(label: "sitegen.staged-output")
    /// Files handed over and not yet written, at most: bounds the HTML held
    /// when pages render faster than the disk takes them.
    private let waiting = DispatchSemaphore(value: 64)
    private var manifest = OutputManifest()
    /// Files staged, and files left as the earlier build wrote them, in
    /// `changes` mode.
    private var staged: [OutputPath] = []
    private var kept: [String] = []
    private var bytes = 0
    private var count = 0
    private var failure: OutputWriter.Failure?
    /// The earlier output, being removed on another thread once the new
    /// one took its place: a whole site's files take seconds to remove
    /// (8 s at 10,000 articles), which the caller can overlap with saving
    /// its state. It must be waited for (`Pending.take`) before the next
    /// write beside the output and before the process ends; a process
    /// killed first leaves it for the next build to sweep.
    package private(set) var oldOutputRemoval: Pending<Void>?

    /// Makes the staging folder and every folder the files go into.
    init(_ location: OutputLocation, folders: Set<String>, mode: Mode = .whole) throws {
        self.location = location
        staging = location.staging()
        stagingPath = staging.path
        if case .changes(let manifest) = mode {
            previous = (manifest, location.folder.path)
        } else {
            previous = nil
        }
        let fileManager = FileManager.default
        do {
            try? fileManager.removeItem(at: staging)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            for name in folders.sorted() {
                try fileManager.createDirectory(
                    at: staging.appendingPathComponent(name), withIntermediateDirectories: true)
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw OutputWriter.Failure.io(
                FileSystemProblem.message("write the output folder", location.folder.path, error, for: location.folder))
        }
    }

    /// Writes one file into the staging folder, or in `changes` mode notes
    /// it unchanged; safe from any thread. The file is fingerprinted (and
    /// compared) here and written on the writing queue; a failure is kept
    /// and thrown by `commit`.
    package func write(_ file: OutputFile) {
        let fingerprint: Fingerprint
        do {
            fingerprint = try Fingerprint(of: file.contents)
        } catch {
            record(error, writing: file)
            return
        }
        let path = file.path.rawValue
        if let previous,
            let stamp = previous.manifest.unchangedStamp(of: path, fingerprint: fingerprint, below: previous.folder)
        {
            lock.withLock {
                manifest.entries[path] = fingerprint
                manifest.stamps[path] = stamp
                kept.append(path)
            }
            return
        }
        waiting.wait()
        writing.async { [self] in
            defer { waiting.signal() }
            do {
                let written = try OutputWriter.write(file, below: stagingPath)
                lock.withLock {
                    manifest.entries[path] = fingerprint
                    manifest.stamps[path] = written.stamp
                    staged.append(file.path)
                    bytes += written.size
                    count += 1
                }
            } catch {
                record(error, writing: file)
            }
        }
    }

    private func record(_ error: any Error, writing file: OutputFile) {
        let failure =
            error as? OutputWriter.Failure
            ?? .io(FileSystemProblem.message("write", stagingPath + "/" + file.path.rawValue, error))
        lock.withLock { if self.failure == nil { self.failure = failure } }
    }

    /// Makes the output what was written: in `whole` mode, swaps the
    /// staging folder in for the output (`swapIn`). In `changes` mode,
    /// moves the staged files in through a journal, which removes the files
    /// the earlier build made that this one did not; or, when at least half
    /// the files changed (a template edited), links the unchanged files
    /// (and any the earlier output holds that no build made) into the
    /// staging folder and swaps it in whole, which spares flushing every
    /// staged file to disk before the journal may name it.
    package func commit() throws -> (summary: OutputWriter.Summary, manifest: OutputManifest) {
        writing.sync {}  // every file handed over is written
        let (manifest, staged, kept, bytes, count, failure) = lock.withLock {
            (
                self.manifest, self.staged.sorted { $0.rawValue < $1.rawValue }, self.kept, self.bytes, self.count,
                self.failure
            )
        }
        if let failure {
            abandon()
            throw failure
        }
        guard let previous else {
            try swapIn(manifest)
            return (OutputWriter.Summary(written: count, bytes: bytes), manifest)
        }
        let removed = previous.manifest.entries.keys.filter { manifest.entries[$0] == nil }.sorted()
        let summary = OutputWriter.Summary(written: count, unchanged: kept.count, removed: removed.count, bytes: bytes)
        guard !staged.isEmpty || !removed.isEmpty else {
            abandon()
            return (summary, manifest)
        }
        if staged.count >= kept.count, link(kept, from: previous.folder),
            linkUnlisted(from: previous.folder, listed: [previous.manifest, manifest])
        {
            try swapIn(manifest)
        } else {
            try OutputWriter().commitStaged(
                location, staging: staging, written: staged, removed: removed, manifest: manifest)
        }
        return (summary, manifest)
    }

    /// Hard-links each of `paths` below `folder` to the same path in the
    /// staging folder: same file, same inode and time, so the manifest's
    /// stamps still hold. False where the file system refuses.
    private func link(_ paths: [String], from folder: String) -> Bool {
        paths.allSatisfy { path in
            Foundation.link(folder + "/" + path, stagingPath + "/" + path) == 0
        }
    }

    /// Links the files of the earlier output that no manifest lists (put
    /// there by hand: a `CNAME`, a search engine's verification file) into
    /// the staging folder, as the journal would leave them in place. False
    /// when one cannot be linked: the journal is used then.
    private func linkUnlisted(from folder: String, listed manifests: [OutputManifest]) -> Bool {
        guard let walk = FileManager.default.enumerator(atPath: folder) else { return false }
        while let path = walk.nextObject() as? String {
            if OutputLocation.reservedNames.contains(path) || manifests.contains(where: { $0.entries[path] != nil }) {
                continue
            }
            var info = stat()
            guard lstat(folder + "/" + path, &info) == 0 else { return false }
            if (info.st_mode & S_IFMT) == S_IFDIR { continue }  // made below for what it holds
            let target = stagingPath + "/" + path
            try? FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard Foundation.link(folder + "/" + path, target) == 0 else { return false }
        }
        return true
    }

    /// Writes the manifest into the staging folder and swaps the folder in
    /// for the output: in one step where the kernel can (the output path is
    /// never missing), else the old output moves aside and the new one
    /// takes its name.
    private func swapIn(_ manifest: OutputManifest) throws {
        let fileManager = FileManager.default
        let output = location.folder
        let retired = location.retired()
        do {
            try manifest.write(to: staging.appendingPathComponent(OutputLocation.manifestName))
            for preserved in OutputWriter.preservedNames {
                let old = output.appendingPathComponent(preserved)
                if fileManager.fileExists(atPath: old.path) {
                    try? fileManager.copyItem(at: old, to: staging.appendingPathComponent(preserved))
                }
            }
            if fileManager.fileExists(atPath: output.path),
                sitegen_exchange_paths(staging.path, output.path) == 0
            {
                // The staging folder now holds the old output.
                let path = stagingPath
                oldOutputRemoval = Pending { try? FileManager.default.removeItem(atPath: path) }
            } else if fileManager.fileExists(atPath: output.path) {
                try? fileManager.removeItem(at: retired)
                try fileManager.moveItem(at: output, to: retired)
                do {
                    try fileManager.moveItem(at: staging, to: output)
                } catch {
                    try? fileManager.moveItem(at: retired, to: output)
                    throw error
                }
                try? fileManager.removeItem(at: retired)
            } else {
                try fileManager.moveItem(at: staging, to: output)
            }
        } catch {
            abandon()
            throw OutputWriter.Failure.io(
                FileSystemProblem.message("write the output folder", output.path, error, for: output))
        }
    }

    /// Removes the staging folder: the build failed, the output stays.
    package func abandon() {
        writing.sync {}
        try? FileManager.default.removeItem(at: staging)
    }
}
