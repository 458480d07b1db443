import Foundation

/// A build engine that keeps what it computed, so that after an article
/// changes it redoes only that article: reads and parses it, resolves its
/// references against the kept index, swaps its contribution in the graph,
/// and renders and writes only the pages it can change. The result is
/// byte-identical to a clean build. Meant for a live-preview server; calls
/// must not overlap (it is not safe to use from two threads at once).
///
/// Anything other than articles (actors, topics, site.yml, templates,
/// assets) can change any page, so those changes rebuild everything.
public final class BuildSession {
    public let options: SiteBuilder.Options
    private var state: State?
    /// The output's manifest as the last write left it.
    private var manifest: OutputManifest?

    private struct State {
        var analysis: SiteBuilder.Analysis
        var renderer: PageRenderer
        var templates: TemplateSet
        var plan: PagePlan
    }

    public init(options: SiteBuilder.Options) { self.options = options }

    /// A full build; the session keeps its state.
    public func build() -> Result<SiteBuilder.Report, BuildFailure> {
        switch SiteBuilder(options: options).buildKeepingState(write: true) {
        case .failure(let failure):
            state = nil
            return .failure(failure)
        case .success(let result):
            manifest = nil
            state = State(
                analysis: result.analysis, renderer: result.renderer, templates: result.templates,
                plan: PagePlan(
                    graph: result.analysis.graph, notFoundPage: result.templates.has("404"),
                    searchPage: result.templates.has("search")))
            return .success(result.report)
        }
    }

    /// Rebuilds after the files at `paths` (relative to the content folder)
    /// changed, were added or were deleted.
    public func rebuild(changed paths: [String]) -> Result<SiteBuilder.Report, BuildFailure> {
        // Only files the loader reads as articles (`articles/NAME.md`, not in
        // a subfolder) take the incremental path.
        let articlesOnly = paths.allSatisfy {
            $0.hasPrefix("articles/") && $0.hasSuffix(".md") && !$0.dropFirst("articles/".count).contains("/")
        }
        guard let state, articlesOnly else { return build() }
        let result = incrementalRebuild(paths, from: state)
        // After a failure the kept state no longer matches the files (another
        // article may still be broken): the next call starts from scratch.
        if case .failure = result { self.state = nil }
        return result
    }

    private func incrementalRebuild(_ paths: [String], from state: State) -> Result<
        SiteBuilder.Report, BuildFailure
    > {
        var clock = Clock()
        var times: [(String, Double)] = []
        var analysis = state.analysis
        var content = analysis.content
        var diagnostics: [Diagnostic] = []

        // Load and parse the changed articles.
        var changedRefs: Set<DocumentRef> = []
        var parsedBodies: [DocumentRef: ParsedDocument] = [:]
        for path in Set(paths).sorted() {
            let slug = String((path as NSString).lastPathComponent.dropLast(3))
            changedRefs.insert(.article(slug))
            content.articles.removeAll { $0.file == path }
            let url = options.content.appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }  // deleted
            switch SourceFile.decode(data, path: path) {
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            case .success(let file):
                let (article, fileDiagnostics) = ContentLoader.article(from: file)
                diagnostics += fileDiagnostics
                guard let article, options.includeDrafts || !article.draft else { continue }
                let parsed = AnnotationParser().parse(article.body)
                diagnostics += parsed.diagnostics
                parsedBodies[.article(slug)] = parsed
                content.articles.append(article)
            }
        }
        // Same order as the loader (by file name), so lists come out as in a clean build.
        content.articles.sort { $0.file < $1.file }
        times.append(("load+parse", clock.lap()))

