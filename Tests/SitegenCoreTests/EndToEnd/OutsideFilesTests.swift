import Foundation
import SitegenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 13, items 1–4 and 11, as an attacker or a confused user meets
/// them: the real `sitegen` binary on real folders with real symbolic
/// links, and `serve` over a real socket.
@Suite("Outside files stay out; the CLI says what is wrong", .serialized)
struct OutsideFilesTests {
    private var templates: [String] { ["--templates", TestContent.seedTemplates.path] }

    /// An article that names Pete Hegseth, so a leak would reach his page too.
    static let outsideArticle = """
        ---
        title: OUTSIDE-TITLE-MARKER
        date: 2025-02-13
        ---
        OUTSIDE-BODY-MARKER said [[Pete Hegseth]] on Thursday.

        """

    /// `root/Content` (the seed site) and `root/outside/secret.md`.
    private func site(in root: URL) throws -> (content: URL, secret: URL) {
        let content = root.appendingPathComponent("Content")
        try TestContent.copyFolder(TestContent.seedContent, to: content)
        let secret = root.appendingPathComponent("outside/secret.md")
        try TestContent.write(["outside/secret.md": Self.outsideArticle], into: root)
        return (content, secret)
    }

    private func link(_ path: String, in content: URL, to target: String) throws {
        let url = content.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    /// Whether any file of the output holds `marker`.
    private func outputHolds(_ output: URL, _ marker: String) -> [String] {
        TestContent.snapshot(output).filter { String(decoding: $0.value, as: UTF8.self).contains(marker) }.map(\.key)
    }

    // MARK: 1. The saved state, check and check --fix apply the same rule

    @Test func aLinkOutAddedAfterAFirstBuildIsRefusedByEveryCommand() throws {
        try TestContent.withTemporaryDirectory { root in
            let (content, secret) = try site(in: root)
            let output = root.appendingPathComponent("public")
            let arguments = ["--content", content.path, "--output", output.path] + templates
            let first = try SitegenBinary.run(["build"] + arguments)
            #expect(first.status == 0, "\(first.err)")

            try link("articles/leak.md", in: content, to: secret.path)
            let expected = "articles/leak.md:1:1: error: symbolic link points outside the content folder"
            for command in [["build"], ["build", "--clean"], ["check"], ["check", "--fix"], ["build"]] {
                let run = try SitegenBinary.run(command + arguments)
                #expect(run.status == 1, "\(command): \(run.err)")
                #expect(run.err.contains(expected), "\(command): \(run.err)")
                #expect(!run.err.contains("MARKER") && !run.out.contains("MARKER"), "\(command): \(run.err)")
                #expect(
                    !FileManager.default.fileExists(atPath: output.appendingPathComponent("articles/leak.html").path))
                #expect(outputHolds(output, "MARKER").isEmpty, "\(command) published the outside file")
            }
            // Nothing was fixed or backed up through the link.
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".sitegen-backup").path))
            #expect(try String(contentsOf: secret, encoding: .utf8) == Self.outsideArticle)

            // Once the link is gone the saved state builds again.
            try FileManager.default.removeItem(at: content.appendingPathComponent("articles/leak.md"))
            let again = try SitegenBinary.run(["build"] + arguments)
            #expect(again.status == 0, "\(again.err)")
        }
    }

    /// A link that leads out through a folder an article's link passes:
    /// the stamps see the target change, and the rule is applied again.
    @Test func aFolderSwappedForALinkOutAfterAFirstBuildIsRefused() throws {
        try TestContent.withTemporaryDirectory { root in
            let (content, _) = try site(in: root)
            let output = root.appendingPathComponent("public")
            let arguments = ["--content", content.path, "--output", output.path] + templates
            try TestContent.write(
                ["common/inside.md": Self.outsideArticle.replacingOccurrences(of: "MARKER", with: "INSIDE")],
                into: content)
            try link("articles/inside.md", in: content, to: "../common/inside.md")
            let first = try SitegenBinary.run(["build"] + arguments)
            #expect(first.status == 0, "\(first.err)")
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("articles/inside.html").path))

            try FileManager.default.removeItem(at: content.appendingPathComponent("common"))
            try FileManager.default.createSymbolicLink(
                at: content.appendingPathComponent("common"), withDestinationURL: root.appendingPathComponent("outside")
            )
            try FileManager.default.moveItem(
                at: root.appendingPathComponent("outside/secret.md"),
                to: root.appendingPathComponent("outside/inside.md"))
            let second = try SitegenBinary.run(["build"] + arguments)
            #expect(second.status == 1, "\(second.err)")
            #expect(
                second.err.contains("articles/inside.md:1:1: error: symbolic link points outside the content folder"))
            #expect(outputHolds(output, "MARKER").isEmpty)
        }
    }

    // MARK: 2. No line of a refused file is shown

    @Test func diagnosticsNeverShowALineOfARefusedFile() throws {
        try TestContent.withTemporaryDirectory { root in
            let (content, _) = try site(in: root)
            try TestContent.write(["outside/first-line.md": "FIRST-LINE-SECRET\nmore\n"], into: root)
            try link("articles/environ.md", in: content, to: "/proc/self/environ")
            try link("actors/first.md", in: content, to: root.appendingPathComponent("outside/first-line.md").path)
            let environment = ["SITEGEN_TEST_SECRET": "ENVIRONMENT-SECRET-VALUE"]
            for command in [["build"], ["check"], ["check", "--format", "json"]] {
                let run = try SitegenBinary.run(
                    command + ["--content", content.path, "--output", root.appendingPathComponent("out").path]
                        + templates, environment: SitegenBinary.testEnvironment.merging(environment) { $1 })
                #expect(run.status == 1, "\(command): \(run.err)")
                #expect(
                    (run.err + run.out).contains("symbolic link points outside the content folder"),
                    "\(command): \(run.err)")
                for secret in ["ENVIRONMENT-SECRET-VALUE", "FIRST-LINE-SECRET"] {
                    #expect(!run.err.contains(secret) && !run.out.contains(secret), "\(command) showed \(secret)")
                }
            }
        }
    }

    @Test func aSiteYmlLinkingOutIsRefusedNotUsed() throws {
        try TestContent.withTemporaryDirectory { root in
            let (content, _) = try site(in: root)
            try TestContent.write(["outside/site.yml": "title: OUTSIDE-SITE-TITLE\n"], into: root)
            try FileManager.default.removeItem(at: content.appendingPathComponent("site.yml"))
            try link("site.yml", in: content, to: root.appendingPathComponent("outside/site.yml").path)
            let output = root.appendingPathComponent("public")
            let run = try SitegenBinary.run(["build", "--content", content.path, "--output", output.path] + templates)
            #expect(run.status == 1, "\(run.err)")
            #expect(
                run.err.contains("site.yml:1:1: error: symbolic link points outside the content folder"), "\(run.err)")
            #expect(!run.err.contains("OUTSIDE-SITE-TITLE"))
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }

    // MARK: 3. Terminal control characters

    @Test func controlCharactersInContentAreShownEscaped() throws {
        try TestContent.withTemporaryDirectory { root in
            let (content, _) = try site(in: root)
            // A screen clear, a window title and a terminal reset, in prose and in a link.
            let line = "Here \u{1B}[2J said \u{1B}]0;pwned\u{07} [[Nobody\u{1B}c\u{07}]] today."
            try TestContent.write(["articles/control.md": TestContent.article(body: line + "\n")], into: content)
            let run = try SitegenBinary.run(["check", "--content", content.path] + templates)
            #expect(run.status == 1, "\(run.err)")
            let raw = [UInt8](run.stderr)
            #expect(!raw.contains(0x1B) && !raw.contains(0x07), "raw control characters in:\n\(run.err)")
            #expect(run.err.contains("'Nobody\\u{1B}c\\u{7}'"), "\(run.err)")

            // The caret stays under the link, past the escaped characters.
            let lines = run.err.components(separatedBy: "\n")
            let shown = try #require(
                lines.firstIndex { $0.hasPrefix("    Here \\u{1B}[2J said \\u{1B}]0;pwned\\u{7} [[") }, "\(run.err)")
            let link = try #require(lines[shown].range(of: "[[Nobody"))
            let caret = try #require(lines[shown + 1].firstIndex(of: "^"))
            #expect(
                lines[shown + 1].distance(from: lines[shown + 1].startIndex, to: caret)
                    == lines[shown].distance(from: lines[shown].startIndex, to: link.lowerBound), "\(run.err)")

            // JSON keeps the text exact, escaped the JSON way.
            let json = try SitegenBinary.run(["check", "--format", "json", "--content", content.path] + templates)
            #expect(![UInt8](json.stdout).contains(0x1B))
            #expect(json.out.contains("Nobody\\u001bc\\u0007"), "\(json.out)")

            // In a file name, too.
            try TestContent.write(
                ["articles/x\u{1B}]0;t\u{07}.md": TestContent.article(body: "Fine.\n")], into: content)
            let named = try SitegenBinary.run(["check", "--content", content.path] + templates)
            #expect(![UInt8](named.stderr).contains(0x1B) && ![UInt8](named.stderr).contains(0x07), "\(named.err)")
            #expect(named.err.contains("articles/x\\u{1B}]0;t\\u{7}.md:1:1: error:"), "\(named.err)")
        }
    }

    // MARK: 4. Loops and big trees

    @Test func linkLoopsAndLinksToBigTreesAreRefusedWithoutAWalk() throws {
        try TestContent.withTemporaryDirectory { root in
            let (content, _) = try site(in: root)
            try TestContent.write(["assets/logo.txt": "logo"], into: content)
            for name in ["a", "b", "c"] { try link("assets/\(name)", in: content, to: "..") }
            try link("assets/usr", in: content, to: "/usr")
            let output = root.appendingPathComponent("public")
            for command in ["build", "check"] {
                let run = try SitegenBinary.run(
                    [command, "--content", content.path, "--output", output.path] + templates)
                #expect(run.status == 1, "\(command): \(run.err)")
                for name in ["a", "b", "c"] {
                    #expect(
                        run.err.contains(
                            "assets/\(name):1:1: error: symbolic link leads back to a folder that holds it"),
                        "\(command): \(run.err)")
                }
                #expect(run.err.contains("assets/usr:1:1: error: symbolic link points outside the content folder"))
                #expect(run.err.contains("4 errors"), "\(command): \(run.err)")
            }
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }

    /// A content folder that holds the output (and loops that would make
    /// any walk of it endless) is refused before anything is walked.
    @Test func anOverlappingOutputIsRefusedBeforeAnyWalk() throws {
        try TestContent.withTemporaryDirectory { root in
            let (content, _) = try site(in: root)
            for name in ["a", "b", "c"] { try link("stuff/\(name)", in: content, to: "..") }
            for name in ["a", "b", "c"] { try link("assets/\(name)", in: content, to: "..") }
            let output = content.appendingPathComponent("public")
            let run = try SitegenBinary.run(["build", "--content", content.path, "--output", output.path] + templates)
            #expect(run.status == 3, "\(run.err)")
            #expect(run.err.hasPrefix("error: the output folder '\(output.path)' overlaps the content folder"))
            #expect(run.err.contains("1 error"), "\(run.err)")
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }

    // MARK: 11. The command line says what is wrong

    @Test func aNegativePortIsOutOfRangeNotMissing() throws {
        let run = try SitegenBinary.run(["serve", "--port", "-1"])
        #expect(run.status == 2)
        #expect(run.err.contains("--port must be between 0 and 65535"), "\(run.err)")
        #expect(!run.err.contains("Missing value"), "\(run.err)")
    }

    @Test func aContentFolderThatIsAFileIsCalledAFile() throws {
        try TestContent.withTemporaryDirectory { root in
            let file = root.appendingPathComponent("site.yml")
            try Data("title: x\n".utf8).write(to: file)
            for command in ["build", "check"] {
                let run = try SitegenBinary.run(
                    [command, "--content", file.path, "--output", root.appendingPathComponent("out").path] + templates)
                #expect(run.status == 3, "\(command): \(run.err)")
                #expect(run.err.contains("content folder '\(file.path)' is a file, not a folder"), "\(run.err)")
                #expect(!run.err.contains("does not exist"), "\(run.err)")
            }
            let theme = try SitegenBinary.run(
                [
                    "build", "--content", TestContent.seedContent.path, "--templates", file.path, "--output",
                    root.appendingPathComponent("out").path,
                ])
            #expect(theme.err.contains("templates folder '\(file.path)' is a file, not a folder"), "\(theme.err)")
        }
    }

    @Test func articlesInSubfoldersAreReportedWithTheFix() throws {
        try TestContent.withTemporaryDirectory { root in
            let (content, _) = try site(in: root)
            let output = root.appendingPathComponent("public")
            let arguments = ["--content", content.path, "--output", output.path] + templates
            #expect(try SitegenBinary.run(["build"] + arguments).status == 0)
            // Added after a first build, so the saved state must notice it too.
            try TestContent.write(
                [
                    "articles/2025/february.md": TestContent.article(body: "Nested [[Hegseth]].\n"),
                    "articles/2025/notes.txt": "not an article",
                ], into: content)
            let run = try SitegenBinary.run(["build"] + arguments)
            #expect(run.status == 1, "\(run.err)")
            #expect(
                run.err.contains(
                    "articles/2025/february.md:1:1: error: articles are read only directly in articles/, not in its subfolders"
                ), "\(run.err)")
            #expect(run.err.contains("note: move it to articles/february.md"), "\(run.err)")
            #expect(!run.err.contains("notes.txt"), "\(run.err)")
            #expect(run.err.contains("1 error"), "\(run.err)")
        }
    }

    // MARK: serve

    /// Items 1, 2 and 4 through `sitegen serve`: links added while it runs
    /// are refused, nothing of theirs reaches a page, the overlay or the
    /// terminal, and loop links neither hang the watcher nor the build.
    @Test func serveRefusesLinksAddedWhileItRuns() throws {
        try TestContent.withTemporaryDirectory { root in
            let (content, secret) = try site(in: root)
            for name in ["a", "b", "c"] { try link("assets/\(name)", in: content, to: "..") }
            let serve = try BackgroundSitegen(
                [
                    "serve", "--content", content.path, "--output", root.appendingPathComponent("public").path,
                    "--port", "0",
                ] + templates, in: root, name: "serve",
                environment: SitegenBinary.testEnvironment.merging(["SITEGEN_TEST_SECRET": "ENVIRONMENT-SECRET-VALUE"])
                {
                    $1
                })
            defer { serve.stop() }
            let port = try serve.servedPort()
            // The loops are errors, not an endless watch or walk.
            #expect(serve.err.contains("assets/a:1:1: error: symbolic link leads back to a folder that holds it"))
            for name in ["a", "b", "c"] {
                try FileManager.default.removeItem(at: content.appendingPathComponent("assets/\(name)"))
            }
            try serve.waitFor("Rebuilt after")
            let page = try TestConnection.request(port: port, "/")
            let build = try #require(
                page.text.components(separatedBy: "data-sitegen-build=\"").dropFirst().first?.prefix { $0 != "\"" })
            let events = try EventStreamReader(port: port, build: String(build))

            try link("articles/leak.md", in: content, to: secret.path)
            let refused = try #require(try events.next())
            #expect(refused.name == "error", "\(refused)")
            #expect(refused.data.contains("symbolic link points outside the content folder"), "\(refused.data)")
            #expect(try TestConnection.request(port: port, "/articles/leak.html").status == 404)
            let actor = try TestConnection.request(port: port, "/actors/pete-hegseth.html")
            #expect(actor.status == 200)
            #expect(!actor.text.contains("MARKER"))

            try link("articles/environ.md", in: content, to: "/proc/self/environ")
            let second = try #require(try events.next())
            #expect(second.name == "error")
            #expect(second.data.contains("articles/environ.md"), "\(second.data)")
            #expect(!second.data.contains("ENVIRONMENT-SECRET-VALUE"), "the overlay shows the environment")
            #expect(!second.data.contains("MARKER"))
            _ = try serve.waitFor("articles/environ.md:1:1", inErrors: true)
            #expect(!serve.err.contains("ENVIRONMENT-SECRET-VALUE"), "the terminal shows the environment")
        }
    }
}
