import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenParse

/// Runs the built `sitegen` executable as a user would.
@Suite("sitegen command line")
struct CLITests {
    static var contentArguments: [String] { ["--content", TestContent.seedContent.path] }

    static let plainMarkdown = """
        # A title with *emphasis* and `code`

        A paragraph with **strong** text, `code [x]`, a [link](https://example.org "Title"), an
        ![image](img.png "pic"), <span class="x">inline HTML</span>, an autolink <https://example.org/a>,
        and [brackets] that [stay as] written, even \\[\\[]] and [x]{ not attributes }.
        Entities &amp; &copy; &#91;x&#93; and a backslash \\[escaped\\] bracket.

            indented code [[not a link]]

        > A block quote
        > over two lines with a [reference][ref] link.

        1. one
        2. two
           - nested *item*

        - loose

        - list

        ```swift
        let a = [[1], [2]]
        ```

        <div>
        raw [[block]] <script>alert(1)</script>
        </div>

        Hard\u{20}\u{20}
        break, soft
        break. Typography: café, “curly”, 日本語 -- dashes... & < > "quotes".

        ***

        [ref]: https://example.org/ref

        """

    @Test func renderOfPlainMarkdownIsByteIdenticalToCmark() throws {
        let result = try SitegenBinary.run(["render"] + Self.contentArguments, stdin: Self.plainMarkdown)
        #expect(result.status == 0, "stderr: \(result.err)")
        let expected = CMark.referenceHTML(Self.plainMarkdown)
        #expect(!expected.isEmpty)
        #expect(
            result.stdout == Data(expected.utf8), "render output differs from cmark:\n\(result.out)\n---\n\(expected)")
        #expect(result.err.isEmpty)
    }

    @Test(arguments: ["", "Just one line.", "Line\n\nTwo paragraphs\n", "- [ ] a task-like item\n- [x] done\n"])
    func renderOfSmallDocumentsMatchesCmark(_ markdown: String) throws {
        let result = try SitegenBinary.run(["render"] + Self.contentArguments, stdin: markdown)
        #expect(result.status == 0, "stderr: \(result.err)")
        #expect(result.out == CMark.referenceHTML(markdown))
    }

    @Test func renderResolvesEntityLinks() throws {
        let result = try SitegenBinary.run(["render"] + Self.contentArguments, stdin: "Hello [[Hegseth]].\n")
        #expect(result.status == 0, "stderr: \(result.err)")
        #expect(result.out.contains("actors/pete-hegseth.html"))
        #expect(!result.out.contains("[[Hegseth]]"))
    }

    @Test func renderWithABadEntityLinkExitsOneWithALocatedError() throws {
        let result = try SitegenBinary.run(["render"] + Self.contentArguments, stdin: "Hello [[Nobody]].\n")
        #expect(result.status == 1)
        let lines = result.err.split(separator: "\n").map(String.init)
        let errorLines = lines.filter { TestContent.captures(#"^(\S+:\d+:\d+): error: "#, in: $0).first != nil }
        #expect(!errorLines.isEmpty, "stderr: \(result.err)")
        #expect(errorLines.first?.hasPrefix("<stdin>:1:7: error: ") == true, "stderr: \(result.err)")
        #expect(errorLines.first?.contains("Nobody") == true)
    }

    @Test func renderOfAFileReportsFileLinesPastTheFrontMatter() throws {
        try TestContent.withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("draft.md")
            try Data("---\ntitle: T\n---\n\nSee [[Nobody]].\n".utf8).write(to: file)
            let result = try SitegenBinary.run(["render", file.path] + Self.contentArguments)
            #expect(result.status == 1)
            #expect(result.err.contains("\(file.path):5:5: error: "), "stderr: \(result.err)")
        }
    }

    @Test func renderOfAFileWithFrontMatterRendersItsBody() throws {
        try TestContent.withTemporaryDirectory { folder in
            let body = "Some *body* text.\n\n- a\n- b\n"
            let file = folder.appendingPathComponent("page.md")
            try Data(("---\ntitle: T\ndate: 2025-02-13\n---\n" + body).utf8).write(to: file)
            let result = try SitegenBinary.run(["render", file.path] + Self.contentArguments)
            #expect(result.status == 0, "stderr: \(result.err)")
            #expect(result.out == CMark.referenceHTML(body))
        }
    }

    @Test func renderedQuotesDoNotClashWithTheContentsQuotes() throws {
        // The seed article already has this quote; a fragment is checked on its own.
        let result = try SitegenBinary.run(
            ["render"] + Self.contentArguments, stdin: "[“not a betrayal”]{.quote by=hegseth}\n")
        #expect(result.status == 0, "stderr: \(result.err)")
        #expect(result.out.contains("not a betrayal"))
        #expect(result.out.contains("class=\"statement quote\""))
    }

    @Test func renderOfInvalidUTF8ExitsOneWithALocatedError() throws {
        let result = try SitegenBinary.run(
            ["render"] + Self.contentArguments, stdinData: Data("ok\nab".utf8) + Data([0xFF]) + Data("\n".utf8))
        #expect(result.status == 1)
        #expect(result.err.contains("<stdin>:2:3: error: "), "stderr: \(result.err)")
    }

    @Test func buildRefusesAForeignFolderWithExitThreeAndLeavesIt() throws {
        try TestContent.withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("precious")
            try TestContent.write(["mine.txt": "do not delete"], into: output)
            let before = TestContent.snapshot(output)
            let result = try SitegenBinary.run(
                ["build", "--templates", TestContent.seedTemplates.path, "--output", output.path]
                    + Self.contentArguments)
            #expect(result.status == 3, "stderr: \(result.err)")
            #expect(result.err.contains("refusing"))
            #expect(TestContent.snapshot(output) == before)
        }
    }

    @Test(arguments: [["build", "--bogus"], ["render", "--nope"], ["build", "--output"], ["frobnicate"]])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let result = try SitegenBinary.run(arguments)
        #expect(result.status == 2, "exit \(result.status) for \(arguments); stderr: \(result.err)")
        #expect(!result.err.isEmpty)
    }

    @Test func buildWritesTheSiteAndExitsZero() throws {
        try TestContent.withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("site")
            let result = try SitegenBinary.run(
                ["build", "--templates", TestContent.seedTemplates.path, "--output", output.path]
                    + Self.contentArguments)
            #expect(result.status == 0, "stderr: \(result.err)")
            #expect(result.out.contains("Built"))
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
            #expect(
                FileManager.default.fileExists(atPath: output.appendingPathComponent("actors/pete-hegseth.html").path))
        }
    }

    @Test func buildWithAContentErrorExitsOneAndNamesTheFile() throws {
        try TestContent.withTemporaryDirectory { folder in
            let content = folder.appendingPathComponent("Content")
            try TestContent.copyFolder(TestContent.seedContent, to: content)
            try Data(TestContent.actor(name: "Broken", body: "Knows [[Nobody]].\n").utf8)
                .write(to: content.appendingPathComponent("actors/broken.md"))
            let output = folder.appendingPathComponent("site")
            let result = try SitegenBinary.run([
                "build", "--content", content.path, "--templates", TestContent.seedTemplates.path, "--output",
                output.path,
            ])
            #expect(result.status == 1)
            #expect(result.err.contains("actors/broken.md:5:7: error: "), "stderr: \(result.err)")
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }

    /// Into a pipe (a script, a log, CI) a build draws no progress line;
    /// `--quiet` also leaves out the summary.
    @Test func aBuildIntoAPipeDrawsNoProgressAndQuietPrintsOnlyProblems() throws {
        try TestContent.withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("site")
            let build = ["build"] + Self.contentArguments + ["--output", output.path]
            let loud = try SitegenBinary.run(build + ["--clean"])
            #expect(loud.status == 0)
            #expect(loud.out.hasPrefix("Built "), "stdout: \(loud.out)")
            #expect(!loud.err.contains("\r") && !loud.err.contains("\u{1B}"), "stderr: \(loud.err)")

            let quiet = try SitegenBinary.run(build + ["--clean", "--quiet"])
            #expect(quiet.status == 0)
            #expect(quiet.out.isEmpty, "stdout: \(quiet.out)")
            #expect(!quiet.err.contains("\r") && !quiet.err.contains("\u{1B}"), "stderr: \(quiet.err)")
        }
    }
}
