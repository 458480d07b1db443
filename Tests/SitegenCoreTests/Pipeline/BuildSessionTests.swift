import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore

/// A session's rebuild after an article changes must leave exactly what a
/// clean build of the same content makes, while rendering only the pages
/// the change can reach.
@Suite("Build session: incremental rebuilds")
struct BuildSessionTests {
    private struct Site {
        var root: URL
        var content: URL { root.appendingPathComponent("Content") }
        var output: URL { root.appendingPathComponent("public") }
        var articleFile: String

        func options(output: URL) -> SiteBuilder.Options {
            .init(content: content, templates: TestContent.seedTemplates, output: output)
        }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let url = content.appendingPathComponent(path)
            let text = try String(contentsOf: url, encoding: .utf8)
            let changed = change(text)
            #expect(changed != text, "the edit of \(path) found nothing to change")
            try changed.write(to: url, atomically: true, encoding: .utf8)
        }

        /// The in-place output must equal a clean build into a new folder.
        func expectMatchesCleanBuild(_ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        {
            try TestContent.expectMatchesCleanBuild(
                content: content, output: output, label, sourceLocation: sourceLocation)
        }
    }

    private func withSite(_ body: (Site, BuildSession) throws -> Void) throws {
        try TestContent.withTemporaryDirectory { root in
            try FileManager.default.copyItem(
                at: TestContent.seedContent, to: root.appendingPathComponent("Content"))
            let articles = try FileManager.default.contentsOfDirectory(
                atPath: root.appendingPathComponent("Content/articles").path)
            let site = Site(root: root, articleFile: "articles/" + (try #require(articles.first)))
            let session = BuildSession(options: site.options(output: site.output))
            guard case .success = session.build() else {
                Issue.record("first build failed")
                return
            }
            try body(site, session)
        }
    }

    @Test func editingAQuoteMatchesACleanBuild() throws {
        try withSite { site, session in
            try site.edit(site.articleFile) {
                $0.replacingOccurrences(of: "“unrealistic”", with: "“quite unrealistic”")
            }
            let report = try session.rebuild(changed: [site.articleFile]).get()
            #expect(report.written.removed == 1, "the old quote page goes")
            try site.expectMatchesCleanBuild("quote edited")
        }
    }

    @Test func addingAMentionAndChangingTheDateMatchesACleanBuild() throws {
        try withSite { site, session in
            try site.edit(site.articleFile) {
                $0.replacingOccurrences(of: "date: 2025-02-13", with: "date: 2025-02-14")
                    + "\nA closing line about [[Poland]] and [[France]].\n"
            }
            _ = try session.rebuild(changed: [site.articleFile]).get()
            try site.expectMatchesCleanBuild("mention added, date changed")
        }
    }

    @Test func addingAndDeletingAnArticleMatchesACleanBuild() throws {
        try withSite { site, session in
            let path = "articles/a-second-look.md"
            try Data(
                """
                ---
                title: A second look
                date: 2025-02-20
                ---

                [[Hegseth]] spoke again: [“we stand by our allies”]{.quote by=hegseth about=peace-talks}.
                """.utf8
            ).write(to: site.content.appendingPathComponent(path))
            let report = try session.rebuild(changed: [path]).get()
            // The seed article names everyone; this one only Hegseth and one topic.
            #expect(
                report.files == 17,
                "article, quote, 2 entities, Hegseth's statements on peace talks (archive), home, 4 indexes, connections and search pages; graph.json, the article's data, search index and part, robots.txt; not all \(report.pages)"
            )
            try site.expectMatchesCleanBuild("article added")
            #expect(
                FileManager.default.fileExists(
                    atPath: site.output.appendingPathComponent("quotes/pete-hegseth-we-stand-by-our-allies.html").path))

            try FileManager.default.removeItem(at: site.content.appendingPathComponent(path))
            _ = try session.rebuild(changed: [path]).get()
            try site.expectMatchesCleanBuild("article deleted")
        }
    }

    // The seed article marks events and stances; the timeline page, the
    // home page's matrix and events, and entity pages must follow edits.

    @Test func editingAnEventsDateMatchesACleanBuild() throws {
        try withSite { site, session in
            try site.edit(site.articleFile) {
                $0.replacingOccurrences(of: "{.event date=2025-02-14}", with: "{.event date=2025-02-10}")
            }
            let report = try session.rebuild(changed: [site.articleFile]).get()
            #expect(report.files < report.pages / 2, "not a full render: \(report.files)")
            try site.expectMatchesCleanBuild("event date edited")
        }
    }

    @Test func addingAStanceMatchesACleanBuild() throws {
        try withSite { site, session in
            try site.edit(site.articleFile) {
                $0.replacingOccurrences(
                    of: "{.quote by=healey about=peace-talks}", with: "{.quote by=healey about=peace-talks stance=for}")
            }
            _ = try session.rebuild(changed: [site.articleFile]).get()
            try site.expectMatchesCleanBuild("stance added")
        }
    }

    @Test func changingAStanceAndAStatementsDateMatchesACleanBuild() throws {
        try withSite { site, session in
            try site.edit(site.articleFile) {
                $0.replacingOccurrences(
                    of: "{.quote by=rutte about=peace-talks stance=for}",
                    with: "{.quote by=rutte about=peace-talks stance=mixed date=2025-02-12}")
            }
            _ = try session.rebuild(changed: [site.articleFile]).get()
            try site.expectMatchesCleanBuild("stance and date changed")
        }
    }

