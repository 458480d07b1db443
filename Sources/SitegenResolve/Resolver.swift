import SitegenBase
import SitegenLoad
import SitegenParse

/// The resolve stage: builds the entity index and checks every reference,
/// reporting unknown and ambiguous names with the nearest known ones.
public struct Resolver: Sendable {
    public init() {}

    public func resolve(_ parsed: ParsedSite) -> ResolvedSite {
        let content = parsed.content
        var diagnostics: [Diagnostic] = []
        diagnostics += duplicateSlugs(content)
        let index = EntityIndex(actors: content.actors, topics: content.topics, broken: content.brokenEntities)

        var actors: [Actor] = []
        for actor in content.actors {
            var affiliation: String?
            if let reference = actor.affiliation {
                affiliation =
                    resolve(
                        reference.value, kind: .actor, wanted: .actor, role: "affiliation", at: reference.location,
                        length: reference.value.count, index: index, diagnostics: &diagnostics)?.slug
                if affiliation == actor.slug {
                    diagnostics.append(
                        .error("an actor cannot be affiliated with itself", at: reference.location, length: 11))
                    affiliation = nil
                }
            }
            actors.append(Actor(source: actor, affiliation: affiliation))
        }

        var seenStatements: [StatementID: SourceLocation] = [:]
        func resolveBodies(_ bodies: [ParsedDocument], refs: [DocumentRef]) -> [ResolvedDocument] {
            // Each annotation resolves on its own, so documents resolve in
            // parallel; only a statement's id must be unique across the
            // site, which is checked after, in document order, as a rebuild's
            // `resolveDocument` checks it.
            let resolved = Array(zip(bodies, refs)).concurrentMap { body, ref in
                body.annotations.map { annotation -> (reference: Reference?, diagnostics: [Diagnostic]) in
                    var own: [Diagnostic] = []
                    var none: [StatementID: SourceLocation] = [:]
                    let reference = reference(for: annotation, in: ref, index: index, seen: &none, diagnostics: &own)
                    return (reference, own)
                }
            }
            return zip(zip(bodies, refs), resolved).map { document, resolved in
                let references = zip(document.0.annotations, resolved).map { annotation, resolved in
                    diagnostics += resolved.diagnostics
                    guard case .statement(let statement)? = resolved.reference, case .span(let span) = annotation.kind
                    else { return resolved.reference }
                    return isFirst(statement.id, of: span, annotation, seen: &seenStatements, diagnostics: &diagnostics)
                        ? resolved.reference : nil
                }
                return ResolvedDocument(source: document.1, parsed: document.0, references: references)
            }
        }
        let articleBodies = resolveBodies(parsed.articleBodies, refs: content.articles.map { .article($0.slug) })
        let actorBodies = resolveBodies(parsed.actorBodies, refs: content.actors.map { .actor($0.slug) })
        let topicBodies = resolveBodies(parsed.topicBodies, refs: content.topics.map { .topic($0.slug) })
        var references = ReferenceCounts(actors: actors)
        var referencedBy: [DocumentRef: Set<EntityID>] = [:]
        let documents = articleBodies + actorBodies + topicBodies
        for (document, (documentWarnings, referenced)) in zip(
            documents, documents.concurrentMap(Self.documentWarnings))
        {
            diagnostics += documentWarnings
            references.add(referenced, sign: 1)
            referencedBy[document.source] = referenced
        }
        diagnostics += Self.aliasWarnings(content: content, index: index)

        return ResolvedSite(
            site: content.site, index: index, articles: content.articles, actors: actors, topics: content.topics,
            articleBodies: articleBodies, actorBodies: actorBodies, topicBodies: topicBodies, assets: content.assets,
            diagnostics: diagnostics, unreferenced: Self.unreferenced(content: content, references: references),
            referencedBy: referencedBy)
    }

    /// Resolves one document against an existing index, for a rebuild after
    /// that document changed. `seen` holds every other document's statement
    /// ids, so a clash with them is still reported.
    package func resolveDocument(
        _ body: ParsedDocument, source: DocumentRef, index: EntityIndex, seen: inout [StatementID: SourceLocation]
    ) -> (ResolvedDocument, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let references = body.annotations.map { annotation in
            reference(for: annotation, in: source, index: index, seen: &seen, diagnostics: &diagnostics)
        }
        return (ResolvedDocument(source: source, parsed: body, references: references), diagnostics)
    }

