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
import StoredCoding

/// A build engine that keeps each stage's state, so that after articles
/// change it redoes only those: each stage takes the change and passes on
/// what it changed (`ContentChange` → resolve → link → plan → render →
/// write), and the result is byte-identical to a clean build, which is
/// the same fold with every file new. `serve` keeps
/// one in memory; `sitegen build` restores one from the saved state
/// (BuildSession+SavedBuild.swift). Calls must not overlap (it is not safe
/// to use from two threads at once).
///
/// Anything other than articles (actors, topics, site.yml, templates,
/// assets) can change any page, so those changes rebuild everything.
public final class BuildSession {
    public let options: SiteBuilder.Options
    package var state: State?
    /// Whether the graph keeps each article's parsed body after its page is
    /// rendered. `serve` keeps them, so a rebuild re-renders an unchanged
    /// article without reading it again; a one-off `sitegen build` drops
    /// each once its page is written (they are most of a big site's
    /// memory, and the saved state keeps stand-ins anyway).
    package var keepsArticleBodies = true
    /// The output's manifest as the last write left it.
    package var manifest: OutputManifest?
    /// The output a build replaced, being removed on another thread
    /// (`StagedOutput.oldOutputRemoval`).
    private var oldOutputRemoval: Pending<Void>?

    /// Each stage's state after the last build.
    package struct State {
        package var resolve: ResolveState
        package var link: LinkState
        package var plan: PlanState
        package var templates: TemplateSet
        /// Statement items for pages, kept between rebuilds (no graph in
        /// them, so updating the graph does not copy it).
        package var statementViews: StatementViews
        /// Articles whose body in the graph is a stand-in with references
        /// only (state read from disk); read again before their page renders.
        package var unreadBodies: Set<String> = []
        /// Where values of a state read from disk report failing to decode.
        package var storedDamage: StoredDamage?
        /// What each page read of the graph when it was last rendered:
        /// what a rebuild chooses pages by.
        package var dependencies = PageDependencies()
        /// The pages the last build rendered (a log record keeps their reads).
        package var renderedPages: [OutputPath] = []
    }

    public init(options: SiteBuilder.Options) { self.options = options }

    /// Waits until the output the last build replaced is removed: before
    /// anything else is written beside the output, and before the process
    /// ends (a one-off build overlaps it with saving its state).
    public func finishRemovingOldOutput() {
        oldOutputRemoval?.take()
        oldOutputRemoval = nil
    }

    /// A clean build: every file is new, folded through the stages from
    /// empty states; the session keeps them.
    public func build() -> Result<SiteBuilder.Report, BuildFailure> {
        build(write: true)
    }

    /// With `write: false` every stage runs but the output folder is not
    /// touched (`sitegen check`).
    package func build(write: Bool) -> Result<SiteBuilder.Report, BuildFailure> {
        state = nil
        let builder = SiteBuilder(options: options)
        // `sitegen check` writes nothing, so where the output would go is no concern of it.
        if write, let problem = builder.outputOverlapsSources() { return .failure(BuildFailure([problem])) }
        var state: State
        switch TemplateSet.load(options.theme) {
        case .success(let templates): state = State(templates: templates)
        case .failure(let failure): return .failure(failure)
        }
        var times: [(String, StageTime)] = []
        var change = builder.loadEverything(times: &times)
        // Once parsed, no stage reads an article's Markdown again: without
        // bodies to keep, it goes before resolve and link add their share.
        if !keepsArticleBodies { change.forgetArticleMarkdown() }
        let result = apply(consume change, to: &state, write: write, times: times)
        if case .success = result { self.state = state }
        return result
    }

    /// Rebuilds after the files at `paths` (relative to the content folder)
    /// changed, were added or were deleted.
    public func rebuild(changed paths: [String]) -> Result<SiteBuilder.Report, BuildFailure> {
        guard Self.isArticleOnly(paths), var state = self.state.take() else { return build() }
        // After a failure the kept state no longer matches the files (another
        // article may still be broken): it stays dropped, and the next call
        // starts from scratch.
        var clock = Clock()
        let files = ContentFiles(folder: options.content)
        let parser = state.link.graph.bodyParser
        let changes = Set(paths).sorted().map {
            ArticleChange.load($0, from: files, includeDrafts: options.includeDrafts, parser: parser)
        }
        let result = apply(.articles(changes), to: &state, write: true, times: [("load+parse", clock.lap())])
        // A value of the saved state did not decode: pages may lack it, so
        // nothing was written; everything is built again.
        if state.storedDamage?.firstDamagedKey != nil { return build() }
        if case .success = result { self.state = state }
        return result
    }

