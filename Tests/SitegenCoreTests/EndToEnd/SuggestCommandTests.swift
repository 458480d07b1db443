import Foundation
import SitegenTestSupport
import Testing

/// `sitegen suggest` through the real binary: its output, `--apply`, and
/// the evaluation set's targets.
@Suite("sitegen suggest")
struct SuggestCommandTests {
    static let body = """
        “We are invested in peace,” Hegseth said on Thursday.

        “We are losing this fight,” said Sherry Rehman.

        """

    /// `root/Content`: the test cast and `articles/a.md`.
    private func content(in root: URL) throws -> URL {
        let folder = root.appendingPathComponent("Content")
        var files = TestContent.cast
        files["articles/a.md"] = TestContent.article(body: Self.body)
        try TestContent.write(files, into: folder)
        return folder
    }

    @Test func textShowsEachProposalWithACaretAndASummary() throws {
        try TestContent.withTemporaryDirectory { root in
            _ = try content(in: root)
            let result = try SitegenBinary.run(["suggest", "Content/articles/a.md"], in: root)
            #expect(result.status == 0, "\(result.err)")
            #expect(
                result.out.contains(
                    """
                    articles/a.md:5:1: suggestion: quote by pete-hegseth (quote-then-speaker, high)
                        “We are invested in peace,” Hegseth said on Thursday.
                        ^~~~~~~~~~~~~~~~~~~~~~~~~~~
                      note: annotate: [“We are invested in peace,”]{.quote by=pete-hegseth}
                    """), "\(result.out)")
            #expect(
                result.out.contains("articles/a.md:7:34: suggestion: new person 'Sherry Rehman' (new-speaker, medium)"))
            #expect(
                result.out.hasSuffix("4 proposals: 2 quotes, 1 link, 1 new actor (2 high, 2 medium)\n"), "\(result.out)"
            )
        }
    }

    @Test func jsonIsOneObjectALineOnStandardOutput() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root)
            let result = try SitegenBinary.run(
                [
                    "suggest", folder.appendingPathComponent("articles/a.md").path, "--content", folder.path,
                    "--format", "json",
                ])
            #expect(result.status == 0, "\(result.err)")
            let objects = try result.out.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            #expect(objects.map { $0["kind"] as? String } == ["quote", "link", "quote", "actor"])
            #expect(objects.allSatisfy { $0.count == 16 })
            #expect(objects.first?["file"] as? String == "articles/a.md")
            #expect(objects.last?["name"] as? String == "Sherry Rehman")
        }
    }

    @Test func applyWritesBacksUpAndTheResultChecks() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root)
            let result = try SitegenBinary.run(
                ["suggest", "Content/articles/a.md", "--new-actors", "--apply"], in: root)
            #expect(result.status == 0, "\(result.err)")
            #expect(
                result.out.contains("articles/a.md:7:34: wrote actors/sherry-rehman.md for 'Sherry Rehman'"),
                "\(result.out)")
            #expect(
                result.out.contains(
                    "articles/a.md:5:1: annotated quote → [“We are invested in peace,”]{.quote by=pete-hegseth}"))
            #expect(
                result.out.contains("Backed up the original of 1 file in \(root.path)/.sitegen-backup/"),
                "\(result.out)")
            #expect(result.out.hasSuffix("Checked the content folder: no errors\n"), "\(result.out)")
            let text = try String(contentsOf: folder.appendingPathComponent("articles/a.md"), encoding: .utf8)
            #expect(
                text.contains("[“We are losing this fight,”]{.quote by=sherry-rehman} said [[Sherry Rehman]]") == false)
            #expect(
                text.contains("[“We are losing this fight,”]{.quote by=sherry-rehman} said Sherry Rehman."), "\(text)")
            let check = try SitegenBinary.run(
                ["check", "--content", folder.path, "--templates", TestContent.seedTemplates.path, "--no-unlinked"])
            #expect(check.status == 0, "the applied file checks: \(check.err)")
        }
    }

    @Test func applyFromProposalsSkipsWhatChangedSinceAndSaysWhy() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root)
            let file = folder.appendingPathComponent("articles/a.md")
            let proposed = try SitegenBinary.run(["suggest", "Content/articles/a.md", "--format", "json"], in: root)
            let proposals = root.appendingPathComponent("proposals.jsonl")
            try proposed.stdout.write(to: proposals)
            let edited = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
                of: "Hegseth said on", with: "Pete said on")
            try Data(edited.utf8).write(to: file)
            let result = try SitegenBinary.run(
                ["suggest", "Content/articles/a.md", "--apply", "--from", proposals.path], in: root)
            #expect(result.status == 0, "\(result.err)")
            #expect(
                result.out.contains(
                    "articles/a.md:5:29: skipped link 'Hegseth': the file does not read 'Hegseth' at 5:29 (it was changed since, or it is written with escapes); do it by hand"
                ), "\(result.out)")
            #expect(result.out.contains("annotated quote → [“We are invested in peace,”]{.quote by=pete-hegseth}"))
            #expect(
                result.out.contains("skipped quote '“We are losing this fight,”': 'sherry-rehman' is not an actor yet"))
        }
    }

    @Test func nothingIsProposedInAnnotationsCodeOrLinkText() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root)
            let body = """
                [“We are invested in peace,”]{.quote by=hegseth} [[Hegseth]] said.

                [[[Trump]] said `“not a quote,” Hegseth said` today]{.event}.

                See [“the link text,” Putin said](https://example.org) and <a href="x">“a raw link,” Putin said</a>.

                    “An indented code block,” Putin said.

                """
            try TestContent.write(["articles/a.md": TestContent.article(body: body)], into: folder)
            let result = try SitegenBinary.run(["suggest", "Content/articles/a.md", "--format", "json"], in: root)
            #expect(result.status == 0, "\(result.err)")
            #expect(result.out.isEmpty, "\(result.out)")
            let text = try SitegenBinary.run(["suggest", "Content/articles/a.md"], in: root)
            #expect(text.out == "Nothing to suggest\n", "\(text.out)")
        }
    }

    @Test func noClaimsLeavesClaimsOut() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root)
            let body = "Hegseth said that the United States would not send troops to Ukraine.\n"
            try TestContent.write(["articles/a.md": TestContent.article(body: body)], into: folder)
            let with = try SitegenBinary.run(["suggest", "Content/articles/a.md", "--format", "json"], in: root)
            #expect(with.out.contains("\"kind\": \"claim\""), "\(with.out)")
            let without = try SitegenBinary.run(["suggest", "Content/articles/a.md", "--no-claims"], in: root)
            #expect(!without.out.contains("claim"), "\(without.out)")
        }
    }

    @Test func applyChangesNothingInContentThatDoesNotCheck() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root)
            try TestContent.write(["articles/b.md": TestContent.article(body: "[[Nobody]] spoke.\n")], into: folder)
            let file = folder.appendingPathComponent("articles/a.md")
            let original = try Data(contentsOf: file)
            let result = try SitegenBinary.run(
                ["suggest", "Content/articles/a.md", "--new-actors", "--apply"], in: root)
            #expect(result.status == 1)
            #expect(result.err.contains("articles/b.md:5:1: error: unknown actor or topic 'Nobody'"), "\(result.err)")
            #expect(result.err.contains("error: the content does not check, so nothing was applied"), "\(result.err)")
            #expect(try Data(contentsOf: file) == original)
            #expect(
                !FileManager.default.fileExists(atPath: folder.appendingPathComponent("actors/sherry-rehman.md").path))
        }
    }

    @Test func usageAndReadErrorsHaveTheirStatuses() throws {
        try TestContent.withTemporaryDirectory { root in
            _ = try content(in: root)
            let noContent = try SitegenBinary.run(
                ["suggest", "Content/articles/a.md", "--content", "Nowhere"], in: root)
            #expect(noContent.status == 2)
            #expect(noContent.err.contains("error: no content folder at 'Nowhere'"))
            let missing = try SitegenBinary.run(["suggest", "Content/articles/missing.md"], in: root)
            #expect(missing.status == 3)
            #expect(missing.err.contains("error: cannot read 'Content/articles/missing.md'"))
            let fromWithoutApply = try SitegenBinary.run(["suggest", "Content/articles/a.md", "--from", "x"], in: root)
            #expect(fromWithoutApply.status == 2)
            let broken = root.appendingPathComponent("broken.md")
            try Data("“We are here now,” [[Nobody]] said.\n".utf8).write(to: broken)
            let withErrors = try SitegenBinary.run(["suggest", broken.path], in: root)
            #expect(withErrors.status == 1)
            #expect(
                withErrors.err.contains("broken.md:1:20: error: unknown actor or topic 'Nobody'"), "\(withErrors.err)")
            #expect(withErrors.out.isEmpty)
            let help = try SitegenBinary.run(["suggest", "--help"], in: root)
            #expect(help.out.contains("sitegen suggest Content/articles/climate-talks.md --new-actors --apply"))
        }
    }

    /// The evaluation set meets its targets: span F1, speaker accuracy and
    /// the precision of `high` proposals (Benchmarks/suggest_eval exits 1 when not).
    @Test func theEvaluationMeetsItsTargets() throws {
        let root = TestContent.repositoryRoot()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", root.appendingPathComponent("Benchmarks/suggest_eval").path, "--sitegen",
            try SitegenBinary.url().path,
            "--json",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
        let last = try #require(text.split(separator: "\n").last)
        let totals = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        #expect((totals["f1"] as? Double ?? 0) >= 0.84)
        #expect((totals["speaker"] as? Double ?? 0) >= 0.90)
        #expect((totals["high_precision"] as? Double ?? 0) >= 0.97)
    }
}
