import CompiledMustache
import Mustache
import SitegenLoad

// One view per page kind. Each answers its own names first, then the
// layout's: a page's template fills in the layout's blocks.

package struct HomePage: MustacheObject {
    package var layout: LayoutView
    package let lead: ArticleLink?
    package let articles: [ArticleLink]
    package let moreArticles: Bool
    package let actorGroups: [ActorGroup]
    package let topics: [TopicLink]
    package let moreTopics: Bool
    package let featuredQuotes: [StatementItem]
    package let quoteCount: Int
    package let claimCount: Int
    package let actorCount: Int
    package let topicCount: Int
    package let matrix: StanceMatrix
    package let latestEvents: [EventItem]
    package let eventCount: Int
    package let hasTimeline: Bool
    package let articlesURL: String
    package let actorsURL: String
    package let topicsURL: String
    package let quotesURL: String
    package let timelineURL: String

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "lead": lead?.mustacheValue ?? .object(EmptyView())
        case "has_lead": (lead != nil).mustacheValue
        case "articles": articles.mustacheValue
        case "has_articles": (!articles.isEmpty).mustacheValue
        case "more_articles": moreArticles.mustacheValue
        case "actor_groups": actorGroups.mustacheValue
        case "has_actor_groups": (!actorGroups.isEmpty).mustacheValue
        case "topics": topics.mustacheValue
        case "has_topics": (!topics.isEmpty).mustacheValue
        case "more_topics": moreTopics.mustacheValue
        case "featured_quotes": featuredQuotes.mustacheValue
        case "has_featured_quotes": (!featuredQuotes.isEmpty).mustacheValue
        case "quote_count": quoteCount.mustacheValue
        case "claim_count": claimCount.mustacheValue
        case "actor_count": actorCount.mustacheValue
        case "topic_count": topicCount.mustacheValue
        case "matrix": matrix.mustacheValue
        case "has_matrix": (!matrix.rows.isEmpty).mustacheValue
        case "latest_events": latestEvents.mustacheValue
        case "has_latest_events": (!latestEvents.isEmpty).mustacheValue
        case "event_count": eventCount.mustacheValue
        case "has_timeline": hasTimeline.mustacheValue
        case "articles_url": articlesURL.mustacheValue
        case "actors_url": actorsURL.mustacheValue
        case "topics_url": topicsURL.mustacheValue
        case "quotes_url": quotesURL.mustacheValue
        case "timeline_url": timelineURL.mustacheValue
        default: layout.value(named: name)
        }
    }
}

package struct ArticlePage: MustacheObject {
    package var layout: LayoutView
    package let article: ArticleLink
    package let body: HTMLFragment
    package let quotes: [StatementItem]
    package let claims: [StatementItem]
    package let actors: [ActorLink]
    package let topics: [TopicLink]
    package let frontMatter: AuthorData
    package var authors: [BylineAuthor] = []
    package var sources: [SourceItem] = []
    /// The later of `updated:` and the newest correction.
    package var modified: ContentDate?
    package var corrections: [CorrectionItem] = []
    package var correctionsURL: String = ""

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "authors": authors.mustacheValue
        case "has_authors": (!authors.isEmpty).mustacheValue
        case "sources": sources.mustacheValue
        case "has_sources": (!sources.isEmpty).mustacheValue
        case "updated": (modified?.long ?? "").mustacheValue
        case "updated_iso": (modified?.iso ?? "").mustacheValue
        case "has_updated": (modified != nil).mustacheValue
        case "corrections": corrections.mustacheValue
        case "has_corrections": (!corrections.isEmpty).mustacheValue
        case "corrections_url": correctionsURL.mustacheValue
        case "body_html": body.mustacheValue
        case "quotes": quotes.mustacheValue
        case "has_quotes": (!quotes.isEmpty).mustacheValue
        case "claims": claims.mustacheValue
        case "has_claims": (!claims.isEmpty).mustacheValue
        case "actors": actors.mustacheValue
        case "has_actors": (!actors.isEmpty).mustacheValue
        case "topics": topics.mustacheValue
        case "has_topics": (!topics.isEmpty).mustacheValue
        case "front_matter": frontMatter.mustacheValue
        default: article.value(named: name) ?? layout.value(named: name)
        }
    }
}

