import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenCore
@testable import SitegenLink
@testable import SitegenLoad
@testable import SitegenParse
@testable import SitegenPlan
@testable import SitegenRender
@testable import SitegenResolve
@testable import SitegenWrite

/// Test shortcuts that need sitegen's internals: output folders compared
/// with a clean build, and the stages up to resolve on a content folder.
extension TestContent {
    /// `snapshot` of an output folder with its manifest's file stamps left
    /// out: they say when and where on this disk each file was written,
    /// which differs between two folders holding the same site.
    static func siteSnapshot(_ output: URL) -> [String: Data] {
        var files = snapshot(output)
        let marker = OutputLocation.manifestName
        if let manifest = OutputManifest(contentsOf: output.appendingPathComponent(marker)) {
            files[marker] = Data(
                manifest.entries.sorted { $0.key < $1.key }.map { OutputManifest.line($0.key, $0.value, nil) }
                    .joined().utf8)
        }
        return files
    }

    /// How an output folder differs from a clean build's: files only one
    /// has, files whose bytes differ, and manifest entries that disagree
    /// (the manifest itself may hold a rebuild's appended lines).
    static func differences(_ output: URL, from clean: URL) -> [String] {
        let marker = OutputLocation.manifestName
        var rebuilt = snapshot(output)
        var expected = snapshot(clean)
        let manifests = [output, clean].map {
            OutputManifest(contentsOf: $0.appendingPathComponent(marker))?.entries ?? [:]
        }
        let disagreeing = Set(manifests[0].keys).union(manifests[1].keys).filter {
            manifests[0][$0] != manifests[1][$0]
        }
        rebuilt[marker] = nil
        expected[marker] = nil
        let paths = Set(rebuilt.keys).union(expected.keys)
        return
            (paths.filter { rebuilt[$0] != expected[$0] }.map { "file \($0)" }
            + disagreeing.map { "manifest \($0)" }).sorted()
    }

    /// Builds `content` with the seed theme from scratch into a new folder
    /// beside `output`, and expects `output` to hold the same site.
    static func expectMatchesCleanBuild(
        content: URL, templates: URL = seedTemplates, output: URL, _ label: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let clean = output.deletingLastPathComponent().appendingPathComponent("clean-\(UUID().uuidString)")
        _ = try SiteBuilder(options: .init(content: content, templates: templates, output: clean)).build().get()
        let found = differences(output, from: clean)
        #expect(found.isEmpty, "\(label): \(found.prefix(5))", sourceLocation: sourceLocation)
    }

    /// Runs `body` with a build session over a content folder made from
    /// `files`, built once with the seed theme: for tests that edit a file,
    /// rebuild and compare with a clean build.
    static func withBuiltSession(
        _ files: [String: String], _ body: (_ session: BuildSession, _ content: URL, _ output: URL) throws -> Void
    ) throws {
        try withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            try write(files, into: content)
            let output = root.appendingPathComponent("public")
            let session = BuildSession(options: .init(content: content, templates: seedTemplates, output: output))
            guard case .success = session.build() else { throw Failure("first build failed") }
            try body(session, content, output)
        }
    }

    /// Builds a content folder made from `files` with the seed theme; the
    /// text files it wrote (HTML, JSON, XML) by path.
    static func builtPages(_ files: [String: String]) throws -> [String: String] {
        try withContentFolder(files) { content in
            let output = content.deletingLastPathComponent().appendingPathComponent("out-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: output) }
            return try builtPages(content: content, output: output)
        }
    }

    /// The seed site built; its text files by path.
    static func builtSeedPages() throws -> [String: String] {
        try withTemporaryDirectory { root in
            try builtPages(content: seedContent, output: root.appendingPathComponent("public"))
        }
    }

    private static func builtPages(content: URL, output: URL) throws -> [String: String] {
        _ = try SiteBuilder(options: .init(content: content, templates: seedTemplates, output: output)).build().get()
        var pages: [String: String] = [:]
        for (path, data) in snapshot(output)
        where path.hasSuffix(".html") || path.hasSuffix(".json") || path.hasSuffix(".xml") {
            pages[path] = String(decoding: data, as: UTF8.self)
        }
        return pages
    }

    // MARK: Pipeline shortcuts

    /// Every page of `plan` rendered with the seed theme, and what each read.
    static func render(_ plan: PagePlan, of graph: SiteGraph) throws -> (
        html: [OutputPath: String], dependencies: PageDependencies
    ) {
        let renderer = PageRenderer(graph: graph, templates: try TemplateSet.load(from: seedTemplates).get())
        var html: [OutputPath: String] = [:]
        var dependencies = PageDependencies()
        for page in plan.pages {
            let reads = PageReads()
            html[page.path] = renderer.render(page, recording: reads)
            dependencies.record(reads.entries, for: page.path)
        }
        return (html, dependencies)
    }

    struct Pipeline {
        var loaded: ContentLoader.Output
        var parsed: ParsedSite
        var resolved: ResolvedSite

        /// Every diagnostic from load, parse and resolve, as a build reports
        /// them: "never mentioned" only when there is no error.
        var diagnostics: [Diagnostic] {
            let found = loaded.diagnostics + parsed.diagnostics + resolved.diagnostics
            return found.hasErrors ? found : found + resolved.unreferenced
        }
        var errors: [Diagnostic] { diagnostics.errors }
        var graph: SiteGraph { Linker().link(resolved) }
    }

    /// Loads, parses and resolves a content folder made from `files`.
    static func pipeline(_ files: [String: String], includeDrafts: Bool = false) throws -> Pipeline {
        try withContentFolder(files) { folder in
            let loaded = ContentLoader(includeDrafts: includeDrafts).load(from: folder)
            let parsed = ParsedSite.parse(loaded.content)
            let resolved = Resolver().resolve(parsed)
            return Pipeline(loaded: loaded, parsed: parsed, resolved: resolved)
        }
    }

    /// Two actors and a topic, for following one article's change through
    /// the stages' states.
    static func twoActorsAndATopic(siteTitle: String) -> [String: String] {
        [
            "site.yml": "title: \(siteTitle)\n",
            "actors/pete-hegseth.md": actor(name: "Pete Hegseth", aliases: ["Hegseth"]),
            "actors/donald-trump.md": actor(name: "Donald Trump", aliases: ["Trump"]),
            "topics/peace-talks.md": topic(title: "Peace negotiations", aliases: ["peace talks"]),
        ]
    }
}

extension PlanState.OptionalPages {
    /// Every page a theme may leave out, made: as with the built-in theme.
    static let every = PlanState.OptionalPages(notFound: true, search: true, connections: true, timeline: true)
}