    @Test func removingAnEventMatchesACleanBuild() throws {
        try withSite { site, session in
            try site.edit(site.articleFile) {
                $0.replacingOccurrences(of: "[[[Trump]]’s senior advisers", with: "[[Trump]]’s senior advisers")
                    .replacingOccurrences(of: "Conference]]]{.event date=2025-02-14}", with: "Conference]]")
            }
            _ = try session.rebuild(changed: [site.articleFile]).get()
            try site.expectMatchesCleanBuild("event removed")
            let timeline = try String(
                contentsOf: site.output.appendingPathComponent("timeline.html"), encoding: .utf8)
            #expect(!timeline.contains("senior advisers"))
        }
    }

    @Test func editingProseRendersOnlyTheArticle() throws {
        try withSite { site, session in
            try site.edit(site.articleFile) { $0 + "\nA closing paragraph that names nobody.\n" }
            let report = try session.rebuild(changed: [site.articleFile]).get()
            #expect(report.files == 1, "only the article page shows this paragraph")
            #expect(report.written.written == 1)
            try site.expectMatchesCleanBuild("prose added")
        }
    }

    @Test func changingAMentionContextRendersThatEntityButNotTheOthers() throws {
        try withSite { site, session in
            // The seed's article names Poland in one paragraph only.
            try site.edit(site.articleFile) {
                $0.replacingOccurrences(of: "[[Poland]]", with: "[[Poland]] (a frontline state)")
            }
            let report = try session.rebuild(changed: [site.articleFile]).get()
            #expect(
                report.files < 10, "the article, Poland and the entities sharing its paragraph; not \(report.files)")
            try site.expectMatchesCleanBuild("mention context changed")
        }
    }

    @Test func warningsAfterARebuildAreThoseOfACleanBuild() throws {
        try withSite { site, session in
            try site.edit(site.articleFile) {
                $0 + "\n[“a quote about nothing in particular”]{.quote by=hegseth}\n"
            }
            let report = try session.rebuild(changed: [site.articleFile]).get()
            let clean = try SiteBuilder(options: site.options(output: site.root.appendingPathComponent("w"))).build()
                .get()
            #expect(report.warnings.contains { $0.message.contains("no about=") })
            #expect(report.warnings == clean.warnings)
        }
    }

    @Test func anErrorLeavesTheOutputAndTheSessionAsTheyWere() throws {
        try withSite { site, session in
            let before = TestContent.snapshot(site.output)
            try site.edit(site.articleFile) { $0 + "\nNow [[Nobody At All]] speaks.\n" }
            guard case .failure(let failure) = session.rebuild(changed: [site.articleFile]) else {
                Issue.record("an unknown entity must fail the rebuild")
                return
            }
            #expect(failure.diagnostics.contains { $0.message.contains("Nobody At All") })
            #expect(TestContent.snapshot(site.output) == before)
            // Fixing it rebuilds from the kept state.
            try site.edit(site.articleFile) { $0.replacingOccurrences(of: "[[Nobody At All]]", with: "[[Poland]]") }
            _ = try session.rebuild(changed: [site.articleFile]).get()
            try site.expectMatchesCleanBuild("fixed after an error")
        }
    }

    @Test func aChangeOutsideArticlesRebuildsEverything() throws {
        try withSite { site, session in
            try site.edit("actors/nato.md") { $0.replacingOccurrences(of: "kind: organisation", with: "kind: group") }
            let report = try session.rebuild(changed: ["actors/nato.md"]).get()
            #expect(report.files >= report.pages, "a full build renders every page")
            try site.expectMatchesCleanBuild("actor kind changed")
        }
    }

    /// After a failed rebuild the session starts over, so another article
    /// that is still broken keeps failing, as a clean build would.
    @Test func aBrokenArticleIsNotForgottenByTheNextRebuild() throws {
        try withSite { site, session in
            let other = "articles/another.md"
            try Data("---\ntitle: Another\ndate: 2025-02-15\n---\n\nAbout [[Hegseth]].\n".utf8)
                .write(to: site.content.appendingPathComponent(other))
            _ = try session.rebuild(changed: [other]).get()
            try site.edit(other) { $0.replacingOccurrences(of: "[[Hegseth]]", with: "[[Rutt]]") }
            guard case .failure = session.rebuild(changed: [other]) else {
                Issue.record("an unknown name must fail")
                return
            }
            try site.edit(site.articleFile) { $0 + "\nOne more line.\n" }
            guard case .failure(let failure) = session.rebuild(changed: [site.articleFile]) else {
                Issue.record("the other article is still broken, so this rebuild must fail too")
                return
            }
            #expect(failure.diagnostics.contains { $0.message.contains("Rutt") })
        }
    }

    @Test func aFileInASubfolderOfArticlesTakesTheFullPath() throws {
        try withSite { site, session in
            let report = try session.rebuild(changed: ["articles/drafts/x.md"]).get()
            #expect(report.files >= report.pages)
        }
    }
}

@Suite("sitegen render")
struct RenderFragmentTests {
    /// The rendered document must not clash with a real article, whatever its name.
    @Test func anArticleCalledFragmentDoesNotClashWithTheRenderedDocument() throws {
        try TestContent.withContentFolder([
            "actors/pete-hegseth.md": "---\nname: Pete Hegseth\nkind: person\naliases: [Hegseth]\n---\n",
            "articles/fragment.md": "---\ntitle: Fragment\ndate: 2025-02-13\n---\n\nAbout [[Hegseth]].\n",
        ]) { content in
            let (html, diagnostics) = SiteBuilder.renderFragment(
                "Hello [[Hegseth]].\n", file: "<stdin>", content: content)
            #expect(diagnostics.isEmpty, "\(diagnostics)")
            #expect(html.contains(#"href="../actors/pete-hegseth.html""#))
        }
    }
}