        // Resolve them against the kept index; other documents' statement
        // ids still count for duplicates.
        var resolved = analysis.resolved
        var seen: [StatementID: SourceLocation] = [:]
        for document in resolved.articleBodies + resolved.actorBodies + resolved.topicBodies
        where !changedRefs.contains(document.source) {
            for (annotation, reference) in zip(document.parsed.annotations, document.references) {
                if case .statement(let statement)? = reference { seen[statement.id] = annotation.location }
            }
        }
        var newDocuments: [DocumentRef: ResolvedDocument] = [:]
        for (ref, parsed) in parsedBodies.sorted(by: { $0.key < $1.key }) {
            let (document, resolveDiagnostics) = Resolver().resolveDocument(
                parsed, source: ref, index: resolved.index, seen: &seen)
            diagnostics += resolveDiagnostics
            newDocuments[ref] = document
        }
        if diagnostics.hasErrors {
            return .failure(BuildFailure(diagnostics.sortedForReport()))
        }
        let previousBodies = Dictionary(uniqueKeysWithValues: resolved.articleBodies.map { ($0.source, $0) })
        resolved.articles = content.articles
        resolved.articleBodies = content.articles.map {
            newDocuments[.article($0.slug)] ?? previousBodies[.article($0.slug)]!
        }
        // Warnings are about the whole site (an actor nobody mentions any
        // more), so they are worked out again over every document.
        diagnostics += Resolver.warnings(
            content: content, actors: resolved.actors, index: resolved.index,
            bodies: resolved.articleBodies + resolved.actorBodies + resolved.topicBodies)
        if options.strict && !diagnostics.isEmpty {
            return .failure(BuildFailure(diagnostics.sortedForReport()))
        }
        times.append(("resolve", clock.lap()))

        // Swap the changed documents' contributions and reassemble the graph.
        let articlesBySlug = Dictionary(uniqueKeysWithValues: content.articles.map { ($0.slug, $0) })
        var contributions = analysis.contributions
        var touched: Set<EntityID> = []
        var staleStatements: Set<StatementID> = []
        for ref in changedRefs {
            if let old = contributions[ref] {
                touched.formUnion(old.touched)
                staleStatements.formUnion(old.statements.map(\.id))
            }
            contributions[ref] = newDocuments[ref].map {
                DocumentContribution($0, date: Linker.date(of: ref, in: articlesBySlug))
            }
            if let new = contributions[ref] {
                touched.formUnion(new.touched)
                staleStatements.formUnion(new.statements.map(\.id))
            }
        }
        let documents = resolved.articleBodies + resolved.actorBodies + resolved.topicBodies
        let graph = Linker().assemble(
            resolved, documents: documents, contributions: documents.map { contributions[$0.source]! })
        times.append(("link", clock.lap()))

        // The pages the change can reach: its article, its quotes, the
        // entities it touches (before and after), home and the indexes.
        let plan = PagePlan(
            graph: graph, notFoundPage: state.templates.has("404"), searchPage: state.templates.has("search"))
        var affected: Set<OutputPath> = [
            PagePlan.notFound, PagePlan.search, PagePlan.home, PagePlan.articleIndex, PagePlan.actorIndex,
            PagePlan.topicIndex,
            PagePlan.quoteIndex,
        ]
        for ref in changedRefs { affected.insert(PagePlan.document(ref)) }
        for id in staleStatements { affected.insert(PagePlan.quote(id)) }
        for entity in touched { affected.insert(PagePlan.entity(entity)) }
        let pages = plan.pages.filter { affected.contains($0.path) }
        let planned = Set(plan.pages.map(\.path))
        let removed = state.plan.pages.map(\.path).filter { !planned.contains($0) }
        times.append(("plan", clock.lap()))

        let renderer = PageRenderer(
            graph: graph, templates: state.templates, reusing: state.renderer, stale: staleStatements)
        var files = pages.concurrentMap { page in
            OutputFile(path: page.path, contents: .text(renderer.render(page)))
        }
        files += HostingFiles.files(graph: graph, plan: plan)
        times.append(("render", clock.lap()))
        let written: OutputWriter.Summary
        do {
            written = try OutputWriter().writeChanges(
                files, removing: removed, to: options.output, manifest: &manifest)
        } catch {
            return .failure(BuildFailure([.error("\(error)", at: nil)]))
        }
        times.append(("write", clock.lap()))

        analysis.content = content
        analysis.resolved = resolved
        analysis.contributions = contributions
        analysis.graph = graph
        self.state = State(analysis: analysis, renderer: renderer, templates: state.templates, plan: plan)
        return .success(
            SiteBuilder.Report(
                pageCounts: plan.counts, pages: plan.pages.count, files: files.count, written: written,
                warnings: diagnostics, stageTimes: times))
    }
}
