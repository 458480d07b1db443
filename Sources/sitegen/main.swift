import ArgumentParser
import Foundation
import SitegenCore
import SitegenServe

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
        version: SitegenVersion.description,
        subcommands: [Build.self, Check.self, Render.self, Serve.self, Theme.self]
    )
}

/// Where the site comes from and goes to; shared by build and check.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The content folder.")
    var content: String = "Content"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A theme folder that is the whole theme. Without it, the built-in theme is used, with any files in Templates/ (when it exists) in place of its own.",
            valueName: "folder"))
    var templates: String?

    @Option(name: .long, help: "The output folder (replaced on success).")
    var output: String = "public"

    @Flag(name: .long, help: "Also build articles marked draft: true.")
    var drafts = false

    var contentURL: URL { URL(fileURLWithPath: content) }
    /// The theme folder: `--templates`, or the site's overrides of the built-in theme.
    var templatesURL: URL { URL(fileURLWithPath: templates ?? "Templates") }

    func options(strict: Bool = false, findUnlinkedMentions: Bool = false) -> SiteBuilder.Options {
        .init(
            content: contentURL, templates: templatesURL, output: URL(fileURLWithPath: output),
            includeDrafts: drafts, strict: strict, findUnlinkedMentions: findUnlinkedMentions,
            builtInTheme: templates == nil)
    }

    func builder(strict: Bool, findUnlinkedMentions: Bool = false) -> SiteBuilder {
        SiteBuilder(options: options(strict: strict, findUnlinkedMentions: findUnlinkedMentions))
    }
}

enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// How problems are reported; shared by build and check.
struct ReportOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "How to print errors and warnings: text, or json (one object per line; on standard output, except for render, whose output is the HTML)."
    )
    var format: DiagnosticFormat = .text

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    /// Diagnostics printed as text before the rest are summarised.
    static let textLimit = 200

    /// Prints diagnostics: compiler-style text on standard error, or JSON lines on standard output.
    /// - Parameter jsonTo: where JSON lines go: standard output for build and
    ///   check, standard error for render (whose output is the HTML).
    func print(
        _ diagnostics: [Diagnostic], contentFolder: URL, templatesFolder: URL? = nil,
        documents: [String: String] = [:], jsonTo: FileHandle = .standardOutput
    ) {
        guard !diagnostics.isEmpty else { return }
        if format == .json {
            let lines = diagnostics.map(\.jsonLine).joined(separator: "\n") + "\n"
            jsonTo.write(Data(lines.utf8))
            return
        }
        Self.printText(
            diagnostics,
            sources: DiagnosticSources(content: contentFolder, templates: templatesFolder, documents: documents))
    }

    /// Prints diagnostics as compiler-style text on standard error, with the
    /// source lines of the files `sources` admits.
    static func printText(_ diagnostics: [Diagnostic], sources: DiagnosticSources) {
        guard !diagnostics.isEmpty else { return }
        var formatter = DiagnosticFormatter(useColor: DiagnosticFormatter.wantsColor(), readFile: sources.text(of:))
        // Like a compiler's error limit: the first screens are what an author reads.
        let shown = diagnostics.prefix(Self.textLimit)
        var text = shown.map { formatter.format($0) }.joined(separator: "\n\n")
        if diagnostics.count > shown.count {
            text += "\n\n… and \(diagnostics.count - shown.count) more (all of them with --format json)"
        }
        text += "\n\n\(DiagnosticFormatter.summary(diagnostics))\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Reports a failed build or check and gives its exit status.
    func fail(_ failure: BuildFailure, site: SiteOptions) -> ExitCode {
        print(failure.diagnostics, contentFolder: site.contentURL, templatesFolder: site.templatesURL)
        return exitCode(for: failure)
    }

    /// Exit status for a failed run: 1 when an error (or, with --strict, a
    /// warning) points into the content, 3 when it is about the file system.
    func exitCode(for failure: BuildFailure) -> ExitCode {
        let blocking = failure.diagnostics.filter { $0.severity == .error || strict }
        return ExitCode(blocking.contains { $0.location != nil } ? ExitStatus.contentErrors : ExitStatus.internalError)
    }
}

