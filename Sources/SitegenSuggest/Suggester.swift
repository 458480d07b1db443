import SitegenBase
import SitegenLoad
import SitegenMentions
import SitegenParse
import SitegenResolve

/// `sitegen suggest`: the quotes, speakers, claims, links and new actors
/// proposed for one document, against the actors of a content folder.
public struct Suggester: Sendable {
    public struct Options: Sendable {
        /// Also propose every name in prose that matches no actor (speakers
        /// who are not actors are proposed either way).
        public var newActors: Bool
        public var claims: Bool

        public init(newActors: Bool = false, claims: Bool = true) {
            self.newActors = newActors
            self.claims = claims
        }
    }

    public var content: LoadedContent
    public var options: Options

    public init(content: LoadedContent, options: Options = Options()) {
        self.content = content
        self.options = options
    }

    /// Every proposal for `body`, in file order.
    public func suggest(_ body: DocumentBody) -> [Suggestion] {
        let (document, index) = resolve(body)
        let actors = Dictionary(content.actors.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        let names = ActorNames(actors: content.actors)
        var surnames = Self.surnames(of: content.actors)
        let lines = sourceLines(body.markdown)
        let source = SourceText(body: body)
        var rules = SpeakerRules(
            actorKinds: actors.mapValues(\.kind), actorRoles: actors.compactMapValues { $0.role?.lowercased() })
        var suggestions: [Suggestion] = []
        var newActors: [String: (mention: Mention, block: ProseBlock, speaker: Bool)] = [:]
        var newActorOrder: [String] = []

        func place(_ range: Range<Int>, in block: ProseBlock) -> (SourceLocation, SourcePosition, String)? {
            guard let start = block.position(range.lowerBound, lines: lines),
                let end = block.position(range.upperBound - 1, lines: lines, after: true)
            else { return nil }
            let offset = body.firstLine - 1
            let location = SourceLocation(file: body.file, line: start.line + offset, column: start.column)
            let endPosition = SourcePosition(line: end.line + offset, column: end.column)
            let text = source.text(from: start, to: end)
            // The source must read what the tree says is there, else the
            // positions are off (escapes, or a column cmark misreports):
            // propose nothing rather than brackets in the wrong place.
            let scalars = Array(text.unicodeScalars)
            guard scalars.first == block.text[range.lowerBound], scalars.last == block.text[range.upperBound - 1]
            else { return nil }
            if !block.locked[range].contains(true) {
                let read = String(String.UnicodeScalarView(block.text[range]))
                guard ActorNames.folded(read) == ActorNames.folded(text) else { return nil }
            }
            return (location, endPosition, text)
        }
        func slug(_ who: Mention.Who) -> String? {
            switch who {
            case .actor(let slug): return slug
            case .newName(let name): return Slug.make(from: name)
            case .pronoun: return nil
            }
        }
        // Every name that is no actor, at its first mention; proposed when
        // it speaks, or with --new-actors.
        func noteNewActor(_ mention: Mention, block: ProseBlock) {
            guard case .newName = mention.who, let slug = slug(mention.who), Slug.isValid(slug), actors[slug] == nil
            else { return }
            guard newActors[slug] != nil else {
                newActors[slug] = (mention, block, false)
                newActorOrder.append(slug)
                return
            }
            if newActors[slug]?.mention.role == nil, mention.role != nil {
                newActors[slug]?.mention.role = mention.role
                newActors[slug]?.mention.affiliation = mention.affiliation
            }
        }
        func noteSpeaker(_ who: Mention.Who) {
            guard case .newName = who, let slug = slug(who) else { return }
            newActors[slug]?.speaker = true
        }

        for block in ProseReader(document: document).blocks {
            let analysis = BlockAnalysis(block: block, names: names, actors: actors, knownSurnames: surnames)
            for mention in analysis.mentions {
                guard case .newName(let name) = mention.who, mention.kind == .person,
                    let last = name.split(separator: " ").last
                else { continue }
                surnames[String(last)] = surnames[String(last)] ?? mention.who
            }
            let findings = rules.speakers(in: analysis)
            for mention in analysis.mentions { noteNewActor(mention, block: block) }
            guard !block.isHeading else { continue }
            for (quote, finding) in zip(analysis.quotes, findings) {
                guard finding != nil || analysis.words(in: quote) >= SpeakerRules.shortQuoteWords,
                    block.mayAnnotate(quote.range),
                    let (location, end, text) = place(quote.range, in: block)
                else { continue }
                var suggestion = Suggestion(
                    kind: .quote, location: location, end: end, text: text, rule: finding?.rule ?? "no-speaker",
                    confidence: finding?.confidence ?? .low, opening: "[")
                if quote.runsOn, suggestion.confidence == .high { suggestion.confidence = .medium }
                if let finding, let speaker = slug(finding.speaker) {
                    suggestion.by = speaker
                    noteSpeaker(finding.speaker)
                }
                suggestion.closing = "]{.quote by=\(suggestion.by ?? "?")}"
                suggestions.append(suggestion)
            }
            if options.claims {
                for claim in ClaimRules.claims(in: analysis, rules: rules) {
                    guard block.mayAnnotate(claim.range), let by = slug(claim.speaker),
                        let (location, end, text) = place(claim.range, in: block)
                    else { continue }
                    var suggestion = Suggestion(
                        kind: .claim, location: location, end: end, text: text, rule: claim.rule,
                        confidence: claim.confidence, opening: "[", closing: "]{.claim by=\(by)}")
                    suggestion.by = by
                    noteSpeaker(claim.speaker)
                    suggestions.append(suggestion)
                }
            }
        }

        let finder = UnlinkedMentionFinder(actors: content.actors, index: index)
        for mention in finder.find(in: document, body: body) {
            let text = source.text(mention)
            guard String(String.UnicodeScalarView(ActorNames.folded(text))) == mention.text else { continue }
            var suggestion = Suggestion(
                kind: .link, location: mention.location, end: mention.end, text: text,
                rule: "unlinked-mention",
                confidence: .high, opening: mention.linkOpening, closing: "]]")
            suggestion.target = mention.actor
            suggestions.append(suggestion)
        }

        for slug in newActorOrder {
            guard let entry = newActors[slug], entry.speaker || options.newActors,
                let (location, end, text) = place(entry.mention.range, in: entry.block),
                case .newName(let name) = entry.mention.who
            else { continue }
            let isPerson = entry.mention.kind == .person
            let confidence: Confidence =
                entry.speaker || (isPerson && entry.mention.role != nil) ? .medium : .low
            var suggestion = Suggestion(
                kind: .actor, location: location, end: end, text: text,
                rule: entry.speaker ? "new-speaker" : (entry.mention.role != nil ? "name-with-role" : "unknown-name"),
                confidence: confidence)
            suggestion.name = name
            suggestion.target = slug
            suggestion.kindOf = (entry.mention.kind ?? .person).rawValue
            suggestion.role = entry.mention.role
            if let affiliation = entry.mention.affiliation {
                if case .success(let id) = index.resolve(affiliation, kind: .actor) {
                    suggestion.affiliation = id.slug
                } else {
                    suggestion.affiliation = affiliation
                }
            }
            suggestions.append(suggestion)
        }
        return suggestions.sorted { ($0.location, $0.kind.rawValue) < ($1.location, $1.kind.rawValue) }
    }

    /// The errors in `body` itself (annotation markup that forms none, a
    /// link to no actor): its proposals are not to be trusted until they are fixed.
    public func errors(in body: DocumentBody) -> [Diagnostic] {
        resolveAll(body).diagnostics.filter { $0.severity == .error && $0.location?.file == body.file }
    }

    /// The document resolved against the content's names, in place of its
    /// own file when it is one of the content's, else as an extra article.
    private func resolve(_ body: DocumentBody) -> (ResolvedDocument, EntityIndex) {
        let (resolved, document, _) = resolveAll(body)
        return (document, resolved.index)
    }

    private func resolveAll(_ body: DocumentBody) -> (
        resolved: ResolvedSite, document: ResolvedDocument, diagnostics: [Diagnostic]
    ) {
        let parsed = AnnotationParser().parse(body)
        let empty = ParsedDocument.empty
        var site = ParsedSite(
            content: content, articleBodies: content.articles.map { _ in empty },
            actorBodies: content.actors.map { _ in empty }, topicBodies: content.topics.map { _ in empty })
        let resolved: ResolvedSite
        if let article = content.articles.firstIndex(where: { $0.file == body.file }) {
            site.articleBodies[article] = parsed
            resolved = Resolver().resolve(site)
            return (resolved, resolved.articleBodies[article], parsed.diagnostics + resolved.diagnostics)
        }
        if let actor = content.actors.firstIndex(where: { $0.file == body.file }) {
            site.actorBodies[actor] = parsed
            resolved = Resolver().resolve(site)
            return (resolved, resolved.actorBodies[actor], parsed.diagnostics + resolved.diagnostics)
        }
        if let topic = content.topics.firstIndex(where: { $0.file == body.file }) {
            site.topicBodies[topic] = parsed
            resolved = Resolver().resolve(site)
            return (resolved, resolved.topicBodies[topic], parsed.diagnostics + resolved.diagnostics)
        }
        site.content.articles.append(
            ArticleSource(
                slug: "-suggest-", file: body.file, title: body.file, date: ContentDate(iso: "2000-01-01")!,
                summary: nil, draft: false, extra: [:], body: body))
        site.articleBodies.append(parsed)
        resolved = Resolver().resolve(site)
        return (
            resolved, resolved.articleBodies[resolved.articleBodies.count - 1],
            parsed.diagnostics + resolved.diagnostics
        )
    }

    /// The last word of each person's name, when no other actor's name
    /// ends with it: `Pistorius` for Boris Pistorius.
    static func surnames(of actors: [ActorSource]) -> [String: Mention.Who] {
        var owners: [String: Set<String>] = [:]
        for actor in actors where actor.kind == .person {
            let words = actor.name.split(separator: " ")
            guard words.count >= 2, let last = words.last else { continue }
            owners[String(last), default: []].insert(actor.slug)
        }
        var result: [String: Mention.Who] = [:]
        for (word, slugs) in owners where slugs.count == 1 { result[word] = .actor(slugs.first!) }
        return result
    }
}

/// A body's source text, for the exact text of a span between two positions.
struct SourceText {
    let scalars: [Unicode.Scalar]
    let lineStarts: [Int]
    let firstLine: Int

    init(body: DocumentBody) {
        scalars = Array(body.markdown.unicodeScalars)
        lineStarts = SpanWrap.lineStarts(scalars)
        firstLine = body.firstLine
    }

    /// Between body positions.
    func text(from start: SourcePosition, to end: SourcePosition) -> String {
        guard let from = offset(start), let to = offset(end), from <= to else { return "" }
        return String(String.UnicodeScalarView(scalars[from..<to]))
    }

    /// A mention's text as written (a name may run over a line break).
    func text(_ mention: UnlinkedMention) -> String {
        let offset = firstLine - 1
        return text(
            from: SourcePosition(line: mention.location.line - offset, column: mention.location.column),
            to: SourcePosition(line: mention.end.line - offset, column: mention.end.column))
    }

    private func offset(_ position: SourcePosition) -> Int? {
        guard position.line >= 1, position.line <= lineStarts.count else { return nil }
        let offset = lineStarts[position.line - 1] + position.column - 1
        return offset <= scalars.count ? offset : nil
    }
}
