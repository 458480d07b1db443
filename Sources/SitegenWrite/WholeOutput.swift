import CAtomicSwap
import Foundation
import SitegenBase
import SitegenLoad
import SitegenPlan

/// An output written whole, file by file as the build makes them: into a
/// staging folder beside the output, from any thread, then swapped in by
/// `commit` once every file is there. Pages can so go to disk as they are
/// rendered instead of all being held until the end. A build that fails
/// before the commit removes the staging folder (`abandon`); one that is
/// killed leaves it for the next build to sweep. Either way the previous
/// output stays as it was.
package final class WholeOutput: @unchecked Sendable {
    private let location: OutputLocation
    private let staging: URL
    private let stagingPath: String
    private let lock = NSLock()
    /// Files are created on this one queue, in the order they come: two
    /// threads creating files in one folder contend for the folder's lock
    /// in the kernel, which spins (4 % of a 10,000-article build's time).
    /// Rendering threads hand a file over and go on.
    private let writing = DispatchQueue(label: "sitegen.whole-output")
    /// Files handed over and not yet written, at most: bounds the HTML held
    /// when pages render faster than the disk takes them.
    private let waiting = DispatchSemaphore(value: 64)
    private var manifest = OutputManifest()
    private var bytes = 0
    private var count = 0
    private var failure: OutputWriter.Failure?

    /// Makes the staging folder and every folder the files go into.
    init(_ location: OutputLocation, folders: Set<String>) throws {
        self.location = location
        staging = location.staging()
        stagingPath = staging.path
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

    /// Writes one file into the staging folder; safe from any thread. The
    /// file is fingerprinted here and written on the writing queue; a
    /// failure is kept and thrown by `commit`.
    package func write(_ file: OutputFile) {
        let fingerprint: Fingerprint
        do {
            fingerprint = try Fingerprint(of: file.contents)
        } catch {
            record(error, writing: file)
            return
        }
        waiting.wait()
        writing.async { [self] in
            defer { waiting.signal() }
            do {
                let written = try OutputWriter.write(file, below: stagingPath)
                lock.withLock {
                    manifest.entries[file.path.rawValue] = fingerprint
                    manifest.stamps[file.path.rawValue] = written.stamp
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

    /// Writes the manifest and swaps the staging folder in for the output:
    /// in one step where the kernel can (the output path is never missing),
    /// else the old output moves aside and the new one takes its name.
    package func commit() throws -> (summary: OutputWriter.Summary, manifest: OutputManifest) {
        writing.sync {}  // every file handed over is written
        let (manifest, bytes, count, failure) = lock.withLock { (self.manifest, self.bytes, self.count, self.failure) }
        if let failure {
            abandon()
            throw failure
        }
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
                try? fileManager.removeItem(at: staging)  // now holds the old output
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
            return (OutputWriter.Summary(written: count, unchanged: 0, removed: 0, bytes: bytes), manifest)
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