    /// How many documents (and affiliations) refer to each entity, kept up
    /// to date by rebuilds for the "never mentioned" warnings.
    package struct ReferenceCounts: Sendable {
        package private(set) var counts: [EntityID: Int] = [:]

        package init(actors: [Actor]) {
            for actor in actors {
                if let affiliation = actor.affiliation { counts[.actor(affiliation), default: 0] += 1 }
            }
        }

        package mutating func add(_ entities: Set<EntityID>, sign: Int) {
            for entity in entities {
                let count = counts[entity, default: 0] + sign
                counts[entity] = count == 0 ? nil : count
            }
        }
    }

    /// One body's own warnings (a quote about no topic) and the entities it
    /// refers to (an entity's link to itself does not count).
    package static func documentWarnings(_ body: ResolvedDocument) -> ([Diagnostic], Set<EntityID>) {
        var warnings: [Diagnostic] = []
        var referenced: Set<EntityID> = []
        for (annotation, reference) in zip(body.parsed.annotations, body.references) {
            switch reference {
            case .entity(let id)?:
                if body.source != .actor(id.slug), body.source != .topic(id.slug) || id.kind != .topic {
                    referenced.insert(id)
                }
            case .statement(let statement)?:
                referenced.insert(.actor(statement.speaker))
                for topic in statement.topics { referenced.insert(.topic(topic)) }
                // As written: an about= whose topic failed to load has an error of its own.
                if case .span(let span) = annotation.kind, span.about.isEmpty, statement.kind == .quote {
                    warnings.append(
                        .warning(
                            "quote has no about=, so no topic page shows it", at: annotation.location,
                            length: annotation.length,
                            notes: ["add about= with one or more topics, e.g. about=peace-talks"]))
                }
            case .event(let event)?:
                for actor in event.actors { referenced.insert(.actor(actor)) }
                for topic in event.topics { referenced.insert(.topic(topic)) }
            case nil: break
            }
        }
        return (warnings, referenced)
    }

