import Foundation

/// A build engine that keeps what it computed, so that after an article
/// changes it redoes only that article: reads and parses it, resolves its
/// references against the kept index, swaps its share of the graph in
/// place, and renders and writes only the pages whose content it changed.
/// The result is byte-identical to a clean build. Meant for a live-preview
/// server; calls must not overlap (it is not safe to use from two threads
/// at once).
///
/// Anything other than articles (actors, topics, site.yml, templates,
/// assets) can change any page, so those changes rebuild everything.
public final class BuildSession {
    public let options: SiteBuilder.Options
    var state: State?
    /// The output's manifest as the last write left it.
    var manifest: OutputManifest?

    struct State {
        var graph: SiteGraph
        var contributions: StoredMap<DocumentRef, DocumentContribution>
        /// Statement items for pages, kept between rebuilds (no graph in
        /// them, so updating the graph does not copy it).
        var statementViews: StatementViews
        var templates: TemplateSet
        var plan: PagePlan
        var content: LoadedContent
        /// Where each statement id is taken, for duplicate-id errors.
        var statementOwners: [StatementID: SourceLocation]
        var references: Resolver.ReferenceCounts
        var referencedBy: [DocumentRef: Set<EntityID>]
        /// Warnings in each article file (loading, parsing, resolving).
        var articleWarnings: [String: [Diagnostic]]
        /// Warnings elsewhere, except "never mentioned", which is redone.
        var otherWarnings: [Diagnostic]
        /// Articles whose body in the graph is a stand-in with references
        /// only (state read from disk); read again before their page renders.
        var unreadBodies: Set<String> = []
        /// Where values of a state read from disk report failing to decode.
        var storedDamage: StoredDamage?