    /// Passes a batch of changed files through the stages, each taking the
    /// change into its own state: the one path of a clean build (every
    /// file new, from empty states) and of a rebuild.
    private func apply(
        _ change: consuming ContentChange, to state: inout State, write: Bool, times: [(String, StageTime)]
    ) -> Result<SiteBuilder.Report, BuildFailure> {
        var times = times
        var clock = Clock()
        var previousStatements: [DocumentRef: [StatementID]] = [:]
        if case .articles(let changes) = change {
            for change in changes {
                previousStatements[change.ref] = (state.link.contributions[change.ref]?.statements ?? []).map(\.id)
            }
        }
        var resolved: ResolvedChange?
        let (graphChange, warnings): (GraphChange, [Diagnostic])
        switch SiteBuilder(options: options).resolveAndLink(
            change, previousStatements: previousStatements, resolve: &state.resolve, link: &state.link,
            times: &times, clock: &clock)
        {
        case .success(let linked): (resolved, graphChange, warnings) = linked
        case .failure(let failure): return .failure(failure)
        }
        // From here on the graph is the only holder of parsed bodies (see
        // `keepsArticleBodies`); `check` keeps the site for its suggestions.
        _ = consume change
        var unlinkedMentionSite: ResolvedSite?
        if options.findUnlinkedMentions, case .everything(let site) = resolved { unlinkedMentionSite = site }

        options.progress?.stage("plan")
        let planChange = state.plan.apply(graphChange, graph: state.link.graph, dependencies: state.dependencies)
        if let output = planChange.output, !output.problems.isEmpty {
            return .failure(BuildFailure(output.problems + warnings))
        }
        if case .articles(let articles) = resolved {
            for article in articles where article.document != nil {
                if case .article(let slug) = article.ref { state.unreadBodies.remove(slug) }
            }
        }
        resolved = nil
        if !keepsArticleBodies { state.forgetArticleMarkdown() }
        for page in planChange.pages {
            if case .article(let slug) = page.kind, state.unreadBodies.contains(slug) {
                readBody(of: slug, state: &state)
            }
        }
        times.append(("plan", clock.lap()))

        let statementViews = graphChange.isWholeSite ? StatementViews() : state.statementViews
        if !graphChange.isWholeSite { statementViews.drop(graphChange.statements) }
        state.statementViews = statementViews
        var removed = planChange.removed
        // A clean build starts a new record; a rebuild's pages replace what they read.
        let paths = planChange.pages.map(\.path)
        let recorder = DependencyRecorder(
            graphChange.isWholeSite ? PageDependencies() : state.dependencies.take(), pages: paths,
            keeping: !graphChange.isWholeSite)
        finishRemovingOldOutput()
        // A new output plan is written as its pages are rendered (whole, or
        // only what differs from an earlier build's output), so no page's
        // HTML is held until the end and writing overlaps rendering.
        let staged: StagedOutput?
        do {
            staged =
                if write, let output = planChange.output {
                    try OutputWriter().begin(options.output, paths: output.files.map(\.path))
                } else { nil }
        } catch {
            return .failure(BuildFailure([.error("\(error)", at: nil)] + (graphChange.isWholeSite ? warnings : [])))
        }
        let progress = options.progress
        progress?.pages(planChange.pages.count)
        // A new output plan's hosting files (data exports, search parts,
        // feeds) read the graph alone, and the biggest of them are single
        // jobs: made first among the last pages to render, they run while
        // the other core renders pages, not after every page with a core idle.
        var hostingPaths: [OutputPath] = []
        func render(_ pages: [PlannedPage], with renderer: PageRenderer, makingHostingFiles: Bool = false)
            -> [OutputFile]
        {
            var work = pages.map(RenderWork.page)
            if makingHostingFiles, staged != nil {
                work = HostingFiles.jobs(graph: renderer.graph, plan: state.plan.plan).map(RenderWork.files) + work
            }
            let done = work.concurrentMap { item -> (kept: [OutputFile], hostingPaths: [OutputPath]) in
                switch item {
                case .page(let page):
                    let reads = PageReads()
                    let html = renderer.render(page, recording: reads)
                    recorder.record(reads, for: page.path)
                    progress?.pageDone()
                    let file = OutputFile(path: page.path, contents: .text(html))
                    guard let staged else { return ([file], []) }
                    staged.write(file)
                    return ([], [])
                case .files(let job):
                    // Only with `staged` (above).
                    let files = job()
                    for file in files { staged?.write(file) }
                    return ([], files.map(\.path))
                }
            }
            hostingPaths += done.flatMap(\.hostingPaths)
            return done.flatMap(\.kept)
        }
        var files: [OutputFile]
        if keepsArticleBodies {
            let renderer = PageRenderer(
                graph: state.link.graph, templates: state.templates, statementViews: statementViews)
            if graphChange.isWholeSite { renderer.fillStatementViews() }
            files = render(planChange.pages, with: renderer, makingHostingFiles: true)
        } else {
            // Article pages first, in batches: they alone read article
            // bodies, and each batch's bodies go (for stand-ins) once its
            // pages are written. The statement items the pages make are
            // kept, made over a graph of stand-ins (an item keeps its
            // maker's graph), so they fill the memory the bodies leave
            // rather than adding to it, and are not made again below.
            let articles = planChange.pages.filter { $0.kind.articleSlug != nil }
            let slugs = articles.compactMap(\.kind.articleSlug)
            statementViews.makeItems(with: state.graph(standingInBodiesOf: slugs), templates: state.templates)
            let batchSize = max(256, articles.count / 16)
            files = []
            for start in stride(from: 0, to: articles.count, by: batchSize) {
                let batch = Array(articles[start..<min(start + batchSize, articles.count)])
                files += render(
                    batch,
                    with: PageRenderer(
                        graph: state.link.graph, templates: state.templates, statementViews: statementViews))
                state.standInBodies(ofArticles: batch.compactMap(\.kind.articleSlug))
            }
            statementViews.stopSharingMaker()
            let others = PageRenderer(
                graph: state.link.graph, templates: state.templates, statementViews: statementViews)
            if graphChange.isWholeSite { others.fillStatementViews() }
            files += render(
                planChange.pages.filter { $0.kind.articleSlug == nil }, with: others, makingHostingFiles: true)
        }
        let graph = state.link.graph
        state.dependencies = recorder.finish()
        for path in removed { state.dependencies.forget(path) }
        state.renderedPages = paths
        var fileCount = planChange.pages.count - files.count
        if let output = planChange.output {
            var others = staged == nil ? HostingFiles.files(graph: graph, plan: state.plan.plan) : []
            times.append(("render", clock.lap()))
            others += state.templates.staticFiles.map { OutputFile(path: $0.0, contents: $0.1) }
            others += output.assets.map { OutputFile(path: $0.path, contents: .copy($0.asset.sourceURL)) }
            // What was rendered is what the plan checked, no more and no less.
            assert(
                Set(paths + hostingPaths + others.map(\.path)) == Set(output.files.map(\.path)),
                "rendered files differ from the plan")
            if let staged {
                _ = others.concurrentMap { staged.write($0) }
                fileCount += hostingPaths.count + others.count
            } else {
                files += others
            }
        } else {
            files += exports(planChange.affected, graph: graph, removing: &removed)
            if planChange.affected.hostingChanged {
                files += HostingFiles.hostingFiles(graph: graph, plan: state.plan.plan)
            }
            times.append(("render", clock.lap()))
        }
        fileCount += files.count
        if state.storedDamage?.firstDamagedKey != nil {  // see `rebuild`
            staged?.abandon()
            return .failure(BuildFailure([]))
        }

        var written = OutputWriter.Summary()
        if write {
            options.progress?.stage("write")
            do {
                if let staged {
                    (written, manifest) = try staged.commit()
                    oldOutputRemoval = staged.oldOutputRemoval
                } else {
                    // Without a new output plan, only the pages the change reached were rendered.
                    written = try OutputWriter().writeChanges(
                        files, removing: removed, to: options.output, manifest: &manifest)
                }
            } catch {
                // A clean build reports its warnings with the failure, as it does any other.
                return .failure(BuildFailure([.error("\(error)", at: nil)] + (graphChange.isWholeSite ? warnings : [])))
            }
            times.append(("write", clock.lap()))
        }
        var mentions: [UnlinkedMention] = []
        if let site = unlinkedMentionSite.take() {
            mentions = UnlinkedMentionFinder.find(in: site)
            times.append(("mentions", clock.lap()))
        }
        let plan = state.plan.plan
        return .success(
            SiteBuilder.Report(
                pageCounts: plan.counts, pages: plan.pages.count, files: fileCount, written: written,
                warnings: warnings, stageTimes: times, unlinkedMentions: mentions))
    }

