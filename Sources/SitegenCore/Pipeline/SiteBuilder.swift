import Foundation

/// Runs the pipeline: load → parse → resolve → link → plan → render → write.
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
        /// Seconds spent in each stage, in pipeline order.
        public var stageTimes: [(String, Double)]
        /// Found only with `Options.findUnlinkedMentions`.
        public var unlinkedMentions: [UnlinkedMention] = []
    }

    public var options: Options

    public init(options: Options) { self.options = options }

    /// Everything but writing: the graph and pages, or every error found.
    public func check() -> Result<(graph: SiteGraph, warnings: [Diagnostic]), BuildFailure> {
        var times: [(String, Double)] = []
        return analyse(times: &times).map { ($0.graph, $0.warnings) }
    }

    /// What the stages up to link produced; a `BuildSession` keeps it so a
    /// rebuild can redo only the documents that changed.
    struct Analysis {
        var content: LoadedContent
        var resolved: ResolvedSite
        var contributions: [DocumentRef: DocumentContribution]
        var graph: SiteGraph
        var warnings: [Diagnostic]
    }

    func analyse(times: inout [(String, Double)]) -> Result<Analysis, BuildFailure> {
        var clock = Clock()
        let loaded = ContentLoader(includeDrafts: options.includeDrafts).load(from: options.content)
        times.append(("load", clock.lap()))
        var diagnostics = loaded.diagnostics
        let parsed = ParsedSite.parse(loaded.content)
        diagnostics += parsed.diagnostics
        times.append(("parse", clock.lap()))
        let resolved = Resolver().resolve(parsed)
        diagnostics += resolved.diagnostics
        // While anything has an error, "never mentioned" may only mean that
        // the broken file or reference is what mentions it: it waits.
        if !diagnostics.hasErrors { diagnostics += resolved.unreferenced }
        times.append(("resolve", clock.lap()))
        if diagnostics.hasErrors || (options.strict && !diagnostics.isEmpty) {
            return .failure(BuildFailure(diagnostics))
        }
        let (graph, contributions) = Linker().linkKeepingContributions(resolved)
        times.append(("link", clock.lap()))
        return .success(
            Analysis(
                content: loaded.content, resolved: resolved, contributions: contributions, graph: graph,
                warnings: diagnostics.sortedForReport()))
    }

    /// Builds the site. With `write: false` every stage runs but the output
    /// folder is not touched (`sitegen check`).
    public func build(write: Bool = true) -> Result<Report, BuildFailure> {
        buildKeepingState(write: write).map(\.report)
    }

    /// A full build, and what a session needs to rebuild from it.
    func buildKeepingState(write: Bool) -> Result<
        (
            report: Report, analysis: Analysis, renderer: PageRenderer, templates: TemplateSet, plan: PlanState,
            manifest: OutputManifest?
        ), BuildFailure
    > {
        var times: [(String, Double)] = []
        // `sitegen check` writes nothing, so where the output would go is no concern of it.
        if write, let problem = outputOverlapsSources() { return .failure(BuildFailure([problem])) }
        let templates: TemplateSet
        switch TemplateSet.load(options.theme) {
        case .success(let loaded): templates = loaded
        case .failure(let failure): return .failure(failure)
        }
        let analysis: Analysis
        switch analyse(times: &times) {
        case .success(let result): analysis = result
        case .failure(let failure): return .failure(failure)
        }
        let graph = analysis.graph
        let warnings = analysis.warnings
        var clock = Clock()
        let planned = PlanState(graph, optionalPages: PlanState.OptionalPages(templates))
        let plan = planned.plan
        let outputPlan = OutputPlan(pages: plan, graph: graph, themeFiles: templates.staticFiles.map(\.0))
        times.append(("plan", clock.lap()))
        if !outputPlan.problems.isEmpty { return .failure(BuildFailure(outputPlan.problems + warnings)) }
        let renderer = PageRenderer(graph: graph, templates: templates)
        var files = plan.pages.concurrentMap { page in
            OutputFile(path: page.path, contents: .text(renderer.render(page)))
        }
        files += HostingFiles.files(graph: graph, plan: plan)
        times.append(("render", clock.lap()))
        files += templates.staticFiles.map { OutputFile(path: $0.0, contents: $0.1) }
        files += outputPlan.assets.map { OutputFile(path: $0.path, contents: .copy($0.asset.sourceURL)) }
        // What was rendered is what the plan checked, no more and no less.
        assert(Set(files.map(\.path)) == Set(outputPlan.files.map(\.path)), "rendered files differ from the plan")
        var written = OutputWriter.Summary()
        var manifest: OutputManifest?
        if write {
            do {
                written = try OutputWriter().write(files, to: options.output, manifest: &manifest)
            } catch {
                return .failure(BuildFailure([.error("\(error)", at: nil)] + warnings))
            }
            times.append(("write", clock.lap()))
        }
        var mentions: [UnlinkedMention] = []
        if options.findUnlinkedMentions {
            mentions = UnlinkedMentionFinder.find(in: analysis.resolved)
            times.append(("mentions", clock.lap()))
        }
        let report = Report(
            pageCounts: plan.counts, pages: plan.pages.count, files: files.count, written: written, warnings: warnings,
            stageTimes: times, unlinkedMentions: mentions)
        return .success((report, analysis, renderer, templates, planned, manifest))
    }

    /// The output must not lie inside the content or templates folder (each
    /// build would copy the last one in as assets), nor contain them.
    func outputOverlapsSources() -> Diagnostic? {
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
    static let fragmentSlug = "-render-"

    /// Renders one Markdown document as an article body, for `sitegen render`.
    public static func renderFragment(_ markdown: String, file: String, firstLine: Int = 1, content: URL?) -> (
        String, [Diagnostic]
    ) {
        var diagnostics: [Diagnostic] = []
        var loaded = LoadedContent()
        if let content {
            let output = ContentLoader().load(from: content)
            loaded = output.content
            diagnostics += output.diagnostics.filter { $0.severity == .error }
        }
        let body = DocumentBody(file: file, markdown: markdown, firstLine: firstLine)
        let parsed = AnnotationParser().parse(body)
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
        let renderer = BodyRenderer(graph: graph, options: CMark.RenderOptions(unsafe: loaded.site.unsafeHTML))
        guard let document = resolved.articleBodies.last else { return ("", diagnostics) }
        return (renderer.render(document, on: PagePlan.article(Self.fragmentSlug), anchors: false), diagnostics)
    }
}

/// Wall-clock laps for per-stage timings.
struct Clock {
    private var last = DispatchTime.now().uptimeNanoseconds
    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}
