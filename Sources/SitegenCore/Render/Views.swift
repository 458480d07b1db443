import Mustache

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
struct HTMLFragment: MustacheCustomRenderable, Sendable {
    let html: String
    init(_ html: String) { self.html = html }
    var renderText: String { html }
    var isNull: Bool { false }
}

/// Answers no name: what a template finds where a page has no such part
/// (no affiliation, no "more" link); it is still true in a section.
struct EmptyView: MustacheParent, Sendable {
    func child(named: String) -> Any? { nil }
}

/// Data a site or page author wrote in YAML (`site.yml` keys, front
/// matter), for themes to use as they like.
struct AuthorData: MustacheParent, Sendable {
    let values: [String: FrontMatterValue]

    func child(named name: String) -> Any? { values[name].flatMap(Self.value) }

    static func value(_ value: FrontMatterValue) -> Any? {
        switch value {
        case .scalar(let string): return string
        case .list(let items): return items.compactMap(Self.value)
        case .map(let map): return AuthorData(values: map)
        case .null: return nil
        }
    }
}

/// The frame every page shares: title, navigation, links for hosts.
struct LayoutView: MustacheParent, Sendable {
    struct NavItem: MustacheParent, Sendable {
        let label: String
        let url: String
        let current: Bool

        func child(named name: String) -> Any? {
            switch name {
            case "label": label
            case "url": url
            case "current": current
            default: nil
            }
        }
    }

    let lang: String
    let siteTitle: String
    let siteDescription: String
    let pageTitle: String
    let pageDescription: String
    let pageKind: String
    let stylesheet: String
    let homeURL: String
    let nav: [NavItem]
    let site: AuthorData
    /// For hosts: canonical and social tags need absolute URLs, so they
    /// appear only when site.yml has base_url.
    let hasBaseURL: Bool
    let canonicalURL: String
    let feedURL: String
    let ogType: String
    /// Structured data for search engines, set by `PageRenderer.view(of:)`.
    var jsonLD: HTMLFragment?