func status(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Claims the output folder for this process, or exits 3 saying who has it.
/// A folder sitegen may not replace gets no lock file beside it: the build
/// refuses it with its own message.
func lockOutput(_ output: String, as holder: OutputLock.Holder) throws -> OutputLock? {
    let url = URL(fileURLWithPath: output)
    guard (try? OutputWriter().checkReplaceable(url.standardizedFileURL.resolvingSymlinksInPath())) != nil
    else { return nil }
    do {
        return try OutputLock.acquire(url, as: holder) { busy in
            let pid = busy.pid.map { " (pid \($0))" } ?? ""
            status("Waiting for another sitegen build\(pid) to finish writing \(output)/…")
        }
    } catch {
        status("error: \(error)")
        throw ExitCode(ExitStatus.internalError)
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into the output folder.",
        discussion: """
            Reads Content/ (site.yml, articles/, actors/, topics/, assets/), renders it
            with the built-in theme (any file in Templates/ replaces the built-in one
            of that name; --templates names a whole theme instead), and writes the output folder only
            when the whole build succeeded: a first build is swapped in whole, later ones
            rewrite only the files that changed. The output folder must be empty, new,
            or built by sitegen before.

            Examples:
              sitegen build
              sitegen build --content ~/news/Content --output /tmp/site --stats

            Exit status: 0 success, 1 content errors (or warnings with --strict),
            2 usage errors, 3 I/O errors such as an output folder it may not replace.
            """
    )

    @OptionGroup var site: SiteOptions
    @OptionGroup var report: ReportOptions

    @Flag(name: .long, help: "Print the time spent in each pipeline stage.")
    var stats = false

    @Option(name: .long, help: "Also write the whole site as one zip, for reading offline after unzipping.")
    var archive: String?

    nonisolated(unsafe) static var finishedSession: BuildSession?

    @Flag(
        name: .long,
        help:
            "Build from scratch, without the state the last build saved beside the output (\(OutputLocation.stateName(forOutputNamed: "OUTPUT")))."
    )
    var clean = false

    func run() throws {
        let start = Date()
        let lock = try lockOutput(site.output, as: .build)
        defer { withExtendedLifetime(lock) {} }
        let session = BuildSession(options: site.builder(strict: report.strict).options)
        let built = session.buildReusingSavedState(clean: clean)
        // Kept until the process ends, which frees its memory at once: taking
        // a big site's graph apart object by object costs a tenth of a second.
        Build.finishedSession = session
        switch built {
        case .failure(let failure):
            throw report.fail(failure, site: site)
        case .success(let (result, mode)):
            report.print(result.warnings, contentFolder: site.contentURL)
            let order = [
                "article", "actor", "topic", "quote", "archive", "index", "home", "timeline", "connections", "search",
                "404",
            ]
            let counts = order.compactMap { kind in
                result.pageCounts[kind].map { count -> String in
                    switch kind {
                    case "index": return "\(count) \(count == 1 ? "index" : "indexes")"
                    case "archive": return "\(count) archive \(count == 1 ? "page" : "pages")"
                    case "404": return "a 404 page"
                    case "search": return "a search page"
                    case "timeline": return "a timeline page"
                    case "connections": return "a connections page"
                    default: return "\(count) \(kind)\(count == 1 ? "" : "s")"
                    }
                }
            }
            let elapsed = Date().timeIntervalSince(start)
            let files = result.written
            let changes =
                files.unchanged == 0 && files.removed == 0
                ? "" : "; \(files.written) files written, \(files.unchanged) unchanged, \(files.removed) removed"
            let summary =
                "Built \(result.pages) pages (\(counts.joined(separator: ", "))) into \(site.output)/ in \(String(format: "%.0f", elapsed * 1000)) ms\(changes)"
            var lines = [summary]
            if stats {
                switch mode {
                case .clean(let reason): lines.append("  from scratch: \(reason)")
                case .incremental(let count):
                    lines.append("  from the saved state: \(count) changed \(count == 1 ? "file" : "files")")
                }
                for (stage, seconds) in result.stageTimes {
                    lines.append(
                        "  \(stage.padding(toLength: 8, withPad: " ", startingAt: 0)) \(String(format: "%8.1f", seconds * 1000)) ms"
                    )
                }
            }
            if let archive {
                do {
                    try SiteArchive.write(URL(fileURLWithPath: site.output), to: URL(fileURLWithPath: archive))
                    lines.append("Archived the site into \(archive)")
                } catch {
                    status("error: \(error)")
                    throw ExitCode(ExitStatus.internalError)
                }
            }
            // With JSON diagnostics on standard output, the summary goes to standard error.
            if report.format == .json {
                status(lines.joined(separator: "\n"))
            } else {
                print(lines.joined(separator: "\n"))
            }
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check content and templates without writing anything.",
        discussion: """
            Runs every stage of a build except writing, and reports every error and
            warning. Exits 1 when there are errors (or warnings, with --strict): the
            command for an author before publishing, or for a CI job on content.

            It also suggests links: where a document names an actor in its prose
            ('Hegseth', an alias) but never links to that actor, it points at the first
            mention and gives the link to write. Suggestions never change the exit
            status, not even with --strict; --no-unlinked leaves them out. --fix writes
            those links into the files, copying each file it changes into
            .sitegen-backup/TIME/ next to the content folder first, then checks again.

            Examples:
              sitegen check
              sitegen check --strict --format json
              sitegen check --fix

            Exit status: 0 no errors, 1 content errors (or warnings with --strict),
            2 usage errors, 3 I/O errors.
            """
    )

    @OptionGroup var site: SiteOptions
    @OptionGroup var report: ReportOptions

    @Flag(
        inversion: .prefixedNo,
        help: "Suggest linking actors that a document names in prose but never links.")
    var unlinked = true

    @Flag(
        name: .long,
        help: "Link the first unlinked mention of each actor in each document, backing up each file it changes.")
    var fix = false

    func validate() throws {
        if fix && !unlinked { throw ValidationError("--fix writes the unlinked mentions' links; drop --no-unlinked") }
    }

    func run() throws {
        let builder = site.builder(strict: report.strict, findUnlinkedMentions: unlinked)
        var result: SiteBuilder.Report
        switch builder.build(write: false) {
        case .failure(let failure): throw report.fail(failure, site: site)
        case .success(let checked): result = checked
        }
        if fix, !result.unlinkedMentions.isEmpty {
            let fixer = MentionFixer(content: site.contentURL)
            let outcome = fixer.fix(result.unlinkedMentions)
            say(Self.describe(outcome))
            if !outcome.files.isEmpty {
                // Linking should never break a file; if it did, put the originals back.
                switch builder.build(write: false) {
                case .failure(let failure):
                    report.print(
                        failure.diagnostics, contentFolder: site.contentURL, templatesFolder: site.templatesURL)
                    do {
                        try fixer.restore(outcome)
                        status("error: the linked files no longer check, so their originals are back in place")
                    } catch {
                        status(
                            "error: the linked files no longer check, and putting the originals back failed: \(error)")
                    }
                    throw report.exitCode(for: failure)
                case .success(let again): result = again
                }
            }
        }
        // Warnings first: a long list of suggestions must not hide them.
        let diagnostics = result.warnings + result.unlinkedMentions.map(\.diagnostic)
        report.print(diagnostics, contentFolder: site.contentURL)
        if report.format == .text {
            let problems = diagnostics.isEmpty ? "no problems" : DiagnosticFormatter.summary(diagnostics)
            print("Checked \(result.pages) pages: \(problems)")
        }
    }

    /// Text goes to standard output, unless that carries JSON diagnostics.
    private func say(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        if report.format == .json {
            status(lines.joined(separator: "\n"))
        } else {
            print(lines.joined(separator: "\n"))
        }
    }

    /// One line per link written or skipped, and where the backups are.
    static func describe(_ outcome: MentionFixer.Outcome) -> [String] {
        var lines = outcome.linked.map { mention in
            TerminalText.visible("\(mention.location): linked '\(mention.text)' → \(mention.link)", keepLayout: false)
        }
        lines += outcome.skipped.map { skip in
            TerminalText.visible(
                "\(skip.mention.location): skipped '\(skip.mention.text)': \(skip.reason)", keepLayout: false)
        }
        if let folder = outcome.backupFolder {
            let count = outcome.files.count
            lines.append(
                "Backed up the original\(count == 1 ? "" : "s") of \(count) file\(count == 1 ? "" : "s") in \(folder.path)"
            )
        }
        return lines
    }
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render one Markdown document to an HTML fragment on standard output.",
        discussion: """
            Renders exactly as an article body is rendered, with entity links resolved
            against the content folder. A document without annotations comes out
            byte-identical to cmark's HTML. Front matter, if any, is skipped.

            Examples:
              sitegen render Content/articles/hegseth-peace-talks-not-a-betrayal.md
              echo 'Hello [[Hegseth]]' | sitegen render

            Exit status: 0 success, 1 content errors, 2 usage errors, 3 unreadable file.
            """
    )

    @Argument(help: "The Markdown file (standard input when omitted).")
    var file: String?

    @Option(name: .long, help: "The content folder that entity links resolve against.")
    var content: String = "Content"

    @OptionGroup var report: ReportOptions

    func run() throws {
        let data: Data
        if let file {
            guard let read = FileManager.default.contents(atPath: file) else {
                status("error: cannot read '\(file)'")
                throw ExitCode(ExitStatus.internalError)
            }
            data = read
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        let name = file ?? "<stdin>"
        let contentURL = URL(fileURLWithPath: content)
        let source: SourceFile
        switch SourceFile.decode(data, path: name) {
        case .success(let decoded): source = decoded
        case .failure(let diagnostic):
            report.print([diagnostic], contentFolder: contentURL)
            throw ExitCode(ExitStatus.contentErrors)
        }
        // A file with front matter renders its body, like an article.
        var markdown = source.text
        var firstLine = 1
        // Only front matter that looks like a content file's is skipped; a
        // plain document may open with a thematic break and a setext heading.
        if source.text.hasPrefix("---\n"), case .success(let document) = FrontMatter.parse(source),
            ["title", "name", "date", "kind"].contains(where: { document.entries[$0] != nil })
        {
            markdown = document.body
            firstLine = document.bodyFirstLine
        }
        let hasContent = FileManager.default.fileExists(atPath: contentURL.path)
        let (html, diagnostics) = SiteBuilder.renderFragment(
            markdown, file: name, firstLine: firstLine, content: hasContent ? contentURL : nil)
        FileHandle.standardOutput.write(Data(html.utf8))
        report.print(diagnostics, contentFolder: contentURL, documents: [name: source.text], jsonTo: .standardError)
        if diagnostics.hasErrors || (report.strict && !diagnostics.isEmpty) { throw ExitCode(ExitStatus.contentErrors) }
    }
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site, serve it on this machine, and rebuild and reload it as you save.",
        discussion: """
            Builds the output folder as build does, serves it over HTTP (to this machine
            only unless --host says otherwise) and watches the content folder (site.yml
            included) and the templates folder. Each save rebuilds what it affects and
            reloads the pages open in the browser. A save that does not build shows its
            errors over the page, which stays the last good build until a save builds
            again. Pages get a small reload script on the way out; the output folder is
            exactly what build writes. Ctrl-C stops.

            Examples:
              sitegen serve
              sitegen serve --port 8081 --drafts
              sitegen serve --content ~/news/Content --output /tmp/preview

            Exit status: 0 stopped with Ctrl-C, 2 usage errors, 3 I/O errors such as a
            port in use or an output folder it may not replace.
            """
    )

    @OptionGroup var site: SiteOptions

    // Taken as written, so `--port -1` is out of range rather than a missing value.
    @Option(name: .long, parsing: .unconditional, help: "The port to listen on (0: any free port).")
    var port: Int = 8080

    @Option(
        name: .long,
        help: "The address to listen on: 127.0.0.1 keeps the site to this machine, 0.0.0.0 opens it to the network.")
    var host: String = "127.0.0.1"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() throws {
        let options = site.options()
        let contentURL = site.contentURL
        let templatesURL = site.templatesURL
        let output = site.output
        let shown = ShownWarnings()
        let sources = DiagnosticSources(content: contentURL, templates: templatesURL)
        let server = LiveServer(configuration: .init(site: options, host: host, port: UInt16(port))) { event in
            Serve.report(event, sources: sources, output: output, shown: shown)
        }
        // Held until serve stops: a build into the same folder meanwhile would
        // mix its pages with serve's rebuilds.
        let lock = try lockOutput(site.output, as: .serve)
        defer { withExtendedLifetime(lock) {} }
        let fatal = FirstBuildOutcome()
        let content = site.content
        let host = self.host
        do {
            try server.runUntilInterrupted { started in
                // A build that fails outside any file (an output folder sitegen
                // may not replace) will not get better by saving: stop.
                if case .failure(let failure) = started.firstBuild,
                    !failure.diagnostics.contains(where: { $0.location != nil })
                {
                    fatal.set()
                    return false
                }
                var lines = ["Serving \(content)/ at \(started.url) (Ctrl-C to stop)"]
                if host != "127.0.0.1" && host != "::1" && host != "localhost" {
                    lines.append("note: listening on \(host): other machines on the network can read the site")
                }
                print(lines.joined(separator: "\n"))
                fflush(nil)
                return true
            }
        } catch let error as LiveServer.StartError {
            status("error: \(error)")
            if case .badHost = error { throw ExitCode(ExitStatus.usage) }
            throw ExitCode(ExitStatus.internalError)
        }
        if fatal.isSet { throw ExitCode(ExitStatus.internalError) }
    }

    /// One line per build (with a clock time, to match it to a save), and the
    /// diagnostics of a failed one, as build prints them.
    static func report(_ event: LiveServer.Event, sources: DiagnosticSources, output: String, shown: ShownWarnings) {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        let time = formatter.string(from: Date())
        func milliseconds(_ seconds: Double) -> String { String(format: "%.0f ms", seconds * 1000) }
        switch event {
        case .built(let result, let changed, let seconds):
            // File names come from the content folder.
            let trigger = TerminalText.visible(changed, keepLayout: false)
            // Warnings are about the whole site: printed when they change, not on every save.
            if shown.replace(with: result.warnings) {
                ReportOptions.printText(result.warnings, sources: sources)
            }
            let files = result.written
            let what =
                trigger == "first build"
                ? "Built \(result.pages) pages into \(output)/"
                : "Rebuilt after \(trigger): \(files.written) files written, \(files.removed) removed"
            print("[\(time)] \(what) in \(milliseconds(seconds))")
            fflush(nil)
        case .failed(let failure, let changed, let seconds):
            let trigger = TerminalText.visible(changed, keepLayout: false)
            ReportOptions.printText(failure.diagnostics, sources: sources)
            let summary = DiagnosticFormatter.summary(failure.diagnostics)
            status(
                trigger == "first build"
                    ? "[\(time)] The first build failed in \(milliseconds(seconds)): \(summary)"
                    : "[\(time)] Build failed after \(trigger) in \(milliseconds(seconds)): \(summary); still serving the last good build"
            )
        case .overloaded(let message):
            status("[\(time)] warning: \(message)")
        }
    }

    final class ShownWarnings: @unchecked Sendable {
        private let lock = NSLock()
        private var last: [Diagnostic] = []
        /// Keeps `warnings`; true when they differ from the last ones.
        func replace(with warnings: [Diagnostic]) -> Bool {
            lock.withLock {
                defer { last = warnings }
                return warnings != last
            }
        }
    }

    private final class FirstBuildOutcome: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }
}

