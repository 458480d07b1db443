import Foundation
import SitegenTestSupport
import Testing

/// `sitegen check` suggesting links for unlinked mentions, and `--fix`,
/// run through the real binary on a copy of the seed content.
@Suite("sitegen check: unlinked mentions")
struct UnlinkedMentionsCommandTests {
    private var templates: [String] { ["--templates", TestContent.seedTemplates.path] }

    /// The seed content plus an article that names Rutte and Peskov without
    /// linking them (body from line 5), in `root/Content`.
    private func content(in root: URL) throws -> URL {
        let content = root.appendingPathComponent("Content")
        try TestContent.copyFolder(TestContent.seedContent, to: content)
        let body = "[[Hegseth]] met Mark Rutte.\n\nLater, Rutte and Dmitry Peskov spoke.\n"
        try TestContent.write(["articles/unlinked.md": TestContent.article(body: body)], into: content)
        return content
    }

    @Test func checkSuggestsTheLinkWithFileLineAndColumnAndExitsZero() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try content(in: root)
            for strict in [false, true] {
                let result = try SitegenBinary.run(
                    ["check", "--content", content.path] + templates + (strict ? ["--strict"] : []))
                #expect(result.status == 0, "suggestions never fail a check; stderr: \(result.err)")
                #expect(
                    result.err.contains(
                        "articles/unlinked.md:5:17: suggestion: 'Mark Rutte' names Mark Rutte, but nothing in this article links there"
                    ), "\(result.err)")
                #expect(result.err.contains("note: link it: [[Mark Rutte]]"), "\(result.err)")
                #expect(result.err.contains("articles/unlinked.md:7:18: suggestion: 'Dmitry Peskov'"), "\(result.err)")
                #expect(!result.err.contains("'Rutte'"), "one suggestion per actor per article")
                #expect(result.out.contains("Checked ") && result.out.contains("2 suggestions"), "\(result.out)")
            }
        }
    }

    @Test func noUnlinkedLeavesThemOut() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try content(in: root)
            let result = try SitegenBinary.run(["check", "--no-unlinked", "--content", content.path] + templates)
            #expect(result.status == 0, "stderr: \(result.err)")
            #expect(!result.err.contains("suggestion"), "\(result.err)")
            #expect(result.out.contains("no problems"), "\(result.out)")
        }
    }

    @Test func jsonFormatGivesEachSuggestionAsAnObject() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try content(in: root)
            let result = try SitegenBinary.run(["check", "--format", "json", "--content", content.path] + templates)
            #expect(result.status == 0, "stderr: \(result.err)")
            let objects = try result.out.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            #expect(objects.count == 2, "\(result.out)")
            let first = try #require(objects.first)
            #expect(first["severity"] as? String == "suggestion")
            #expect(first["file"] as? String == "articles/unlinked.md")
            #expect(first["line"] as? Int == 5 && first["column"] as? Int == 17 && first["length"] as? Int == 10)
            #expect(
                first["notes"] as? [String] == [
                    "link it: [[Mark Rutte]]",
                    "1 later mention of Mark Rutte in this article is unlinked too; one link is enough",
                ])
        }
    }

    @Test func fixLinksBacksUpAndASecondCheckIsClean() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try content(in: root)
            let path = content.appendingPathComponent("articles/unlinked.md")
            let original = try Data(contentsOf: path)
            let fixed = try SitegenBinary.run(["check", "--fix", "--content", content.path] + templates)
            #expect(fixed.status == 0, "stderr: \(fixed.err)")
            #expect(
                fixed.out.contains("articles/unlinked.md:5:17: linked 'Mark Rutte' → [[Mark Rutte]]"), "\(fixed.out)")
            #expect(fixed.out.contains("articles/unlinked.md:7:18: linked 'Dmitry Peskov' → [[Dmitry Peskov]]"))
            #expect(fixed.out.contains("Backed up the original of 1 file in \(root.path)/.sitegen-backup/"))
            #expect(fixed.out.contains("no problems"), "the check after the fix is clean: \(fixed.out)")
            #expect(!fixed.err.contains("suggestion"), "\(fixed.err)")
            let body = "[[Hegseth]] met [[Mark Rutte]].\n\nLater, Rutte and [[Dmitry Peskov]] spoke.\n"
            #expect(try String(contentsOf: path, encoding: .utf8) == TestContent.article(body: body))

            let backups = root.appendingPathComponent(".sitegen-backup")
            let stamps = try FileManager.default.contentsOfDirectory(atPath: backups.path)
            #expect(stamps.count == 1)
            let backup = backups.appendingPathComponent(stamps[0]).appendingPathComponent("articles/unlinked.md")
            #expect(try Data(contentsOf: backup) == original)

            let again = try SitegenBinary.run(["check", "--content", content.path] + templates)
            #expect(again.status == 0 && again.out.contains("no problems"), "\(again.out)\(again.err)")
            let output = root.appendingPathComponent("site")
            let build = try SitegenBinary.run(
                ["build", "--content", content.path, "--output", output.path] + templates)
            #expect(build.status == 0, "the fixed file builds; stderr: \(build.err)")
            let page = try String(
                contentsOf: output.appendingPathComponent("articles/unlinked.html"), encoding: .utf8)
            #expect(page.contains("href=\"../actors/mark-rutte.html\""))
        }
    }

    @Test func fixWithNothingToLinkChangesNothing() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            try TestContent.copyFolder(TestContent.seedContent, to: content)
            let before = TestContent.snapshot(root)
            let result = try SitegenBinary.run(["check", "--fix", "--content", content.path] + templates)
            #expect(result.status == 0, "stderr: \(result.err)")
            #expect(result.out.contains("no problems"))
            #expect(TestContent.snapshot(root) == before)
        }
    }

    @Test func fixAndNoUnlinkedTogetherAreAUsageError() throws {
        let result = try SitegenBinary.run(["check", "--fix", "--no-unlinked"] + templates + CLITests.contentArguments)
        #expect(result.status == 2, "stderr: \(result.err)")
        #expect(result.err.contains("--no-unlinked"))
    }
}
