import CompiledMustache
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
// `HTMLFragment` (CompiledMustache) holds HTML sitegen escaped itself,
// for `{{{name_html}}}`.

/// Data a site or page author wrote in YAML (`site.yml` keys, front
/// matter), for themes to use as they like.
package struct AuthorData: MustacheObject {
    package let values: [String: FrontMatterValue]

    package func value(named name: String) -> MustacheValue? { values[name].flatMap(Self.value) }

    package static func value(_ value: FrontMatterValue) -> MustacheValue? {
        switch value {
        case .scalar(let string): return .text(string)
        case .list(let items): return .list(items.compactMap(Self.value))
        case .map(let map): return .object(AuthorData(values: map))
        case .null: return nil
        }
    }
}

/// The frame every page shares: title, navigation, links for hosts.
package struct LayoutView: MustacheObject {
    package struct NavItem: MustacheObject {
        package let label: String
        package let url: String
        package let current: Bool

        package func value(named name: String) -> MustacheValue? {
            switch name {
            case "label": label.mustacheValue
            case "url": url.mustacheValue
            case "current": current.mustacheValue
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
    /// The corrections page, when the theme has one (linked from the footer).
    package var correctionsURL: String?
    /// The page's picture for link previews (absolute; with base_url only).
    package var ogImage: (url: String, alt: String)?
    /// An actor's or topic's own feed, beside the site's (with a base URL).
    package var pageFeedURL: String?
    /// `new-since.js`, on the pages that mark what is new since the last visit.
    package var newSinceScriptURL: String?

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "lang": lang.mustacheValue
        case "site_title": siteTitle.mustacheValue
        case "site_description": siteDescription.mustacheValue
        case "page_title": pageTitle.mustacheValue
        case "page_description": pageDescription.mustacheValue
        case "page_kind": pageKind.mustacheValue
        case "is_home": (pageKind == "home").mustacheValue
        case "stylesheet": stylesheet.mustacheValue
        case "home_url": homeURL.mustacheValue
        case "nav": nav.mustacheValue
        case "has_nav": (!nav.isEmpty).mustacheValue
        case "site": site.mustacheValue
        case "has_base_url": hasBaseURL.mustacheValue
        case "canonical_url": canonicalURL.mustacheValue
        case "feed_url": feedURL.mustacheValue
        case "og_type": ogType.mustacheValue
        case "jsonld_html": jsonLD.mustacheValue
        case "corrections_page_url": (correctionsURL ?? "").mustacheValue
        case "has_corrections_page": (correctionsURL != nil).mustacheValue
        case "has_og_image": (ogImage != nil).mustacheValue
        case "og_image": (ogImage?.url ?? "").mustacheValue
        case "og_image_alt": (ogImage?.alt ?? "").mustacheValue
        case "page_feed_url": (pageFeedURL ?? "").mustacheValue
        case "has_page_feed": (pageFeedURL != nil).mustacheValue
        case "new_since_script": (newSinceScriptURL ?? "").mustacheValue
        case "has_new_since_script": (newSinceScriptURL != nil).mustacheValue
        default: nil
        }
    }
}

/// An actor's or topic's picture (`image:`), with its size so the page
/// keeps its place while it loads.
package struct ImageView: MustacheObject {
    /// Relative to the page.
    package let src: String
    package let alt: String
    package let credit: String?
    package let size: ImageSize?

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "src": src.mustacheValue
        case "alt": alt.mustacheValue
        case "credit": (credit ?? "").mustacheValue
        case "has_credit": (credit != nil).mustacheValue
        case "has_size": (size != nil).mustacheValue
        case "width": (size?.width ?? 0).mustacheValue
        case "height": (size?.height ?? 0).mustacheValue
        default: nil
        }
    }
}

