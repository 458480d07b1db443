import Foundation
import SitegenLoad
import SitegenRender

/// The text of the files diagnostics point into, for the source line shown
/// under each (by the command line and by `serve`'s overlay). Content files
/// are named relative to the content folder, templates as `THEME/NAME`
/// relative to the templates folder's parent (the built-in theme's as
/// `built-in theme/NAME`); each is read only when the
/// folder's `ContentFiles` rules admit it, so a diagnostic never shows a
/// line of a file sitegen refused to read (a link to `/etc/passwd`).
public struct DiagnosticSources: Sendable {
    private let content: ContentFiles
    private let templates: ContentFiles?
    /// Texts the caller already holds, by the name diagnostics give them
    /// (`sitegen render`'s document).
    private let documents: [String: String]

    public init(content: URL, templates: URL?, documents: [String: String] = [:]) {
        self.content = ContentFiles(folder: content)
        self.templates = templates.map { ContentFiles(folder: $0, layout: .templates) }
        self.documents = documents
    }

    /// The text of the file at `path`, or nil when it is not a source sitegen reads.
    public func text(of path: String) -> String? {
        if let text = documents[path] { return text }
        if case .success(let data) = content.read(path) { return Self.decode(data, path) }
        if let templates {
            let theme = templates.folder.lastPathComponent + "/"
            if path.hasPrefix(theme), case .success(let data) = templates.read(String(path.dropFirst(theme.count))) {
                return Self.decode(data, path)
            }
        }
        let builtIn = TemplateSet.builtInLabel
        if path.hasPrefix(builtIn), let file = BuiltInTheme.files.first(where: { builtIn + $0.path == path }) {
            return Self.decode(file.contents, path)
        }
        return nil
    }

    /// As the loader decodes it, so lines count the same way.
    private static func decode(_ data: Data, _ path: String) -> String? {
        guard case .success(let file) = SourceFile.decode(data, path: path) else { return nil }
        return file.text
    }
}
