import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenCore
@testable import SitegenParse
@testable import SitegenStore
@testable import SitegenWrite

/// `sitegen build` from the state the previous build saved: only changed
/// articles are redone, and the output is what a clean build makes.
@Suite("Build from saved state")
struct SavedStateBuildTests {
    private struct Site {
        var root: URL
        var content: URL { root.appendingPathComponent("Content") }
        var output: URL { root.appendingPathComponent("public") }
        var state: URL { SavedBuild.location(for: output) }
        var article: String

        var options: SiteBuilder.Options {
            .init(content: content, templates: TestContent.seedTemplates, output: output)
        }

        /// A build as the command line runs it: a new session each time.
        func build(clean: Bool = false) throws -> (report: SiteBuilder.Report, mode: BuildMode) {
            try BuildSession(options: options).buildReusingSavedState(clean: clean).get()
        }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let url = content.appendingPathComponent(path)
            let text = try String(contentsOf: url, encoding: .utf8)
            let changed = change(text)
            #expect(changed != text, "the edit must change \(path)")
            try changed.write(to: url, atomically: true, encoding: .utf8)
        }

        func expectMatchesCleanBuild(_ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        {
            try TestContent.expectMatchesCleanBuild(
                content: content, output: output, label, sourceLocation: sourceLocation)
        }
    }

