import Foundation
import SitegenBase
import SitegenLink
import SitegenLoad
import SitegenParse
import SitegenPlan
import SitegenRender
import SitegenResolve
import SitegenStore
import SitegenWrite

/// How a build from the command line went: from scratch (and why), or
/// from the previous build's saved state.
public enum BuildMode: Sendable, Equatable {
    case clean(reason: String)
    case incremental(changedFiles: Int)
}

extension BuildSession {
    /// A build that starts from the state the previous one saved beside
    /// the output (`SavedBuild`, and the log of articles rebuilt since,
    /// `RecordedArticle`): when only articles changed, it redoes those
    /// articles and the pages they reach; otherwise, or when the state is
    /// missing, damaged, from another sitegen or other options, it builds
    /// from scratch and saves a new state. With `clean`, the saved state is
    /// not read.
    public func buildReusingSavedState(clean: Bool = false) -> Result<
        (report: SiteBuilder.Report, mode: BuildMode), BuildFailure
    > {
        // The process ends after this build; its state is saved with stand-ins.
        keepsArticleBodies = false
        // The output a clean build replaced is removed while the state is saved.
        defer { finishRemovingOldOutput() }
        var clock = Clock()
        let stateURL = SavedBuild.location(for: options.output)
        let logURL = RecordedArticle.logLocation(for: stateURL)
        // Before any walk: a content folder that holds the output may be huge (the system's temporary folder).
        if let problem = SiteBuilder(options: options).outputOverlapsSources() {
            return .failure(BuildFailure([problem]))
        }
        options.progress?.stage("state")
        SavedBuild.sweepAbandonedTemporaries(beside: stateURL)
        // No output, nothing to update: the state is not even read.
        let outputExists = FileManager.default.fileExists(
            atPath: OutputLocation(options.output).manifest.path)
        let usesState = !clean && outputExists
        // While the state is read: the input files are listed, and the
        // output is checked against its manifest (used only by a rebuild,
        // which most builds over an output are). Without a state to read,
        // no thread is started: one more thread's memory pool would stay
        // for the whole build (about 50 MB more at 10,000 articles).
        let (content, templates) = (options.content, options.templates)
        let scan = usesState ? Pending { InputStamps.scan(content: content, templates: templates) } : nil
        let output = options.output.standardizedFileURL.resolvingSymlinksInPath()
        let check =
            usesState
            ? Pending { () -> (OutputManifest, [String])? in
                let manifest = OutputManifest(contentsOf: output.appendingPathComponent(OutputLocation.manifestName))
                return manifest.map { ($0, OutputWriter.filesChangedByHand(in: output, manifest: $0)) }
            } : nil

        var reason = ""
        var changed: [String] = []
        var recorded = 0
        let inputs: InputStamps
        do {
            // The state read goes at the end of this block: a clean build must not hold it.
            let read: Result<SavedBuild, SavedBuild.StateUnusable> =
                usesState ? SavedBuild.read(from: stateURL) : .failure(.missing)
            inputs = scan?.take() ?? InputStamps.scan(content: content, templates: templates)
            switch read {
            case .failure(.missing): reason = clean ? "--clean" : outputExists ? "no saved state" : "no previous output"
            case .failure(.otherVersion): reason = "saved state is from another sitegen"
            case .failure(.damaged(let why)): reason = "saved state is damaged (\(why))"
            case .success(let saved):
                let log = RecordedArticle.read(from: logURL, header: SavedBuild.header)
                guard case .success(let records) = log else {
                    if case .failure(.damaged(let why)) = log { reason = "saved state is damaged (\(why))" }
                    break
                }
                // What the output shows: the saved build, then each rebuild since.
                var shown = saved.inputs
                for record in records { shown.content[record.path] = record.stamp }
                if saved.identity != savedIdentity {
                    reason = "options or folders differ from the last build"
                } else if !inputs.refused.isEmpty {
                    // Reported by the loader, from the same rules.
                    reason = "some files in the content folder are refused"
                } else if let paths = inputs.changedContent(since: shown) {
                    changed = paths
                    recorded = records.count
                    state = Self.restore(saved, replaying: records, theme: options.theme)
                    if state == nil { reason = "templates do not load" }
                    if let key = saved.damage.firstDamagedKey {
                        state = nil
                        reason = "saved state is damaged (\(key) does not decode)"
                    }
                } else {
                    reason = "templates changed"
                }
            }
        }
        let loadTime = clock.lap()

        // The inputs say nothing of output files deleted or edited by hand
        // since the last build: a build from scratch rewrites them.
        var changedByHand: [String] = []
        // Taken first, either way: a clean build must not hold the old manifest.
        if let (found, byHand) = check?.take(), state != nil, Self.isArticleOnly(changed) {
            manifest = found
            changedByHand = byHand
        }
        let checkTime = clock.lap()

        var mode: BuildMode
        let result: Result<SiteBuilder.Report, BuildFailure>
        if !changedByHand.isEmpty {
            let count = changedByHand.count
            mode = .clean(
                reason:
                    "\(count) output \(count == 1 ? "file was" : "files were") changed or removed by hand (\(changedByHand.prefix(3).joined(separator: ", "))\(count > 3 ? ", …" : "")), rewritten"
            )
            result = build()
        } else if state != nil, Self.isArticleOnly(changed) {
            let damage = state?.storedDamage
            mode = .incremental(changedFiles: changed.count)
            result = changed.isEmpty ? upToDate() : rebuild(changed: changed)
            // The rebuild met a stored value that did not decode, wrote
            // nothing, and built from scratch instead.
            if let key = damage?.firstDamagedKey {
                mode = .clean(reason: "saved state is damaged (\(key) does not decode)")
            }
        } else {
            mode = .clean(reason: state != nil ? "not only articles changed" : reason)
            result = build()
        }
        // A failed build left the output as it was, which the saved state
        // and log still describe.
        guard case .success(var report) = result else { return result.map { ($0, mode) } }

        var saveClock = Clock()
        if case .incremental = mode {
            report.stageTimes.insert(contentsOf: [("state", loadTime), ("output", checkTime)], at: 0)
            // One article's rebuild appends a record rather than rewriting
            // the whole state; past a few records, the state is saved anew.
            if changed.isEmpty { return .success((report, mode)) }
            if recorded + changed.count <= SavedBuild.recordsBeforeSaving,
                (try? RecordedArticle.append(
                    records(of: changed, inputs: inputs), to: logURL, header: SavedBuild.header))
                    != nil
            {
                report.stageTimes.append(("record", saveClock.lap()))
                return .success((report, mode))
            }
        }
        try? FileManager.default.removeItem(at: logURL)
        options.progress?.stage("save")
        do {
            try savedBuild(inputs: inputs)?.write(to: stateURL)
        } catch {
            // Without a state the next build is a clean one, nothing worse.
            try? FileManager.default.removeItem(at: stateURL)
        }
        report.stageTimes.append(("save", saveClock.lap()))
        return .success((report, mode))
    }