/// The newest entries of an actor's or topic's section, and the link to
/// its archive when there are more.
package struct SectionPreview<Item: Sendable>: Sendable {
    package let items: [Item]
    package let more: MoreLink?
}

package struct ActorPage: MustacheObject {
    package var layout: LayoutView
    package let image: ImageView?
    package let actor: ActorLink
    package let kindLabel: String
    package let aliases: [String]
    package let bio: HTMLFragment
    package let affiliation: ActorLink?
    package let members: [ActorLink]
    package let quotes: SectionPreview<StatementItem>
    package let claims: SectionPreview<StatementItem>
    /// All the actor's claims by rating, not only those shown.
    package var ratingCounts: [RatingCount] = []
    /// `wikidata:`, the id of the actor's Wikidata item.
    package var wikidata: String?
    package let mentionGroups: SectionPreview<MentionGroup>
    package let timeline: EntityTimeline
    package let mentionedWith: [ActorLink]
    package let speaksAbout: [TopicLink]
    package let connectionMap: ConnectionMapView?
    package let frontMatter: AuthorData

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "image": image?.mustacheValue ?? .object(EmptyView())
        case "has_image": (image != nil).mustacheValue
        case "kind_label": kindLabel.mustacheValue
        case "aliases": aliases.mustacheValue
        case "has_aliases": (!aliases.isEmpty).mustacheValue
        case "aliases_text": (aliases.joined(separator: ", ")).mustacheValue
        case "bio_html": bio.mustacheValue
        case "affiliation": affiliation?.mustacheValue ?? .object(EmptyView())
        case "has_affiliation": (affiliation != nil).mustacheValue
        case "members": members.mustacheValue
        case "has_members": (!members.isEmpty).mustacheValue
        case "quotes": quotes.items.mustacheValue
        case "has_quotes": (!quotes.items.isEmpty).mustacheValue
        case "quotes_more": quotes.more?.mustacheValue ?? .object(EmptyView())
        case "has_quotes_more": (quotes.more != nil).mustacheValue
        case "claims": claims.items.mustacheValue
        case "has_claims": (!claims.items.isEmpty).mustacheValue
        case "claims_more": claims.more?.mustacheValue ?? .object(EmptyView())
        case "has_claims_more": (claims.more != nil).mustacheValue
        case "rating_counts": ratingCounts.mustacheValue
        case "has_rating_counts": (!ratingCounts.isEmpty).mustacheValue
        case "wikidata": (wikidata ?? "").mustacheValue
        case "wikidata_url": (wikidata.map(StructuredData.wikidataURL) ?? "").mustacheValue
        case "has_wikidata": (wikidata != nil).mustacheValue
        case "mention_groups": mentionGroups.items.mustacheValue
        case "has_mention_groups": (!mentionGroups.items.isEmpty).mustacheValue
        case "mentions_more": mentionGroups.more?.mustacheValue ?? .object(EmptyView())
        case "has_mentions_more": (mentionGroups.more != nil).mustacheValue
        case "mentioned_with": mentionedWith.mustacheValue
        case "has_mentioned_with": (!mentionedWith.isEmpty).mustacheValue
        case "speaks_about": speaksAbout.mustacheValue
        case "has_speaks_about": (!speaksAbout.isEmpty).mustacheValue
        case "connection_map": connectionMap?.mustacheValue ?? .object(EmptyView())
        case "has_connection_map": (connectionMap != nil).mustacheValue
        case "front_matter": frontMatter.mustacheValue
        default: timeline.value(named: name) ?? actor.value(named: name) ?? layout.value(named: name)
        }
    }
}

