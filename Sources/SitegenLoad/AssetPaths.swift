import Foundation
import SitegenBase

/// The files under `assets/`, by their path in the content folder
/// (`assets/map.png`), for checking the paths content names.
public struct AssetPaths: Sendable {
    private var sizes: [String: ImageSize?] = [:]

    public init(_ assets: [AssetFile]) {
        for asset in assets { sizes["assets/" + asset.relativePath] = asset.size }
    }

    public func contains(_ path: String) -> Bool { sizes[path] != nil }

    /// The width and height of the image at `path`, when it is one.
    public func size(of path: String) -> ImageSize? { sizes[path] ?? nil }

    /// Why `path` names no file, or nil when it does; `example` is a path
    /// of the kind the author meant (`assets/report.pdf`).
    package func missing(_ path: String, example: String) -> (message: String, note: String)? {
        guard !contains(path) else { return nil }
        let guess = nearest(to: path).first.map { "did you mean '\($0)'? " } ?? ""
        return (
            "there is no file '\(path)' in the content folder",
            guess
                + "paths are read from the content folder (\(example)), or from the file's own folder when they start with ./ or ../"
        )
    }

    /// The nearest existing paths, for "did you mean".
    package func nearest(to path: String) -> [String] {
        Suggestions.nearest(to: path, in: sizes.keys.sorted(), limit: 1)
    }

    /// Why `path` cannot be shown as an image, or nil when it can: it is
    /// not under `assets/`, is missing, or is not a picture sitegen can size.
    package func imageProblem(_ path: String) -> (message: String, note: String)? {
        guard path.hasPrefix("assets/") else {
            return (
                "the image '\(path)' is not in the content folder's assets/, so it is not published",
                "move it into assets/ and write its path from there: assets/\((path as NSString).lastPathComponent)"
            )
        }
        if let missing = missing(path, example: "assets/map.png") { return missing }
        guard size(of: path) != nil else {
            return (
                "'\(path)' is not a PNG, JPEG, GIF, WebP or SVG image whose size can be read",
                "save it in one of those formats; a page reserves an image's space from the size in its header"
            )
        }
        return nil
    }

    /// Errors and warnings about an actor's or topic's `image:`.
    package func problems(with image: EntityImage) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if let (message, note) = imageProblem(image.path) {
            found.append(.error(message, at: image.location, length: 5, notes: [note]))
        }
        if image.alt == nil {
            found.append(
                .warning(
                    "'image' has no alt text, so readers who cannot see it do not learn what it shows",
                    at: image.location, length: 5,
                    notes: ["describe it: 'image: {src: \(image.path), alt: \"…\"}'"]))
        }
        return found
    }
}
