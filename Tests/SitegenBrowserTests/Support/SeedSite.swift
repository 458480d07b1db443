import Foundation
import SitegenCore
import SitegenTestSupport

/// The repository's own Content/ built with its Templates/ into a temporary
/// folder, as `sitegen build` would.
struct SeedSite {
    /// The built site's folder (symlinks resolved, so it matches the file:// URLs the browser reports).
    var root: URL

    /// Output-relative paths of every generated HTML page, sorted.
    var pages: [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".html") }.sorted()
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// Builds the seed site (with `siteYAMLExtra` appended to its site.yml),
    /// runs `body` with it, then removes it.
    static func withBuilt<T>(siteYAMLExtra: String? = nil, _ body: (SeedSite) throws -> T) throws -> T {
        try TestContent.withTemporaryDirectory { folder in
            let repository = TestContent.repositoryRoot()
            var content = repository.appendingPathComponent("Content")
            if let siteYAMLExtra {
                let copy = folder.appendingPathComponent("Content")
                try FileManager.default.copyItem(at: content, to: copy)
                let siteFile = copy.appendingPathComponent("site.yml")
                let text = try String(contentsOf: siteFile, encoding: .utf8)
                try (text + (text.hasSuffix("\n") ? "" : "\n") + siteYAMLExtra + "\n").write(
                    to: siteFile, atomically: true, encoding: .utf8)
                content = copy
            }
            let output = folder.appendingPathComponent("public")
            let builder = SiteBuilder(
                options: .init(
                    content: content, templates: repository.appendingPathComponent("Templates"), output: output))
            if case .failure(let failure) = builder.build() {
                throw TestContent.Failure(
                    "the seed site does not build:\n"
                        + failure.diagnostics.map(\.description).joined(separator: "\n"))
            }
            return try body(SeedSite(root: output))
        }
    }
}