    package static func unreferenced(content: LoadedContent, references: ReferenceCounts) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for actor in content.actors where references.counts[.actor(actor.slug)] == nil {
            warnings.append(
                .warning(
                    "actor '\(actor.name)' is never mentioned, quoted or named as an affiliation",
                    at: SourceLocation(file: actor.file, line: 1, column: 1),
                    notes: ["link to it with [[\(actor.name)]] or remove the file"]))
        }
        for topic in content.topics where references.counts[.topic(topic.slug)] == nil {
            warnings.append(
                .warning(
                    "topic '\(topic.title)' is never mentioned or named in about=",
                    at: SourceLocation(file: topic.file, line: 1, column: 1),
                    notes: ["link to it with [[\(topic.title)]] or about=\(topic.slug), or remove the file"]))
        }
        return warnings
    }

    package static func aliasWarnings(content: LoadedContent, index: EntityIndex) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        // An alias that is also another entity's name makes that name ambiguous.
        func checkAliases(_ aliases: [Located<String>], of id: EntityID) {
            for alias in aliases {
                guard case .failure(.ambiguous(let ids)) = index.resolve(alias.value) else { continue }
                let others = ids.filter { $0 != id }
                guard !others.isEmpty else { continue }
                warnings.append(
                    .warning(
                        "alias '\(alias.value)' is also a name of \(others.map { "\($0.kind.rawValue) '\(index.displayNames[$0] ?? $0.slug)'" }.joined(separator: " and "))",
                        at: alias.location, length: alias.value.count,
                        notes: [
                            "[[\(alias.value)]] is ambiguous; remove the alias or link with a slug such as [[\(id.kind.rawValue):\(id.slug)]]"
                        ]))
            }
        }
        for actor in content.actors { checkAliases(actor.aliases, of: .actor(actor.slug)) }
        for topic in content.topics { checkAliases(topic.aliases, of: .topic(topic.slug)) }
        return warnings
    }

    private func duplicateSlugs(_ content: LoadedContent) -> [Diagnostic] {
        var firstFile: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        let files = content.actors.map { ($0.slug, $0.file) } + content.topics.map { ($0.slug, $0.file) }
        for (slug, file) in files {
            if let first = firstFile[slug] {
                diagnostics.append(
                    .error(
                        "two entities have the slug '\(slug)'", at: SourceLocation(file: file, line: 1, column: 1),
                        notes: ["'\(first)' has it too; rename one of the files"]))
            } else {
                firstFile[slug] = file
            }
        }
        return diagnostics
    }

    private func reference(
        for annotation: Annotation, in source: DocumentRef, index: EntityIndex,
        seen: inout [StatementID: SourceLocation], diagnostics: inout [Diagnostic]
    ) -> Reference? {
        switch annotation.kind {
        case .entityLink(let link):
            return resolve(
                link.target, kind: link.kind, wanted: nil, role: "entity link", at: annotation.location,
                length: annotation.length, index: index, diagnostics: &diagnostics
            ).map { .entity($0) }
        case .span(let span):
            let speaker = resolve(
                span.by.value, kind: nil, wanted: .actor, role: "by=", at: span.by.location,
                length: span.by.value.count, index: index, diagnostics: &diagnostics)
            let (topics, unresolved) = resolveAll(
                span.about, wanted: .topic, role: "about=", index: index, diagnostics: &diagnostics)
            let stances = stances(
                span.stance, about: topics, unresolved: unresolved, index: index, diagnostics: &diagnostics)
            guard let speaker else { return nil }
            let id =
                span.explicitID.map { StatementID($0.value) }
                ?? StatementID.derived(speaker: speaker.slug, words: annotation.text)
            guard isFirst(id, of: span, annotation, seen: &seen, diagnostics: &diagnostics) else { return nil }
            return .statement(
                ResolvedStatement(
                    id: id, kind: span.spanClass, speaker: speaker.slug, topics: topics, stances: stances,
                    date: span.date?.value, origin: span.origin, rating: span.rating, ratingNote: span.ratingNote))
        case .event(let event):
            let actors = resolveAll(event.by, wanted: .actor, role: "by=", index: index, diagnostics: &diagnostics).0
            let topics = resolveAll(
                event.about, wanted: .topic, role: "about=", index: index, diagnostics: &diagnostics
            )
            .0
            if event.date == nil {
                guard case .article = source else {
                    diagnostics.append(
                        .error(
                            "an event outside an article needs date=", at: annotation.location,
                            length: annotation.length,
                            notes: [
                                "add when it happened, e.g. {.event date=2025-02-12}; only articles have a date of their own"
                            ]
                        ))
                    return nil
                }
            }
            return .event(ResolvedEvent(date: event.date?.value, actors: actors, topics: topics))
        }
    }

    /// Notes where statement `id` is; false, with an error, when another
    /// statement already has it.
    private func isFirst(
        _ id: StatementID, of span: SpanSyntax, _ annotation: Annotation, seen: inout [StatementID: SourceLocation],
        diagnostics: inout [Diagnostic]
    ) -> Bool {
        let idLocation = span.explicitID?.location ?? annotation.location
        if let first = seen[id] {
            diagnostics.append(
                .error(
                    "two quotes or claims have the id '\(id)'", at: idLocation,
                    length: span.explicitID.map { $0.value.count + 1 } ?? annotation.length,
                    notes: [
                        "the other one is at \(first)",
                        "give one of them its own id, e.g. {.\(span.spanClass.rawValue) by=\(span.by.value.contains(" ") ? "\"\(span.by.value)\"" : span.by.value) #\(id)-2}",
                    ]))
            return false
        }
        seen[id] = idLocation
        return true
    }

    /// Resolves a list of names to slugs, once each, in the order given;
    /// also returns the names that did not resolve.
    private func resolveAll(
        _ names: [Located<String>], wanted: EntityKind, role: String, index: EntityIndex,
        diagnostics: inout [Diagnostic]
    ) -> ([String], Set<String>) {
        var slugs: [String] = []
        var unresolved: Set<String> = []
        for name in names {
            if let id = resolve(
                name.value, kind: nil, wanted: wanted, role: role, at: name.location, length: name.value.count,
                index: index, diagnostics: &diagnostics)
            {
                if !slugs.contains(id.slug) { slugs.append(id.slug) }
            } else {
                unresolved.insert(name.value)
            }
        }
        return (slugs, unresolved)
    }

    /// `stance=` as stances per topic slug: one for every `about=` topic, or
    /// one per topic named, each of which must be in `about=`. Names that
    /// `about=` already failed on are not reported again.
    private func stances(
        _ entries: [StanceSyntax], about topics: [String], unresolved: Set<String>, index: EntityIndex,
        diagnostics: inout [Diagnostic]
    ) -> [String: Stance] {
        var stances: [String: Stance] = [:]
        for entry in entries {
            guard let name = entry.topic else {
                for topic in topics { stances[topic] = entry.stance }
                continue
            }
            guard !unresolved.contains(name.value),
                let topic = resolve(
                    name.value, kind: nil, wanted: .topic, role: "stance=", at: name.location,
                    length: name.value.count, index: index, diagnostics: &diagnostics)
            else { continue }
            if !topics.contains(topic.slug) {
                diagnostics.append(
                    .error(
                        "stance= names '\(name.value)', which is not in about=", at: name.location,
                        length: name.value.count,
                        notes: [
                            "a stance is taken toward the quote's or claim's own topics: add \(topic.slug) to about=, or take it out of stance="
                        ]))
            } else if stances[topic.slug] != nil {
                diagnostics.append(
                    .error(
                        "stance= gives a stance toward '\(name.value)' twice", at: name.location,
                        length: name.value.count, notes: ["keep one: a quote or claim takes one stance per topic"]))
            } else {
                stances[topic.slug] = entry.stance
            }
        }
        return stances
    }

    /// Resolves a name, reporting unknown, ambiguous and wrong-kind targets.
    private func resolve(
        _ target: String, kind: EntityKind?, wanted: EntityKind?, role: String, at location: SourceLocation,
        length: Int, index: EntityIndex, diagnostics: inout [Diagnostic]
    ) -> EntityID? {
        switch index.resolve(target, kind: kind ?? wanted) {
        case .success(let id):
            // The file behind it already has an error; don't report twice.
            return index.broken.contains(id) ? nil : id
        case .failure(.ambiguous(let ids)):
            diagnostics.append(
                .error(
                    "'\(target)' is ambiguous: it names \(ids.map { "\($0.kind.rawValue) '\(index.displayNames[$0] ?? $0.slug)'" }.joined(separator: " and "))",
                    at: location, length: length,
                    notes: [
                        "write the slug or pick the kind: \(ids.map { "[[\($0.kind.rawValue):\($0.slug)]]" }.joined(separator: " or "))"
                    ]))
        case .failure(.unknown(let suggestions)):
            // A name of the other kind gets a precise message: `by=` naming a topic.
            if let wanted, case .success(let other) = index.resolve(target, kind: wanted == .actor ? .topic : .actor) {
                let message =
                    wanted == .actor
                    ? "\(role) must name an actor, but '\(target)' is the topic '\(index.displayNames[other] ?? other.slug)'"
                    : "\(role) must name topics, but '\(target)' is the actor '\(index.displayNames[other] ?? other.slug)'"
                diagnostics.append(
                    .error(
                        message, at: location, length: length,
                        notes: [
                            wanted == .actor
                                ? "the speaker of a quote or claim is a person, country, organisation or group"
                                : "link actors in the text with [[…]] instead"
                        ]))
                return nil
            }
            let noun = wanted.map { $0 == .actor ? "actor" : "topic" } ?? "actor or topic"
            var notes = suggestions.map { "did you mean \($0)?" }.prefix(1).map { $0 }
            if suggestions.count > 1 {
                notes.append("other close names: \(suggestions.dropFirst().joined(separator: ", "))")
            }
            notes.append(
                "add a file \(noun == "topic" ? "topics" : "actors")/\(Slug.make(from: target).isEmpty ? "name" : Slug.make(from: target)).md if this is a new \(noun == "actor or topic" ? "actor or topic" : noun)"
            )
            diagnostics.append(.error("unknown \(noun) '\(target)'", at: location, length: length, notes: notes))
        }
        return nil
    }
}
