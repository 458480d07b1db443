import ArgumentParser
import Foundation
import SitegenCore

/// Exit codes, documented in `--help` and the README.
enum ExitStatus {
    static let contentErrors: Int32 = 1
    static let usage: Int32 = 2
    static let internalError: Int32 = 3
}

struct Sitegen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Build cross-linked explainer sites from annotated Markdown.",
        discussion: """
            Articles name actors with [[entity links]] and mark quotes and claims with
            [“words”]{.quote by=speaker about=topic}. sitegen builds a page for every
            article, actor, topic and quote, linked both ways, that opens from disk.

            Exit status: 0 success, 1 content errors, 2 usage errors, 3 I/O or internal errors.
            """,
        subcommands: [Build.self, Render.self],
        defaultSubcommand: nil
    )
}

/// Prints diagnostics to standard error with source lines and carets.
func report(_ diagnostics: [Diagnostic], contentFolder: URL) {
    guard !diagnostics.isEmpty else { return }
    var formatter = DiagnosticFormatter(useColor: DiagnosticFormatter.wantsColor()) { path in
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : contentFolder.appendingPathComponent(path)
        return (try? Data(contentsOf: url)).flatMap { String(data: $0, encoding: .utf8) }
            ?? (try? Data(contentsOf: URL(fileURLWithPath: path))).flatMap { String(data: $0, encoding: .utf8) }
    }
    var text = diagnostics.map { formatter.format($0) }.joined(separator: "\n\n")
    text += "\n\n\(DiagnosticFormatter.summary(diagnostics))\n"
    FileHandle.standardError.write(Data(text.utf8))
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into the output folder.",
        discussion: """
            Reads Content/ (site.yml, articles/, actors/, topics/, assets/), renders it
            with the Mustache templates in Templates/, and replaces the output folder
            only when the whole build succeeded.

            Example:
              sitegen build
              sitegen build --content ~/news/Content --output /tmp/site
            """
    )

    @Option(name: .long, help: "The content folder.")
    var content: String = "Content"

    @Option(name: .long, help: "The templates folder.")
    var templates: String = "Templates"

    @Option(name: .long, help: "The output folder (replaced on success).")
    var output: String = "public"

    @Flag(name: .long, help: "Also build articles marked draft: true.")
    var drafts = false

    @Flag(name: .long, help: "Print the time spent in each pipeline stage.")
    var stats = false

    func run() throws {
        let start = Date()
        let contentURL = URL(fileURLWithPath: content)
        let builder = SiteBuilder(
            options: .init(
                content: contentURL, templates: URL(fileURLWithPath: templates), output: URL(fileURLWithPath: output),
                includeDrafts: drafts))
        switch builder.build() {
        case .failure(let failure):
            report(failure.diagnostics, contentFolder: contentURL)
            let isContentError = failure.diagnostics.contains { $0.location != nil }
            throw ExitCode(isContentError ? ExitStatus.contentErrors : ExitStatus.internalError)
        case .success(let result):
            report(result.warnings, contentFolder: contentURL)
            let order = ["article", "actor", "topic", "quote", "index", "home"]
            let counts = order.compactMap { kind in result.pageCounts[kind].map { "\($0) \(kind == "index" && $0 != 1 ? "indexes" : kind + ($0 == 1 ? "" : "s"))" } }
            let elapsed = Date().timeIntervalSince(start)
            print(
                "Built \(result.pages) pages (\(counts.joined(separator: ", "))) into \(output)/ in \(String(format: "%.0f", elapsed * 1000)) ms"
            )
            if stats {
                for (stage, seconds) in result.stageTimes {
                    print("  \(stage.padding(toLength: 8, withPad: " ", startingAt: 0)) \(String(format: "%8.1f", seconds * 1000)) ms")
                }
            }
        }
    }
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render one Markdown document to an HTML fragment on standard output.",
        discussion: """
            Renders exactly as an article body is rendered, with entity links resolved
            against the content folder. A document without annotations comes out
            byte-identical to cmark's HTML.

            Example:
              sitegen render Content/articles/hegseth-peace-talks-not-a-betrayal.md
              echo 'Hello [[Hegseth]]' | sitegen render
            """
    )

    @Argument(help: "The Markdown file (standard input when omitted).")
    var file: String?

    @Option(name: .long, help: "The content folder that entity links resolve against.")
    var content: String = "Content"

    func run() throws {
        let data: Data
        if let file {
            guard let read = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("error: cannot read '\(file)'\n".utf8))
                throw ExitCode(ExitStatus.internalError)
            }
            data = read
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        let name = file ?? "<stdin>"
        let source: SourceFile
        switch SourceFile.decode(data, path: name) {
        case .success(let decoded): source = decoded
        case .failure(let diagnostic):
            report([diagnostic], contentFolder: URL(fileURLWithPath: content))
            throw ExitCode(ExitStatus.contentErrors)
        }
        // A file with front matter renders its body, like an article.
        var markdown = source.text
        var firstLine = 1
        if source.text.hasPrefix("---\n"), case .success(let document) = FrontMatter.parse(source) {
            markdown = document.body
            firstLine = document.bodyFirstLine
        }
        let contentURL = URL(fileURLWithPath: content)
        let hasContent = FileManager.default.fileExists(atPath: contentURL.path)
        let (html, diagnostics) = SiteBuilder.renderFragment(
            markdown, file: name, firstLine: firstLine, content: hasContent ? contentURL : nil)
        FileHandle.standardOutput.write(Data(html.utf8))
        report(diagnostics, contentFolder: contentURL)
        if diagnostics.hasErrors { throw ExitCode(ExitStatus.contentErrors) }
    }
}

// Usage errors exit 2 (not ArgumentParser's 64) so scripts can tell them apart.
do {
    var command = try Sitegen.parseAsRoot()
    try command.run()
} catch {
    let code = Sitegen.exitCode(for: error)
    if code == .validationFailure {
        let message = Sitegen.fullMessage(for: error)
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(ExitStatus.usage)
    }
    Sitegen.exit(withError: error)
}