    /// Records of the articles at `paths` as the session now holds them.
    private func records(of paths: [String], inputs: InputStamps) -> [RecordedArticle] {
        guard let state else { return [] }
        // The last record keeps what the rebuild's pages read, so that the
        // next build, which replays it, chooses pages by their new reads.
        let pageReads = Dictionary(
            uniqueKeysWithValues: state.renderedPages.map { ($0, state.dependencies.reads(of: $0).sorted()) })
        return paths.enumerated().map { index, path in
            let ref = ArticleChange.ref(path)
            var article: ArticleSource?
            if case .article(let slug) = ref { article = state.link.graph.articlesBySlug[slug] }
            article?.body.markdown = ""
            let contribution = state.link.contributions[ref]
            var owners: [StatementID: SourceLocation] = [:]
            for statement in contribution?.statements ?? [] {
                owners[statement.id] = state.resolve.statementOwners[statement.id]
            }
            return RecordedArticle(
                path: path, stamp: inputs.content[path], article: article, contribution: contribution,
                references: state.link.graph.bodies[ref]?.references ?? [],
                warnings: state.resolve.articleWarnings[path] ?? [], referenced: state.resolve.referencedBy[ref],
                owners: owners, pageReads: index == paths.count - 1 ? pageReads : [:])
        }
    }

    /// Puts the recorded articles in place, as the rebuilds that recorded
    /// them left each stage's state.
    private static func replay(_ records: [RecordedArticle], into state: inout State) {
        for record in records {
            let ref = ArticleChange.ref(record.path)
            state.resolve.restore(
                ref, path: record.path,
                previousStatements: (state.link.contributions[ref]?.statements ?? []).map(\.id),
                owners: record.owners, referenced: record.referenced, warnings: record.warnings)
            let body = record.contribution.map { _ in
                ResolvedDocument(source: ref, parsed: .empty, references: record.references)
            }
            state.link.put(ref, record.contribution, body: body, article: record.article)
            if case .article(let slug) = ref, record.article != nil { state.unreadBodies.insert(slug) }
            for (page, entries) in record.pageReads { state.dependencies.record(Set(entries), for: page) }
        }
    }

