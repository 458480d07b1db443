import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore

/// Runs the built `sitegen` executable as a user would.
@Suite("sitegen command line")
struct CLITests {
    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: Data
        var out: String { String(decoding: stdout, as: UTF8.self) }
        var err: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// The `sitegen` binary of this build: next to the test bundle's
    /// executable (whatever `--scratch-path` is), else the newest one under
    /// the package's `.build*` folders.
    static func executable() throws -> URL {
        let fileManager = FileManager.default
        var folders: [URL] = []
        if let main = Bundle.main.executableURL {
            folders.append(main.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        folders.append(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent())
        for bundle in Bundle.allBundles + Bundle.allFrameworks {
            folders.append(bundle.bundleURL.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        if let first = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for folder in folders {
            // On macOS the bundle is `X.xctest/Contents/MacOS/X`; look up a few levels.
            var candidate = folder
            for _ in 0..<4 {
                let binary = candidate.appendingPathComponent("sitegen")
                var isDirectory: ObjCBool = false
                if fileManager.fileExists(atPath: binary.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    fileManager.isExecutableFile(atPath: binary.path)
                {
                    return binary
                }
                candidate.deleteLastPathComponent()
            }
        }
        // Fallback: the newest `sitegen` under `<root>/.build*/**/debug/`.
        let root = TestContent.repositoryRoot()
        var found: [(URL, Date)] = []
        for name in (try? fileManager.contentsOfDirectory(atPath: root.path)) ?? [] where name.hasPrefix(".build") {
            let scratch = root.appendingPathComponent(name)
            var places = [scratch.appendingPathComponent("debug/sitegen")]
            for triple in (try? fileManager.contentsOfDirectory(atPath: scratch.path)) ?? [] {
                places.append(scratch.appendingPathComponent(triple).appendingPathComponent("debug/sitegen"))
            }
            for place in places where fileManager.isExecutableFile(atPath: place.path) {
                let date =
                    (try? fileManager.attributesOfItem(atPath: place.path)[.modificationDate] as? Date) ?? .distantPast
                found.append((place, date))
            }
        }
        if let newest = found.max(by: { $0.1 < $1.1 }) { return newest.0 }
        throw TestContent.Failure("cannot find the sitegen executable; build it with `swift build --build-tests`")
    }

    /// Runs sitegen with `arguments`, `stdin` as standard input; output goes
    /// through files so large output cannot block on a full pipe.
    static func run(_ arguments: [String], stdin: String = "", in directory: URL? = nil) throws -> Run {
        try run(arguments, stdinData: Data(stdin.utf8), in: directory)
    }

    /// - Parameters:
    ///   - directory: the working folder (the test's own when nil).
    ///   - program: what to run (this build's `sitegen` when nil).
    ///   - environment: the whole environment (the test's own, with
    ///     `NO_COLOR`, when nil).
    static func run(
        _ arguments: [String], stdinData: Data, in directory: URL? = nil, program: URL? = nil,
        environment: [String: String]? = nil
    ) throws -> Run {
        let binary = try program ?? executable()
        return try TestContent.withTemporaryDirectory { folder in
            let inURL = folder.appendingPathComponent("stdin")
            let outURL = folder.appendingPathComponent("stdout")
            let errURL = folder.appendingPathComponent("stderr")
            try stdinData.write(to: inURL)
            try Data().write(to: outURL)
            try Data().write(to: errURL)
            let input = try FileHandle(forReadingFrom: inURL)
            let output = try FileHandle(forWritingTo: outURL)
            let error = try FileHandle(forWritingTo: errURL)
            defer {
                try? input.close()
                try? output.close()
                try? error.close()
            }
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            if let directory { process.currentDirectoryURL = directory }
            process.environment =
                environment ?? ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
            process.standardInput = input
            process.standardOutput = output
            process.standardError = error
            try process.run()
            process.waitUntilExit()
            return Run(
                status: process.terminationStatus, stdout: try Data(contentsOf: outURL),
                stderr: try Data(contentsOf: errURL))
        }
    }

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
        let result = try Self.run(["render"] + Self.contentArguments, stdin: Self.plainMarkdown)
        #expect(result.status == 0, "stderr: \(result.err)")
        let expected = CMark.referenceHTML(Self.plainMarkdown)
        #expect(!expected.isEmpty)
        #expect(
            result.stdout == Data(expected.utf8), "render output differs from cmark:\n\(result.out)\n---\n\(expected)")
        #expect(result.err.isEmpty)
    }

    @Test(arguments: ["", "Just one line.", "Line\n\nTwo paragraphs\n", "- [ ] a task-like item\n- [x] done\n"])
    func renderOfSmallDocumentsMatchesCmark(_ markdown: String) throws {
        let result = try Self.run(["render"] + Self.contentArguments, stdin: markdown)
        #expect(result.status == 0, "stderr: \(result.err)")
        #expect(result.out == CMark.referenceHTML(markdown))
    }

    @Test func renderResolvesEntityLinks() throws {
        let result = try Self.run(["render"] + Self.contentArguments, stdin: "Hello [[Hegseth]].\n")
        #expect(result.status == 0, "stderr: \(result.err)")
        #expect(result.out.contains("actors/pete-hegseth.html"))
        #expect(!result.out.contains("[[Hegseth]]"))
    }

    @Test func renderWithABadEntityLinkExitsOneWithALocatedError() throws {
        let result = try Self.run(["render"] + Self.contentArguments, stdin: "Hello [[Nobody]].\n")
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
            let result = try Self.run(["render", file.path] + Self.contentArguments)
            #expect(result.status == 1)
            #expect(result.err.contains("\(file.path):5:5: error: "), "stderr: \(result.err)")
        }
    }

    @Test func renderOfAFileWithFrontMatterRendersItsBody() throws {
        try TestContent.withTemporaryDirectory { folder in
            let body = "Some *body* text.\n\n- a\n- b\n"
            let file = folder.appendingPathComponent("page.md")
            try Data(("---\ntitle: T\ndate: 2025-02-13\n---\n" + body).utf8).write(to: file)
            let result = try Self.run(["render", file.path] + Self.contentArguments)
            #expect(result.status == 0, "stderr: \(result.err)")
            #expect(result.out == CMark.referenceHTML(body))
        }
    }

    @Test func renderedQuotesDoNotClashWithTheContentsQuotes() throws {
        // The seed article already has this quote; a fragment is checked on its own.
        let result = try Self.run(["render"] + Self.contentArguments, stdin: "[“not a betrayal”]{.quote by=hegseth}\n")
        #expect(result.status == 0, "stderr: \(result.err)")
        #expect(result.out.contains("not a betrayal"))
        #expect(result.out.contains("class=\"statement quote\""))
    }

    @Test func renderOfInvalidUTF8ExitsOneWithALocatedError() throws {
        let result = try Self.run(
            ["render"] + Self.contentArguments, stdinData: Data("ok\nab".utf8) + Data([0xFF]) + Data("\n".utf8))
        #expect(result.status == 1)
        #expect(result.err.contains("<stdin>:2:3: error: "), "stderr: \(result.err)")
    }

    @Test func buildRefusesAForeignFolderWithExitThreeAndLeavesIt() throws {
        try TestContent.withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("precious")
            try TestContent.write(["mine.txt": "do not delete"], into: output)
            let before = TestContent.snapshot(output)
            let result = try Self.run(
                ["build", "--templates", TestContent.seedTemplates.path, "--output", output.path]
                    + Self.contentArguments)
            #expect(result.status == 3, "stderr: \(result.err)")
            #expect(result.err.contains("refusing"))
            #expect(TestContent.snapshot(output) == before)
        }
    }

    @Test(arguments: [["build", "--bogus"], ["render", "--nope"], ["build", "--output"], ["frobnicate"]])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let result = try Self.run(arguments)
        #expect(result.status == 2, "exit \(result.status) for \(arguments); stderr: \(result.err)")
        #expect(!result.err.isEmpty)
    }

    @Test func buildWritesTheSiteAndExitsZero() throws {
        try TestContent.withTemporaryDirectory { folder in
            let output = folder.appendingPathComponent("site")
            let result = try Self.run(
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
            let result = try Self.run([
                "build", "--content", content.path, "--templates", TestContent.seedTemplates.path, "--output",
                output.path,
            ])
            #expect(result.status == 1)
            #expect(result.err.contains("actors/broken.md:5:7: error: "), "stderr: \(result.err)")
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }
}