    /// The data files a change alters: the graph's index and the search
    /// index when the article list changed, the changed articles' data
    /// files, and the search parts holding their quotes.
    private func exports(_ affected: AffectedPages, graph: SiteGraph, removing removed: inout [OutputPath])
        -> [OutputFile]
    {
        var files: [OutputFile] = []
        if affected.listingsChanged {
            files.append(OutputFile(path: OutputPlan.graphDataPath, contents: .text(GraphExport.json(graph))))
            files.append(
                OutputFile(path: OutputPlan.searchIndexPath, contents: .text(GraphExport.searchIndex(graph))))
        }
        if affected.claimsChanged {
            files.append(OutputFile(path: OutputPlan.claimsDataPath, contents: .text(GraphExport.claimsJSON(graph))))
        }
        files += HostingFiles.entityFeeds(graph: graph, only: affected.entityFeeds)
        if affected.timelineChanged {
            files.append(
                OutputFile(path: OutputPlan.timelineDataPath, contents: .text(GraphExport.timelineJSON(graph))))
        }
        for slug in affected.articleData.sorted() {
            if graph.articlesBySlug[slug] != nil {
                files.append(GraphExport.articleFile(slug, graph))
            } else {
                removed.append(OutputPlan.articleDataPath(slug))
            }
        }
        let parts = GraphExport.searchParts(graph, only: affected.searchParts)
        for part in affected.searchParts.sorted() {
            let path = PagePlan.searchPart(part)
            if let text = parts[path] {
                files.append(OutputFile(path: path, contents: .text(text)))
            } else {
                removed.append(path)
            }
        }
        return files
    }
}

