import Foundation
import SitegenTestSupport
import StoredCoding
import Testing

@testable import SitegenCore
@testable import SitegenPlan
@testable import SitegenStore

/// A rebuild renders the pages that read what an edit changed, as the
/// record of page reads says (`PageDependencies`): every page whose HTML
/// changes and few others, in memory and from the saved state alike.
@Suite("Rebuilds chosen by recorded reads")
struct RecordedDependencyRebuildTests {
    /// 40 articles a day apart, each quoting Hegseth, with a claim by Trump
    /// and a mention of Putin: enough for archive pages of each kind.
    private static func article(_ day: Int, body: String? = nil, title: String? = nil, date: String? = nil)
        -> String
    {
        TestContent.article(
            title: title ?? "Day \(day)",
            date: date ?? String(format: "2025-%02d-%02d", (day - 1) / 28 + 1, (day - 1) % 28 + 1),
            body: body ?? Self.body(day))
    }

    private static func body(_ day: Int) -> String {
        """
        On day \(day) [[Putin]] spoke.

        Hegseth said [“words of day \(day)”]{.quote by=Hegseth about=peace-talks}.

        [[Trump]] [claimed something on day \(day)]{.claim by=Trump about=nato-future}.

        """
    }

    private func withSite(_ body: (URL, URL, (String) -> URL) throws -> Void) throws {
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            var files = TestContent.cast
            for day in 1...40 { files[String(format: "articles/day-%02d.md", day)] = Self.article(day) }
            for (path, text) in files {
                let url = content.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            try body(content, root.appendingPathComponent("public")) { content.appendingPathComponent($0) }
        }
    }

    /// Every HTML page of an output folder.
    private func pages(_ output: URL) throws -> [String: Data] {
        var pages: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "html" else { continue }
            pages[String(url.path.dropFirst(output.path.count + 1))] = try Data(contentsOf: url)
        }
        return pages
    }

    static let edits: [(String, String)] = [
        ("prose", Self.article(20, body: Self.body(20) + "The weather was fine.\n")),
        ("quote words", Self.article(20, body: Self.body(20).replacingOccurrences(of: "words of", with: "talk of"))),
        (
            "speaker",
            Self.article(20, body: Self.body(20).replacingOccurrences(of: "quote by=Hegseth", with: "quote by=Trump"))
        ),
        (
            "topic",
            Self.article(
                20, body: Self.body(20).replacingOccurrences(of: "about=peace-talks", with: "about=nato-future"))
        ),
        ("title", Self.article(20, title: "A new title")),
        ("date", Self.article(20, date: "2025-03-20")),
        (
            "quote added",
            Self.article(20, body: Self.body(20) + "Putin said [“no”]{.quote by=Putin about=peace-talks}.\n")
        ),
        (
            "quote removed",
            Self.article(
                20, body: Self.body(20).replacingOccurrences(of: "{.quote by=Hegseth about=peace-talks}", with: ""))
        ),
        ("mention added", Self.article(20, body: Self.body(20) + "[[Hegseth]] listened.\n")),
        ("mention removed", Self.article(20, body: Self.body(20).replacingOccurrences(of: "[[Putin]]", with: "Putin"))),
    ]

    /// The pages a rebuild renders are every page whose HTML changed, and
    /// few more.
    @Test(arguments: edits.indices)
    func anEditRendersThePagesWhoseHTMLChanges(edit: Int) throws {
        let (label, text) = Self.edits[edit]
        try withSite { content, output, file in
            let session = BuildSession(
                options: .init(content: content, templates: TestContent.seedTemplates, output: output))
            _ = try session.build().get()
            let before = try pages(output)
            try text.write(to: file("articles/day-20.md"), atomically: true, encoding: .utf8)
            _ = try session.rebuild(changed: ["articles/day-20.md"]).get()
            let after = try pages(output)
            let rendered = Set(try #require(session.state).renderedPages.map(\.rawValue))
            let differing = Set(after.keys.filter { before[$0] != after[$0] })
            #expect(differing.isSubset(of: rendered), "\(label): missed \(differing.subtracting(rendered).sorted())")
            let extra = rendered.subtracting(differing)
            // A few pages read an entry that changed without showing the
            // change (a count that stayed in the same rank, a neighbour's
            // link). More would mean entries too coarse.
            #expect(extra.count <= 3 + differing.count / 4, "\(label): extra \(extra.sorted())")
            try TestContent.expectMatchesCleanBuild(content: content, output: output, label)
        }
    }

    /// A rebuild from the saved state renders the pages an in-memory
    /// rebuild does, also after a rebuild that only appended to the log
    /// (the log keeps what its pages read).
    @Test func theRecordSurvivesSavingAndLoading() throws {
        try withSite { content, output, file in
            let options = SiteBuilder.Options(content: content, templates: TestContent.seedTemplates, output: output)
            let inMemory = BuildSession(options: options)
            _ = try inMemory.buildReusingSavedState().get()
            let steps = [
                Self.article(
                    20, body: Self.body(20) + "Trump said [“we will see”]{.quote by=Trump about=peace-talks}.\n"),
                Self.article(
                    20, body: Self.body(20) + "Trump said [“we shall see”]{.quote by=Trump about=peace-talks}.\n"),
                Self.article(20, title: "A new title"),
            ]
            for (step, text) in steps.enumerated() {
                try text.write(to: file("articles/day-20.md"), atomically: true, encoding: .utf8)
                let fromDisk = BuildSession(options: options)
                let mode = try fromDisk.buildReusingSavedState().get().mode
                #expect(mode == .incremental(changedFiles: 1), "step \(step)")
                _ = try inMemory.rebuild(changed: ["articles/day-20.md"]).get()
                let expected = try #require(inMemory.state).renderedPages
                #expect(try #require(fromDisk.state).renderedPages == expected, "step \(step)")
                #expect(!expected.isEmpty)
            }
            try TestContent.expectMatchesCleanBuild(content: content, output: output, "after the steps")
        }
    }

    /// Readers of an entry that do not decode: the build starts over
    /// rather than leave out pages it cannot know of.
    @Test func aDamagedRecordMeansACleanBuild() throws {
        try withSite { content, output, file in
            let options = SiteBuilder.Options(content: content, templates: TestContent.seedTemplates, output: output)
            _ = try BuildSession(options: options).buildReusingSavedState().get()
            let stateURL = SavedBuild.location(for: output)
            var saved = try SavedBuild.read(from: stateURL).get()
            // The bucket of an entry the edit changes, as bytes no bucket
            // decodes from.
            var writer = BinaryWriter(sharesStrings: false)
            writer.write(1)
            writer.write(PageDependencies.bucket(of: .body(.article("day-20"))))
            writer.writePart([0x7f])
            var reader = try BinaryReader(writer.bytes, range: writer.bytes.indices, part: true)
            let readers = try reader.read(StoredMap<Int, [GraphEntry: Set<Int>]>.self)
            saved.dependencies = PageDependencies(paths: saved.dependencies.paths, readers: readers)
            try saved.write(to: stateURL)

            try Self.article(20, body: Self.body(20) + "The weather was fine.\n").write(
                to: file("articles/day-20.md"), atomically: true, encoding: .utf8)
            let mode = try BuildSession(options: options).buildReusingSavedState().get().mode
            guard case .clean(let reason) = mode else {
                Issue.record("built from the damaged record: \(mode)")
                return
            }
            #expect(reason.hasPrefix("saved state is damaged (") && reason.hasSuffix("does not decode)"), "\(reason)")
            try TestContent.expectMatchesCleanBuild(content: content, output: output, "after the damaged record")
        }
    }
}
