import ArgumentParser
import Foundation
import SitegenBase
import SitegenCLI
import SitegenCore
import SitegenLoad
import SitegenMentions
import SitegenPlan
import SitegenRender
import SitegenServe
import SitegenWrite

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
        subcommands: [
            Build.self, Check.self, Render.self, Suggest.self, Serve.self, Theme.self, New.self, SiteReference.self,
        ]
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

    /// Prints diagnostics: compiler-style text on standard error, or JSON lines on standard output.
    /// - Parameter jsonTo: where JSON lines go: standard output for build and
    ///   check, standard error for render (whose output is the HTML).
    func print(
        _ diagnostics: [Diagnostic], contentFolder: URL, templatesFolder: URL? = nil,
        documents: [String: String] = [:], jsonTo: FileHandle = .standardOutput
    ) {
        if format == .json {
            jsonTo.write(Data(DiagnosticReport.json(diagnostics).utf8))
            return
        }
        let sources = DiagnosticSources(content: contentFolder, templates: templatesFolder, documents: documents)
        let text = DiagnosticReport.text(diagnostics, sources: sources, useColor: DiagnosticFormatter.wantsColor())
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Reports a failed build or check and gives its exit status.
    func fail(_ failure: BuildFailure, site: SiteOptions) -> ExitCode {
        print(failure.diagnostics, contentFolder: site.contentURL, templatesFolder: site.templatesURL)
        return exitCode(for: failure)
    }

    func exitCode(for failure: BuildFailure) -> ExitCode { ExitCode(ExitStatus.of(failure, strict: strict)) }
}

func status(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Claims the output folder for this process, or exits 3 saying who has it.
func lockOutput(_ output: String, as holder: OutputLock.Holder) throws -> OutputLock? {
    do {
        return try OutputClaim.claim(output, as: holder, waiting: status)
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
            of that name; --templates names a whole theme instead), and writes the
            output folder only when the whole build succeeded: a first build is
            swapped in whole, later ones rewrite only the files that changed. The
            output folder must be empty, new, or built by sitegen before.

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

    @Flag(
        name: .long,
        help:
            "Print only warnings and errors: no summary, and no progress line (which shows only on a terminal anyway)."
    )
    var quiet = false

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
        var options = site.builder(strict: report.strict).options
        let progressLine = ProgressLine.onStandardError(quiet: quiet)
        options.progress = progressLine?.progress
        let session = BuildSession(options: options)
        let built = session.buildReusingSavedState(clean: clean)
        progressLine?.finish()
        // Kept until the process ends, which frees its memory at once: taking
        // a big site's graph apart object by object costs a tenth of a second.
        Build.finishedSession = session
        switch built {
        case .failure(let failure):
            throw report.fail(failure, site: site)
        case .success(let (result, mode)):
            report.print(result.warnings, contentFolder: site.contentURL)
            let summary = BuildSummary(
                report: result, mode: mode, output: site.output, seconds: Date().timeIntervalSince(start))
            var lines = quiet ? [] : [summary.headline]
            if stats { lines += summary.statsLines }
            if let archive {
                do {
                    try SiteArchive.write(URL(fileURLWithPath: site.output), to: URL(fileURLWithPath: archive))
                    if !quiet { lines.append("Archived the site into \(archive)") }
                } catch {
                    status("error: \(error)")
                    throw ExitCode(ExitStatus.internalError)
                }
            }
            // With JSON diagnostics on standard output, the summary goes to standard error.
            if lines.isEmpty {
                // --quiet: nothing to say.
            } else if report.format == .json {
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
            say(MentionFixText.lines(outcome))
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
        let (markdown, firstLine) = RenderInput.markdown(of: source)
        let hasContent = FileManager.default.fileExists(atPath: contentURL.path)
        let (html, diagnostics) = SiteBuilder.renderFragment(
            markdown, file: name, firstLine: firstLine, sources: RenderInput.sources(of: source),
            content: hasContent ? contentURL : nil)
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
        let log = ServeLog(
            sources: DiagnosticSources(content: contentURL, templates: templatesURL), output: output,
            useColor: DiagnosticFormatter.wantsColor())
        let server = LiveServer(configuration: .init(site: options, host: host, port: UInt16(port))) { event in
            for entry in log.entries(for: event, at: Date()) {
                (entry.isProblem ? FileHandle.standardError : FileHandle.standardOutput).write(Data(entry.text.utf8))
            }
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
                let lines = ServeLog.start(content: content, url: "\(started.url)", host: host)
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
