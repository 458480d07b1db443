import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore
@testable import SitegenLink

/// Archive pages of a much-mentioned actor: numbered from the oldest, and
/// after a rebuild exactly what a clean build makes, re-rendering only the
/// archive pages whose entries changed.
@Suite("Archive pages and rebuilds")
struct ArchiveRebuildTests {
    /// 60 articles a day apart (28 to a month), each naming Putin once: 60 mention groups,
    /// three archive pages of 25 (25, 25 and the newest 10).
    private func withArchiveSite(_ body: (URL, BuildSession, (String) -> URL) throws -> Void) throws {
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            var files = TestContent.cast
            for day in 1...60 {
                files[String(format: "articles/day-%02d.md", day)] = TestContent.article(
                    title: "Day \(day)", date: String(format: "2025-%02d-%02d", (day - 1) / 28 + 1, (day - 1) % 28 + 1),
                    body: "On day \(day) [[Putin]] spoke.\n")
            }
            for (path, text) in files {
                let url = content.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            let output = root.appendingPathComponent("public")
            let session = BuildSession(
                options: .init(content: content, templates: TestContent.seedTemplates, output: output))
            _ = try session.build().get()
            try body(root, session) { content.appendingPathComponent($0) }
        }
    }

    /// Adds an article naming Putin for each day, rebuilding after each.
    private func addArticles(
        _ days: ClosedRange<Int>, dated date: (Int) -> String, session: BuildSession, file: (String) -> URL,
        afterEach check: (Int) throws -> Void = { _ in }
    ) throws {
        for day in days {
            let path = "articles/day-\(day).md"
            try TestContent.article(title: "Day \(day)", date: date(day), body: "Day \(day): [[Putin]].\n")
                .write(to: file(path), atomically: true, encoding: .utf8)
            _ = try session.rebuild(changed: [path]).get()
            try check(day)
        }
    }

    private func expectMatchesCleanBuild(
        _ root: URL, _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        try TestContent.expectMatchesCleanBuild(
            content: root.appendingPathComponent("Content"), output: root.appendingPathComponent("public"), label,
            sourceLocation: sourceLocation)
    }

    @Test func pagesHoldTheOldestEntriesFirstAndLinkBothWays() throws {
        try withArchiveSite { root, _, _ in
            let actors = root.appendingPathComponent("public/actors")
            let pages = try FileManager.default.contentsOfDirectory(atPath: actors.path)
                .filter { $0.hasPrefix("vladimir-putin--mentions-") }.sorted()
            #expect(pages == (1...3).map { "vladimir-putin--mentions-\($0).html" })
            let first = try String(contentsOf: actors.appendingPathComponent(pages[0]), encoding: .utf8)
            let last = try String(contentsOf: actors.appendingPathComponent(pages[2]), encoding: .utf8)
            #expect(first.components(separatedBy: "class=\"mention-group\"").count - 1 == 25)
            #expect(last.components(separatedBy: "class=\"mention-group\"").count - 1 == 10)
            #expect(first.contains("Day 1<"), "the oldest article is on page 1")
            #expect(last.contains("Day 60<"), "the newest on the last page")
            #expect(first.contains(#"href="vladimir-putin--mentions-2.html""#) && !first.contains("mentions-0"))
            #expect(last.contains(#"href="vladimir-putin--mentions-2.html""#))
            let overview = try String(contentsOf: actors.appendingPathComponent("vladimir-putin.html"), encoding: .utf8)
            #expect(overview.components(separatedBy: "class=\"mention-group\"").count - 1 == EntitySection.preview)
            #expect(overview.contains(#"href="vladimir-putin--mentions-3.html""#), "links to the newest page")
        }
    }

    @Test func anEditThatKeepsTheCountRendersOneArchivePage() throws {
        try withArchiveSite { root, session, file in
            try TestContent.article(title: "Day 30", date: "2025-02-02", body: "On day 30 [[Putin]] spoke at length.\n")
                .write(to: file("articles/day-30.md"), atomically: true, encoding: .utf8)
            let report = try session.rebuild(changed: ["articles/day-30.md"]).get()
            #expect(
                report.files == 4, "the article and its data file, Putin's page, one archive page; not \(report.files)")
            try expectMatchesCleanBuild(root, "context edited")
        }
    }

    @Test func removingTheOldestMentionShiftsEveryLaterPage() throws {
        try withArchiveSite { root, session, file in
            try TestContent.article(title: "Day 1", date: "2025-01-01", body: "On day 1 nobody spoke.\n")
                .write(to: file("articles/day-01.md"), atomically: true, encoding: .utf8)
            _ = try session.rebuild(changed: ["articles/day-01.md"]).get()
            try expectMatchesCleanBuild(root, "oldest mention removed")
        }
    }

    @Test func newArticlesFillTheLastPageAndOpenANewOne() throws {
        try withArchiveSite { root, session, file in
            try addArticles(61...76, dated: { _ in "2025-02-20" }, session: session, file: file)
            try expectMatchesCleanBuild(root, "sixteen articles added")
            #expect(
                FileManager.default.fileExists(
                    atPath: root.appendingPathComponent("public/actors/vladimir-putin--mentions-4.html").path))
        }
    }

    /// The newest articles go on the last page; when one opens a new page,
    /// the page before it gains its link to the newer one.
    @Test func anArticleOpeningANewPageRelinksThePageBefore() throws {
        try withArchiveSite { root, session, file in
            try addArticles(61...76, dated: { "2025-04-\($0 - 50)" }, session: session, file: file) { day in
                try expectMatchesCleanBuild(root, "article \(day) added")
            }
        }
    }

    @Test func archivePositionsAreNumberedFromTheOldest() {
        // 60 entries, newest first: page 1 holds positions 35..<60.
        #expect(ArchiveList.range(page: 1, count: 60, section: .mentions) == 35..<60)
        #expect(ArchiveList.range(page: 3, count: 60, section: .mentions) == 0..<10)
        #expect(ArchiveList.page(of: 0, count: 60, section: .mentions) == 3)
        #expect(ArchiveList.page(of: 59, count: 60, section: .mentions) == 1)
        #expect(ArchiveList.pageCount(10, .mentions) == 0, "ten fit on the entity's page")
        #expect(ArchiveList.pageCount(11, .mentions) == 1)
    }
}
