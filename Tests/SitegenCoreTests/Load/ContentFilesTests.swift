import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore
@testable import SitegenLoad

/// The rule for what is content, on real folders: what a walk lists, what
/// it refuses and why, and that single paths are judged the same way.
@Suite("Content files: the admission rule")
struct ContentFilesTests {
    private func link(_ path: String, in folder: URL, to target: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    private func refusals(_ listing: ContentFiles.Listing) -> [String: ContentFiles.Refusal] {
        Dictionary(uniqueKeysWithValues: listing.refused.map { ($0.path, $0.refusal) })
    }

    @Test func onlySourcesAreListedAndHiddenFilesAreNot() throws {
        try TestContent.withContentFolder([
            "site.yml": "title: t\n", "articles/a.md": "a", "articles/.draft.md": "hidden",
            "articles/notes.txt": "not markdown", "actors/b.md": "b", "topics/c.md": "c",
            "assets/img/logo.png": "png", "assets/.DS_Store": "junk", "notes/x.md": "not a content folder",
            "README.md": "not content",
        ]) { folder in
            let listing = ContentFiles(folder: folder).list()
            #expect(
                listing.files.map(\.path) == [
                    "actors/b.md", "articles/a.md", "assets/img/logo.png", "site.yml", "topics/c.md",
                ])
            #expect(listing.refused.isEmpty)
        }
    }

    /// Names are read from the directory's records in place, up to their
    /// end: the shortest, the longest a file system allows (255 bytes) and
    /// names with multi-byte characters, in a folder big enough to take
    /// several reads of records.
    @Test func namesOfEveryLengthAreReadWhole() throws {
        let long = String(repeating: "l", count: 252) + ".md"
        var files = [
            "site.yml": "title: t\n", "articles/a.md": "a", "articles/\(long)": "long", "articles/é-ü.md": "u",
        ]
        for number in 0..<600 { files["articles/n\(number)-\(String(repeating: "x", count: number % 200)).md"] = "n" }
        try TestContent.withContentFolder(files) { folder in
            let listed = ContentFiles(folder: folder).list().files.map(\.path)
            #expect(listed == files.keys.sorted())
            #expect(listed.contains("articles/\(long)") && listed.contains("articles/é-ü.md"))
        }
    }

    @Test func linksInsideAreFollowedAndLinksOutLoopsAndPipesAreRefused() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = root.appendingPathComponent("Content")
            try TestContent.write(
                ["Content/common/a.md": "a", "Content/images/x.png": "x", "outside/secret.md": "secret"], into: root)
            try link("articles/a.md", in: folder, to: "../common/a.md")
            try link("assets/pictures", in: folder, to: "../images")
            try link("articles/secret.md", in: folder, to: root.appendingPathComponent("outside/secret.md").path)
            try link("articles/gone.md", in: folder, to: "nowhere.md")
            // A loop through two links, neither an ancestor of itself: device and inode catch it.
            try link("assets/there", in: folder, to: "../elsewhere")
            try link("elsewhere/back", in: folder, to: "../assets")
            try link("assets/up", in: folder, to: "..")
            #expect(mkfifo(folder.appendingPathComponent("assets/pipe").path, 0o600) == 0)

            let files = ContentFiles(folder: folder)
            let listing = files.list()
            #expect(listing.files.map(\.path) == ["articles/a.md", "assets/pictures/x.png"])
            #expect(listing.files.first?.url.path == folder.appendingPathComponent("common/a.md").path)
            #expect(
                refusals(listing) == [
                    "articles/secret.md": .outside, "articles/gone.md": .dangling, "assets/up": .loop,
                    "assets/there/back": .loop, "assets/pipe": .notRegularFile,
                ])
            // One path at a time, the same verdicts; reading a pipe does not wait on it.
            #expect(files.admit("articles/secret.md").map(\.path) == .failure(.outside))
            #expect(files.read("assets/pipe").map(\.count) == .failure(.notRegularFile))
            #expect(files.admit("assets/up/articles/a.md").map(\.path) == .failure(.loop))
            #expect(files.admit("articles/../../outside/secret.md").map(\.path) == .failure(.missing))
            #expect(try files.read("articles/a.md").get() == Data("a".utf8))
            #expect(files.diagnostic(.outside, at: "articles/secret.md").location?.file == "articles/secret.md")
        }
    }

    @Test func nestedArticlesAreRefusedWithWhereToMoveThem() throws {
        try TestContent.withContentFolder(["articles/2025/02/x.md": "x", "articles/2025/photo.png": "p"]) { folder in
            let files = ContentFiles(folder: folder)
            let listing = files.list()
            #expect(refusals(listing) == ["articles/2025/02/x.md": .nested(folder: "articles")])
            let diagnostic = files.diagnostic(.nested(folder: "articles"), at: "articles/2025/02/x.md")
            #expect(diagnostic.notes.first?.hasPrefix("move it to articles/x.md") == true)
        }
    }

    @Test func theThemeFollowsTheSameRules() throws {
        try TestContent.withTemporaryDirectory { root in
            let theme = root.appendingPathComponent("Theme")
            try TestContent.write(
                ["Theme/layout.mustache": "x", "Theme/static/style.css": "c", "Theme/notes.txt": "n"], into: root)
            try link("static/loop", in: theme, to: "..")
            let listing = ContentFiles(folder: theme, layout: .templates).list()
            #expect(listing.files.map(\.path) == ["layout.mustache", "static/style.css"])
            #expect(refusals(listing) == ["static/loop": .loop])
        }
    }

    @Test func diagnosticSourcesReadOnlyAdmittedFiles() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            let theme = root.appendingPathComponent("Theme")
            try TestContent.write(
                [
                    "Content/articles/a.md": "line one\r\nline two\n", "Theme/page.mustache": "{{x}}\n",
                    "outside.md": "SECRET\n",
                ], into: root)
            try link("articles/out.md", in: content, to: root.appendingPathComponent("outside.md").path)
            try link("out.mustache", in: theme, to: root.appendingPathComponent("outside.md").path)
            let sources = DiagnosticSources(content: content, templates: theme, documents: ["<stdin>": "typed"])
            #expect(sources.text(of: "articles/a.md") == "line one\nline two\n")
            #expect(sources.text(of: "Theme/page.mustache") == "{{x}}\n")
            #expect(sources.text(of: "<stdin>") == "typed")
            for refused in [
                "articles/out.md", "Theme/out.mustache", root.appendingPathComponent("outside.md").path,
                "../outside.md", "articles/../../outside.md",
            ] {
                #expect(sources.text(of: refused) == nil, "\(refused)")
            }
        }
    }
}
