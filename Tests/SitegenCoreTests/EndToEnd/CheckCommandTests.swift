import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenPlan

/// `sitegen check`, `--strict`, `--format json` and the output-folder guards,
/// run through the real binary.
@Suite("sitegen check and bad-input CLI")
struct CheckCommandTests {
    private var templates: [String] { ["--templates", TestContent.seedTemplates.path] }

    /// A copy of the seed Content/ in `root/Content`, changed by `files` (path → text).
    private func seedCopy(in root: URL, adding files: [String: String] = [:]) throws -> URL {
        let content = root.appendingPathComponent("Content")
        try TestContent.copyFolder(TestContent.seedContent, to: content)
        try TestContent.write(files, into: content)
        return content
    }

    /// An actor nothing mentions: legal, but a warning.
    private let lonelyActor = ["actors/nobody-at-all.md": TestContent.actor(name: "Nobody At All")]

    /// A quote about no topic: a warning that still stands beside errors
    /// (unlike "never mentioned", which a broken file may be the cause of).
    private let quoteAboutNothing = [
        "articles/about-nothing.md": TestContent.article(body: "[[Hegseth]] said [“no”]{.quote by=hegseth}.\n")
    ]

    /// Two errors in one article of the seed content.
    private let brokenArticle = [
        "articles/broken.md": TestContent.article(
            body: "See [[Hegset]] here.\n\nAnd [“x”]{.quote by=hegseth about=peace-talks mood=1}.\n")
    ]

