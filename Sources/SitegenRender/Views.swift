import Mustache
import SitegenLoad
import SitegenParse

// The views templates receive: plain values, one type per thing a page
// shows, each answering the names templates use.
//
// A view answers `nil` for a name it does not have, and Mustache then
// looks the name up in the enclosing view; so a view answers its `has_*`
// flags and optional fields always (`""` when absent), lest an item
// without a role show its page's role. Text is escaped by `{{name}}`;
// `HTMLFragment` holds HTML sitegen escaped itself, for `{{{name_html}}}`.

/// HTML that sitegen escaped itself (Markdown bodies, drawings, rendered
/// statements).
package struct HTMLFragment: MustacheCustomRenderable, Sendable {
    package let html: String
    package init(_ html: String) { self.html = html }
    package var renderText: String { html }
    package var isNull: Bool { false }
}

/// Answers no name: what a template finds where a page has no such part
/// (no affiliation, no "more" link); it is still true in a section.
package struct EmptyView: MustacheParent, Sendable {
    package func child(named: String) -> Any? { nil }
}

/// Data a site or page author wrote in YAML (`site.yml` keys, front
/// matter), for themes to use as they like.
package struct AuthorData: MustacheParent, Sendable {
    package let values: [String: FrontMatterValue]

    package func child(named name: String) -> Any? { values[name].flatMap(Self.value) }

    package static func value(_ value: FrontMatterValue) -> Any? {
        switch value {
        case .scalar(let string): return string
        case .list(let items): return items.compactMap(Self.value)
        case .map(let map): return AuthorData(values: map)
        case .null: return nil
        }
    }
}

/// The frame every page shares: title, navigation, links for hosts.
package struct LayoutView: MustacheParent, Sendable {
    package struct NavItem: MustacheParent, Sendable {
        package let label: String
        package let url: String
        package let current: Bool

        package func child(named name: String) -> Any? {
            switch name {
            case "label": label
            case "url": url
            case "current": current
            default: nil
            }
        }
    }

    package let lang: String
    package let siteTitle: String
    package let siteDescription: String
    package let pageTitle: String
    package let pageDescription: String
    package let pageKind: String
    package let stylesheet: String
    package let homeURL: String
    package let nav: [NavItem]
    package let site: AuthorData
    /// For hosts: canonical and social tags need absolute URLs, so they
    /// appear only when site.yml has base_url.
    package let hasBaseURL: Bool
    package let canonicalURL: String
    package let feedURL: String
    package let ogType: String
    /// Structured data for search engines, set by `PageRenderer.view(of:)`.
    package var jsonLD: HTMLFragment?

    package func child(named name: String) -> Any? {
        switch name {
        case "lang": lang
        case "site_title": siteTitle
        case "site_description": siteDescription
        case "page_title": pageTitle
        case "page_description": pageDescription
        case "page_kind": pageKind
        case "is_home": pageKind == "home"
        case "stylesheet": stylesheet
        case "home_url": homeURL
        case "nav": nav
        case "has_nav": !nav.isEmpty
        case "site": site
        case "has_base_url": hasBaseURL
        case "canonical_url": canonicalURL
        case "feed_url": feedURL
        case "og_type": ogType
        case "jsonld_html": jsonLD
        default: nil
        }
    }
}

/// A link to an actor's page. The extra counts are set where a list
/// shows them (how often mentioned with, how many statements).
package struct ActorLink: MustacheParent, Sendable {
    package let name: String
    package let url: String
    /// `nil` for a slug no actor has (kind and slug are then not answered).
    package let kind: String?
    package let slug: String?
    package let role: String?
    package var count: Int?
    package var weight: Int?
    package var statementCount: Int?

    package func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": url
        case "kind": kind
        case "slug": slug
        case "role": role ?? ""
        case "has_role": role != nil
        case "count": count
        case "weight": weight
        case "statement_count": statementCount
        default: nil
        }
    }
}

/// A link to a topic's page.
package struct TopicLink: MustacheParent, Sendable {
    package let title: String
    package let url: String
    /// `nil` for a slug no topic has.
    package let slug: String?
    package let summary: String?
    package var count: Int?
    package var statementCount: Int?

    package func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "slug": slug
        case "summary": summary ?? ""
        case "has_summary": summary != nil
        case "count": count
        case "statement_count": statementCount
        default: nil
        }
    }
}

/// A link to an article.
package struct ArticleLink: MustacheParent, Sendable {
    package let title: String
    package let url: String
    package let date: String
    package let dateISO: String
    package let summary: String?

    package func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "date": date
        case "date_iso": dateISO
        case "summary": summary ?? ""
        case "has_summary": summary != nil
        default: nil
        }
    }
}

/// "All 42 quotes by …": how many entries a section has and its newest
/// archive page.
package struct MoreLink: MustacheParent, Sendable {
    package let count: Int
    package let url: String

    package func child(named name: String) -> Any? {
        switch name {
        case "count": count
        case "url": url
        default: nil
        }
    }
}