/// A link to an actor's page. The extra counts are set where a list
/// shows them (how often mentioned with, how many statements).
package struct ActorLink: MustacheObject {
    package let name: String
    package let url: String
    /// `nil` for a slug no actor has (kind and slug are then not answered).
    package let kind: String?
    package let slug: String?
    package let role: String?
    package var count: Int?
    package var weight: Int?
    package var statementCount: Int?

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "name": self.name.mustacheValue
        case "url": url.mustacheValue
        case "kind": kind.mustacheValue
        case "slug": slug.mustacheValue
        case "role": (role ?? "").mustacheValue
        case "has_role": (role != nil).mustacheValue
        case "count": count.mustacheValue
        case "weight": weight.mustacheValue
        case "statement_count": statementCount.mustacheValue
        default: nil
        }
    }
}

/// A link to a topic's page.
package struct TopicLink: MustacheObject {
    package let title: String
    package let url: String
    /// `nil` for a slug no topic has.
    package let slug: String?
    package let summary: String?
    package var count: Int?
    package var statementCount: Int?

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "title": title.mustacheValue
        case "url": url.mustacheValue
        case "slug": slug.mustacheValue
        case "summary": (summary ?? "").mustacheValue
        case "has_summary": (summary != nil).mustacheValue
        case "count": count.mustacheValue
        case "statement_count": statementCount.mustacheValue
        default: nil
        }
    }
}

/// A link to an article.
package struct ArticleLink: MustacheObject {
    package let title: String
    package let url: String
    package let date: String
    package let dateISO: String
    package let summary: String?

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "title": title.mustacheValue
        case "url": url.mustacheValue
        case "date": date.mustacheValue
        case "date_iso": dateISO.mustacheValue
        case "summary": (summary ?? "").mustacheValue
        case "has_summary": (summary != nil).mustacheValue
        default: nil
        }
    }
}

/// "All 42 quotes by …": how many entries a section has and its newest
/// archive page.
package struct MoreLink: MustacheObject {
    package let count: Int
    package let url: String

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "count": count.mustacheValue
        case "url": url.mustacheValue
        default: nil
        }
    }
}

/// A URL on its own (the search page's quote parts).
package struct URLItem: MustacheObject {
    package let url: String

    package func value(named name: String) -> MustacheValue? { name == "url" ? .text(url) : nil }
}

/// The sentence around a statement or mention; `url` only where it links
/// to the place (mentions, the quote page).
package struct ContextView: MustacheObject {
    package let before: String
    package let text: String
    package let after: String
    package var url: String?

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "before": before.mustacheValue
        case "text": text.mustacheValue
        case "after": after.mustacheValue
        case "url": url.mustacheValue
        default: nil
        }
    }
}

/// `stance`, `stance_label` and `stance_symbol`, as statement topics, trail
/// steps and evidence answer them.
package func stanceChild(_ stance: Stance, named name: String) -> MustacheValue? {
    switch name {
    case "stance": .text(stance.rawValue)
    case "stance_label": .text(ViewModels.label(stance))
    case "stance_symbol": .text(ViewModels.symbol(stance))
    default: nil
    }
}

/// A topic a statement is about, with the statement's stance on it, if any.
package struct StatementTopic: MustacheObject {
    package let topic: TopicLink
    package let stance: Stance?

    package func value(named name: String) -> MustacheValue? {
        // Always answered: Mustache would otherwise look `has_stance` up
        // in the enclosing context.
        if name == "has_stance" { return .bool(stance != nil) }
        if let stance, let value = stanceChild(stance, named: name) { return value }
        return topic.value(named: name)
    }
}

/// The places that name an entity in one document.
package struct MentionGroup: MustacheObject {
    package let title: String
    package let url: String
    package let contexts: [ContextView]
    package let date: ContentDate?

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "title": title.mustacheValue
        case "url": url.mustacheValue
        case "contexts": contexts.mustacheValue
        case "has_contexts": (!contexts.isEmpty).mustacheValue
        case "count": contexts.count.mustacheValue
        case "date": (date?.long ?? "").mustacheValue
        case "has_date": (date != nil).mustacheValue
        case "date_iso": (date?.iso ?? "").mustacheValue
        case "has_date_iso": (date != nil).mustacheValue
        default: nil
        }
    }
}

