/// What the resolve stage keeps between builds, so that it can take changed
/// articles without resolving the rest again: where each statement id is
/// written (a changed article may clash with an unchanged one), which
/// entities each document refers to and how often each entity is referred
/// to ("never mentioned"), and the warnings of each file. The entity index
/// is the graph's.
struct ResolveState {
    /// Where each statement id is written, for duplicate-id errors.
    var statementOwners: [StatementID: SourceLocation]
    var references: Resolver.ReferenceCounts
    var referencedBy: [DocumentRef: Set<EntityID>]
    /// Warnings in each article file (loading, parsing, resolving).
    var articleWarnings: [String: [Diagnostic]]
    /// Warnings elsewhere, except "never mentioned", which is redone.
    var otherWarnings: [Diagnostic]
    /// The actors and topics, which may go unmentioned.
    var content: LoadedContent

    /// The state a clean resolve of `content` leaves, `warnings` being
    /// every warning the stages up to resolve found.
    init(_ resolved: ResolvedSite, content: LoadedContent, warnings: [Diagnostic]) {
        statementOwners = [:]
        references = Resolver.ReferenceCounts(actors: resolved.actors)
        referencedBy = [:]
        for document in resolved.articleBodies + resolved.actorBodies + resolved.topicBodies {
            for (annotation, reference) in zip(document.parsed.annotations, document.references) {
                if case .statement(let statement)? = reference { statementOwners[statement.id] = annotation.location }
            }
            let referenced = Resolver.documentWarnings(document).1
            references.add(referenced, sign: 1)
            referencedBy[document.source] = referenced
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
    }

    /// The state as saved; the counts follow from what each document refers to.
    init(
        content: LoadedContent, actors: [Actor], statementOwners: [StatementID: SourceLocation],
        referencedBy: [DocumentRef: Set<EntityID>], articleWarnings: [String: [Diagnostic]],
        otherWarnings: [Diagnostic]
    ) {
        var references = Resolver.ReferenceCounts(actors: actors)
        for referenced in referencedBy.values { references.add(referenced, sign: 1) }
        self.statementOwners = statementOwners
        self.references = references
        self.referencedBy = referencedBy
        self.articleWarnings = articleWarnings
        self.otherWarnings = otherWarnings
        self.content = content
    }

    /// Every warning of the site, as a clean build reports them.
    var warnings: [Diagnostic] {
        (otherWarnings + articleWarnings.values.joined()
            + Resolver.unreferenced(content: content, references: references))
            .sortedForReport()
    }

    /// Resolves the changed articles against `index`, other documents'
    /// statement ids still taken; `previousStatements` are the ids each
    /// changed document held before. Gives the resolved documents (none for
    /// an article that is gone), or every error found; after an error the
    /// state no longer matches the files and must be dropped.
    mutating func apply(
        _ changes: [ArticleChange], index: EntityIndex, previousStatements: [DocumentRef: [StatementID]]
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
    func resolveAgain(
        _ parsed: ParsedDocument, source: DocumentRef, index: EntityIndex, ownStatements: [StatementID]
    ) -> ResolvedDocument {
        var owners = statementOwners
        for id in ownStatements { owners[id] = nil }
        return Resolver().resolveDocument(parsed, source: source, index: index, seen: &owners).0
    }

    /// Puts an article back as a rebuild that recorded it left it (its
    /// statement ids, the entities it refers to, its warnings), for a
    /// saved state with a log of rebuilds since.
    mutating func restore(
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
