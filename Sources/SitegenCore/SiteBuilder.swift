import Foundation
import SitegenBase
import SitegenLink
import SitegenLoad
import SitegenMentions
import SitegenParse
import SitegenPlan
import SitegenRender
import SitegenResolve
import SitegenWrite

/// A build's options and report, and the clean build: load and parse every
/// file, then fold them, all new, through the stages (`BuildSession`):
/// load → parse → resolve → link → plan → render → write.
public struct SiteBuilder: Sendable {
    public struct Options: Sendable {
        public var content: URL
        /// The theme folder: the whole theme, or (with `builtInTheme`) the
        /// files a site lays over the built-in theme, which may be missing.
        public var templates: URL
        /// Use the built-in theme, with `templates` overriding it file by file.
        public var builtInTheme: Bool
        public var output: URL
        public var includeDrafts: Bool
        /// Treat warnings as errors: the build fails and writes nothing.
        public var strict: Bool
        /// Look for actors named in prose but never linked (`sitegen check`).
        public var findUnlinkedMentions: Bool
        /// Told which stage runs and how many pages are rendered (the
        /// command line's progress line on a terminal).
        package var progress: BuildProgress? = nil

        public init(
            content: URL, templates: URL, output: URL, includeDrafts: Bool = false, strict: Bool = false,
            findUnlinkedMentions: Bool = false, builtInTheme: Bool = false
        ) {
            self.content = content
            self.templates = templates
            self.builtInTheme = builtInTheme
            self.output = output
            self.includeDrafts = includeDrafts
            self.strict = strict
            self.findUnlinkedMentions = findUnlinkedMentions
        }

        /// Where the theme's files come from.
        public var theme: TemplateSet.Source {
            builtInTheme ? .builtIn(overrides: templates) : .folder(templates)
        }
    }

    /// What a build did, for the summary line and `--stats`.
    public struct Report: Sendable {
        public var pageCounts: [String: Int]
        public var pages: Int
        public var files: Int
        /// Files written, left unchanged and removed (zero when not writing).
        public var written: OutputWriter.Summary
        public var warnings: [Diagnostic]
        /// The time each stage took, in pipeline order.
        public var stageTimes: [(String, StageTime)]
        /// Found only with `Options.findUnlinkedMentions`.
        public var unlinkedMentions: [UnlinkedMention] = []
    }

    public var options: Options

    public init(options: Options) { self.options = options }

    /// Everything up to link: the graph, or every error found.
    public func check() -> Result<(graph: SiteGraph, warnings: [Diagnostic]), BuildFailure> {
        var times: [(String, StageTime)] = []
        var clock = Clock()
        var resolve = ResolveState()
        var link = LinkState()
        let change = loadEverything(times: &times)
        return resolveAndLink(change, resolve: &resolve, link: &link, times: &times, clock: &clock)
            .map { (link.graph, $0.warnings) }
    }

    /// Resolve and link, the stages every build, rebuild and check runs
    /// before planning, each taking `change` into its state; with
    /// `--strict` a warning stops here.
    package func resolveAndLink(
        _ change: ContentChange, previousStatements: [DocumentRef: [StatementID]] = [:],
        resolve: inout ResolveState, link: inout LinkState, times: inout [(String, StageTime)], clock: inout Clock
    ) -> Result<(resolved: ResolvedChange, graph: GraphChange, warnings: [Diagnostic]), BuildFailure> {
        options.progress?.stage("resolve")
        let resolved: ResolvedChange
        switch resolve.apply(change, previousStatements: previousStatements) {
        case .success(let result): resolved = result
        case .failure(let failure): return .failure(failure)
        }
        let warnings = resolve.warnings
        if options.strict && !warnings.isEmpty { return .failure(BuildFailure(warnings)) }
        times.append(("resolve", clock.lap()))
        options.progress?.stage("link")
        let graphChange = link.apply(resolved)
        times.append(("link", clock.lap()))
        return .success((resolved, graphChange, warnings))
    }

    /// Every file of the content folder, new: what a clean build folds
    /// through the stages.
    package func loadEverything(times: inout [(String, StageTime)]) -> ContentChange {
        var clock = Clock()
        options.progress?.stage("load")
        let loaded = ContentLoader(includeDrafts: options.includeDrafts).load(from: options.content)
        times.append(("load", clock.lap()))
        options.progress?.stage("parse")
        let parsed = ParsedSite.parse(loaded.content)
        times.append(("parse", clock.lap()))
        return .everything(parsed, diagnostics: loaded.diagnostics + parsed.diagnostics)
    }

    /// Builds the site: a build session's first build, every file new.
    /// With `write: false` every stage runs but the output folder is not
    /// touched (`sitegen check`).
    public func build(write: Bool = true) -> Result<Report, BuildFailure> {
        let session = BuildSession(options: options)
        defer { session.finishRemovingOldOutput() }
        return session.build(write: write)
    }