    func child(named name: String) -> Any? {
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
struct ActorLink: MustacheParent, Sendable {
    let name: String
    let url: String
    /// `nil` for a slug no actor has (kind and slug are then not answered).
    let kind: String?
    let slug: String?
    let role: String?
    var count: Int?
    var weight: Int?
    var statementCount: Int?

    func child(named name: String) -> Any? {
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
struct TopicLink: MustacheParent, Sendable {
    let title: String
    let url: String
    /// `nil` for a slug no topic has.
    let slug: String?
    let summary: String?
    var count: Int?
    var statementCount: Int?

    func child(named name: String) -> Any? {
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
struct ArticleLink: MustacheParent, Sendable {
    let title: String
    let url: String
    let date: String
    let dateISO: String
    let summary: String?

    func child(named name: String) -> Any? {
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
struct MoreLink: MustacheParent, Sendable {
    let count: Int
    let url: String

    func child(named name: String) -> Any? {
        switch name {
        case "count": count
        case "url": url
        default: nil
        }
    }
}

/// A URL on its own (the search page's quote parts).
struct URLItem: MustacheParent, Sendable {
    let url: String

    func child(named name: String) -> Any? { name == "url" ? url : nil }
}

/// The sentence around a statement or mention; `url` only where it links
/// to the place (mentions, the quote page).
struct ContextView: MustacheParent, Sendable {
    let before: String
    let text: String
    let after: String
    var url: String?

    func child(named name: String) -> Any? {
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
func stanceChild(_ stance: Stance, named name: String) -> Any? {
    switch name {
    case "stance": stance.rawValue
    case "stance_label": ViewModels.label(stance)
    case "stance_symbol": ViewModels.symbol(stance)
    default: nil
    }
}

/// A topic a statement is about, with the statement's stance on it, if any.
struct StatementTopic: MustacheParent, Sendable {
    let topic: TopicLink
    let stance: Stance?

    func child(named name: String) -> Any? {
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
struct StatementItem: MustacheParent, Sendable {
    let id: String
    let kind: SpanSyntax.Class
    let text: String
    let words: HTMLFragment
    let speaker: ActorLink
    let sourceTitle: String
    let sourceURL: String
    let sourceLabel: String
    let topics: [StatementTopic]
    let context: ContextView
    let hasContext: Bool
    let quoteURL: String?
    let date: ContentDate?
    var html: HTMLFragment?

    func child(named name: String) -> Any? {
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
struct MentionGroup: MustacheParent, Sendable {
    let title: String
    let url: String
    let contexts: [ContextView]
    let date: ContentDate?

    func child(named name: String) -> Any? {
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
struct EventItem: MustacheParent, Sendable {
    let words: HTMLFragment
    let date: ContentDate
    let actors: [ActorLink]
    let topics: [TopicLink]
    let sourceTitle: String
    let sourceURL: String
    /// The article's date, for an upcoming event.
    let reported: ContentDate?

    func child(named name: String) -> Any? {
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
struct TimelineDay: MustacheParent, Sendable {
    let date: ContentDate
    var events: [EventItem]

    func child(named name: String) -> Any? {
        switch name {
        case "date": date.long
        case "date_iso": date.iso
        case "events": events
        default: nil
        }
    }
}

/// An actor's or topic's latest events, oldest first.
struct EntityTimeline: Sendable {
    let events: [EventItem]
    let earlierCount: Int
    let timelineURL: String

    func child(named name: String) -> Any? {
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
struct SpeakerGroup: MustacheParent, Sendable {
    let speaker: ActorLink
    let statements: [StatementItem]
    /// On the quote index only: the speaker's quote count and archive.
    var count: Int?
    var hasMore: Bool?
    var allURL: String?

    func child(named name: String) -> Any? {
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
struct ActorGroup: MustacheParent, Sendable {
    let label: String
    let kind: String
    let count: Int
    let actors: [ActorLink]

    func child(named name: String) -> Any? {
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
struct TrailStep: MustacheParent, Sendable {
    let stance: Stance
    /// No arrow before it.
    let isFirst: Bool
    /// An ellipsis before it: older changes are left out.
    let hasBefore: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "is_first": isFirst
        case "has_before": hasBefore
        default: stanceChild(stance, named: name)
        }
    }
}

/// A row of a topic's stance table: an actor, their trail and the
/// statements behind it.
struct StanceRow: MustacheParent, Sendable {
    /// One statement behind a stance: when, what kind, the words, where.
    struct Evidence: MustacheParent, Sendable {
        let stance: Stance
        let kind: SpanSyntax.Class
        let words: HTMLFragment
        let quoteURL: String
        let sourceTitle: String
        let sourceURL: String
        let date: ContentDate?

        func child(named name: String) -> Any? {
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

    let actor: ActorLink
    let anchor: String
    let trail: [TrailStep]
    let evidence: [Evidence]
    let earlierCount: Int

    func child(named name: String) -> Any? {
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
struct StanceMatrix: MustacheParent, Sendable {
    struct Cell: MustacheParent, Sendable {
        let trail: [TrailStep]
        let url: String

        func child(named name: String) -> Any? {
            switch name {
            case "has_stance": !trail.isEmpty
            case "trail": trail
            case "url": url
            default: nil
            }
        }
    }

    struct Row: MustacheParent, Sendable {
        let actor: ActorLink
        let cells: [Cell]

        func child(named name: String) -> Any? {
            switch name {
            case "actor": actor
            case "cells": cells
            default: nil
            }
        }
    }

    let topics: [TopicLink]
    let rows: [Row]

    func child(named name: String) -> Any? {
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
struct ConnectionMapView: MustacheParent, Sendable {
    struct Node: MustacheParent, Sendable {
        let name: String
        let url: String
        let kind: String
        let kindLabel: String
        let detail: String

        func child(named name: String) -> Any? {
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

    let svg: HTMLFragment
    let nodes: [Node]
    let hasSiteURL: Bool
    let siteURL: String
    /// A local map's entity; `nil` for the site map.
    let centreName: String?

    func child(named name: String) -> Any? {
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
