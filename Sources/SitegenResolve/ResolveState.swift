import SitegenBase
import SitegenLoad
import SitegenParse

/// What the resolve stage keeps between builds, so that it can take changed
/// articles without resolving the rest again: where each statement id is
/// written (a changed article may clash with an unchanged one), which
/// entities each document refers to and how often each entity is referred
/// to ("never mentioned"), and the warnings of each file.
package struct ResolveState {
    /// Every name an actor or topic answers to (the graph carries a copy
    /// for rendering).
    package var index: EntityIndex
    /// Where each statement id is written, for duplicate-id errors.
    package var statementOwners: [StatementID: SourceLocation]
    package var references: Resolver.ReferenceCounts
    package var referencedBy: [DocumentRef: Set<EntityID>]
    /// Warnings in each article file (loading, parsing, resolving).
    package var articleWarnings: [String: [Diagnostic]]
    /// Warnings elsewhere, except "never mentioned", which is redone.
    package var otherWarnings: [Diagnostic]
    /// The actors and topics, which may go unmentioned (not the articles).
    package var content: LoadedContent

    /// Nothing resolved yet: the state a clean build starts from.
    package init() {
        self.init(
            content: LoadedContent(), index: EntityIndex(actors: [], topics: []), actors: [], statementOwners: [:],
            referencedBy: [:], articleWarnings: [:], otherWarnings: [])
    }

    /// The state a clean resolve of `content` leaves, `warnings` being
    /// every warning the stages up to resolve found.
    package init(_ resolved: ResolvedSite, content: LoadedContent, warnings: [Diagnostic]) {
        index = resolved.index
        statementOwners = [:]
        references = Resolver.ReferenceCounts(actors: resolved.actors)
        referencedBy = resolved.referencedBy
        for referenced in referencedBy.values { references.add(referenced, sign: 1) }
        for document in resolved.articleBodies + resolved.actorBodies + resolved.topicBodies {
            for (annotation, reference) in zip(document.parsed.annotations, document.references) {
                if case .statement(let statement)? = reference { statementOwners[statement.id] = annotation.location }
            }
        }
        let articleFiles = Set(content.articles.map(\.file))
        articleWarnings = [:]
        otherWarnings = []
        let unreferenced = Set(Resolver.unreferenced(content: content, references: references))
        for warning in warnings where !unreferenced.contains(warning) {
            if let file = warning.location?.file, articleFiles.contains(file) {
                articleWarnings[file, default: []].append(warning)
            } else {
                otherWarnings.append(warning)
            }
        }
        self.content = content
        // The graph holds the articles; kept here, their bodies' Markdown
        // would stay in memory to the end (a state read from disk has none).
        self.content.articles = []
    }

    /// The state as saved; the counts follow from what each document refers to.
    package init(
        content: LoadedContent, index: EntityIndex, actors: [Actor], statementOwners: [StatementID: SourceLocation],
        referencedBy: [DocumentRef: Set<EntityID>], articleWarnings: [String: [Diagnostic]],
        otherWarnings: [Diagnostic]
    ) {
        var references = Resolver.ReferenceCounts(actors: actors)
        for referenced in referencedBy.values { references.add(referenced, sign: 1) }
        self.index = index
        self.statementOwners = statementOwners
        self.references = references
        self.referencedBy = referencedBy
        self.articleWarnings = articleWarnings
        self.otherWarnings = otherWarnings
        self.content = content
    }

    /// Every warning of the site, as a clean build reports them.
    package var warnings: [Diagnostic] {
        (otherWarnings + articleWarnings.values.joined()
            + Resolver.unreferenced(content: content, references: references))
            .sortedForReport()
    }

    /// Takes a batch of changed files. Every file new (a clean build)
    /// resolves the whole site at once and starts the state afresh; changed
    /// articles resolve one by one against the index, other documents'
    /// statement ids still taken (`previousStatements` are the ids each
    /// changed document held before). Gives what link takes, or every error
    /// found; after an error the state no longer matches the files and
    /// must be dropped.
    package mutating func apply(_ change: ContentChange, previousStatements: [DocumentRef: [StatementID]] = [:])
        -> Result<
            ResolvedChange, BuildFailure
        >
    {
        switch change {
        case .everything(let parsed, let found):
            let resolved = Resolver().resolve(parsed)
            var diagnostics = found + resolved.diagnostics
            // While anything has an error, "never mentioned" may only mean that
            // the broken file or reference is what mentions it: it waits.
            if diagnostics.hasErrors { return .failure(BuildFailure(diagnostics)) }
            diagnostics += resolved.unreferenced
            self = ResolveState(resolved, content: parsed.content, warnings: diagnostics.sortedForReport())
            return .success(.everything(resolved))
        case .articles(let changes):
            return apply(changes, previousStatements: previousStatements).map { documents in
                .articles(
                    changes.map {
                        ResolvedArticleChange(ref: $0.ref, source: $0.article, document: documents[$0.ref])
                    })
            }
        }
    }

    private mutating func apply(
        _ changes: [ArticleChange], previousStatements: [DocumentRef: [StatementID]]
    ) -> Result<[DocumentRef: ResolvedDocument], BuildFailure> {
        for change in changes {
            for id in previousStatements[change.ref] ?? [] { statementOwners[id] = nil }
        }
        var documents: [DocumentRef: ResolvedDocument] = [:]
        var diagnostics: [String: [Diagnostic]] = [:]
        for change in changes {
            diagnostics[change.path, default: []] += change.diagnostics
            guard let parsed = change.parsed else { continue }
            let (document, found) = Resolver().resolveDocument(
                parsed, source: change.ref, index: index, seen: &statementOwners)
            diagnostics[change.path, default: []] += found
            documents[change.ref] = document
        }
        let found = Array(diagnostics.values.joined())
        if found.hasErrors {
            // As a clean build reports them: every other file's warnings too.
            let changed = Set(changes.map(\.path))
            let unchanged = articleWarnings.filter { !changed.contains($0.key) }.values.joined()
            return .failure(BuildFailure(found + otherWarnings + unchanged))
        }

        for change in changes {
            references.add(referencedBy[change.ref] ?? [], sign: -1)
            var warnings = diagnostics[change.path] ?? []
            if let document = documents[change.ref] {
                let (documentWarnings, referenced) = Resolver.documentWarnings(document)
                warnings += documentWarnings
                references.add(referenced, sign: 1)
                referencedBy[change.ref] = referenced
            } else {
                referencedBy[change.ref] = nil
            }
            articleWarnings[change.path] = warnings.isEmpty ? nil : warnings
        }
        return .success(documents)
    }

    /// Resolves an unchanged document again (a state read from disk keeps
    /// no bodies): as before, its own statement ids do not clash with it.
    package func resolveAgain(
        _ parsed: ParsedDocument, source: DocumentRef, ownStatements: [StatementID]
    ) -> ResolvedDocument {
        var owners = statementOwners
        for id in ownStatements { owners[id] = nil }
        return Resolver().resolveDocument(parsed, source: source, index: index, seen: &owners).0
    }

    /// Puts an article back as a rebuild that recorded it left it (its
    /// statement ids, the entities it refers to, its warnings), for a
    /// saved state with a log of rebuilds since.
    package mutating func restore(
        _ ref: DocumentRef, path: String, previousStatements: [StatementID], owners: [StatementID: SourceLocation],
        referenced: Set<EntityID>?, warnings: [Diagnostic]
    ) {
        for id in previousStatements { statementOwners[id] = nil }
        for (id, location) in owners { statementOwners[id] = location }
        references.add(referencedBy[ref] ?? [], sign: -1)
        references.add(referenced ?? [], sign: 1)
        referencedBy[ref] = referenced
        articleWarnings[path] = warnings.isEmpty ? nil : warnings
    }
}

/// What resolve hands link: the whole site resolved anew, or the changed
/// articles' front matter and bodies.
package enum ResolvedChange {
    case everything(ResolvedSite)
    case articles([ResolvedArticleChange])
}

/// One changed article as resolve left it: its front matter and resolved
/// body, both nil when it is gone.
package struct ResolvedArticleChange {
    package var ref: DocumentRef
    package var source: ArticleSource?
    package var document: ResolvedDocument?
}
