import Foundation
import SitegenPlan
import ZIPFoundation

/// The built site as one zip (`sitegen build --archive FILE.zip`), for
/// reading offline: unzipped anywhere, it opens and navigates from disk.
public enum SiteArchive {
    public enum Failure: Error, CustomStringConvertible {
        case insideOutput(URL)
        case io(String)

        public var description: String {
            switch self {
            case .insideOutput(let url):
                return "the archive '\(url.path)' would be inside the output folder; write it somewhere else"
            case .io(let message): return message
            }
        }
    }

    /// Zips every file of `output` (not sitegen's own bookkeeping) under a
    /// folder named after the archive, so unzipping makes one folder. The
    /// zip is written beside its final name and renamed into place.
    public static func write(_ output: URL, to archive: URL) throws {
        let output = output.standardizedFileURL.resolvingSymlinksInPath()
        let archive = archive.standardizedFileURL
        if archive.path.hasPrefix(output.path + "/") { throw Failure.insideOutput(archive) }
        let top = archive.deletingPathExtension().lastPathComponent
        let temporary = OutputLocation.archiveTemporary(for: archive)
        try? FileManager.default.removeItem(at: temporary)
        do {
            let zip = try Archive(url: temporary, accessMode: .create)
            for path in try files(in: output) {
                try zip.addEntry(
                    with: "\(top)/\(path)", fileURL: output.appendingPathComponent(path), compressionMethod: .deflate)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw Failure.io(FileSystemProblem.message("write the archive", archive.path, error))
        }
        // rename(2) replaces an old archive in one step and never leaves the temporary behind.
        guard rename(temporary.path, archive.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw Failure.io(FileSystemProblem.message("write the archive", archive.path, code))
        }
    }

    /// Regular files below `folder`, sorted, without sitegen's marker.
    package static func files(in folder: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var paths: [String] = []
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            guard
                FileManager.default.fileExists(
                    atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory),
                !isDirectory.boolValue, path != OutputLocation.manifestName, path != ".gitkeep"
            else { continue }
            paths.append(path)
        }
        return paths.sorted()
    }
}