// Usage errors exit 2 (not ArgumentParser's 64) so scripts can tell them apart.
do {
    var command = try Sitegen.parseAsRoot()
    try command.run()
} catch {
    if Sitegen.exitCode(for: error) == .validationFailure {
        status(Sitegen.fullMessage(for: error))
        exit(ExitStatus.usage)
    }
    Sitegen.exit(withError: error)
}

struct Theme: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with the built-in theme.",
        subcommands: [Export.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the built-in theme into a folder, to start a theme of your own.",
            discussion: """
                Writes every template and static file of the built-in theme into FOLDER
                (made if missing; it must be empty, so no file is overwritten). Build with
                --templates FOLDER to use it as a whole theme; or keep only the files you
                change in Templates/, and the rest come from the built-in theme.

                Examples:
                  sitegen theme export Templates
                  sitegen theme export ~/themes/mine && sitegen build --templates ~/themes/mine

                Exit status: 0 written, 3 when the folder is not empty or cannot be written.
                """
        )

        @Argument(help: ArgumentHelp("The folder to write the theme into.", valueName: "folder"))
        var folder: String

        func run() throws {
            do {
                let written = try BuiltInTheme.export(to: URL(fileURLWithPath: folder))
                let shown = folder.hasSuffix("/") ? folder : folder + "/"
                print("Wrote the built-in theme to \(shown): \(written.count) files")
                for path in written { print("  \(shown)\(path)") }
            } catch {
                status("error: \(error)")
                throw ExitCode(ExitStatus.internalError)
            }
        }
    }
}
