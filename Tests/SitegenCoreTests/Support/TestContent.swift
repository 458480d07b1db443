import Foundation
import Testing

@testable import SitegenCore

/// Helpers shared by the test suites: temporary folders, content folders
/// made from a dictionary, the repository root, and pipeline shortcuts.
enum TestContent {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    // MARK: Locations

    /// The package root, found from this file's path
    /// (`<root>/Tests/SitegenCoreTests/Support/TestContent.swift`).
    static func repositoryRoot(filePath: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }

    static var seedContent: URL { repositoryRoot().appendingPathComponent("Content") }
    static var seedTemplates: URL { repositoryRoot().appendingPathComponent("Templates") }

    // MARK: Temporary folders

    /// Runs `body` with a fresh, empty folder that is removed afterwards
    /// (also when `body` throws).
    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitegen-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        // Resolve symlinks (e.g. /tmp on some systems) so path comparisons hold.
        return try body(url.resolvingSymlinksInPath())
    }

    /// Writes `files` (content-relative path → text) into `folder`.
    static func write(_ files: [String: String], into folder: URL) throws {
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// Writes raw bytes at `path` below `folder`.
    static func write(_ data: Data, at path: String, into folder: URL) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Runs `body` with a temporary content folder holding `files`.
    static func withContentFolder<T>(_ files: [String: String], _ body: (URL) throws -> T) throws -> T {
        try withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
            try write(files, into: content)
            return try body(content)
        }
    }

    /// Every regular file below `folder` (hidden ones included), relative path → bytes.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let root = folder.resolvingSymlinksInPath().standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [:] }
        for case let relative as String in enumerator {
            let path = root + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            result[relative] = FileManager.default.contents(atPath: path) ?? Data()
        }
        return result
    }

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
        content: URL, output: URL, _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let clean = output.deletingLastPathComponent().appendingPathComponent("clean-\(UUID().uuidString)")
        _ = try SiteBuilder(options: .init(content: content, templates: seedTemplates, output: clean)).build().get()
        let found = differences(output, from: clean)
        #expect(found.isEmpty, "\(label): \(found.prefix(5))", sourceLocation: sourceLocation)
    }

    /// Copies a folder recursively.
    static func copyFolder(_ source: URL, to destination: URL) throws {
        try FileManager.default.copyItem(at: source, to: destination)
    }

    // MARK: Front matter documents

    static func actor(
        name: String, kind: String = "person", role: String? = nil, affiliation: String? = nil,
        aliases: [String] = [], body: String = ""
    ) -> String {
        var lines = ["---", "name: \(name)", "kind: \(kind)"]
        if let role { lines.append("role: \(role)") }
        if let affiliation { lines.append("affiliation: \(affiliation)") }
        if !aliases.isEmpty { lines.append("aliases: [\(aliases.joined(separator: ", "))]") }
        lines.append("---")
        return lines.joined(separator: "\n") + "\n" + body
    }

    static func topic(title: String, aliases: [String] = [], summary: String? = nil, body: String = "") -> String {
        var lines = ["---", "title: \(title)"]
        if !aliases.isEmpty { lines.append("aliases: [\(aliases.joined(separator: ", "))]") }
        if let summary { lines.append("summary: \(summary)") }
        lines.append("---")
        return lines.joined(separator: "\n") + "\n" + body
    }

    /// An article whose body starts on file line 5.
    static func article(title: String = "An article", date: String = "2025-02-13", body: String) -> String {
        "---\ntitle: \"\(title)\"\ndate: \(date)\n---\n" + body
    }

    /// File line on which an `article(...)` body starts.
    static let articleBodyFirstLine = 5

    /// A small cast used by several suites.
    static let cast: [String: String] = [
        "actors/pete-hegseth.md": actor(
            name: "Pete Hegseth", role: "US Secretary of Defence", affiliation: "united-states", aliases: ["Hegseth"]),
        "actors/donald-trump.md": actor(name: "Donald Trump", affiliation: "United States", aliases: ["Trump"]),
        "actors/vladimir-putin.md": actor(name: "Vladimir Putin", aliases: ["Putin"]),
        "actors/united-states.md": actor(name: "United States", kind: "country", aliases: ["US", "USA"]),
        "topics/peace-talks.md": topic(title: "Peace negotiations", aliases: ["peace talks", "negotiated peace"]),
        "topics/nato-future.md": topic(title: "The future of NATO"),
    ]

    // MARK: Pipeline shortcuts

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

    // MARK: Text helpers

    /// 1-based line and column (in Unicode scalars) of the first `needle` in `text`.
    static func position(of needle: String, in text: String) -> (line: Int, column: Int)? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: needle) {
                return (index + 1, line[..<range.lowerBound].unicodeScalars.count + 1)
            }
        }
        return nil
    }

    /// All non-overlapping matches of `pattern`'s first capture group in `text`.
    static func captures(_ pattern: String, in text: String, group: Int = 1) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: []) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            guard let captured = Range(match.range(at: group), in: text) else { return nil }
            return String(text[captured])
        }
    }

    /// Occurrences of `needle` in `text`.
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}