/// One event: its words, when, who and what it involves, and the
/// paragraph it comes from. An event dated after its article was still
/// to come when the article was written (`is_upcoming`).
package struct EventItem: MustacheObject {
    package let words: HTMLFragment
    package let date: ContentDate
    package let actors: [ActorLink]
    package let topics: [TopicLink]
    package let sourceTitle: String
    package let sourceURL: String
    /// The article's date, for an upcoming event.
    package let reported: ContentDate?

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "words_html": words.mustacheValue
        case "date": date.long.mustacheValue
        case "date_iso": date.iso.mustacheValue
        case "actors": actors.mustacheValue
        case "has_actors": (!actors.isEmpty).mustacheValue
        case "topics": topics.mustacheValue
        case "has_topics": (!topics.isEmpty).mustacheValue
        case "source_title": sourceTitle.mustacheValue
        case "source_url": sourceURL.mustacheValue
        case "is_upcoming": (reported != nil).mustacheValue
        case "reported": (reported?.long ?? "").mustacheValue
        case "has_reported": (reported != nil).mustacheValue
        case "reported_iso": (reported?.iso ?? "").mustacheValue
        case "has_reported_iso": (reported != nil).mustacheValue
        default: nil
        }
    }
}

/// The timeline page's events of one day.
package struct TimelineDay: MustacheObject {
    package let date: ContentDate
    package var events: [EventItem]

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "date": date.long.mustacheValue
        case "date_iso": date.iso.mustacheValue
        case "events": events.mustacheValue
        default: nil
        }
    }
}

/// An actor's or topic's latest events, oldest first.
package struct EntityTimeline: Sendable {
    package let events: [EventItem]
    package let earlierCount: Int
    package let timelineURL: String

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "events": events.mustacheValue
        case "has_events": (!events.isEmpty).mustacheValue
        case "earlier_events_count": earlierCount.mustacheValue
        case "has_earlier_events": (earlierCount > 0).mustacheValue
        case "timeline_url": timelineURL.mustacheValue
        default: nil
        }
    }
}

/// Statements by one speaker (a topic's page, the quote index).
package struct SpeakerGroup: MustacheObject {
    package let speaker: ActorLink
    package let statements: [StatementItem]
    /// On the quote index only: the speaker's quote count and archive.
    package var count: Int?
    package var hasMore: Bool?
    package var allURL: String?

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "speaker": speaker.mustacheValue
        case "statements": statements.mustacheValue
        case "count": count.mustacheValue
        case "has_more": hasMore.mustacheValue
        case "all_url": allURL.mustacheValue
        default: nil
        }
    }
}

/// Actors of one kind (people, countries, organisations).
package struct ActorGroup: MustacheObject {
    package let label: String
    package let kind: String
    package let count: Int
    package let actors: [ActorLink]

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "label": label.mustacheValue
        case "kind": kind.mustacheValue
        case "count": count.mustacheValue
        case "has_more": (actors.count < count).mustacheValue
        case "actors": actors.mustacheValue
        default: nil
        }
    }
}

/// One step of a stance trail ("… → For → Against").
package struct TrailStep: MustacheObject {
    package let stance: Stance
    /// No arrow before it.
    package let isFirst: Bool
    /// An ellipsis before it: older changes are left out.
    package let hasBefore: Bool

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "is_first": isFirst.mustacheValue
        case "has_before": hasBefore.mustacheValue
        default: stanceChild(stance, named: name)
        }
    }
}

/// A row of a topic's stance table: an actor, their trail and the
/// statements behind it.
package struct StanceRow: MustacheObject {
    /// One statement behind a stance: when, what kind, the words, where.
    package struct Evidence: MustacheObject {
        package let stance: Stance
        package let kind: SpanSyntax.Class
        package let words: HTMLFragment
        package let quoteURL: String
        package let sourceTitle: String
        package let sourceURL: String
        package let date: ContentDate?

        package func value(named name: String) -> MustacheValue? {
            switch name {
            case "is_quote": (kind == .quote).mustacheValue
            case "kind": kind.rawValue.mustacheValue
            case "words_html": words.mustacheValue
            case "quote_url": quoteURL.mustacheValue
            case "source_title": sourceTitle.mustacheValue
            case "source_url": sourceURL.mustacheValue
            case "date": (date?.long ?? "").mustacheValue
            case "has_date": (date != nil).mustacheValue
            case "date_iso": (date?.iso ?? "").mustacheValue
            case "has_date_iso": (date != nil).mustacheValue
            default: stanceChild(stance, named: name)
            }
        }
    }

    package let actor: ActorLink
    package let anchor: String
    package let trail: [TrailStep]
    package let evidence: [Evidence]
    package let earlierCount: Int

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "actor": actor.mustacheValue
        case "anchor": anchor.mustacheValue
        case "trail": trail.mustacheValue
        case "evidence": evidence.mustacheValue
        case "earlier_count": earlierCount.mustacheValue
        case "has_earlier": (earlierCount > 0).mustacheValue
        default: nil
        }
    }
}