package struct TopicPage: MustacheObject {
    package var layout: LayoutView
    package let image: ImageView?
    package let topic: TopicLink
    package let aliases: [String]
    package let body: HTMLFragment
    package let quoteGroups: [SpeakerGroup]
    package let claimGroups: [SpeakerGroup]
    /// All the claims on the topic by rating, not only those shown.
    package var ratingCounts: [RatingCount] = []
    /// The link to all the topic's quotes and claims.
    package let statementsMore: MoreLink?
    package let articles: SectionPreview<ArticleLink>
    package let stanceRows: [StanceRow]
    package let timeline: EntityTimeline
    package let actors: [ActorLink]
    package let mentionGroups: SectionPreview<MentionGroup>
    package let connectionMap: ConnectionMapView?
    package let frontMatter: AuthorData

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "aliases": aliases.mustacheValue
        case "has_aliases": (!aliases.isEmpty).mustacheValue
        case "aliases_text": (aliases.joined(separator: ", ")).mustacheValue
        case "image": image?.mustacheValue ?? .object(EmptyView())
        case "has_image": (image != nil).mustacheValue
        case "body_html": body.mustacheValue
        case "quote_groups": quoteGroups.mustacheValue
        case "has_quote_groups": (!quoteGroups.isEmpty).mustacheValue
        case "claim_groups": claimGroups.mustacheValue
        case "has_claim_groups": (!claimGroups.isEmpty).mustacheValue
        case "rating_counts": ratingCounts.mustacheValue
        case "has_rating_counts": (!ratingCounts.isEmpty).mustacheValue
        case "statements_more": statementsMore?.mustacheValue ?? .object(EmptyView())
        case "has_statements_more": (statementsMore != nil).mustacheValue
        case "articles": articles.items.mustacheValue
        case "has_articles": (!articles.items.isEmpty).mustacheValue
        case "articles_more": articles.more?.mustacheValue ?? .object(EmptyView())
        case "has_articles_more": (articles.more != nil).mustacheValue
        case "stance_rows": stanceRows.mustacheValue
        case "has_stance_rows": (!stanceRows.isEmpty).mustacheValue
        case "actors": actors.mustacheValue
        case "has_actors": (!actors.isEmpty).mustacheValue
        case "mention_groups": mentionGroups.items.mustacheValue
        case "has_mention_groups": (!mentionGroups.items.isEmpty).mustacheValue
        case "mentions_more": mentionGroups.more?.mustacheValue ?? .object(EmptyView())
        case "has_mentions_more": (mentionGroups.more != nil).mustacheValue
        case "connection_map": connectionMap?.mustacheValue ?? .object(EmptyView())
        case "has_connection_map": (connectionMap != nil).mustacheValue
        case "front_matter": frontMatter.mustacheValue
        default: timeline.value(named: name) ?? topic.value(named: name) ?? layout.value(named: name)
        }
    }
}

package struct QuotePage: MustacheObject {
    package var layout: LayoutView
    package let statement: StatementItem
    /// The sentence, linked to where it stands in its document.
    package let context: ContextView
    package let article: ArticleLink?
    package let bySameSpeaker: [StatementItem]
    package let onSameTopics: [StatementItem]
    package let speakerURL: String

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "context": context.mustacheValue
        case "article": article.mustacheValue
        case "has_article": (article != nil).mustacheValue
        case "by_same_speaker": bySameSpeaker.mustacheValue
        case "has_by_same_speaker": (!bySameSpeaker.isEmpty).mustacheValue
        case "on_same_topics": onSameTopics.mustacheValue
        case "has_on_same_topics": (!onSameTopics.isEmpty).mustacheValue
        case "speaker_url": speakerURL.mustacheValue
        case "has_topics": (!statement.topics.isEmpty).mustacheValue
        default: statement.value(named: name) ?? layout.value(named: name)
        }
    }
}

