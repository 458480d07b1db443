/// Events as templates list them: on the timeline page, by day; on an
/// actor's or topic's page, the events involving them; on home, the latest.
extension ViewModels {
    /// Events an actor's or topic's page shows (the latest, oldest first).
    static let entityTimelineLimit = 20
    /// Events the home page shows.
    static let homeEventCount = 5

    /// One event: its words, when, who and what it involves, and the
    /// paragraph it comes from. An event dated after its article was still
    /// to come when the article was written (`is_upcoming`).
    func eventItem(_ event: Event) -> [String: Any] {
        let references = graph.bodies[event.source]?.references ?? []
        var item: [String: Any] = [
            "words_html": bodies.renderInline(Self.capitalised(event.content), references: references, on: page),
            "date": event.date.long, "date_iso": event.date.iso,
            "actors": event.actors.map(actorLink), "topics": event.topics.map(topicLink),
            "source_title": sourceTitle(event.source),
            "source_url": url(PagePlan.document(event.source), event.anchor),
        ]
        let upcoming = event.articleDate.map { event.date > $0 } ?? false
        item["is_upcoming"] = upcoming
        item.setOptional("reported", upcoming ? event.articleDate?.long : nil)
        item.setOptional("reported_iso", upcoming ? event.articleDate?.iso : nil)
        return ViewModels.withFlags(item)
    }

    /// An event's words with the first letter a capital, as an entry in a
    /// list reads ("He declared…" for "[he declared…]{.event}"); the
    /// letter may be inside a link.
    static func capitalised(_ nodes: [MarkdownNode]) -> [MarkdownNode] {
        var nodes = nodes
        func visit(_ node: inout MarkdownNode) -> Bool {
            switch node.kind {
            case .text(let text):
                guard let first = text.first, !first.isWhitespace else { return !text.isEmpty }
                node.kind = .text(first.uppercased() + text.dropFirst())
                return true
            case .code, .htmlInline, .image, .softBreak, .lineBreak: return true
            default:
                for index in node.children.indices where visit(&node.children[index]) { return true }
                return false
            }
        }
        for index in nodes.indices where visit(&nodes[index]) { break }
        return nodes
    }

    /// The timeline page: every event, oldest first, one group per day.
    func timelineDays() -> [[String: Any]] {
        var days: [[String: Any]] = []
        var current: (date: ContentDate, events: [[String: Any]])?
        func close() {
            guard let day = current else { return }
            days.append(["date": day.date.long, "date_iso": day.date.iso, "events": day.events])
        }
        for event in graph.timeline {
            if let day = current, day.date.iso == event.date.iso {
                current?.events.append(eventItem(event))
            } else {
                close()
                current = (event.date, [eventItem(event)])
            }
        }
        close()
        return days
    }

    /// An entity's latest events, oldest first; sets `events`,
    /// `earlier_events_count` and `has_earlier_events` in `model`.
    func entityTimeline(_ entity: EntityID, into model: inout [String: Any]) {
        let all = graph.eventsByEntity[entity] ?? []
        let shown = all.suffix(Self.entityTimelineLimit)
        model["events"] = shown.map(eventItem)
        model["earlier_events_count"] = all.count - shown.count
        model["has_earlier_events"] = all.count > shown.count
        model["timeline_url"] = url(PagePlan.timeline)
    }
}