    package var savedIdentity: SavedBuild.Identity {
        SavedBuild.Identity(
            // The built-in theme is the binary's, and a state from another binary is never used.
            content: options.content.standardizedFileURL.path,
            templates: (options.builtInTheme ? "built-in theme, overridden by " : "")
                + options.templates.standardizedFileURL.path,
            includeDrafts: options.includeDrafts, strict: options.strict)
    }

    /// Only files the loader reads as articles (`articles/NAME.md`, not in
    /// a subfolder) take the incremental path.
    package static func isArticleOnly(_ paths: [String]) -> Bool {
        paths.allSatisfy {
            $0.hasPrefix("articles/") && $0.hasSuffix(".md") && !$0.dropFirst("articles/".count).contains("/")
        }
    }

    /// Nothing changed: the report of the saved build, nothing rendered.
    private func upToDate() -> Result<SiteBuilder.Report, BuildFailure> {
        guard let state else { return build() }
        let warnings = state.resolve.warnings
        if options.strict && !warnings.isEmpty { return .failure(BuildFailure(warnings)) }
        return .success(
            SiteBuilder.Report(
                pageCounts: state.plan.plan.counts, pages: state.plan.plan.pages.count, files: 0,
                written: OutputWriter.Summary(), warnings: warnings, stageTimes: []))
    }

    /// The session's state as a file, or nil when there is none.
    package func savedBuild(inputs: InputStamps) -> SavedBuild? {
        guard var state else { return nil }
        // Article bodies are read again when needed: only their references
        // are kept (statement items link with them).
        state.standInBodies(ofArticles: state.link.graph.articles.map(\.slug))
        state.forgetArticleMarkdown()
        let graph = state.link.graph
        return SavedBuild(
            identity: savedIdentity, inputs: inputs, graph: graph, contributions: state.link.contributions,
            statementOwners: state.resolve.statementOwners, referencedBy: state.resolve.referencedBy,
            articleWarnings: state.resolve.articleWarnings, otherWarnings: state.resolve.otherWarnings,
            dependencies: state.dependencies)
    }

    /// A session's state from a saved build and the articles recorded since.
    package static func restore(
        _ saved: SavedBuild, replaying records: [RecordedArticle], theme: TemplateSet.Source
    ) -> State? {
        guard case .success(let templates) = TemplateSet.load(theme) else { return nil }
        let graph = saved.graph
        let resolve = ResolveState(
            content: LoadedContent(
                site: graph.site, articles: [], actors: graph.actors.map(\.source), topics: graph.topics,
                assets: graph.assets),
            index: graph.index, actors: graph.actors, statementOwners: saved.statementOwners,
            referencedBy: saved.referencedBy,
            articleWarnings: saved.articleWarnings, otherWarnings: saved.otherWarnings)
        var state = State(
            resolve: resolve, link: LinkState(graph: graph, contributions: saved.contributions),
            plan: PlanState(plan: .none, optionalPages: PlanState.OptionalPages(templates)), templates: templates,
            statementViews: StatementViews(), unreadBodies: Set(graph.articles.map(\.slug)), storedDamage: saved.damage,
            dependencies: saved.dependencies)
        replay(records, into: &state)
        state.plan = PlanState(state.link.graph, optionalPages: state.plan.optionalPages)
        return state
    }

    /// Reads an unchanged article's body again, for a page that shows it;
    /// it resolves as before, since nothing it refers to changed.
    package func readBody(of slug: String, state: inout State) {
        state.unreadBodies.remove(slug)
        guard let article = state.link.graph.articlesBySlug[slug] else { return }
        let change = ArticleChange.load(
            article.file, from: ContentFiles(folder: options.content), includeDrafts: options.includeDrafts,
            parser: state.link.graph.bodyParser)
        guard let parsed = change.parsed else { return }
        state.link.graph.bodies[change.ref] = state.resolve.resolveAgain(
            parsed, source: change.ref,
            ownStatements: (state.link.contributions[change.ref]?.statements ?? []).map(\.id))
    }
}
