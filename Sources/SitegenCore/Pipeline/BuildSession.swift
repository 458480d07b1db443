import Foundation

/// A build engine that keeps each stage's state, so that after articles
/// change it redoes only those: each stage takes the change and passes on
/// what it changed (`ArticleChange` → resolve → link → plan → render →
/// write), and the result is byte-identical to a clean build. `serve` keeps
/// one in memory; `sitegen build` restores one from the saved state
/// (BuildSession+SavedBuild.swift). Calls must not overlap (it is not safe
/// to use from two threads at once).
///
/// Anything other than articles (actors, topics, site.yml, templates,
/// assets) can change any page, so those changes rebuild everything.
public final class BuildSession {
    public let options: SiteBuilder.Options
    var state: State?
    /// The output's manifest as the last write left it.
    var manifest: OutputManifest?

    /// Each stage's state after the last build.
    struct State {
        var resolve: ResolveState
        var link: LinkState
        var plan: PlanState
        var templates: TemplateSet
        /// Statement items for pages, kept between rebuilds (no graph in
        /// them, so updating the graph does not copy it).
        var statementViews: StatementViews
        /// Articles whose body in the graph is a stand-in with references
        /// only (state read from disk); read again before their page renders.
        var unreadBodies: Set<String> = []
        /// Where values of a state read from disk report failing to decode.
        var storedDamage: StoredDamage?
    }

    public init(options: SiteBuilder.Options) { self.options = options }

    /// A full build; the session keeps its state.
    public func build() -> Result<SiteBuilder.Report, BuildFailure> {
        state = nil
        switch SiteBuilder(options: options).buildKeepingState(write: true) {
        case .failure(let failure):
            return .failure(failure)
        case .success(let result):
            manifest = result.manifest
            let analysis = result.analysis
            state = State(
                resolve: ResolveState(analysis.resolved, content: analysis.content, warnings: analysis.warnings),
                link: LinkState(graph: analysis.graph, contributions: StoredMap(analysis.contributions)),
                plan: result.plan, templates: result.templates, statementViews: result.renderer.statementViews)
            return .success(result.report)
        }
    }

    /// Rebuilds after the files at `paths` (relative to the content folder)
    /// changed, were added or were deleted.
    public func rebuild(changed paths: [String]) -> Result<SiteBuilder.Report, BuildFailure> {
        guard Self.isArticleOnly(paths), var state = self.state.take() else { return build() }
        // After a failure the kept state no longer matches the files (another
        // article may still be broken): it stays dropped, and the next call
        // starts from scratch.
        let result = apply(Set(paths).sorted(), to: &state)
        // A value of the saved state did not decode: pages may lack it, so
        // nothing was written; everything is built again.
        if state.storedDamage?.firstDamagedKey != nil { return build() }
        if case .success = result { self.state = state }
        return result
    }

    /// Passes the articles at `paths` through the stages, each taking the
    /// change into its own state.
    private func apply(_ paths: [String], to state: inout State) -> Result<SiteBuilder.Report, BuildFailure> {
        var clock = Clock()
        var times: [(String, Double)] = []

        let files = ContentFiles(folder: options.content)
        let changes = paths.map { ArticleChange.load($0, from: files, includeDrafts: options.includeDrafts) }
        times.append(("load+parse", clock.lap()))

        var previousStatements: [DocumentRef: [StatementID]] = [:]
        for change in changes {
            previousStatements[change.ref] = (state.link.contributions[change.ref]?.statements ?? []).map(\.id)
        }
        let documents: [DocumentRef: ResolvedDocument]
        switch state.resolve.apply(changes, index: state.link.graph.index, previousStatements: previousStatements) {
        case .success(let resolved): documents = resolved
        case .failure(let failure): return .failure(failure)
        }
        let warnings = state.resolve.warnings
        if options.strict && !warnings.isEmpty { return .failure(BuildFailure(warnings)) }
        times.append(("resolve", clock.lap()))

        let graphChange = state.link.apply(
            changes.map { LinkState.Article(ref: $0.ref, source: $0.article, document: documents[$0.ref]) })
        times.append(("link", clock.lap()))

        let planChange = state.plan.apply(graphChange, graph: state.link.graph)
        for ref in documents.keys { if case .article(let slug) = ref { state.unreadBodies.remove(slug) } }
        for page in planChange.pages {
            if case .article(let slug) = page.kind, state.unreadBodies.contains(slug) {
                readBody(of: slug, state: &state)
            }
        }
        times.append(("plan", clock.lap()))

        var removed = planChange.removed
        let renderer = PageRenderer(
            graph: state.link.graph, templates: state.templates, updating: state.statementViews,
            stale: graphChange.statements)
        var rendered = planChange.pages.concurrentMap { page in
            OutputFile(path: page.path, contents: .text(renderer.render(page)))
        }
        rendered += exports(planChange.affected, graph: state.link.graph, removing: &removed)
        if planChange.affected.hostingChanged {
            rendered += HostingFiles.hostingFiles(graph: state.link.graph, plan: state.plan.plan)
        }
        times.append(("render", clock.lap()))
        if state.storedDamage?.firstDamagedKey != nil { return .failure(BuildFailure([])) }  // see `rebuild`
        let written: OutputWriter.Summary
        do {
            written = try OutputWriter().writeChanges(
                rendered, removing: removed, to: options.output, manifest: &manifest)
        } catch {
            return .failure(BuildFailure([.error("\(error)", at: nil)]))
        }
        times.append(("write", clock.lap()))
        let plan = state.plan.plan
        return .success(
            SiteBuilder.Report(
                pageCounts: plan.counts, pages: plan.pages.count, files: rendered.count, written: written,
                warnings: warnings, stageTimes: times))
    }

    /// The data files a change alters: the graph's index and the search
    /// index when the article list changed, the changed articles' data
    /// files, and the search parts holding their quotes.
    private func exports(_ affected: AffectedPages, graph: SiteGraph, removing removed: inout [OutputPath])
        -> [OutputFile]
    {
        var files: [OutputFile] = []
        if affected.listingsChanged {
            files.append(OutputFile(path: GraphExport.path, contents: .text(GraphExport.json(graph))))
            files.append(
                OutputFile(path: GraphExport.searchIndexPath, contents: .text(GraphExport.searchIndex(graph))))
        }
        for slug in affected.articleData.sorted() {
            if graph.articlesBySlug[slug] != nil {
                files.append(GraphExport.articleFile(slug, graph))
            } else {
                removed.append(GraphExport.articleDataPath(slug))
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

extension PlanState.OptionalPages {
    /// The optional pages `templates` has templates for.
    init(_ templates: TemplateSet) {
        self.init(
            notFound: templates.has("404"), search: templates.has("search"),
            connections: templates.has("connections"), timeline: templates.has("timeline"))
    }
}

extension Optional {
    /// The value, leaving nil behind (so the caller holds the only reference).
    fileprivate mutating func take() -> Wrapped? {
        defer { self = nil }
        return self
    }
}