        var warnings: [Diagnostic] {
            (otherWarnings + articleWarnings.values.joined()
                + Resolver.unreferenced(content: content, references: references))
                .sortedForReport()
        }
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
            state = Self.state(
                after: (result.report, result.analysis, result.renderer, result.templates))
            return .success(result.report)
        }
    }

    private static func state(
        after result: (
            report: SiteBuilder.Report, analysis: SiteBuilder.Analysis, renderer: PageRenderer, templates: TemplateSet
        )
    ) -> State {
        let analysis = result.analysis
        let documents =
            analysis.resolved.articleBodies + analysis.resolved.actorBodies
            + analysis.resolved.topicBodies
        var owners: [StatementID: SourceLocation] = [:]
        var references = Resolver.ReferenceCounts(actors: analysis.resolved.actors)
        var referencedBy: [DocumentRef: Set<EntityID>] = [:]
        for document in documents {
            for (annotation, reference) in zip(document.parsed.annotations, document.references) {
                if case .statement(let statement)? = reference { owners[statement.id] = annotation.location }
            }
            let referenced = Resolver.documentWarnings(document).1
            references.add(referenced, sign: 1)
            referencedBy[document.source] = referenced
        }
        let articleFiles = Set(analysis.content.articles.map(\.file))
        var articleWarnings: [String: [Diagnostic]] = [:]
        var otherWarnings: [Diagnostic] = []
        let unreferenced = Set(Resolver.unreferenced(content: analysis.content, references: references))
        for warning in analysis.warnings where !unreferenced.contains(warning) {
            if let file = warning.location?.file, articleFiles.contains(file) {
                articleWarnings[file, default: []].append(warning)
            } else {
                otherWarnings.append(warning)
            }
        }
        let templates = result.templates
        return State(
            graph: analysis.graph, contributions: StoredMap(analysis.contributions),
            statementViews: result.renderer.statementViews, templates: templates,
            plan: SiteBuilder.plan(analysis.graph, templates: templates),
            content: analysis.content, statementOwners: owners, references: references, referencedBy: referencedBy,
            articleWarnings: articleWarnings, otherWarnings: otherWarnings)
    }

    /// Rebuilds after the files at `paths` (relative to the content folder)
    /// changed, were added or were deleted.
    public func rebuild(changed paths: [String]) -> Result<SiteBuilder.Report, BuildFailure> {
        guard Self.isArticleOnly(paths), var state = self.state.take() else { return build() }
        // After a failure the kept state no longer matches the files (another
        // article may still be broken): it stays dropped, and the next call
        // starts from scratch.
        let result = incrementalRebuild(Set(paths).sorted(), state: &state)
        // A value of the saved state did not decode: pages may lack it, so
        // nothing was written; everything is built again.
        if state.storedDamage?.firstDamagedKey != nil { return build() }
        if case .success = result { self.state = state }
        return result
    }

    private func incrementalRebuild(_ paths: [String], state: inout State) -> Result<
        SiteBuilder.Report, BuildFailure
    > {
        var clock = Clock()
        var times: [(String, Double)] = []
        var diagnostics: [Diagnostic] = []

        // Load and parse the changed articles.
        var loaded: [(ref: DocumentRef, file: String, article: ArticleSource?, parsed: ParsedDocument?)] = []
        var fileDiagnostics: [String: [Diagnostic]] = [:]
        let contentFiles = ContentFiles(folder: options.content)
        for path in paths {
            let ref = Self.articleRef(path)
            let data: Data
            switch contentFiles.read(path) {
            case .success(let read): data = read
            case .failure(.missing):  // deleted
                loaded.append((ref, path, nil, nil))
                continue
            case .failure(let refusal):
                diagnostics.append(contentFiles.diagnostic(refusal, at: path))
                continue
            }
            switch SourceFile.decode(data, path: path) {
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            case .success(let file):
                let (article, found) = ContentLoader.article(from: file)
                fileDiagnostics[path, default: []] += found
                guard let article, options.includeDrafts || !article.draft else {
                    loaded.append((ref, path, nil, nil))
                    continue
                }
                let parsed = AnnotationParser().parse(article.body)
                fileDiagnostics[path, default: []] += parsed.diagnostics
                loaded.append((ref, path, article, parsed))
            }
        }
        times.append(("load+parse", clock.lap()))

        // Resolve them against the kept index; other documents' statement
        // ids still count for duplicates.
        for (ref, _, _, _) in loaded {
            for statement in state.contributions[ref]?.statements ?? [] { state.statementOwners[statement.id] = nil }
        }
        var documents: [DocumentRef: ResolvedDocument] = [:]
        for (ref, path, _, parsed) in loaded {
            guard let parsed else { continue }
            let (document, found) = Resolver().resolveDocument(
                parsed, source: ref, index: state.graph.index, seen: &state.statementOwners)
            fileDiagnostics[path, default: []] += found
            documents[ref] = document
        }
        diagnostics += fileDiagnostics.values.joined()
        if diagnostics.hasErrors { return .failure(BuildFailure(diagnostics)) }

        // Warnings: the changed files' own, and "never mentioned" from counts.
        for (ref, path, _, _) in loaded {
            state.references.add(state.referencedBy[ref] ?? [], sign: -1)
            var warnings = fileDiagnostics[path] ?? []
            if let document = documents[ref] {
                let (documentWarnings, referenced) = Resolver.documentWarnings(document)
                warnings += documentWarnings
                state.references.add(referenced, sign: 1)
                state.referencedBy[ref] = referenced
            } else {
                state.referencedBy[ref] = nil
            }
            state.articleWarnings[path] = warnings.isEmpty ? nil : warnings
        }
        let warnings = state.warnings
        if options.strict && !warnings.isEmpty { return .failure(BuildFailure(warnings)) }
        times.append(("resolve", clock.lap()))

        // Swap each changed document's share of the graph in place.
        var changes: [DocumentChange] = []
        for (ref, _, article, _) in loaded {
            guard case .article(let slug) = ref else { continue }
            changes.append(
                DocumentChange(
                    ref: ref, old: state.contributions[ref],
                    new: documents[ref].map { DocumentContribution($0, date: article?.date) },
                    oldArticle: state.graph.articlesBySlug[slug], newArticle: article))
        }
        // Archive lists whose entries changed, before and after.
        var sectionSet: Set<ArchiveKey> = []
        for change in changes {
            for entity in change.changedEntities {
                for section in change.changedSections(of: entity) {
                    sectionSet.insert(ArchiveKey(entity: entity, section: section))
                }
            }
        }
        let sections = sectionSet.sorted { ($0.entity, $0.section) < ($1.entity, $1.section) }
        let changedRefs = Set(changes.map(\.ref))
        var changedStatements: Set<StatementID> = []
        for change in changes {
            for statement in (change.old?.statements ?? []) + (change.new?.statements ?? []) {
                changedStatements.insert(statement.id)
            }
        }
        func archive(_ key: ArchiveKey) -> ArchiveList {
            state.graph.archive(key.section, of: key.entity, changed: changedRefs, changedStatements: changedStatements)
        }
        let archivesBefore = sections.map(archive)
        for change in changes {
            state.graph.replace(
                change.ref, old: change.old, new: change.new, document: documents[change.ref],
                article: change.newArticle)
            state.contributions[change.ref] = change.new
        }
        let archivesAfter = sections.map(archive)
        times.append(("link", clock.lap()))

        var affected = AffectedPages(changes)
        for (index, key) in sections.enumerated() {
            affected.addArchivePages(key.entity, key.section, old: archivesBefore[index], new: archivesAfter[index])
        }
        var removed: [OutputPath] = []
        if affected.planChanged {
            let plan = SiteBuilder.plan(state.graph, templates: state.templates)
            let planned = Set(plan.pages.map(\.path))
            removed = state.plan.pages.map(\.path).filter { !planned.contains($0) }
            state.plan = plan
        }
        let pages = affected.pages.sorted().compactMap { path in state.plan.page(at: path) }
        for ref in documents.keys { if case .article(let slug) = ref { state.unreadBodies.remove(slug) } }
        for page in pages {
            if case .article(let slug) = page.kind, state.unreadBodies.contains(slug) {
                readBody(of: slug, state: &state)
            }
        }
        times.append(("plan", clock.lap()))

        var stale: Set<StatementID> = []
        for change in changes {
            stale.formUnion((change.old?.statements ?? []).map(\.id))
            stale.formUnion((change.new?.statements ?? []).map(\.id))
        }
        let renderer = PageRenderer(
            graph: state.graph, templates: state.templates, updating: state.statementViews, stale: stale)
        var files = pages.concurrentMap { page in
            OutputFile(path: page.path, contents: .text(renderer.render(page)))
        }
        files += exports(affected, graph: state.graph, removing: &removed)
        if affected.hostingChanged { files += HostingFiles.hostingFiles(graph: state.graph, plan: state.plan) }
        times.append(("render", clock.lap()))
        if state.storedDamage?.firstDamagedKey != nil { return .failure(BuildFailure([])) }  // see `rebuild`
        let written: OutputWriter.Summary
        do {
            written = try OutputWriter().writeChanges(
                files, removing: removed, to: options.output, manifest: &manifest)
        } catch {
            return .failure(BuildFailure([.error("\(error)", at: nil)]))
        }
        times.append(("write", clock.lap()))
        return .success(
            SiteBuilder.Report(
                pageCounts: state.plan.counts, pages: state.plan.pages.count, files: files.count, written: written,
                warnings: warnings, stageTimes: times))
    }
}

extension BuildSession {
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

/// An entity's archive section.
private struct ArchiveKey: Hashable {
    var entity: EntityID
    var section: EntitySection
}

extension Optional {
    /// The value, leaving nil behind (so the caller holds the only reference).
    fileprivate mutating func take() -> Wrapped? {
        defer { self = nil }
        return self
    }
}
