import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenLoad
@testable import SitegenMentions
@testable import SitegenParse
@testable import SitegenResolve

/// `check --fix`: what it writes, what it keeps, and what it refuses to touch.
@Suite("Unlinked mentions: fixing")
struct MentionFixerTests {
    /// Loads, parses and resolves `folder`.
    private func resolved(_ folder: URL) -> (ResolvedSite, [Diagnostic]) {
        let loaded = ContentLoader().load(from: folder)
        let parsed = ParsedSite.parse(loaded.content)
        let resolved = Resolver().resolve(parsed)
        return (resolved, loaded.diagnostics + parsed.diagnostics + resolved.diagnostics)
    }

    private func mentions(_ folder: URL) -> [UnlinkedMention] {
        UnlinkedMentionFinder.find(in: resolved(folder).0)
    }

    /// A content folder with the test cast and `articles/a.md` holding
    /// `body`, inside `root` so the backups land in `root/.sitegen-backup`.
    private func content(in root: URL, body: String) throws -> URL {
        let folder = root.appendingPathComponent("Content")
        var files = TestContent.cast
        files["articles/a.md"] = TestContent.article(body: body)
        try TestContent.write(files, into: folder)
        return folder
    }

    private func text(_ folder: URL, _ path: String = "articles/a.md") throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func linksTheFirstMentionOfEachActorOnly() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root, body: "Trump met Putin.\n\nTrump again, and Pete Hegseth.\n")
            let found = mentions(folder)
            // A second, later mention of Trump is passed in too: only the first is linked.
            var later = try #require(found.first { $0.text == "Trump" })
            later.location.line = 7
            later.location.column = 1
            later.end = SourcePosition(line: 7, column: 6)
            let outcome = MentionFixer(content: folder).fix(found + [later])
            #expect(
                try text(folder)
                    == TestContent.article(body: "[[Trump]] met [[Putin]].\n\nTrump again, and [[Pete Hegseth]].\n"))
            #expect(outcome.linked.map(\.text) == ["Trump", "Putin", "Pete Hegseth"])
            #expect(outcome.skipped.isEmpty)
            #expect(outcome.files == ["articles/a.md"])
        }
    }

    @Test func theBackupHoldsTheOriginalBytesOutsideTheContentFolder() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root, body: "Trump spoke.\n")
            let original = try Data(contentsOf: folder.appendingPathComponent("articles/a.md"))
            let outcome = MentionFixer(content: folder).fix(mentions(folder))
            let backups = try #require(outcome.backupFolder)
            #expect(backups.deletingLastPathComponent().path == root.appendingPathComponent(".sitegen-backup").path)
            #expect(try Data(contentsOf: backups.appendingPathComponent("articles/a.md")) == original)
            #expect(TestContent.snapshot(backups).keys.sorted() == ["articles/a.md"], "only changed files")
            #expect(!TestContent.snapshot(folder).keys.contains { $0.contains("backup") || $0.hasSuffix(".bak") })

            // A second run keeps the first backup and makes its own.
            try Data(TestContent.article(body: "Putin spoke.\n").utf8).write(
                to: folder.appendingPathComponent("articles/a.md"))
            let second = MentionFixer(content: folder).fix(mentions(folder), now: Date())
            #expect(second.backupFolder != nil && second.backupFolder != backups)
            #expect(try Data(contentsOf: backups.appendingPathComponent("articles/a.md")) == original)
        }
    }

    @Test func aFileChangedSinceTheCheckIsLeftAlone() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root, body: "Then Trump spoke.\n")
            let found = mentions(folder)
            let edited = TestContent.article(body: "Then, Trump spoke.\n")
            try Data(edited.utf8).write(to: folder.appendingPathComponent("articles/a.md"))
            let outcome = MentionFixer(content: folder).fix(found)
            #expect(outcome.linked.isEmpty)
            #expect(outcome.skipped.count == 1)
            #expect(
                outcome.skipped.first?.reason.contains("does not read 'Trump' at 5:6") == true, "\(outcome.skipped)")
            #expect(outcome.backupFolder == nil)
            #expect(try text(folder) == edited)
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".sitegen-backup").path))
        }
    }

    /// The fixer reads and writes by the content rule: through a link
    /// inside the folder it changes the file linked to (the link stays), and
    /// a file swapped for a link out since the check is neither read nor written.
    @Test func linksAreFollowedOnlyInsideTheContentFolder() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root, body: "Trump spoke.\n")
            let shared = folder.appendingPathComponent("common/b.md")
            try TestContent.write(["common/b.md": TestContent.article(body: "Putin spoke.\n")], into: folder)
            let linked = folder.appendingPathComponent("articles/b.md")
            try FileManager.default.createSymbolicLink(atPath: linked.path, withDestinationPath: "../common/b.md")
            let found = mentions(folder)
            #expect(Set(found.map(\.location.file)) == ["articles/a.md", "articles/b.md"])

            let outside = root.appendingPathComponent("outside.md")
            let outsideText = TestContent.article(body: "Trump spoke.\n")
            try Data(outsideText.utf8).write(to: outside)
            let original = folder.appendingPathComponent("articles/a.md")
            try FileManager.default.removeItem(at: original)
            try FileManager.default.createSymbolicLink(at: original, withDestinationURL: outside)

            let outcome = MentionFixer(content: folder).fix(found)
            #expect(outcome.files == ["articles/b.md"])
            #expect(try String(contentsOf: shared, encoding: .utf8) == TestContent.article(body: "[[Putin]] spoke.\n"))
            #expect(
                try FileManager.default.destinationOfSymbolicLink(atPath: linked.path) == "../common/b.md")
            #expect(try String(contentsOf: outside, encoding: .utf8) == outsideText)
            let skipped = try #require(outcome.skipped.first)
            #expect(skipped.mention.location.file == "articles/a.md")
            #expect(skipped.reason.contains("symbolic link points outside the content folder"), "\(skipped.reason)")
        }
    }

    @Test func aNameWrittenWithAnEntityIsSkipped() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root, body: "Then Tr&#117;mp spoke.\n")
            let found = mentions(folder)
            #expect(found.map(\.text) == ["Trump"])
            let outcome = MentionFixer(content: folder).fix(found)
            #expect(outcome.linked.isEmpty && outcome.skipped.count == 1)
            #expect(try text(folder) == TestContent.article(body: "Then Tr&#117;mp spoke.\n"))
        }
    }

    @Test func lineEndingsAndAByteOrderMarkAreKept() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root, body: "")
            let crlf = TestContent.article(body: "Intro.\n\nHe met Vladimir\nPutin, then Trump.\n")
                .replacingOccurrences(of: "\n", with: "\r\n")
            try Data([0xEF, 0xBB, 0xBF] + Array(crlf.utf8)).write(to: folder.appendingPathComponent("articles/a.md"))
            let outcome = MentionFixer(content: folder).fix(mentions(folder))
            #expect(outcome.linked.count == 2)
            let expected = TestContent.article(body: "Intro.\n\nHe met [[Vladimir\nPutin]], then [[Trump]].\n")
                .replacingOccurrences(of: "\n", with: "\r\n")
            let written = try Data(contentsOf: folder.appendingPathComponent("articles/a.md"))
            #expect(written == Data([0xEF, 0xBB, 0xBF] + Array(expected.utf8)))
        }
    }

    @Test func theFixedContentResolvesAndHasNoUnlinkedMentionsLeft() throws {
        try TestContent.withTemporaryDirectory { root in
            let body = """
                ## Trump and the US

                *Pete Hegseth* said [“Putin is ready”]{.quote by=trump about=peace-talks} (Trump’s words).

                - a list naming Vladimir
                  Putin again

                """
            let folder = try content(in: root, body: body)
            #expect(mentions(folder).count == 4)
            let outcome = MentionFixer(content: folder).fix(mentions(folder))
            #expect(outcome.linked.count == 4)
            let (site, diagnostics) = resolved(folder)
            #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
            #expect(UnlinkedMentionFinder.find(in: site).isEmpty)
            #expect(try text(folder).contains("## [[Trump]] and the [[US]]"))
            #expect(try text(folder).contains("*[[Pete Hegseth]]* said [“[[Putin]] is ready”]"))
        }
    }

    @Test func aFileThatCannotBeBackedUpIsNotChanged() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root, body: "Trump spoke.\n")
            let before = TestContent.snapshot(folder)
            let blocker = root.appendingPathComponent("not-a-folder")
            try Data("x".utf8).write(to: blocker)
            let outcome = MentionFixer(content: folder, backupRoot: blocker).fix(mentions(folder))
            #expect(outcome.linked.isEmpty && outcome.files.isEmpty)
            #expect(outcome.skipped.first?.reason.hasPrefix("the file was not changed") == true, "\(outcome.skipped)")
            #expect(TestContent.snapshot(folder) == before)
        }
    }

    @Test func restorePutsTheOriginalsBack() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root, body: "Trump spoke.\n")
            let before = TestContent.snapshot(folder)
            let fixer = MentionFixer(content: folder)
            let outcome = fixer.fix(mentions(folder))
            #expect(TestContent.snapshot(folder) != before)
            try fixer.restore(outcome)
            #expect(TestContent.snapshot(folder) == before)
        }
    }
}