/// One page of an actor's or topic's archive of a section.
package struct ArchivePage: MustacheObject {
    package enum Items: Sendable {
        case statements([StatementItem])
        case articles([ArticleLink])
        case mentionGroups([MentionGroup])
    }

    package var layout: LayoutView
    package let heading: String
    package let entityName: String
    package let entityURL: String
    package let page: Int
    package let items: Items
    package let olderURL: String?
    package let newerURL: String?

    package func value(named name: String) -> MustacheValue? {
        switch (name, items) {
        case ("heading", _): heading.mustacheValue
        case ("entity_name", _): entityName.mustacheValue
        case ("entity_url", _): entityURL.mustacheValue
        case ("page", _): page.mustacheValue
        case ("is_statements", .statements): (true).mustacheValue
        case ("is_statements", _): (false).mustacheValue
        case ("is_articles", .articles): (true).mustacheValue
        case ("is_articles", _): (false).mustacheValue
        case ("is_mentions", .mentionGroups): (true).mustacheValue
        case ("is_mentions", _): (false).mustacheValue
        case ("statements", .statements(let items)): items.mustacheValue
        case ("statements", _): ([StatementItem]()).mustacheValue
        case ("has_statements", .statements(let items)): (!items.isEmpty).mustacheValue
        case ("has_statements", _): (false).mustacheValue
        case ("articles", .articles(let items)): items.mustacheValue
        case ("articles", _): ([ArticleLink]()).mustacheValue
        case ("has_articles", .articles(let items)): (!items.isEmpty).mustacheValue
        case ("has_articles", _): (false).mustacheValue
        case ("mention_groups", .mentionGroups(let items)): items.mustacheValue
        case ("mention_groups", _): ([MentionGroup]()).mustacheValue
        case ("has_mention_groups", .mentionGroups(let items)): (!items.isEmpty).mustacheValue
        case ("has_mention_groups", _): (false).mustacheValue
        case ("has_older", _): (olderURL != nil).mustacheValue
        case ("has_newer", _): (newerURL != nil).mustacheValue
        case ("older_url", _): (olderURL ?? "").mustacheValue
        case ("newer_url", _): (newerURL ?? "").mustacheValue
        default: layout.value(named: name)
        }
    }
}

/// The list of all articles.
package struct ArticleIndexPage: MustacheObject {
    package var layout: LayoutView
    package let articles: [ArticleLink]

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "heading": ("Articles").mustacheValue
        case "is_article_index": (true).mustacheValue
        case "articles": articles.mustacheValue
        case "has_articles": (!articles.isEmpty).mustacheValue
        default: layout.value(named: name)
        }
    }
}

/// The list of all actors, by kind.
package struct ActorIndexPage: MustacheObject {
    package var layout: LayoutView
    package let actorGroups: [ActorGroup]

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "heading": ("Actors").mustacheValue
        case "is_actor_index": (true).mustacheValue
        case "actor_groups": actorGroups.mustacheValue
        case "has_actor_groups": (!actorGroups.isEmpty).mustacheValue
        default: layout.value(named: name)
        }
    }
}

/// The list of all topics.
package struct TopicIndexPage: MustacheObject {
    package var layout: LayoutView
    package let topics: [TopicLink]

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "heading": ("Topics").mustacheValue
        case "is_topic_index": (true).mustacheValue
        case "topics": topics.mustacheValue
        case "has_topics": (!topics.isEmpty).mustacheValue
        default: layout.value(named: name)
        }
    }
}

/// Quotes by speaker: the most quoted with their newest quotes, everyone
/// else as a line each.
package struct QuoteIndexPage: MustacheObject {
    /// A speaker's line: thousands in a big archive, so three names each
    /// keeps the page quick to render.
    package struct OtherSpeaker: MustacheObject {
        package let name: String
        package let url: String
        package let count: String

        package func value(named name: String) -> MustacheValue? {
            switch name {
            case "name": self.name.mustacheValue
            case "url": url.mustacheValue
            case "count": count.mustacheValue
            default: nil
            }
        }
    }

    package var layout: LayoutView
    package let quoteGroups: [SpeakerGroup]
    package let otherSpeakers: [OtherSpeaker]

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "heading": ("Quotes").mustacheValue
        case "is_quote_index": (true).mustacheValue
        case "quote_groups": quoteGroups.mustacheValue
        case "has_quote_groups": (!quoteGroups.isEmpty).mustacheValue
        case "other_speakers": otherSpeakers.mustacheValue
        case "has_other_speakers": (!otherSpeakers.isEmpty).mustacheValue
        default: layout.value(named: name)
        }
    }
}

