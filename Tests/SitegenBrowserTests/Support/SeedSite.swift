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

    /// An article with every kind of picture (a figure, an image in a
    /// sentence, a decorative one, a link to a file), a correction and a
    /// rated claim, added to the seed site with `withPictures`: the seed
    /// article has none of them.
    static let picturesArticle = """
        ---
        title: Pictures on the page
        date: 2025-02-14
        summary: A page of pictures, for tests.
        corrections:
          - {date: 2025-02-15, text: "An earlier version showed the wrong photograph."}
        ---

        ![A grey test photograph](assets/test/photo.png){.figure caption="A test photograph" credit="Photo: sitegen tests"}

        [[Ukraine]]'s flag ![Flag of Ukraine](../assets/flags/ukraine.svg) sits in this sentence, beside [the photograph's file](assets/test/photo.png).

        ![](assets/flags/poland.svg){.decorative}

        The test desk rated a claim: [[Ukraine]] [would never give up its territory]{.claim by=ukraine about=territory rating=mostly-true rating_note="A test rating"}.
        """

    /// Builds the seed site (with `siteYAMLExtra` appended to its site.yml,
    /// and with `picturesArticle` when `withPictures`), runs `body` with it,
    /// then removes it.
    static func withBuilt<T>(
        siteYAMLExtra: String? = nil, withPictures: Bool = false, _ body: (SeedSite) throws -> T
    ) throws -> T {
        try TestContent.withTemporaryDirectory { folder in
            let repository = TestContent.repositoryRoot()
            var content = repository.appendingPathComponent("Content")
            if siteYAMLExtra != nil || withPictures {
                let copy = folder.appendingPathComponent("Content")
                try FileManager.default.copyItem(at: content, to: copy)
                content = copy
            }
            if let siteYAMLExtra {
                let siteFile = content.appendingPathComponent("site.yml")
                let text = try String(contentsOf: siteFile, encoding: .utf8)
                try (text + (text.hasSuffix("\n") ? "" : "\n") + siteYAMLExtra + "\n").write(
                    to: siteFile, atomically: true, encoding: .utf8)
            }
            if withPictures {
                try TestContent.write(["articles/pictures.md": Self.picturesArticle], into: content)
                try TestContent.write(TestImages.png(width: 64, height: 48), at: "assets/test/photo.png", into: content)
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