    private func withSite(_ body: (Site) throws -> Void) throws {
        try TestContent.withTemporaryDirectory { root in
            try FileManager.default.copyItem(at: TestContent.seedContent, to: root.appendingPathComponent("Content"))
            let articles = try FileManager.default.contentsOfDirectory(
                atPath: root.appendingPathComponent("Content/articles").path)
            let site = Site(root: root, article: "articles/" + (try #require(articles.first)))
            // Older than any scan, so no file counts as just changed.
            try Self.age(site.content)
            try body(site)
        }
    }

    /// Sets files' modification time an hour back (all of them by default).
    private static func age(_ folder: URL, only: [String]? = nil) throws {
        let past = Date().addingTimeInterval(-3600)
        for file in only ?? Array(TestContent.snapshot(folder).keys) {
            try FileManager.default.setAttributes(
                [.modificationDate: past], ofItemAtPath: folder.appendingPathComponent(file).path)
        }
    }

    /// A one-off build renders article pages in batches, dropping each
    /// batch's bodies and keeping the statement items its pages made; a
    /// site big enough for several batches builds what a session that keeps
    /// every body builds, item for item.
    @Test func articlePagesInBatchesMatchABuildThatKeepsEveryBody() throws {
        var files = TestContent.cast
        for number in 0..<600 {
            let speaker = ["Hegseth", "Trump", "Putin"][number % 3]
            files["articles/day-\(number).md"] = TestContent.article(
                title: "Day \(number)", date: "2025-0\(1 + number % 9)-1\(number % 10)",
                body: """
                    [[Trump]] spoke to [[US]] about [[peace talks]].

                    \(speaker) said [“words \(number)”]{.quote by=\(speaker) about=peace-talks}, and \
                    [NATO will last \(number) years]{.claim by=Putin about=nato-future}.

                    """)
        }
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            let output = root.appendingPathComponent("public")
            try TestContent.write(files, into: content)
            let options = SiteBuilder.Options(content: content, templates: TestContent.seedTemplates, output: output)
            let report = try BuildSession(options: options).buildReusingSavedState(clean: true).get().report
            #expect(report.pageCounts["article"] == 600)
            try TestContent.expectMatchesCleanBuild(content: content, output: output, "600 articles")
        }
    }

    /// A template edit changes nearly every page: they are swapped in
    /// whole, the files that did not change (assets, data) stay the same
    /// files, and once the build returns nothing but the output and its
    /// state is left beside it (the old output is removed while the state
    /// is saved, and waited for).
    @Test func aTemplateEditSwapsTheSiteInAndLeavesNothingBesideIt() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            let templates = root.appendingPathComponent("Templates")
            let output = root.appendingPathComponent("public")
            try FileManager.default.copyItem(at: TestContent.seedContent, to: content)
            try FileManager.default.copyItem(at: TestContent.seedTemplates, to: templates)
            let options = SiteBuilder.Options(content: content, templates: templates, output: output)
            _ = try BuildSession(options: options).buildReusingSavedState().get()
            let graph = output.appendingPathComponent("data/graph.json").path
            let graphBefore = try #require(OutputStamp.of(graph))
            let layout = templates.appendingPathComponent("layout.mustache")
            let text = try String(contentsOf: layout, encoding: .utf8)
            #expect(text.contains("</footer>"))
            try text.replacingOccurrences(of: "</footer>", with: "<!-- edited --></footer>").write(
                to: layout, atomically: true, encoding: .utf8)

            let (report, mode) = try BuildSession(options: options).buildReusingSavedState().get()
            #expect(mode == .clean(reason: "templates changed"))
            #expect(report.written.written > report.written.unchanged && report.written.unchanged > 0)
            #expect(OutputStamp.of(graph)?.stamp == graphBefore.stamp, "an unchanged file was written again")
            #expect(
                try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
                    .contains("<!-- edited --></footer>"))
            let beside = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
            #expect(beside == [".public.sitegen-state", "Content", "Templates", "public"])
            try TestContent.expectMatchesCleanBuild(
                content: content, templates: templates, output: output, "template edited")
        }
    }

    @Test func theFirstBuildSavesStateBesideTheOutputNotInIt() throws {
        try withSite { site in
            let (_, mode) = try site.build()
            #expect(mode == .clean(reason: "no previous output"))
            #expect(FileManager.default.fileExists(atPath: site.state.path))
            #expect(site.state.deletingLastPathComponent() == site.output.deletingLastPathComponent())
            #expect(site.state.lastPathComponent == ".public.sitegen-state")
        }
    }

    @Test func anEditedArticleIsRedoneAloneAndMatchesACleanBuild() throws {
        try withSite { site in
            _ = try site.build()
            try site.edit(site.article) {
                $0.replacingOccurrences(of: "“unrealistic”", with: "“quite unrealistic”")
                    + "\nA new paragraph names [[Putin]].\n"
            }
            let (_, mode) = try site.build()
            #expect(mode == .incremental(changedFiles: 1))
            try site.expectMatchesCleanBuild("article edited")
        }
    }

    @Test func aProseEditRendersOnlyItsArticle() throws {
        try withSite { site in
            _ = try site.build()
            try site.edit(site.article) { $0 + "\nA paragraph with no annotations.\n" }
            let report = try site.build().report
            #expect(report.files == 1)
            try site.expectMatchesCleanBuild("prose edited")
        }
    }

    @Test func editsAccumulateAgainstTheSavedBase() throws {
        try withSite { site in
            _ = try site.build()
            let stateBefore = try Data(contentsOf: site.state)
            for number in 1...3 {
                try site.edit(site.article) { $0 + "\nEdit \(number) mentions [[Zelenskyy]].\n" }
                let (_, mode) = try site.build()
                #expect(mode == .incremental(changedFiles: 1))
                try site.expectMatchesCleanBuild("edit \(number)")
            }
            // A small rebuild records its article in the log beside the state
            // rather than saving the whole state again.
            #expect(try Data(contentsOf: site.state) == stateBefore)
            let log = RecordedArticle.logLocation(for: site.state)
            #expect((try? RecordedArticle.read(from: log, header: SavedBuild.header).get())?.count == 3)
        }
    }

    @Test func aRevertedEditIsUndoneInTheOutput() throws {
        try withSite { site in
            _ = try site.build()
            let original = try String(contentsOf: site.content.appendingPathComponent(site.article), encoding: .utf8)
            try site.edit(site.article) { $0.replacingOccurrences(of: "[[Putin]]", with: "Putin") }
            _ = try site.build()
            try original.write(
                to: site.content.appendingPathComponent(site.article), atomically: true, encoding: .utf8)
            _ = try site.build()
            try site.expectMatchesCleanBuild("edit reverted")
        }
    }

    @Test func manyRecordedArticlesMeanTheStateIsSavedAgain() throws {
        try withSite { site in
            _ = try site.build()
            let log = RecordedArticle.logLocation(for: site.state)
            let files = (0...SavedBuild.recordsBeforeSaving).map { "articles/extra-\($0).md" }
            var articles: [String: String] = [:]
            for file in files { articles[file] = TestContent.article(title: file, body: "[[Hegseth]] again.") }
            try TestContent.write(articles, into: site.content)
            try Self.age(site.content, only: files)
            #expect(try site.build().mode == .incremental(changedFiles: files.count))
            #expect(!FileManager.default.fileExists(atPath: log.path))
            try site.edit(site.article) { $0 + "\nOne more.\n" }
            _ = try site.build()
            #expect((try? RecordedArticle.read(from: log, header: SavedBuild.header).get())?.count == 1)
            try site.expectMatchesCleanBuild("after saving again")
        }
    }

    @Test func nothingChangedRendersNothing() throws {
        try withSite { site in
            let first = try site.build().report
            let (report, mode) = try site.build()
            #expect(mode == .incremental(changedFiles: 0))
            #expect(report.files == 0)
            #expect(report.pages == first.pages)
        }
    }

    @Test func aNewAndADeletedArticleMatchACleanBuild() throws {
        try withSite { site in
            _ = try site.build()
            try TestContent.write(
                ["articles/a-new-one.md": TestContent.article(title: "New", body: "[[Hegseth]] spoke.")],
                into: site.content)
            #expect(try site.build().mode == .incremental(changedFiles: 1))
            try site.expectMatchesCleanBuild("article added")
            try FileManager.default.removeItem(at: site.content.appendingPathComponent("articles/a-new-one.md"))
            _ = try site.build()
            try site.expectMatchesCleanBuild("article deleted")
        }
    }

    @Test func otherChangesBuildFromScratch() throws {
        try withSite { site in
            _ = try site.build()
            try site.edit("actors/pete-hegseth.md") { $0 + "\nMore about him.\n" }
            #expect(try site.build().mode == .clean(reason: "not only articles changed"))
            try site.expectMatchesCleanBuild("actor edited")
        }
    }

    @Test func aStateThatCannotBeUsedMeansACleanBuild() throws {
        try withSite { site in
            _ = try site.build()
            var bytes = try Data(contentsOf: site.state)
            bytes[bytes.count / 2] ^= 0xff
            try bytes.write(to: site.state)
            #expect(try site.build().mode == .clean(reason: "saved state is damaged (graph fails its checksum)"))
            bytes = try Data(contentsOf: site.state)
            bytes.removeLast(10)
            try bytes.write(to: site.state)
            #expect(try site.build().mode == .clean(reason: "saved state is damaged (strings cut short)"))

            try site.edit(site.article) { $0 + "\nLogged.\n" }
            #expect(try site.build().mode == .incremental(changedFiles: 1))
            let log = RecordedArticle.logLocation(for: site.state)
            let logged = try Data(contentsOf: log)
            try logged.dropLast(3).write(to: log)
            #expect(try site.build().mode == .clean(reason: "saved state is damaged (log record 1 cut short)"))

            try Data("sitegen build state 0 another-program\n".utf8).write(to: site.state)
            #expect(try site.build().mode == .clean(reason: "saved state is from another sitegen"))

            var options = site.options
            options.includeDrafts = true
            let withDrafts = try BuildSession(options: options).buildReusingSavedState().get().mode
            #expect(withDrafts == .clean(reason: "options or folders differ from the last build"))

            #expect(try site.build(clean: true).mode == .clean(reason: "--clean"))
            try FileManager.default.removeItem(at: site.state)
            #expect(try site.build().mode == .clean(reason: "no saved state"))
            try FileManager.default.removeItem(at: site.output)
            #expect(try site.build().mode == .clean(reason: "no previous output"))
            try site.expectMatchesCleanBuild("after clean builds")
        }
    }

    @Test func aFailedBuildKeepsTheStateAndTheOutput() throws {
        try withSite { site in
            _ = try site.build()
            let before = TestContent.snapshot(site.output)
            let state = try Data(contentsOf: site.state)
            try site.edit(site.article) { $0 + "\n[[Nobody Known]]\n" }
            #expect(throws: BuildFailure.self) { try site.build() }
            #expect(TestContent.snapshot(site.output) == before)
            #expect(try Data(contentsOf: site.state) == state)
            try site.edit(site.article) { $0.replacingOccurrences(of: "\n[[Nobody Known]]\n", with: "") }
            _ = try site.build()
            try site.expectMatchesCleanBuild("after the error was fixed")
        }
    }

    /// The state goes to its file a few megabytes at a time; written in
    /// pieces of 256 bytes it is the same file.
    @Test func theStateIsTheSameWrittenInSmallPieces() throws {
        try withSite { site in
            let session = BuildSession(options: site.options)
            _ = try session.build().get()
            let saved = try #require(session.savedBuild(inputs: InputStamps()))
            try saved.write(to: site.state)
            let whole = try Data(contentsOf: site.state)
            try saved.write(to: site.state, spillSize: 256)
            #expect(try Data(contentsOf: site.state) == whole)
            #expect(whole.count > 100 * 256)
            #expect(try SavedBuild.read(from: site.state).get().graph.articles.count == 1)
        }
    }

    /// A one-off build lets go of each article's parsed body once its page
    /// is written (they are most of a big site's memory); `serve`'s
    /// session keeps them. Either way the output is the same.
    @Test func aOneOffBuildKeepsNoParsedArticleBody() throws {
        try withSite { site in
            let oneOff = BuildSession(options: site.options)
            _ = try oneOff.buildReusingSavedState().get()
            let served = BuildSession(options: site.options)
            _ = try served.build().get()
            for (session, keeps) in [(oneOff, false), (served, true)] {
                let state = try #require(session.state)
                #expect(!state.link.graph.articles.isEmpty)
                for article in state.link.graph.articles {
                    let body = try #require(state.link.graph.bodies[.article(article.slug)])
                    #expect((body.parsed != .empty) == keeps)
                    #expect(!body.references.isEmpty)
                    #expect(state.unreadBodies.contains(article.slug) != keeps)
                }
            }
            // Pages note the same reads whether their items were shared or their own.
            let oneOffState = try #require(oneOff.state)
            let servedState = try #require(served.state)
            #expect(oneOffState.renderedPages.count > 50)
            #expect(Set(oneOffState.renderedPages) == Set(servedState.renderedPages))
            for page in oneOffState.renderedPages {
                #expect(
                    oneOffState.dependencies.reads(of: page).sorted()
                        == servedState.dependencies.reads(of: page).sorted(),
                    "\(page)")
            }
            try site.expectMatchesCleanBuild("one-off build")
            // The session can go on: the edited article is read again.
            try site.edit(site.article) { $0 + "\nA line on [[Putin]].\n" }
            _ = try oneOff.rebuild(changed: [site.article]).get()
            try site.expectMatchesCleanBuild("rebuilt after a one-off build")
        }
    }

    @Test func theSavedGraphEqualsTheBuiltOne() throws {
        try withSite { site in
            let session = BuildSession(options: site.options)
            _ = try session.build().get()
            let built = try #require(session.state?.link.graph)
            let saved = try #require(session.savedBuild(inputs: InputStamps()))
            try saved.write(to: site.state)
            let graph = try SavedBuild.read(from: site.state).get().graph
            #expect(graph.articles.map(\.slug) == built.articles.map(\.slug))
            #expect(graph.actors == built.actors)
            #expect(graph.statements == built.statements)
            #expect(graph.statementKinds == built.statementKinds)
            #expect(graph.statementsBySpeaker == built.statementsBySpeaker)
            #expect(graph.statementsByTopic == built.statementsByTopic)
            #expect(graph.mentions == built.mentions)
            #expect(graph.mentionsBySource == built.mentionsBySource)
            #expect(graph.mentionSources == built.mentionSources)
            #expect(graph.mentionedWith == built.mentionedWith)
            #expect(graph.articlesOf == built.articlesOf)
            #expect(graph.quoteCounts == built.quoteCounts)
            #expect(graph.topicsInvolving == built.topicsInvolving)
            #expect(graph.stancesByTopic == built.stancesByTopic)
            #expect(graph.stanceCounts == built.stanceCounts)
            #expect(!graph.timeline.isEmpty && graph.timeline == built.timeline)
            #expect(graph.eventsByEntity == built.eventsByEntity)
            #expect(graph.tallies.pairCounts == built.tallies.pairCounts)
            // Article bodies are kept as their references only.
            for article in built.articles {
                let ref = DocumentRef.article(article.slug)
                #expect(graph.bodies[ref]?.references == built.bodies[ref]?.references)
                #expect(graph.bodies[ref]?.parsed.annotations.isEmpty == true)
            }
            for actor in built.actors {
                #expect(graph.bodies[.actor(actor.slug)]?.parsed == built.bodies[.actor(actor.slug)]?.parsed)
            }
        }
    }
}