extension BuildSession.State {
    /// Empty stage states with the theme: where a clean build starts.
    package init(templates: TemplateSet) {
        self.init(
            resolve: ResolveState(), link: LinkState(),
            plan: PlanState(
                plan: .none, optionalPages: PlanState.OptionalPages(templates),
                themeFiles: templates.staticFiles.map(\.0)),
            templates: templates, statementViews: StatementViews())
    }
}

extension BuildSession.State {
    /// The graph as `standInBodies` leaves it, this state unchanged.
    package func graph(standingInBodiesOf slugs: [String]) -> SiteGraph {
        var graph = link.graph
        for slug in slugs { Self.standInBody(of: slug, in: &graph) }
        return graph
    }

    /// Puts stand-ins (references only, as a saved state has them) in
    /// place of these articles' parsed bodies; `readBody` reads one again
    /// for a page that shows it.
    package mutating func standInBodies(ofArticles slugs: [String]) {
        for slug in slugs where Self.standInBody(of: slug, in: &link.graph) { unreadBodies.insert(slug) }
    }

    @discardableResult
    private static func standInBody(of slug: String, in graph: inout SiteGraph) -> Bool {
        let ref = DocumentRef.article(slug)
        guard let body = graph.bodies[ref] else { return false }
        graph.bodies[ref] = ResolvedDocument(source: ref, parsed: .empty, references: body.references)
        return true
    }

    /// Forgets the Markdown of every article, as a saved state has none:
    /// once parsed, no page reads it (`readBody` reads the file again).
    package mutating func forgetArticleMarkdown() {
        for index in link.graph.articles.indices {
            link.graph.articles[index].body.markdown = ""
            link.graph.articlesBySlug[link.graph.articles[index].slug]?.body.markdown = ""
        }
    }
}

extension PlanState.OptionalPages {
    /// The optional pages `templates` has templates for.
    package init(_ templates: TemplateSet) {
        self.init(
            notFound: templates.has("404"), search: templates.has("search"),
            connections: templates.has("connections"), timeline: templates.has("timeline"),
            corrections: templates.has("corrections"))
    }
}

extension PageKind {
    fileprivate var articleSlug: String? {
        if case .article(let slug) = self { return slug }
        return nil
    }
}

extension PageDependencies {
    /// The record, leaving an empty one behind (so the caller holds the only reference).
    fileprivate mutating func take() -> PageDependencies {
        defer { self = PageDependencies() }
        return self
    }
}

extension Optional {
    /// The value, leaving nil behind (so the caller holds the only reference).
    fileprivate mutating func take() -> Wrapped? {
        defer { self = nil }
        return self
    }
}

extension ContentChange {
    /// Empties every article's Markdown (see `State.forgetArticleMarkdown`).
    fileprivate mutating func forgetArticleMarkdown() {
        guard case .everything(var parsed, let diagnostics) = self else { return }
        self = .articles([])  // so `parsed` holds the only reference
        for index in parsed.content.articles.indices { parsed.content.articles[index].body.markdown = "" }
        self = .everything(parsed, diagnostics: diagnostics)
    }
}

extension SiteGraph {
    /// Parses a changed article as the clean build parsed its bodies.
    var bodyParser: AnnotationParser {
        AnnotationParser(smartPunctuation: site.smartPunctuation, assets: AssetPaths(assets))
    }
}

/// What the render threads do: render a page, or run a job that makes
/// hosting files.
private enum RenderWork: Sendable {
    case page(PlannedPage)
    case files(@Sendable () -> [OutputFile])
}
