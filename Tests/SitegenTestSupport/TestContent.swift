import Foundation

/// Helpers every test target shares: the repository and its seed site,
/// temporary folders, content folders made from a dictionary, front matter
/// documents and text helpers. Pipeline shortcuts, which need sitegen's
/// internals, are an extension in SitegenCoreTests.
public enum TestContent {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    // MARK: Locations

    /// This file's path, taken here: a `#filePath` default argument would
    /// be the caller's.
    private static let supportFile = #filePath

    /// The package root, found from this file's path
    /// (`<root>/Tests/SitegenTestSupport/TestContent.swift`).
    public static func repositoryRoot() -> URL {
        var url = URL(fileURLWithPath: supportFile)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }

    public static var seedContent: URL { repositoryRoot().appendingPathComponent("Content") }
    public static var seedTemplates: URL { repositoryRoot().appendingPathComponent("Templates") }

    // MARK: Temporary folders

    /// Runs `body` with a fresh, empty folder that is removed afterwards
    /// (also when `body` throws).
    public static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let url = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }

    /// The same, for async work (a server's tests).
    public static func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let url = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        return try await body(url)
    }

    private static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitegen-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        // Resolve symlinks (e.g. /tmp on some systems) so path comparisons hold.
        return url.resolvingSymlinksInPath()
    }

    /// Writes `files` (content-relative path → text) into `folder`.
    public static func write(_ files: [String: String], into folder: URL) throws {
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// Writes raw bytes at `path` below `folder`.
    public static func write(_ data: Data, at path: String, into folder: URL) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Runs `body` with a temporary content folder holding `files`.
    public static func withContentFolder<T>(_ files: [String: String], _ body: (URL) throws -> T) throws -> T {
        try withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
            try write(files, into: content)
            return try body(content)
        }
    }

    /// Every regular file below `folder` (hidden ones included), relative path → bytes.
    public static func snapshot(_ folder: URL) -> [String: Data] {
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

    /// Copies a folder recursively.
    public static func copyFolder(_ source: URL, to destination: URL) throws {
        try FileManager.default.copyItem(at: source, to: destination)
    }

    // MARK: Front matter documents

    public static func actor(
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

    public static func topic(title: String, aliases: [String] = [], summary: String? = nil, body: String = "") -> String
    {
        var lines = ["---", "title: \(title)"]
        if !aliases.isEmpty { lines.append("aliases: [\(aliases.joined(separator: ", "))]") }
        if let summary { lines.append("summary: \(summary)") }
        lines.append("---")
        return lines.joined(separator: "\n") + "\n" + body
    }

    /// An article whose body starts on file line 5.
    public static func article(title: String = "An article", date: String = "2025-02-13", body: String) -> String {
        "---\ntitle: \"\(title)\"\ndate: \(date)\n---\n" + body
    }

    /// File line on which an `article(...)` body starts.
    public static let articleBodyFirstLine = 5

    /// A small cast used by several suites.
    public static let cast: [String: String] = [
        "actors/pete-hegseth.md": actor(
            name: "Pete Hegseth", role: "US Secretary of Defence", affiliation: "united-states", aliases: ["Hegseth"]),
        "actors/donald-trump.md": actor(name: "Donald Trump", affiliation: "United States", aliases: ["Trump"]),
        "actors/vladimir-putin.md": actor(name: "Vladimir Putin", aliases: ["Putin"]),
        "actors/united-states.md": actor(name: "United States", kind: "country", aliases: ["US", "USA"]),
        "topics/peace-talks.md": topic(title: "Peace negotiations", aliases: ["peace talks", "negotiated peace"]),
        "topics/nato-future.md": topic(title: "The future of NATO"),
    ]

    // MARK: Text helpers

    /// 1-based line and column (in Unicode scalars) of the first `needle` in `text`.
    public static func position(of needle: String, in text: String) -> (line: Int, column: Int)? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: needle) {
                return (index + 1, line[..<range.lowerBound].unicodeScalars.count + 1)
            }
        }
        return nil
    }

    /// All non-overlapping matches of `pattern`'s first capture group in `text`.
    public static func captures(_ pattern: String, in text: String, group: Int = 1) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: []) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            guard let captured = Range(match.range(at: group), in: text) else { return nil }
            return String(text[captured])
        }
    }

    /// Occurrences of `needle` in `text`.
    public static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}
