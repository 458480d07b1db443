import Foundation
import SitegenTestSupport
import Testing

/// One mistake gives one message, run through the real binary: a file that
/// fails to load is still known by its names, warnings that only follow from
/// an error wait until it is fixed, errors come first in file order, and
/// YAML and site.yml mistakes get the advice that fits them.
@Suite("One mistake, one message")
struct OneMistakeOneMessageTests {
    private var templates: [String] { ["--templates", TestContent.seedTemplates.path] }

    /// A copy of the seed Content/ in `root/Content`, with `files` written over it.
    private func seedCopy(in root: URL, writing files: [String: String] = [:]) throws -> URL {
        let content = root.appendingPathComponent("Content")
        try TestContent.copyFolder(TestContent.seedContent, to: content)
        try TestContent.write(files, into: content)
        return content
    }

    /// The seed file at `path` with its first line starting `prefix` replaced by `line`.
    private func seedFile(_ path: String, replacingLineStarting prefix: String, with line: String) throws -> String {
        let text = try String(contentsOf: TestContent.seedContent.appendingPathComponent(path), encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix(prefix) }, "no line \(prefix) in \(path)")
        lines[index] = line
        return lines.joined(separator: "\n")
    }

    private func check(_ content: URL, _ extra: [String] = []) throws -> SitegenBinary.Run {
        try SitegenBinary.run(["check", "--content", content.path] + templates + extra)
    }

    /// `file:line:column: severity` of each diagnostic in text output, in order.
    private func heads(_ stderr: String) -> [String] {
        TestContent.captures(#"(?m)^(\S+:\d+:\d+: (?:error|warning|suggestion)):"#, in: stderr)
    }

    /// The seed article's path, the one article of the seed site.
    private let seedArticle = "articles/hegseth-peace-talks-not-a-betrayal.md"

    // MARK: Broken files

    @Test func aBrokenArticleFrontMatterIsTheOneMessageWithAdviceForTheApostrophe() throws {
        try TestContent.withTemporaryDirectory { root in
            let broken = try seedFile(seedArticle, replacingLineStarting: "title:", with: "title: 'Hegseth's push'")
            let content = try seedCopy(in: root, writing: [seedArticle: broken])
            let result = try check(content)
            #expect(result.status == 1, "stderr: \(result.err)")
            // The article names every actor: without it they would all be "never mentioned".
            #expect(heads(result.err) == ["\(seedArticle):2:17: error"], "\(result.err)")
            #expect(!result.err.contains("never mentioned"), "\(result.err)")
            #expect(result.err.contains("not valid YAML"), "\(result.err)")
            #expect(
                result.err.contains(
                    #"note: the apostrophe in title's value ends the single-quoted text early: use double quotes, title: "Hegseth's push", or write the apostrophe twice, title: 'Hegseth''s push'"#
                ), "\(result.err)")
            #expect(result.err.hasSuffix("\n1 error\n"), "\(result.err)")
        }
    }

    @Test func anActorWithAnUnknownKindIsStillKnownByItsNamesAndAliases() throws {
        try TestContent.withTemporaryDirectory { root in
            let actor = "actors/pete-hegseth.md"
            let broken = try seedFile(actor, replacingLineStarting: "kind:", with: "kind: persn")
            // [[Pete Hegseth]] by name, [[Hegseth]] by alias, by=hegseth as a speaker.
            let article = TestContent.article(
                body: "[[Pete Hegseth]] and [[Hegseth]]: [“no”]{.quote by=hegseth about=peace-talks}.\n")
            let content = try seedCopy(in: root, writing: [actor: broken, "articles/more.md": article])
            let result = try check(content)
            #expect(result.status == 1, "stderr: \(result.err)")
            #expect(heads(result.err) == ["\(actor):3:1: error"], "\(result.err)")
            #expect(result.err.contains("error: unknown actor kind 'persn'"), "\(result.err)")
            #expect(result.err.contains("note: did you mean 'person'?"), "\(result.err)")
            #expect(!result.err.contains("unknown actor '"), "\(result.err)")
            #expect(!result.err.contains("add a file"), "\(result.err)")
            #expect(result.err.hasSuffix("\n1 error\n"), "\(result.err)")
        }
    }

    @Test func anActorWhoseYAMLDoesNotParseIsStillKnownByTheNamesItsLinesGive() throws {
        try TestContent.withTemporaryDirectory { root in
            let actor = "actors/pete-hegseth.md"
            let broken = try seedFile(
                actor, replacingLineStarting: "role:", with: "role: US Secretary of Defence: the boss")
            let content = try seedCopy(in: root, writing: [actor: broken])
            let result = try check(content)
            #expect(result.status == 1, "stderr: \(result.err)")
            #expect(heads(result.err) == ["\(actor):4:30: error"], "\(result.err)")
            #expect(
                result.err.contains(
                    #"note: a ':' followed by a space inside an unquoted value reads as a new key: quote the value, role: "US Secretary of Defence: the boss""#
                ), "\(result.err)")
            #expect(result.err.hasSuffix("\n1 error\n"), "\(result.err)")
        }
    }

    @Test func quotesAboutATopicThatFailsToLoadDoNotWarnOfNoAbout() throws {
        try TestContent.withTemporaryDirectory { root in
            let topic = "topics/peace-talks.md"
            let broken = try seedFile(topic, replacingLineStarting: "title:", with: "title: 'Peace's negotiations'")
            let content = try seedCopy(in: root, writing: [topic: broken])
            let result = try check(content)
            #expect(result.status == 1, "stderr: \(result.err)")
            #expect(heads(result.err) == ["\(topic):2:15: error"], "\(result.err)")
            #expect(!result.err.contains("about="), "\(result.err)")
            #expect(result.err.hasSuffix("\n1 error\n"), "\(result.err)")
        }
    }

    @Test func neverMentionedWaitsWhileAReferenceHasAnError() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try seedCopy(
                in: root,
                writing: [
                    "actors/nobody-at-all.md": TestContent.actor(name: "Nobody At All"),
                    "articles/more.md": TestContent.article(body: "[[Nobody At Al]] spoke.\n"),
                ])
            let typo = try check(content)
            #expect(typo.status == 1, "stderr: \(typo.err)")
            #expect(heads(typo.err) == ["articles/more.md:5:1: error"], "\(typo.err)")
            #expect(typo.err.contains("note: did you mean 'Nobody At All' (nobody-at-all)?"), "\(typo.err)")

            // Once nothing is broken, an actor that nothing names is worth saying.
            try FileManager.default.removeItem(at: content.appendingPathComponent("articles/more.md"))
            let lonely = try check(content)
            #expect(lonely.status == 0, "stderr: \(lonely.err)")
            #expect(heads(lonely.err) == ["actors/nobody-at-all.md:1:1: warning"], "\(lonely.err)")
            #expect(lonely.err.contains("is never mentioned"), "\(lonely.err)")
        }
    }

    @Test func aQuoteWithoutAboutStillWarns() throws {
        try TestContent.withTemporaryDirectory { root in
            let article = TestContent.article(body: "[[Hegseth]] said [“no”]{.quote by=hegseth}.\n")
            let content = try seedCopy(in: root, writing: ["articles/more.md": article])
            let result = try check(content)
            #expect(result.status == 0, "stderr: \(result.err)")
            #expect(heads(result.err) == ["articles/more.md:5:18: warning"], "\(result.err)")
            #expect(result.err.contains("quote has no about="), "\(result.err)")
        }
    }

    // MARK: Order

    /// Errors in two files and a warning in a file whose name sorts first.
    private let mixedProblems = [
        "articles/aaa.md": TestContent.article(body: "[[Hegseth]] said [“no”]{.quote by=hegseth}.\n"),
        "articles/broken.md": TestContent.article(body: "See [[Hegset]] here.\n\nAnd [[Putim]] there.\n"),
        "actors/zz-top.md": TestContent.actor(name: "ZZ Top", kind: "band"),
    ]

    @Test func errorsComeBeforeWarningsByFileAndLineInText() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try seedCopy(in: root, writing: mixedProblems)
            let result = try check(content)
            #expect(result.status == 1, "stderr: \(result.err)")
            #expect(
                heads(result.err) == [
                    "actors/zz-top.md:3:1: error", "articles/broken.md:5:5: error", "articles/broken.md:7:5: error",
                    "articles/aaa.md:5:18: warning",
                ], "\(result.err)")
            #expect(result.err.hasSuffix("\n3 errors, 1 warning\n"), "\(result.err)")
        }
    }

    @Test func errorsComeBeforeWarningsByFileAndLineInJSON() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try seedCopy(in: root, writing: mixedProblems)
            let result = try check(content, ["--format", "json"])
            #expect(result.status == 1, "stderr: \(result.err)")
            let objects = try result.out.split(separator: "\n").map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            }
            let order = objects.map { "\($0["file"] ?? ""):\($0["line"] ?? ""): \($0["severity"] ?? "")" }
            #expect(
                order == [
                    "actors/zz-top.md:3: error", "articles/broken.md:5: error", "articles/broken.md:7: error",
                    "articles/aaa.md:5: warning",
                ], "\(result.out)")
        }
    }

    // MARK: site.yml

    @Test func aContentFolderWithoutSiteYmlWarnsWithTheDefaultsAndHowToSetThem() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try seedCopy(in: root)
            try FileManager.default.removeItem(at: content.appendingPathComponent("site.yml"))
            let result = try check(content)
            #expect(result.status == 0, "stderr: \(result.err)")
            #expect(heads(result.err) == ["site.yml:1:1: warning"], "\(result.err)")
            #expect(
                result.err.contains(
                    "warning: there is no site.yml, so the site has the default title 'Explainer', language 'en', and no description or base_url"
                ), "\(result.err)")
            #expect(result.err.contains("note: create site.yml in the content folder"), "\(result.err)")
            let strict = try check(content, ["--strict"])
            #expect(strict.status == 1, "a content warning, not an I/O error: \(strict.err)")
        }
    }

    @Test(arguments: ["site.yaml", "Site.yml", "site.yml.txt"])
    func aSiteFileUnderANearNameIsAnErrorThatSaysToRenameIt(_ name: String) throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try seedCopy(in: root)
            try FileManager.default.moveItem(
                at: content.appendingPathComponent("site.yml"), to: content.appendingPathComponent(name))
            let result = try check(content)
            #expect(result.status == 1, "stderr: \(result.err)")
            #expect(heads(result.err) == ["\(name):1:1: error"], "\(result.err)")
            #expect(
                result.err.contains("error: '\(name)' is not read: sitegen takes the site's settings from site.yml"),
                "\(result.err)")
            #expect(result.err.contains("note: rename it to site.yml"), "\(result.err)")
        }
    }

    @Test func aMisspeltSiteSettingWarnsWithDidYouMeanAndAThemeValueUnderParamsDoesNot() throws {
        try TestContent.withTemporaryDirectory { root in
            let site = try String(
                contentsOf: TestContent.seedContent.appendingPathComponent("site.yml"), encoding: .utf8)
            let content = try seedCopy(
                in: root,
                writing: ["site.yml": site + "baseurl: https://example.org/\nparams:\n  accent_colour: teal\n"])
            let result = try check(content)
            #expect(result.status == 0, "stderr: \(result.err)")
            #expect(heads(result.err) == ["site.yml:4:1: warning"], "\(result.err)")
            #expect(
                result.err.contains(
                    "warning: site.yml has no setting 'baseurl', so it is only handed to the templates"),
                "\(result.err)")
            #expect(result.err.contains("note: did you mean 'base_url'?"), "\(result.err)")
        }
    }

    // MARK: check and --output

    @Test func checkDoesNotMindAnOutputFolderInsideTheContentFolder() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try seedCopy(in: root)
            let output = ["--output", content.appendingPathComponent("public").path]
            let checked = try check(content, output)
            #expect(checked.status == 0, "stderr: \(checked.err)")
            #expect(!checked.err.contains("overlaps"), "\(checked.err)")
            // Building there would copy each build into the next: still refused.
            let built = try SitegenBinary.run(["build", "--content", content.path] + templates + output)
            #expect(built.status != 0)
            #expect(built.err.contains("overlaps the content folder"), "\(built.err)")
        }
    }

    // MARK: Did you mean

    @Test func didYouMeanOffersEachEntityOnce() throws {
        try TestContent.withTemporaryDirectory { root in
            // Near both the name 'United States' and the slug united-states.
            let article = TestContent.article(body: "The [[United Stats]] spoke.\n")
            let content = try seedCopy(in: root, writing: ["articles/more.md": article])
            let result = try check(content)
            #expect(result.status == 1, "stderr: \(result.err)")
            let notes = result.err.components(separatedBy: "\n").filter { $0.hasPrefix("  note:") }
            #expect(notes.first == "  note: did you mean 'United States' (united-states)?", "\(result.err)")
            #expect(
                notes.filter { $0.contains("united-states") || $0.contains("United States") }.count == 1,
                "\(result.err)")
        }
    }
}
