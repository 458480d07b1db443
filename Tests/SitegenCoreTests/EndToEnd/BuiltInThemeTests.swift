import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore
@testable import SitegenLoad
@testable import SitegenRender

/// The default theme inside the binary: it is the repository's `Templates/`
/// byte for byte, a site's `Templates/` overrides it file by file,
/// `--templates` names a whole theme, and `sitegen theme export` writes it out.
@Suite("built-in theme")
struct BuiltInThemeTests {
    /// The seed content built with the repository's `Templates/` as a whole theme.
    static func seedBuild(into output: URL) throws {
        _ = try SiteBuilder(
            options: .init(content: TestContent.seedContent, templates: TestContent.seedTemplates, output: output)
        ).build().get()
    }

    @Test("the embedded files are the repository's Templates/, byte for byte")
    func embeddedFilesAreTheTemplatesFolder() throws {
        let listing = ContentFiles(folder: TestContent.seedTemplates, layout: .templates).list()
        var onDisk: [String: Data] = [:]
        for file in listing.files { onDisk[file.path] = try Data(contentsOf: file.url) }
        let embedded = Dictionary(uniqueKeysWithValues: BuiltInTheme.files.map { ($0.path, $0.contents) })
        #expect(!embedded.isEmpty)
        #expect(embedded.keys.sorted() == onDisk.keys.sorted())
        for (path, contents) in onDisk { #expect(embedded[path] == contents, "\(path) differs") }
        #expect(embedded["layout.mustache"] != nil && embedded["static/style.css"] != nil)
    }

    @Test("the built-in theme and --templates Templates build byte-identical sites")
    func builtInMatchesTemplatesFolder() throws {
        try TestContent.withTemporaryDirectory { folder in
            let fromFolder = folder.appendingPathComponent("folder")
            let builtIn = folder.appendingPathComponent("built-in")
            try Self.seedBuild(into: fromFolder)
            // No overrides folder at all: the built-in theme alone.
            _ = try SiteBuilder(
                options: .init(
                    content: TestContent.seedContent, templates: folder.appendingPathComponent("Templates"),
                    output: builtIn, builtInTheme: true)
            ).build().get()
            let expected = TestContent.siteSnapshot(fromFolder)
            #expect(expected.keys.contains { $0.hasPrefix("static/style.") })
            #expect(TestContent.siteSnapshot(builtIn) == expected)
        }
    }

    @Test("sitegen build with no Templates/ and no --templates works from an empty folder")
    func buildFromEmptyFolder() throws {
        try TestContent.withTemporaryDirectory { folder in
            let site = folder.appendingPathComponent("site")
            try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
            let run = try SitegenBinary.run(["build", "--content", TestContent.seedContent.path], in: site)
            #expect(run.status == 0, "\(run.err)")
            let expected = folder.appendingPathComponent("expected")
            try Self.seedBuild(into: expected)
            let built = TestContent.siteSnapshot(site.appendingPathComponent("public"))
            #expect(!built.isEmpty)
            #expect(built == TestContent.siteSnapshot(expected))
            // Nothing but the output (and its state) was written into the folder.
            let names = try FileManager.default.contentsOfDirectory(atPath: site.path)
            #expect(!names.contains("Templates"))
        }
    }

    @Test("a site's Templates/layout.mustache replaces the built-in layout; the rest stay built-in")
    func overrideOneTemplate() throws {
        try TestContent.withTemporaryDirectory { folder in
            let layout = try #require(BuiltInTheme.files.first { $0.path == "layout.mustache" })
            let text = String(decoding: layout.contents, as: UTF8.self)
            let marked = text.replacingOccurrences(of: "<body", with: "<!-- site layout --><body")
            #expect(marked != text)
            try TestContent.write(["Templates/layout.mustache": marked], into: folder)
            let run = try SitegenBinary.run(["build", "--content", TestContent.seedContent.path], in: folder)
            #expect(run.status == 0, "\(run.err)")
            let output = folder.appendingPathComponent("public")
            let built = TestContent.siteSnapshot(output)
            let home = String(decoding: built["index.html"] ?? Data(), as: UTF8.self)
            #expect(home.contains("<!-- site layout -->"))
            // Pages and static files the site did not override come from the built-in theme.
            let expected = folder.appendingPathComponent("expected")
            try Self.seedBuild(into: expected)
            let plain = TestContent.siteSnapshot(expected)
            let staticFiles = plain.keys.filter { $0.hasPrefix("static/") }
            #expect(!staticFiles.isEmpty)
            for path in staticFiles { #expect(built[path] == plain[path], "\(path)") }
            let withoutMarker = String(decoding: built["index.html"] ?? Data(), as: UTF8.self)
                .replacingOccurrences(of: "<!-- site layout -->", with: "")
            #expect(withoutMarker == String(decoding: plain["index.html"] ?? Data(), as: UTF8.self))
        }
    }

    @Test("an error in an overriding template names the site's file and line")
    func errorInOverrideNamesIt() throws {
        try TestContent.withTemporaryDirectory { folder in
            try TestContent.write(
                ["Templates/home.mustache": "{{<layout}}\n{{$content}}\n{{#broken}}\n{{/content}}{{/layout}}\n"],
                into: folder)
            let run = try SitegenBinary.run(["build", "--content", TestContent.seedContent.path], in: folder)
            #expect(run.status == 1)
            #expect(run.err.contains("Templates/home.mustache:4:"), "\(run.err)")
            #expect(!run.err.contains("built-in theme/"))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("public").path))

            let missing = try SitegenBinary.run(
                ["check", "--content", TestContent.seedContent.path, "--format", "json"], in: folder)
            #expect(missing.status == 1)
            #expect(missing.out.contains("Templates/home.mustache"))
        }
    }

    @Test("theme export writes the built-in theme, which --templates then builds identically; it never overwrites")
    func exportRoundTrips() throws {
        try TestContent.withTemporaryDirectory { folder in
            let export = try SitegenBinary.run(["theme", "export", "mine"], in: folder)
            #expect(export.status == 0, "\(export.err)")
            #expect(export.out.contains("mine/layout.mustache"))
            #expect(export.out.contains("mine/static/style.css"))
            let written = TestContent.snapshot(folder.appendingPathComponent("mine"))
            #expect(written.count == BuiltInTheme.files.count)
            for file in BuiltInTheme.files { #expect(written[file.path] == file.contents, "\(file.path)") }

            let build = try SitegenBinary.run(
                ["build", "--content", TestContent.seedContent.path, "--templates", "mine", "--output", "a"], in: folder
            )
            #expect(build.status == 0, "\(build.err)")
            let builtIn = try SitegenBinary.run(
                ["build", "--content", TestContent.seedContent.path, "--output", "b"], in: folder)
            #expect(builtIn.status == 0, "\(builtIn.err)")
            let fromExport = TestContent.siteSnapshot(folder.appendingPathComponent("a"))
            #expect(!fromExport.isEmpty)
            #expect(fromExport == TestContent.siteSnapshot(folder.appendingPathComponent("b")))

            // A second export into the same (now full) folder is refused and changes nothing.
            try TestContent.write(["mine/layout.mustache": "mine"], into: folder)
            let again = try SitegenBinary.run(["theme", "export", "mine"], in: folder)
            #expect(again.status == 3)
            #expect(again.err.contains("not empty"))
            let layout = try String(contentsOf: folder.appendingPathComponent("mine/layout.mustache"), encoding: .utf8)
            #expect(layout == "mine")
            // An empty folder is fine.
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent("empty"), withIntermediateDirectories: true)
            #expect(try SitegenBinary.run(["theme", "export", "empty"], in: folder).status == 0)
        }
    }

    @Test("adding an override after a build with the built-in theme rebuilds from scratch with it")
    func addingOverrideRebuilds() throws {
        try TestContent.withTemporaryDirectory { folder in
            let first = try SitegenBinary.run(
                ["build", "--content", TestContent.seedContent.path, "--stats"], in: folder)
            #expect(first.status == 0, "\(first.err)")
            try TestContent.write(["Templates/statement.mustache": "<p class=\"mine\">{{text}}</p>\n"], into: folder)
            let second = try SitegenBinary.run(
                ["build", "--content", TestContent.seedContent.path, "--stats"], in: folder)
            #expect(second.status == 0, "\(second.err)")
            #expect(second.err.contains("from scratch") || second.out.contains("from scratch"), "\(second.err)")
            let actor = try String(
                contentsOf: folder.appendingPathComponent("public/actors/pete-hegseth.html"), encoding: .utf8)
            #expect(actor.contains("class=\"mine\""))
        }
    }
}