    /// The output must not lie inside the content or templates folder (each
    /// build would copy the last one in as assets), nor contain them.
    package func outputOverlapsSources() -> Diagnostic? {
        func path(_ url: URL) -> String { url.standardizedFileURL.resolvingSymlinksInPath().path }
        let output = path(options.output)
        for (name, folder) in [("content", options.content), ("templates", options.templates)] {
            let source = path(folder)
            if output == source || output.hasPrefix(source + "/") || source.hasPrefix(output + "/") {
                return .error(
                    "the output folder '\(options.output.path)' overlaps the \(name) folder '\(folder.path)'", at: nil,
                    notes: ["choose an output folder outside both, e.g. --output public"])
            }
        }
        return nil
    }

    /// Not a valid slug, so it cannot clash with a real article's.
    package static let fragmentSlug = "-render-"

    /// Renders one Markdown document as an article body, for `sitegen render`.
    public static func renderFragment(
        _ markdown: String, file: String, firstLine: Int = 1, sources: [CitedSource] = [], content: URL?
    ) -> (String, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var loaded = LoadedContent()
        if let content {
            let output = ContentLoader().load(from: content)
            loaded = output.content
            diagnostics += output.diagnostics.filter { $0.severity == .error }
        }
        let body = DocumentBody(file: file, markdown: markdown, firstLine: firstLine)
        let parsed = AnnotationParser(smartPunctuation: loaded.site.smartPunctuation).parse(body, sources: sources)
        // Resolve against the content's names only: its own bodies are not
        // parsed, so the fragment's quotes cannot clash with an article's.
        let empty = ParsedDocument.empty
        var site = ParsedSite(
            content: loaded, articleBodies: loaded.articles.map { _ in empty },
            actorBodies: loaded.actors.map { _ in empty },
            topicBodies: loaded.topics.map { _ in empty })
        site.content.articles.append(
            ArticleSource(
                slug: Self.fragmentSlug, file: file, title: file, date: ContentDate(iso: "2000-01-01")!, summary: nil,
                draft: false, extra: [:], body: body))
        site.articleBodies.append(parsed)
        let resolved = Resolver().resolve(site)
        diagnostics += parsed.diagnostics + resolved.diagnostics.filter { $0.location?.file == file }
        diagnostics = diagnostics.sortedForReport()
        let graph = Linker().link(resolved)
        var renderer = BodyRenderer(graph: graph, options: CMark.RenderOptions(unsafe: loaded.site.unsafeHTML))
        renderer.placesPaths = false
        guard let document = resolved.articleBodies.last else { return ("", diagnostics) }
        return (renderer.render(document, on: PagePlan.article(Self.fragmentSlug), anchors: false), diagnostics)
    }
}

/// How long a stage took, and how busy it kept the processors: the CPU
/// time of all the process's threads over the same span (`--stats` shows
/// their ratio as cores in use).
public struct StageTime: Sendable, ExpressibleByFloatLiteral {
    public var seconds: Double
    public var processorSeconds: Double
    /// The process's largest resident size so far, at the stage's end, in
    /// bytes; 0 when unknown. Where it jumps is the stage that holds memory.
    public var peakBytes: Int

    public init(seconds: Double, processorSeconds: Double, peakBytes: Int = 0) {
        self.seconds = seconds
        self.processorSeconds = processorSeconds
        self.peakBytes = peakBytes
    }

    public init(floatLiteral seconds: Double) { self.init(seconds: seconds, processorSeconds: 0) }

    /// Cores in use on average; 0 when unknown.
    public var cores: Double { seconds > 0 ? processorSeconds / seconds : 0 }
}

/// Laps for per-stage timings: wall clock and the process's CPU time.
package struct Clock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private var lastProcessor = Clock.processorSeconds()

    package mutating func lap() -> StageTime {
        let now = DispatchTime.now().uptimeNanoseconds
        let processor = Self.processorSeconds()
        defer {
            last = now
            lastProcessor = processor
        }
        return StageTime(
            seconds: Double(now - last) / 1e9, processorSeconds: max(0, processor - lastProcessor),
            peakBytes: Self.peakResidentBytes())
    }

    /// The process's largest resident size so far: the kernel's high-water
    /// mark (`ru_maxrss` would also count the program that exec'd this one).
    static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return 0 }
        return kilobytes * 1024
    }

    /// User and system time of every thread of the process so far.
    static func processorSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
            let process = RUSAGE_SELF.rawValue  // an enum in Glibc's headers
        #else
            let process = RUSAGE_SELF
        #endif
        guard getrusage(process, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
