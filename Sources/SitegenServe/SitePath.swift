import Foundation

/// Maps a request's path to a file of the served site, refusing anything
/// that would leave it: `..` (also percent-encoded), NUL, backslashes,
/// hidden files such as the output's manifest, and symbolic links that
/// point outside the folder. Folders are never listed.
public enum SitePath {
    public enum Resolution: Equatable, Sendable {
        /// A regular file inside the site (its real path).
        case file(URL)
        /// A folder asked for without its trailing slash: the same path with one,
        /// so that the relative links of its `index.html` work.
        case redirect(String)
        case notFound
        /// A path that tries to leave the site.
        case forbidden
        /// A path that cannot be decoded.
        case badRequest
    }

    /// Resolves `rawPath`, the request target's path as sent (still
    /// percent-encoded, without the query), against the folder `root`.
    public static func resolve(_ rawPath: String, in root: URL) -> Resolution {
        var raw = rawPath
        // An absolute-form target (`GET http://host/path`): keep its path.
        for scheme in ["http://", "https://"] where raw.lowercased().hasPrefix(scheme) {
            let rest = raw.dropFirst(scheme.count)
            raw = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
        }
        guard raw.hasPrefix("/"), let decoded = raw.removingPercentEncoding else { return .badRequest }
        if decoded.contains("\0") { return .badRequest }
        if decoded.contains("\\") { return .forbidden }
        let components = decoded.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if components.contains(where: { $0 == ".." || $0 == "." }) { return .forbidden }
        // Dot files are the writer's (the manifest, the journal), not the site's.
        if components.contains(where: { $0.hasPrefix(".") }) { return .notFound }

        guard let rootPath = realPath(root.path) else { return .notFound }
        let candidate = components.isEmpty ? rootPath : rootPath + "/" + components.joined(separator: "/")
        guard let resolved = realPath(candidate) else { return .notFound }
        guard isInside(resolved, rootPath) else { return .forbidden }

        switch kind(of: resolved) {
        case .directory:
            let index = resolved + "/index.html"
            guard let indexPath = realPath(index), kind(of: indexPath) == .file else { return .notFound }
            guard isInside(indexPath, rootPath) else { return .forbidden }
            if !components.isEmpty && !decoded.hasSuffix("/") {
                // Built from the checked components, never from the raw target,
                // so `//evil.example` cannot become a redirect to another host.
                let encoded = components.map {
                    $0.addingPercentEncoding(withAllowedCharacters: pathComponentCharacters) ?? $0
                }
                return .redirect("/" + encoded.joined(separator: "/") + "/")
            }
            return .file(URL(fileURLWithPath: indexPath))
        case .file:
            // `page.html/` names a folder that is not there.
            if decoded.hasSuffix("/") { return .notFound }
            return .file(URL(fileURLWithPath: resolved))
        case .other:
            return .notFound
        }
    }

    private static let pathComponentCharacters: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "/?#")
        return set
    }()

    private enum Kind { case file, directory, other }

    private static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    private static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// The path with every symbolic link resolved, or nil when it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// The `Content-Type` of a served file, by its extension.
public enum ContentType {
    public static func forPath(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent.lowercased()
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return fallback }
        return byExtension[String(name[name.index(after: dot)...])] ?? fallback
    }

    public static let fallback = "application/octet-stream"

    static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8",
        "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8",
        "json": "application/json",
        "map": "application/json",
        "webmanifest": "application/manifest+json",
        "xml": "application/xml",
        "atom": "application/atom+xml",
        "rss": "application/rss+xml",
        "txt": "text/plain; charset=utf-8",
        "md": "text/markdown; charset=utf-8",
        "csv": "text/csv; charset=utf-8",
        "svg": "image/svg+xml",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "avif": "image/avif",
        "ico": "image/x-icon",
        "woff": "font/woff",
        "woff2": "font/woff2",
        "ttf": "font/ttf",
        "otf": "font/otf",
        "pdf": "application/pdf",
        "zip": "application/zip",
        "wasm": "application/wasm",
        "mp3": "audio/mpeg",
        "ogg": "audio/ogg",
        "wav": "audio/wav",
        "mp4": "video/mp4",
        "webm": "video/webm",
    ]

    public static func isHTML(_ contentType: String) -> Bool { contentType.hasPrefix("text/html") }
}
