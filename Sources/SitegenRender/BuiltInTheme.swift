import Foundation

/// The default theme, carried inside the binary: the repository's
/// `Templates/`, embedded at build time by the EmbedTheme plugin
/// (`encodedFiles` is generated), so the two can never drift.
public enum BuiltInTheme {
    /// Each file by its path in the theme folder (`layout.mustache`,
    /// `static/style.css`) with its bytes, sorted by path.
    public static let files: [(path: String, contents: Data)] = encodedFiles.map {
        (path: $0.path, contents: Data(base64Encoded: $0.base64) ?? Data())
    }

    /// Writes every file of the theme into `folder` (made if missing), for
    /// `sitegen theme export`. Refuses a folder that holds anything, so no
    /// file is overwritten; returns the paths written, relative to `folder`.
    public static func export(to folder: URL) throws -> [String] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ExportError.notAFolder(folder.path) }
            let names = try fileManager.contentsOfDirectory(atPath: folder.path)
            guard names.isEmpty else { throw ExportError.notEmpty(folder.path) }
        }
        var written: [String] = []
        for file in files {
            let target = folder.appendingPathComponent(file.path)
            try fileManager.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard fileManager.createFile(atPath: target.path, contents: file.contents) else {
                throw ExportError.cannotWrite(target.path)
            }
            written.append(file.path)
        }
        return written
    }

    public enum ExportError: Error, CustomStringConvertible {
        case notAFolder(String)
        case notEmpty(String)
        case cannotWrite(String)

        public var description: String {
            switch self {
            case .notAFolder(let path): return "'\(path)' is a file, not a folder"
            case .notEmpty(let path):
                return "'\(path)' is not empty; export into a new or empty folder so no file is overwritten"
            case .cannotWrite(let path): return "cannot write '\(path)'"
            }
        }
    }
}