package struct TimelinePage: MustacheObject {
    package var layout: LayoutView
    package let days: [TimelineDay]
    package let eventCount: Int

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "days": days.mustacheValue
        case "has_days": (!days.isEmpty).mustacheValue
        case "event_count": eventCount.mustacheValue
        default: layout.value(named: name)
        }
    }
}

package struct SearchPage: MustacheObject {
    package var layout: LayoutView
    package let indexURL: String
    package let quoteParts: [URLItem]
    package let scriptURL: String

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "index_url": indexURL.mustacheValue
        case "quote_parts": quoteParts.mustacheValue
        case "has_quote_parts": (!quoteParts.isEmpty).mustacheValue
        case "script_url": scriptURL.mustacheValue
        default: layout.value(named: name)
        }
    }
}

package struct NotFoundPage: MustacheObject {
    package var layout: LayoutView
    /// Hosts serve this page at any missing URL, at any depth: with a base
    /// URL, <base> makes its relative links work from there too.
    package let baseHref: String?
    package let articlesURL: String
    package let actorsURL: String
    package let topicsURL: String
    package let quotesURL: String

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "base_href": (baseHref ?? "").mustacheValue
        case "has_base_href": (baseHref != nil).mustacheValue
        case "articles_url": articlesURL.mustacheValue
        case "actors_url": actorsURL.mustacheValue
        case "topics_url": topicsURL.mustacheValue
        case "quotes_url": quotesURL.mustacheValue
        default: layout.value(named: name)
        }
    }
}

/// The site map of the most prominent actors and topics.
package struct ConnectionsPage: MustacheObject {
    package var layout: LayoutView
    package let connectionMap: ConnectionMapView
    package let entityCount: Int

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "connection_map": connectionMap.mustacheValue
        case "has_connection_map": (!connectionMap.nodes.isEmpty).mustacheValue
        case "node_count": connectionMap.nodes.count.mustacheValue
        case "entity_count": entityCount.mustacheValue
        case "is_partial": (connectionMap.nodes.count < entityCount).mustacheValue
        default: layout.value(named: name)
        }
    }
}

/// What a page planned for an entry the graph does not have shows: its
/// structured data only.
package struct MissingPage: MustacheObject {
    package let jsonLD: HTMLFragment

    package func value(named name: String) -> MustacheValue? { name == "jsonld_html" ? jsonLD.mustacheValue : nil }
}

/// A page's view with its template, as the renderer hands it over.
package protocol PageView: MustacheObject {
    var layout: LayoutView { get set }
}

extension HomePage: PageView {}
extension ArticlePage: PageView {}
extension ActorPage: PageView {}
extension TopicPage: PageView {}
extension QuotePage: PageView {}
extension ArchivePage: PageView {}
extension ArticleIndexPage: PageView {}
extension ActorIndexPage: PageView {}
extension TopicIndexPage: PageView {}
extension QuoteIndexPage: PageView {}
extension TimelinePage: PageView {}
extension SearchPage: PageView {}
extension NotFoundPage: PageView {}
extension ConnectionsPage: PageView {}

/// Every correction on the site, newest first, each with its article.
package struct CorrectionsPage: MustacheObject {
    package struct Entry: MustacheObject {
        package let article: ArticleLink
        package let correction: CorrectionItem
        package let url: String

        package func value(named name: String) -> MustacheValue? {
            switch name {
            case "article": article.mustacheValue
            case "url": url.mustacheValue
            default: correction.value(named: name)
            }
        }
    }

    package var layout: LayoutView
    package let entries: [Entry]

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "corrections": entries.mustacheValue
        case "has_corrections": (!entries.isEmpty).mustacheValue
        default: layout.value(named: name)
        }
    }
}
extension CorrectionsPage: PageView {}