    private func jsonObjects(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }.map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require(object as? [String: Any], "not a JSON object: \(line)")
        }
    }

    // MARK: check

    @Test func checkOfTheSeedContentExitsZeroAndWritesNothing() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("out")
            let result = try SitegenBinary.run(
                ["check", "--output", output.path] + templates + CLITests.contentArguments)
            #expect(result.status == 0, "stderr: \(result.err)")
            #expect(result.out.contains("no problems"), "stdout: \(result.out)")
            #expect(!FileManager.default.fileExists(atPath: output.path))
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
        }
    }

    @Test func checkLeavesAnExistingOutputAlone() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("out")
            try TestContent.write(["index.html": "old", OutputLocation.manifestName: "x"], into: output)
            let before = TestContent.snapshot(output)
            let result = try SitegenBinary.run(
                ["check", "--output", output.path] + templates + CLITests.contentArguments)
            #expect(result.status == 0, "stderr: \(result.err)")
            #expect(TestContent.snapshot(output) == before)
        }
    }

    @Test func checkWithErrorsExitsOneAndReportsEachOne() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try seedCopy(in: root, adding: brokenArticle)
            let output = root.appendingPathComponent("out")
            let result = try SitegenBinary.run(
                ["check", "--content", content.path, "--output", output.path] + templates)
            #expect(result.status == 1, "stderr: \(result.err)")
            #expect(
                result.err.contains("articles/broken.md:5:5: error: unknown actor or topic 'Hegset'"), "\(result.err)")
            #expect(result.err.contains("articles/broken.md:7:"), "\(result.err)")
            #expect(result.err.contains("note: did you mean 'Hegseth'"), "\(result.err)")
            #expect(result.err.contains("2 errors"), "\(result.err)")
            #expect(!result.err.contains("\u{1B}["), "colour with NO_COLOR set")
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }

    @Test func aWarningFailsCheckOnlyWithStrict() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try seedCopy(in: root, adding: lonelyActor)
            let relaxed = try SitegenBinary.run(["check", "--content", content.path] + templates)
            #expect(relaxed.status == 0, "stderr: \(relaxed.err)")
            #expect(relaxed.err.contains("actors/nobody-at-all.md:1:1: warning: "), "\(relaxed.err)")
            #expect(relaxed.out.contains("1 warning"), "\(relaxed.out)")

            let strict = try SitegenBinary.run(["check", "--strict", "--content", content.path] + templates)
            #expect(strict.status == 1, "stderr: \(strict.err)")
            #expect(strict.err.contains("actors/nobody-at-all.md:1:1: warning: "), "\(strict.err)")
        }
    }

    @Test func buildWithStrictAndAWarningWritesNothing() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try seedCopy(in: root, adding: lonelyActor)
            let output = root.appendingPathComponent("site")
            let strict = try SitegenBinary.run(
                ["build", "--strict", "--content", content.path, "--output", output.path] + templates)
            #expect(strict.status == 1, "stderr: \(strict.err)")
            #expect(!FileManager.default.fileExists(atPath: output.path))

            let relaxed = try SitegenBinary.run(
                ["build", "--content", content.path, "--output", output.path] + templates)
            #expect(relaxed.status == 0, "stderr: \(relaxed.err)")
            #expect(
                FileManager.default.fileExists(atPath: output.appendingPathComponent("actors/nobody-at-all.html").path))
        }
    }

    @Test func buildWithStrictKeepsThePreviousOutput() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try seedCopy(in: root)
            let output = root.appendingPathComponent("site")
            let first = try SitegenBinary.run(
                ["build", "--content", content.path, "--output", output.path] + templates)
            #expect(first.status == 0, "stderr: \(first.err)")
            let before = TestContent.snapshot(output)
            try TestContent.write(lonelyActor, into: content)
            let strict = try SitegenBinary.run(
                ["build", "--strict", "--content", content.path, "--output", output.path] + templates)
            #expect(strict.status == 1)
            #expect(TestContent.snapshot(output) == before)
        }
    }

    @Test func errorsInAFileWithCRLFLineEndingsShowTheSourceLine() throws {
        try TestContent.withTemporaryDirectory { root in
            let text = TestContent.article(body: "Intro.\n\nSee [[Hegset]] here.\n").replacingOccurrences(
                of: "\n", with: "\r\n")
            let content = try seedCopy(in: root, adding: ["articles/crlf.md": text])
            let result = try SitegenBinary.run(["check", "--content", content.path] + templates)
            #expect(result.status == 1)
            #expect(
                result.err.contains("articles/crlf.md:7:5: error: unknown actor or topic 'Hegset'"), "\(result.err)")
            #expect(
                result.err.contains("\n    See [[Hegset]] here.\n        ^~~~~~~~~~\n"),
                "no source line:\n\(result.err)")
            #expect(!result.err.contains("\r"))
        }
    }

    // MARK: --format json

    @Test(arguments: ["check", "build"])
    func jsonFormatPrintsOneObjectPerLineAndNothingElse(_ command: String) throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try seedCopy(in: root, adding: brokenArticle.merging(quoteAboutNothing) { a, _ in a })
            let output = root.appendingPathComponent("site")
            let result = try SitegenBinary.run(
                [command, "--format", "json", "--content", content.path, "--output", output.path] + templates)
            #expect(result.status == 1, "stderr: \(result.err)")
            #expect(result.out.hasSuffix("\n"))
            let objects = try jsonObjects(result.out)
            #expect(objects.count == 3, "stdout: \(result.out)")
            for object in objects {
                #expect(["error", "warning"].contains(object["severity"] as? String), "\(object)")
                #expect(object["file"] is String && object["line"] is Int && object["column"] is Int, "\(object)")
                #expect(object["message"] is String && object["notes"] is [Any], "\(object)")
            }
            #expect(objects.filter { $0["severity"] as? String == "error" }.count == 2)
            let first = try #require(objects.first { ($0["message"] as? String)?.contains("Hegset") == true })
            #expect(first["file"] as? String == "articles/broken.md")
            #expect(first["line"] as? Int == 5)
            #expect(first["column"] as? Int == 5)
            #expect((first["notes"] as? [String])?.contains { $0.contains("did you mean 'Hegseth'") } == true)
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }

    @Test func jsonFormatOfASuccessfulBuildKeepsStandardOutputForDiagnostics() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try seedCopy(in: root, adding: lonelyActor)
            let output = root.appendingPathComponent("site")
            let result = try SitegenBinary.run(
                ["build", "--format", "json", "--content", content.path, "--output", output.path] + templates)
            #expect(result.status == 0, "stderr: \(result.err)")
            let objects = try jsonObjects(result.out)
            #expect(objects.count == 1, "stdout: \(result.out)")
            #expect(objects.first?["severity"] as? String == "warning")
            #expect(result.err.contains("Built "), "the summary goes to standard error")
        }
    }

    @Test func jsonFormatOfACleanCheckPrintsNothing() throws {
        let result = try SitegenBinary.run(["check", "--format", "json"] + templates + CLITests.contentArguments)
        #expect(result.status == 0, "stderr: \(result.err)")
        #expect(result.out.isEmpty, "stdout: \(result.out)")
    }

    // MARK: Output folder guards

    @Test(arguments: [
        ["mine.txt": "do not delete", "photos/cat.jpg": "meow"], [".env": "SECRET=1"],
        ["index.html": "<p>my own site</p>"],
    ])
    func buildRefusesAFolderItDidNotMake(_ files: [String: String]) throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("precious")
            try TestContent.write(files, into: output)
            let before = TestContent.snapshot(output)
            let result = try SitegenBinary.run(
                ["build", "--output", output.path] + templates + CLITests.contentArguments)
            #expect(result.status == 3, "stderr: \(result.err)")
            #expect(result.err.contains("refusing"), "\(result.err)")
            #expect(result.err.contains(OutputLocation.manifestName), "\(result.err)")
            #expect(TestContent.snapshot(output) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["precious"])
        }
    }

    /// The refusal is an I/O error (3) even when the content also has warnings, which carry locations.
    @Test func aRefusedOutputExitsThreeEvenWhenTheContentHasWarnings() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try seedCopy(in: root, adding: lonelyActor)
            let output = root.appendingPathComponent("precious")
            try TestContent.write(["mine.txt": "do not delete"], into: output)
            let before = TestContent.snapshot(output)
            let result = try SitegenBinary.run(
                ["build", "--content", content.path, "--output", output.path] + templates)
            #expect(result.status == 3, "stderr: \(result.err)")
            #expect(result.err.contains("refusing"))
            #expect(TestContent.snapshot(output) == before)
        }
    }

    @Test func buildRefusesToWriteOverTheContentFolder() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try seedCopy(in: root)
            let before = TestContent.snapshot(content)
            for output in [content.path, content.path + "/", content.appendingPathComponent("articles/..").path] {
                let result = try SitegenBinary.run(
                    ["build", "--content", content.path, "--output", output] + templates)
                #expect(result.status != 0, "build into its own content folder (\(output)) succeeded")
                #expect(!result.err.isEmpty)
                #expect(TestContent.snapshot(content) == before, "content changed by --output \(output)")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["Content"])
        }
    }

    @Test func anOutputFolderInsideTheContentFolderIsNotCopiedIntoItself() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = try seedCopy(in: root)
            let before = TestContent.snapshot(content)
            let output = content.appendingPathComponent("assets/site")
            for _ in 0..<2 {
                _ = try SitegenBinary.run(["build", "--content", content.path, "--output", output.path] + templates)
            }
            let after = TestContent.snapshot(content)
            #expect(!after.keys.contains { $0.hasPrefix("assets/site/assets/") }, "the output was copied into itself")
            for (path, data) in before { #expect(after[path] == data, "\(path) changed") }
        }
    }

    @Test func buildRefusesAFileAsTheOutput() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("notes.txt")
            try Data("keep".utf8).write(to: output)
            let result = try SitegenBinary.run(
                ["build", "--output", output.path] + templates + CLITests.contentArguments)
            #expect(result.status == 3, "stderr: \(result.err)")
            #expect(try Data(contentsOf: output) == Data("keep".utf8))
        }
    }

    // MARK: Usage and help

    @Test(arguments: [
        ["check", "--bogus"], ["check", "--format", "xml"], ["build", "--strict=yes"], ["check", "extra-argument"],
    ])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let result = try SitegenBinary.run(arguments)
        #expect(result.status == 2, "exit \(result.status) for \(arguments); stderr: \(result.err)")
        #expect(!result.err.isEmpty)
        #expect(result.out.isEmpty)
    }

    @Test(arguments: ["build", "check", "render"])
    func helpShowsAnExampleAndTheExitStatus(_ command: String) throws {
        let result = try SitegenBinary.run([command, "--help"])
        #expect(result.status == 0, "stderr: \(result.err)")
        let help = result.out + result.err
        #expect(help.contains("sitegen \(command)"), "\(help)")
        #expect(help.contains("Example"), "no example in \(command) --help:\n\(help)")
        #expect(help.lowercased().contains("exit"), "no exit status in \(command) --help:\n\(help)")
    }
}
