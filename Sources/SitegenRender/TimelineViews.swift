import CompiledMustache
import SitegenLink
import SitegenParse
import SitegenPlan
import SitegenResolve

/// Events as templates list them: on the timeline page, by day; on an
/// actor's or topic's page, the events involving them; on home, the latest.
extension ViewModels {
    /// Events an actor's or topic's page shows (the latest, oldest first).
    package static let entityTimelineLimit = 20
    /// Events the home page shows.
    package static let homeEventCount = 5

    /// One event: its words, when, who and what it involves, and the
    /// paragraph it comes from. An event dated after its article was still
    /// to come when the article was written (`is_upcoming`).
    package func eventItem(_ event: Event) -> EventItem {
        let references = graph.bodies[event.source]?.references ?? []
        let upcoming = event.articleDate.map { event.date > $0 } ?? false
        return EventItem(
            words: HTMLFragment(
                bodies.renderInline(Self.capitalised(event.content), references: references, on: page)),
            date: event.date, actors: event.actors.map(actorLink), topics: event.topics.map(topicLink),
            sourceTitle: sourceTitle(event.source), sourceURL: url(PagePlan.document(event.source), event.anchor),
            reported: upcoming ? event.articleDate : nil)
    }

    /// An event's words with the first letter a capital, as an entry in a
    /// list reads ("He declared…" for "[he declared…]{.event}"); the
    /// letter may be inside a link.
    package static func capitalised(_ nodes: [MarkdownNode]) -> [MarkdownNode] {
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
    package func timelineDays() -> [TimelineDay] {
        note(.timeline)
        var days: [TimelineDay] = []
        for event in graph.timeline {
            if let last = days.last, last.date.iso == event.date.iso {
                days[days.count - 1].events.append(eventItem(event))
            } else {
                days.append(TimelineDay(date: event.date, events: [eventItem(event)]))
            }
        }
        return days
    }

    /// An entity's latest events, oldest first.
    package func entityTimeline(_ entity: EntityID) -> EntityTimeline {
        note(.events(entity))
        let all = graph.eventsByEntity[entity] ?? []
        let shown = all.suffix(Self.entityTimelineLimit)
        return EntityTimeline(
            events: shown.map(eventItem), earlierCount: all.count - shown.count, timelineURL: url(PagePlan.timeline))
    }
}