/// A URL on its own (the search page's quote parts).
package struct URLItem: MustacheParent, Sendable {
    package let url: String

    package func child(named name: String) -> Any? { name == "url" ? url : nil }
}

/// The sentence around a statement or mention; `url` only where it links
/// to the place (mentions, the quote page).
package struct ContextView: MustacheParent, Sendable {
    package let before: String
    package let text: String
    package let after: String
    package var url: String?

    package func child(named name: String) -> Any? {
        switch name {
        case "before": before
        case "text": text
        case "after": after
        case "url": url
        default: nil
        }
    }
}

/// `stance`, `stance_label` and `stance_symbol`, as statement topics, trail
/// steps and evidence answer them.
package func stanceChild(_ stance: Stance, named name: String) -> Any? {
    switch name {
    case "stance": stance.rawValue
    case "stance_label": ViewModels.label(stance)
    case "stance_symbol": ViewModels.symbol(stance)
    default: nil
    }
}

/// A topic a statement is about, with the statement's stance on it, if any.
package struct StatementTopic: MustacheParent, Sendable {
    package let topic: TopicLink
    package let stance: Stance?

    package func child(named name: String) -> Any? {
        // Always answered: Mustache would otherwise look `has_stance` up
        // in the enclosing context.
        if name == "has_stance" { return stance != nil }
        if let stance, let value = stanceChild(stance, named: name) { return value }
        return topic.child(named: name)
    }
}

/// A quote or claim as pages list it. `html` is the theme's
/// `statement.mustache` rendered for it, so pages list statements with
/// `{{{html}}}` and each statement is rendered once, not once per page.
package struct StatementItem: MustacheParent, Sendable {
    package let id: String
    package let kind: SpanSyntax.Class
    package let text: String
    package let words: HTMLFragment
    package let speaker: ActorLink
    package let sourceTitle: String
    package let sourceURL: String
    package let sourceLabel: String
    package let topics: [StatementTopic]
    package let context: ContextView
    package let hasContext: Bool
    package let quoteURL: String?
    package let date: ContentDate?
    package var html: HTMLFragment?

    package func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "is_quote": kind == .quote
        case "is_claim": kind == .claim
        case "kind": kind.rawValue
        case "text": text
        case "words_html": words
        case "speaker": speaker
        case "source_title": sourceTitle
        case "source_url": sourceURL
        case "source_label": sourceLabel
        case "topics": topics
        case "context": context
        case "has_context": hasContext
        case "quote_url": quoteURL ?? ""
        case "has_quote_url": quoteURL != nil
        case "date": date?.long ?? ""
        case "has_date": date != nil
        case "date_iso": date?.iso ?? ""
        case "has_date_iso": date != nil
        case "html": html
        default: nil
        }
    }
}

/// The places that name an entity in one document.
package struct MentionGroup: MustacheParent, Sendable {
    package let title: String
    package let url: String
    package let contexts: [ContextView]
    package let date: ContentDate?

    package func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "contexts": contexts
        case "has_contexts": !contexts.isEmpty
        case "count": contexts.count
        case "date": date?.long ?? ""
        case "has_date": date != nil
        case "date_iso": date?.iso ?? ""
        case "has_date_iso": date != nil
        default: nil
        }
    }
}

/// One event: its words, when, who and what it involves, and the
/// paragraph it comes from. An event dated after its article was still
/// to come when the article was written (`is_upcoming`).
package struct EventItem: MustacheParent, Sendable {
    package let words: HTMLFragment
    package let date: ContentDate
    package let actors: [ActorLink]
    package let topics: [TopicLink]
    package let sourceTitle: String
    package let sourceURL: String
    /// The article's date, for an upcoming event.
    package let reported: ContentDate?

    package func child(named name: String) -> Any? {
        switch name {
        case "words_html": words
        case "date": date.long
        case "date_iso": date.iso
        case "actors": actors
        case "has_actors": !actors.isEmpty
        case "topics": topics
        case "has_topics": !topics.isEmpty
        case "source_title": sourceTitle
        case "source_url": sourceURL
        case "is_upcoming": reported != nil
        case "reported": reported?.long ?? ""
        case "has_reported": reported != nil
        case "reported_iso": reported?.iso ?? ""
        case "has_reported_iso": reported != nil
        default: nil
        }
    }
}

/// The timeline page's events of one day.
package struct TimelineDay: MustacheParent, Sendable {
    package let date: ContentDate
    package var events: [EventItem]

    package func child(named name: String) -> Any? {
        switch name {
        case "date": date.long
        case "date_iso": date.iso
        case "events": events
        default: nil
        }
    }
}