/// The home page's actor × topic matrix.
package struct StanceMatrix: MustacheObject {
    package struct Cell: MustacheObject {
        package let trail: [TrailStep]
        package let url: String

        package func value(named name: String) -> MustacheValue? {
            switch name {
            case "has_stance": (!trail.isEmpty).mustacheValue
            case "trail": trail.mustacheValue
            case "url": url.mustacheValue
            default: nil
            }
        }
    }

    package struct Row: MustacheObject {
        package let actor: ActorLink
        package let cells: [Cell]

        package func value(named name: String) -> MustacheValue? {
            switch name {
            case "actor": actor.mustacheValue
            case "cells": cells.mustacheValue
            default: nil
            }
        }
    }

    package let topics: [TopicLink]
    package let rows: [Row]

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "topics": topics.mustacheValue
        case "rows": rows.mustacheValue
        case "has_rows": (!rows.isEmpty).mustacheValue
        default: nil
        }
    }
}

/// A connection map: the drawing (`svg_html`) and the same nodes as a list
/// of links (`nodes`), which is what screen readers and keyboards use.
package struct ConnectionMapView: MustacheObject {
    package struct Node: MustacheObject {
        package let name: String
        package let url: String
        package let kind: String
        package let kindLabel: String
        package let detail: String

        package func value(named name: String) -> MustacheValue? {
            switch name {
            case "name": self.name.mustacheValue
            case "url": url.mustacheValue
            case "kind": kind.mustacheValue
            case "kind_label": kindLabel.mustacheValue
            case "detail": detail.mustacheValue
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

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "svg_html": svg.mustacheValue
        case "nodes": nodes.mustacheValue
        case "is_local": (centreName != nil).mustacheValue
        case "has_site_url": hasSiteURL.mustacheValue
        case "site_url": siteURL.mustacheValue
        case "centre_name": centreName.mustacheValue
        default: nil
        }
    }
}

/// One name of an article's byline, linked when it is an actor of the site.
package struct BylineAuthor: MustacheObject {
    package let name: String
    package let url: String?
    /// What follows the name in the byline: ", ", " and " or nothing.
    package var separator: String = ""

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "name": self.name.mustacheValue
        case "url": (url ?? "").mustacheValue
        case "has_url": (url != nil).mustacheValue
        case "separator": separator.mustacheValue
        default: nil
        }
    }
}

/// A source an article draws on, numbered as `source=N` names it.
package struct SourceItem: MustacheObject {
    package let number: Int
    package let title: String
    package let url: String?
    package let publisher: String?
    package let date: ContentDate?

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "number": number.mustacheValue
        case "title": title.mustacheValue
        case "url": (url ?? "").mustacheValue
        case "has_url": (url != nil).mustacheValue
        case "publisher": (publisher ?? "").mustacheValue
        case "has_publisher": (publisher != nil).mustacheValue
        case "date": (date?.long ?? "").mustacheValue
        case "date_iso": (date?.iso ?? "").mustacheValue
        case "has_date": (date != nil).mustacheValue
        default: nil
        }
    }
}

/// A correction to an article, with its date.
package struct CorrectionItem: MustacheObject {
    package let date: ContentDate
    package let text: String

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "date": date.long.mustacheValue
        case "date_iso": date.iso.mustacheValue
        case "text": text.mustacheValue
        default: nil
        }
    }
}
