import CAtomicSwap
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file for the output folder: generated text or a copy of a source file.
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case text(String)
        case copy(URL)
    }

    public var path: OutputPath
    public var contents: Contents

    public init(path: OutputPath, contents: Contents) {
        self.path = path
        self.contents = contents
    }
}

/// The write stage: builds the site in a staging folder beside the output
/// and swaps it in only when every file is written, so a failed or
/// interrupted build leaves the previous output as it was.
public struct OutputWriter: Sendable {
    /// Marks a folder as sitegen's own; only such folders (or empty ones) are replaced.
    public static let markerName = ".sitegen-output"
    /// Kept across builds so a committed placeholder stays in place.
    static let preservedNames: Set<String> = [".gitkeep"]

    public init() {}

    public enum Failure: Error, CustomStringConvertible {
        case notSitegenOutput(URL)
        case notAFolder(URL)
        case io(String)

        public var description: String {
            switch self {
            case .notSitegenOutput(let url):
                return
                    "refusing to replace '\(url.path)': it is not empty and was not built by sitegen (no \(OutputWriter.markerName) file). Choose an empty or new folder with --output, or remove it yourself"
            case .notAFolder(let url):
                return "output '\(url.path)' exists and is not a folder; choose another path with --output"
            case .io(let message):
                return message
            }
        }
    }

    /// Writes text with plain POSIX calls: no temporary `Data` copy, no
    /// Foundation bookkeeping, which cost more than the write itself here.
    static func writeFile(_ path: String, _ text: String) throws -> Int {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure.io("cannot create '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var text = text
        return try text.withUTF8 { buffer -> Int in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw Failure.io("cannot write '\(path)': \(String(cString: strerror(errno)))")
                }
                offset += written
            }
            return buffer.count
        }
    }

    /// Checks that `output` may be replaced: missing, empty, or built by sitegen.
    public func checkReplaceable(_ output: URL) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw Failure.notAFolder(output) }
        let names = (try? fileManager.contentsOfDirectory(atPath: output.path)) ?? []
        if names.contains(Self.markerName) { return }
        let meaningful = names.filter { !Self.preservedNames.contains($0) && $0 != ".DS_Store" }
        if !meaningful.isEmpty { throw Failure.notSitegenOutput(output) }
    }

    /// Writes `files` as the new content of `output`. Returns bytes written.
    @discardableResult
    public func write(_ files: [OutputFile], to output: URL) throws -> Int {
        let fileManager = FileManager.default
        let output = output.standardizedFileURL
        try checkReplaceable(output)
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(name).sitegen-staging-\(pid)")
        let retired = parent.appendingPathComponent(".\(name).sitegen-old-\(pid)")
        do {
            try? fileManager.removeItem(at: staging)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            // Folders first, once each, then files in parallel.
            var folders: Set<String> = []
            for file in files {
                let components = file.path.directoryComponents
                for depth in components.indices { folders.insert(components[...depth].joined(separator: "/")) }
            }
            for folder in folders.sorted() {
                try fileManager.createDirectory(
                    at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            let results = files.concurrentMap { file -> Result<Int, Failure> in
                let target = staging.appendingPathComponent(file.path.rawValue)
                do {
                    switch file.contents {
                    case .text(let text):
                        return .success(try Self.writeFile(target.path, text))
                    case .copy(let source):
                        try FileManager.default.copyItem(at: source, to: target)
                        let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? Int) ?? 0
                        return .success(size ?? 0)
                    }
                } catch {
                    return .failure(.io("cannot write '\(file.path)': \(error.localizedDescription)"))
                }
            }
            var bytes = 0
            for result in results {
                switch result {
                case .success(let count): bytes += count
                case .failure(let failure): throw failure
                }
            }
            try Data("Built by sitegen. This folder is replaced on every build.\n".utf8)
                .write(to: staging.appendingPathComponent(Self.markerName))
            for preserved in Self.preservedNames {
                let old = output.appendingPathComponent(preserved)
                if fileManager.fileExists(atPath: old.path) {
                    try? fileManager.copyItem(at: old, to: staging.appendingPathComponent(preserved))
                }
            }
            // Swap: in one step where the kernel can (the output path is never
            // missing), else the old output moves aside and the new one takes its name.
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
            return bytes
        } catch {
            try? fileManager.removeItem(at: staging)
            if let failure = error as? Failure { throw failure }
            throw Failure.io("cannot write the output folder: \(error.localizedDescription)")
        }
    }
}