@Suite("Store: input stamps")
struct InputStampsTests {
    @Test func addedChangedAndRemovedFilesAreFoundAndTemplatesChangeEverything() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            let templates = root.appendingPathComponent("Templates")
            try TestContent.write(["articles/a.md": "a", "articles/b.md": "b", "site.yml": "title: x"], into: content)
            try TestContent.write(["home.mustache": "x"], into: templates)
            for folder in [content, templates] {
                for file in TestContent.snapshot(folder).keys {
                    try FileManager.default.setAttributes(
                        [.modificationDate: Date().addingTimeInterval(-3600)],
                        ofItemAtPath: folder.appendingPathComponent(file).path)
                }
            }
            let before = InputStamps.scan(content: content, templates: templates)
            #expect(InputStamps.scan(content: content, templates: templates).changedContent(since: before) == [])

            try TestContent.write(["articles/a.md": "a, longer", "articles/c.md": "c"], into: content)
            try FileManager.default.removeItem(at: content.appendingPathComponent("articles/b.md"))
            let after = InputStamps.scan(content: content, templates: templates)
            #expect(after.changedContent(since: before) == ["articles/a.md", "articles/b.md", "articles/c.md"])

            try TestContent.write(["home.mustache": "y, longer"], into: templates)
            #expect(InputStamps.scan(content: content, templates: templates).changedContent(since: before) == nil)
        }
    }

    @Test func aFileChangedJustBeforeTheScanIsReadAgain() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            let templates = root.appendingPathComponent("Templates")
            try TestContent.write(["articles/a.md": "a"], into: content)
            let scan = InputStamps.scan(content: content, templates: templates)
            // Its stamp may stay the same through another change within the
            // same tick: it is known by its content.
            let stamp = try #require(scan.content["articles/a.md"])
            #expect(stamp.racy && stamp.contentHash != nil)
            #expect(scan.changedContent(since: scan) == [])
            var otherContent = scan
            otherContent.content["articles/a.md"]?.contentHash = ~stamp.contentHash!
            #expect(scan.changedContent(since: otherContent) == ["articles/a.md"])
        }
    }

    @Test func anEditThatKeepsSizeAndModificationTimeIsFound() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            let templates = root.appendingPathComponent("Templates")
            try TestContent.write(["articles/a.md": "before"], into: content)
            let file = content.appendingPathComponent("articles/a.md")
            let past = Date().addingTimeInterval(-3600)
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: file.path)
            let before = InputStamps.scan(content: content, templates: templates)
            // In place, same length, modification time put back (`touch -r`).
            let handle = try FileHandle(forWritingTo: file)
            try handle.write(contentsOf: Data("after!".utf8))
            try handle.close()
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: file.path)
            let after = InputStamps.scan(content: content, templates: templates)
            #expect(after.content["articles/a.md"]?.modified == before.content["articles/a.md"]?.modified)
            #expect(after.changedContent(since: before) == ["articles/a.md"])
        }
    }
}
