import CompiledMustache
import SitegenLink
import SitegenParse
import SitegenPlan

/// "Who stands where": a topic page's table of each actor's stance and the
/// statements behind it, and the home page's actor × topic matrix.
///
/// A stance is always shown as a symbol and a word, never by colour alone.
extension ViewModels {
    /// Statements a row of a topic's table shows; the stance trail counts all.
    package static let stanceEvidencePerActor = 5
    /// Changes of position a trail shows ("… → For → Against").
    package static let stanceTrailLength = 4
    /// The home matrix: the actors and topics with the most stances.
    package static let matrixActors = 8
    package static let matrixTopics = 6

    package static func label(_ stance: Stance) -> String {
        switch stance {
        case .for: return "For"
        case .against: return "Against"
        case .mixed: return "Mixed"
        case .neutral: return "Neutral"
        }
    }

    /// Plain characters every font has, so the cue survives without colour.
    package static func symbol(_ stance: Stance) -> String {
        switch stance {
        case .for: return "+"
        case .against: return "−"
        case .mixed: return "±"
        case .neutral: return "○"
        }
    }

    /// Rows of the table are grouped along this line, for to against.
    package static func spectrumRank(_ stance: Stance) -> Int {
        switch stance {
        case .for: return 0
        case .mixed: return 1
        case .neutral: return 2
        case .against: return 3
        }
    }

    /// The fragment of a topic page's row for an actor (`#stance-pete-hegseth`).
    package static func stanceAnchor(_ actor: String) -> String { "stance-\(actor)" }

    /// Successive stances with repeats collapsed, the last `limit` of them.
    package static func trail(_ stances: [Stance], limit: Int) -> [TrailStep] {
        var collapsed: [Stance] = []
        for stance in stances where collapsed.last != stance { collapsed.append(stance) }
        let shown = collapsed.suffix(limit)
        return shown.enumerated().map { offset, stance in
            TrailStep(stance: stance, isFirst: offset == 0, hasBefore: offset == 0 && collapsed.count > shown.count)
        }
    }

    /// The topic page's rows: one per actor with a stance toward `topic`,
    /// their statements oldest first, grouped from for to against by
    /// their latest stance, then by name.
    package func stanceRows(of topic: String) -> [StanceRow] {
        var bySpeaker: [String: [Statement]] = [:]
        note(.stances(topic))
        for id in graph.stancesByTopic[topic] ?? [] {
            note(.statement(id))
            guard let statement = graph.statements[id] else { continue }
            bySpeaker[statement.speaker, default: []].append(statement)
        }
        func name(_ slug: String) -> String { graph.actorsBySlug[slug]?.source.name ?? slug }
        let speakers = bySpeaker.keys.sorted { a, b in
            let (ra, rb) = (bySpeaker[a]!.last!.stances[topic]!, bySpeaker[b]!.last!.stances[topic]!)
            return (Self.spectrumRank(ra), name(a), a) < (Self.spectrumRank(rb), name(b), b)
        }
        return speakers.map { speaker in
            let statements = bySpeaker[speaker]!
            let shown = statements.suffix(Self.stanceEvidencePerActor)
            return StanceRow(
                actor: actorLink(speaker), anchor: Self.stanceAnchor(speaker),
                trail: Self.trail(statements.compactMap { $0.stances[topic] }, limit: Self.stanceTrailLength),
                evidence: shown.map { evidenceItem($0, topic: topic) }, earlierCount: statements.count - shown.count)
        }
    }

    /// One statement behind a stance: when, what kind, the words, where.
    private func evidenceItem(_ statement: Statement, topic: String) -> StanceRow.Evidence {
        let references = graph.bodies[statement.source]?.references ?? []
        return StanceRow.Evidence(
            stance: statement.stances[topic] ?? .neutral, kind: statement.kind,
            words: HTMLFragment(bodies.renderInline(statement.content, references: references, on: page)),
            quoteURL: statement.kind == .quote ? url(PagePlan.quote(statement.id)) : "",
            sourceTitle: sourceTitle(statement.source),
            sourceURL: url(PagePlan.document(statement.source), statement.anchor), date: statement.date)
    }

    /// The home page's matrix: the actors and topics with the most
    /// statements that take a stance, each cell the actor's stances toward
    /// the topic (the latest last), linked to the row of the topic's table.
    package func stanceMatrix() -> StanceMatrix {
        func top(_ totals: [String: Int], _ limit: Int, name: (String) -> String) -> [String] {
            totals.sorted { ($1.value, name($0.key), $0.key) < ($0.value, name($1.key), $1.key) }.prefix(limit)
                .map(\.key)
        }
        note(.counts)
        let topics = top(graph.stanceCounts.mapValues { $0.values.reduce(0, +) }, Self.matrixTopics) {
            graph.topicsBySlug[$0]?.title ?? $0
        }
        // Actors by their stances on these topics, so no row is empty.
        var actorTotals: [String: Int] = [:]
        for topic in topics {
            for (speaker, count) in graph.stanceCounts[topic] ?? [:] { actorTotals[speaker, default: 0] += count }
        }
        let actors = top(actorTotals, Self.matrixActors) { graph.actorsBySlug[$0]?.source.name ?? $0 }
        let chosen = Set(actors)
        var stances: [String: [String: [Stance]]] = [:]  // topic, then actor
        for topic in topics {
            note(.stances(topic))
            for id in graph.stancesByTopic[topic] ?? [] {
                note(.statement(id))
                guard let statement = graph.statements[id], chosen.contains(statement.speaker),
                    let stance = statement.stances[topic]
                else { continue }
                stances[topic, default: [:]][statement.speaker, default: []].append(stance)
            }
        }
        let rows = actors.map { actor in
            StanceMatrix.Row(
                actor: actorLink(actor),
                cells: topics.map { topic in
                    StanceMatrix.Cell(
                        trail: Self.trail(stances[topic]?[actor] ?? [], limit: 2),
                        url: url(PagePlan.topic(topic), Self.stanceAnchor(actor)))
                })
        }
        return StanceMatrix(topics: topics.map(topicLink), rows: rows)
    }
}