/// An actor's or topic's latest events, oldest first.
package struct EntityTimeline: Sendable {
    package let events: [EventItem]
    package let earlierCount: Int
    package let timelineURL: String

    package func child(named name: String) -> Any? {
        switch name {
        case "events": events
        case "has_events": !events.isEmpty
        case "earlier_events_count": earlierCount
        case "has_earlier_events": earlierCount > 0
        case "timeline_url": timelineURL
        default: nil
        }
    }
}

/// Statements by one speaker (a topic's page, the quote index).
package struct SpeakerGroup: MustacheParent, Sendable {
    package let speaker: ActorLink
    package let statements: [StatementItem]
    /// On the quote index only: the speaker's quote count and archive.
    package var count: Int?
    package var hasMore: Bool?
    package var allURL: String?

    package func child(named name: String) -> Any? {
        switch name {
        case "speaker": speaker
        case "statements": statements
        case "count": count
        case "has_more": hasMore
        case "all_url": allURL
        default: nil
        }
    }
}

/// Actors of one kind (people, countries, organisations).
package struct ActorGroup: MustacheParent, Sendable {
    package let label: String
    package let kind: String
    package let count: Int
    package let actors: [ActorLink]

    package func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "kind": kind
        case "count": count
        case "has_more": actors.count < count
        case "actors": actors
        default: nil
        }
    }
}

/// One step of a stance trail ("… → For → Against").
package struct TrailStep: MustacheParent, Sendable {
    package let stance: Stance
    /// No arrow before it.
    package let isFirst: Bool
    /// An ellipsis before it: older changes are left out.
    package let hasBefore: Bool

    package func child(named name: String) -> Any? {
        switch name {
        case "is_first": isFirst
        case "has_before": hasBefore
        default: stanceChild(stance, named: name)
        }
    }
}

/// A row of a topic's stance table: an actor, their trail and the
/// statements behind it.
package struct StanceRow: MustacheParent, Sendable {
    /// One statement behind a stance: when, what kind, the words, where.
    package struct Evidence: MustacheParent, Sendable {
        package let stance: Stance
        package let kind: SpanSyntax.Class
        package let words: HTMLFragment
        package let quoteURL: String
        package let sourceTitle: String
        package let sourceURL: String
        package let date: ContentDate?

        package func child(named name: String) -> Any? {
            switch name {
            case "is_quote": kind == .quote
            case "kind": kind.rawValue
            case "words_html": words
            case "quote_url": quoteURL
            case "source_title": sourceTitle
            case "source_url": sourceURL
            case "date": date?.long ?? ""
            case "has_date": date != nil
            case "date_iso": date?.iso ?? ""
            case "has_date_iso": date != nil
            default: stanceChild(stance, named: name)
            }
        }
    }

    package let actor: ActorLink
    package let anchor: String
    package let trail: [TrailStep]
    package let evidence: [Evidence]
    package let earlierCount: Int

    package func child(named name: String) -> Any? {
        switch name {
        case "actor": actor
        case "anchor": anchor
        case "trail": trail
        case "evidence": evidence
        case "earlier_count": earlierCount
        case "has_earlier": earlierCount > 0
        default: nil
        }
    }
}

/// The home page's actor × topic matrix.
package struct StanceMatrix: MustacheParent, Sendable {
    package struct Cell: MustacheParent, Sendable {
        package let trail: [TrailStep]
        package let url: String

        package func child(named name: String) -> Any? {
            switch name {
            case "has_stance": !trail.isEmpty
            case "trail": trail
            case "url": url
            default: nil
            }
        }
    }

    package struct Row: MustacheParent, Sendable {
        package let actor: ActorLink
        package let cells: [Cell]

        package func child(named name: String) -> Any? {
            switch name {
            case "actor": actor
            case "cells": cells
            default: nil
            }
        }
    }

    package let topics: [TopicLink]
    package let rows: [Row]

    package func child(named name: String) -> Any? {
        switch name {
        case "topics": topics
        case "rows": rows
        case "has_rows": !rows.isEmpty
        default: nil
        }
    }
}

/// A connection map: the drawing (`svg_html`) and the same nodes as a list
/// of links (`nodes`), which is what screen readers and keyboards use.
package struct ConnectionMapView: MustacheParent, Sendable {
    package struct Node: MustacheParent, Sendable {
        package let name: String
        package let url: String
        package let kind: String
        package let kindLabel: String
        package let detail: String

        package func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "url": url
            case "kind": kind
            case "kind_label": kindLabel
            case "detail": detail
            default: nil
            }
        }
    }

    package let svg: HTMLFragment
    package let nodes: [Node]
    package let hasSiteURL: Bool
    package let siteURL: String
    /// A local map's entity; `nil` for the site map.
    package let centreName: String?

    package func child(named name: String) -> Any? {
        switch name {
        case "svg_html": svg
        case "nodes": nodes
        case "is_local": centreName != nil
        case "has_site_url": hasSiteURL
        case "site_url": siteURL
        case "centre_name": centreName
        default: nil
        }
    }
}
