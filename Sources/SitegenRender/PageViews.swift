import Mustache

// One view per page kind. Each answers its own names first, then the
// layout's: a page's template fills in the layout's blocks.

package struct HomePage: MustacheParent, Sendable {
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

    package func child(named name: String) -> Any? {
        switch name {
        case "lead": lead ?? EmptyView()
        case "has_lead": lead != nil
        case "articles": articles
        case "has_articles": !articles.isEmpty
        case "more_articles": moreArticles
        case "actor_groups": actorGroups
        case "has_actor_groups": !actorGroups.isEmpty
        case "topics": topics
        case "has_topics": !topics.isEmpty
        case "more_topics": moreTopics
        case "featured_quotes": featuredQuotes
        case "has_featured_quotes": !featuredQuotes.isEmpty
        case "quote_count": quoteCount
        case "claim_count": claimCount
        case "actor_count": actorCount
        case "topic_count": topicCount
        case "matrix": matrix
        case "has_matrix": !matrix.rows.isEmpty
        case "latest_events": latestEvents
        case "has_latest_events": !latestEvents.isEmpty
        case "event_count": eventCount
        case "has_timeline": hasTimeline
        case "articles_url": articlesURL
        case "actors_url": actorsURL
        case "topics_url": topicsURL
        case "quotes_url": quotesURL
        case "timeline_url": timelineURL
        default: layout.child(named: name)
        }
    }
}

package struct ArticlePage: MustacheParent, Sendable {
    package var layout: LayoutView
    package let article: ArticleLink
    package let body: HTMLFragment
    package let quotes: [StatementItem]
    package let claims: [StatementItem]
    package let actors: [ActorLink]
    package let topics: [TopicLink]
    package let frontMatter: AuthorData

    package func child(named name: String) -> Any? {
        switch name {
        case "body_html": body
        case "quotes": quotes
        case "has_quotes": !quotes.isEmpty
        case "claims": claims
        case "has_claims": !claims.isEmpty
        case "actors": actors
        case "has_actors": !actors.isEmpty
        case "topics": topics
        case "has_topics": !topics.isEmpty
        case "front_matter": frontMatter
        default: article.child(named: name) ?? layout.child(named: name)
        }
    }
}

/// The newest entries of an actor's or topic's section, and the link to
/// its archive when there are more.
package struct SectionPreview<Item: Sendable>: Sendable {
    package let items: [Item]
    package let more: MoreLink?
}

package struct ActorPage: MustacheParent, Sendable {
    package var layout: LayoutView
    package let actor: ActorLink
    package let kindLabel: String
    package let aliases: [String]
    package let bio: HTMLFragment
    package let affiliation: ActorLink?
    package let members: [ActorLink]
    package let quotes: SectionPreview<StatementItem>
    package let claims: SectionPreview<StatementItem>
    package let mentionGroups: SectionPreview<MentionGroup>
    package let timeline: EntityTimeline
    package let mentionedWith: [ActorLink]
    package let speaksAbout: [TopicLink]
    package let connectionMap: ConnectionMapView?
    package let frontMatter: AuthorData

    package func child(named name: String) -> Any? {
        switch name {
        case "kind_label": kindLabel
        case "aliases": aliases
        case "has_aliases": !aliases.isEmpty
        case "aliases_text": aliases.joined(separator: ", ")
        case "bio_html": bio
        case "affiliation": affiliation ?? EmptyView()
        case "has_affiliation": affiliation != nil
        case "members": members
        case "has_members": !members.isEmpty
        case "quotes": quotes.items
        case "has_quotes": !quotes.items.isEmpty
        case "quotes_more": quotes.more ?? EmptyView()
        case "has_quotes_more": quotes.more != nil
        case "claims": claims.items
        case "has_claims": !claims.items.isEmpty
        case "claims_more": claims.more ?? EmptyView()
        case "has_claims_more": claims.more != nil
        case "mention_groups": mentionGroups.items
        case "has_mention_groups": !mentionGroups.items.isEmpty
        case "mentions_more": mentionGroups.more ?? EmptyView()
        case "has_mentions_more": mentionGroups.more != nil
        case "mentioned_with": mentionedWith
        case "has_mentioned_with": !mentionedWith.isEmpty
        case "speaks_about": speaksAbout
        case "has_speaks_about": !speaksAbout.isEmpty
        case "connection_map": connectionMap ?? EmptyView()
        case "has_connection_map": connectionMap != nil
        case "front_matter": frontMatter
        default: timeline.child(named: name) ?? actor.child(named: name) ?? layout.child(named: name)
        }
    }
}

package struct TopicPage: MustacheParent, Sendable {
    package var layout: LayoutView
    package let topic: TopicLink
    package let aliases: [String]
    package let body: HTMLFragment
    package let quoteGroups: [SpeakerGroup]
    package let claimGroups: [SpeakerGroup]
    /// The link to all the topic's quotes and claims.
    package let statementsMore: MoreLink?
    package let articles: SectionPreview<ArticleLink>
    package let stanceRows: [StanceRow]
    package let timeline: EntityTimeline
    package let actors: [ActorLink]
    package let mentionGroups: SectionPreview<MentionGroup>
    package let connectionMap: ConnectionMapView?
    package let frontMatter: AuthorData

    package func child(named name: String) -> Any? {
        switch name {
        case "aliases": aliases
        case "has_aliases": !aliases.isEmpty
        case "aliases_text": aliases.joined(separator: ", ")
        case "body_html": body
        case "quote_groups": quoteGroups
        case "has_quote_groups": !quoteGroups.isEmpty
        case "claim_groups": claimGroups
        case "has_claim_groups": !claimGroups.isEmpty
        case "statements_more": statementsMore ?? EmptyView()
        case "has_statements_more": statementsMore != nil
        case "articles": articles.items
        case "has_articles": !articles.items.isEmpty
        case "articles_more": articles.more ?? EmptyView()
        case "has_articles_more": articles.more != nil
        case "stance_rows": stanceRows
        case "has_stance_rows": !stanceRows.isEmpty
        case "actors": actors
        case "has_actors": !actors.isEmpty
        case "mention_groups": mentionGroups.items
        case "has_mention_groups": !mentionGroups.items.isEmpty
        case "mentions_more": mentionGroups.more ?? EmptyView()
        case "has_mentions_more": mentionGroups.more != nil
        case "connection_map": connectionMap ?? EmptyView()
        case "has_connection_map": connectionMap != nil
        case "front_matter": frontMatter
        default: timeline.child(named: name) ?? topic.child(named: name) ?? layout.child(named: name)
        }
    }
}

package struct QuotePage: MustacheParent, Sendable {
    package var layout: LayoutView
    package let statement: StatementItem
    /// The sentence, linked to where it stands in its document.
    package let context: ContextView
    package let article: ArticleLink?
    package let bySameSpeaker: [StatementItem]
    package let onSameTopics: [StatementItem]
    package let speakerURL: String

    package func child(named name: String) -> Any? {
        switch name {
        case "context": context
        case "article": article
        case "has_article": article != nil
        case "by_same_speaker": bySameSpeaker
        case "has_by_same_speaker": !bySameSpeaker.isEmpty
        case "on_same_topics": onSameTopics
        case "has_on_same_topics": !onSameTopics.isEmpty
        case "speaker_url": speakerURL
        case "has_topics": !statement.topics.isEmpty
        default: statement.child(named: name) ?? layout.child(named: name)
        }
    }
}

/// One page of an actor's or topic's archive of a section.
package struct ArchivePage: MustacheParent, Sendable {
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

    package func child(named name: String) -> Any? {
        switch (name, items) {
        case ("heading", _): heading
        case ("entity_name", _): entityName
        case ("entity_url", _): entityURL
        case ("page", _): page
        case ("is_statements", .statements): true
        case ("is_statements", _): false
        case ("is_articles", .articles): true
        case ("is_articles", _): false
        case ("is_mentions", .mentionGroups): true
        case ("is_mentions", _): false
        case ("statements", .statements(let items)): items
        case ("statements", _): [StatementItem]()
        case ("has_statements", .statements(let items)): !items.isEmpty
        case ("has_statements", _): false
        case ("articles", .articles(let items)): items
        case ("articles", _): [ArticleLink]()
        case ("has_articles", .articles(let items)): !items.isEmpty
        case ("has_articles", _): false
        case ("mention_groups", .mentionGroups(let items)): items
        case ("mention_groups", _): [MentionGroup]()
        case ("has_mention_groups", .mentionGroups(let items)): !items.isEmpty
        case ("has_mention_groups", _): false
        case ("has_older", _): olderURL != nil
        case ("has_newer", _): newerURL != nil
        case ("older_url", _): olderURL ?? ""
        case ("newer_url", _): newerURL ?? ""
        default: layout.child(named: name)
        }
    }
}

/// The list of all articles.
package struct ArticleIndexPage: MustacheParent, Sendable {
    package var layout: LayoutView
    package let articles: [ArticleLink]

    package func child(named name: String) -> Any? {
        switch name {
        case "heading": "Articles"
        case "is_article_index": true
        case "articles": articles
        case "has_articles": !articles.isEmpty
        default: layout.child(named: name)
        }
    }
}

/// The list of all actors, by kind.
package struct ActorIndexPage: MustacheParent, Sendable {
    package var layout: LayoutView
    package let actorGroups: [ActorGroup]

    package func child(named name: String) -> Any? {
        switch name {
        case "heading": "Actors"
        case "is_actor_index": true
        case "actor_groups": actorGroups
        case "has_actor_groups": !actorGroups.isEmpty
        default: layout.child(named: name)
        }
    }
}

/// The list of all topics.
package struct TopicIndexPage: MustacheParent, Sendable {
    package var layout: LayoutView
    package let topics: [TopicLink]

    package func child(named name: String) -> Any? {
        switch name {
        case "heading": "Topics"
        case "is_topic_index": true
        case "topics": topics
        case "has_topics": !topics.isEmpty
        default: layout.child(named: name)
        }
    }
}

/// Quotes by speaker: the most quoted with their newest quotes, everyone
/// else as a line each.
package struct QuoteIndexPage: MustacheParent, Sendable {
    /// A speaker's line: thousands in a big archive, so three names each
    /// keeps the page quick to render.
    package struct OtherSpeaker: MustacheParent, Sendable {
        package let name: String
        package let url: String
        package let count: String

        package func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "url": url
            case "count": count
            default: nil
            }
        }
    }

    package var layout: LayoutView
    package let quoteGroups: [SpeakerGroup]
    package let otherSpeakers: [OtherSpeaker]

    package func child(named name: String) -> Any? {
        switch name {
        case "heading": "Quotes"
        case "is_quote_index": true
        case "quote_groups": quoteGroups
        case "has_quote_groups": !quoteGroups.isEmpty
        case "other_speakers": otherSpeakers
        case "has_other_speakers": !otherSpeakers.isEmpty
        default: layout.child(named: name)
        }
    }
}

package struct TimelinePage: MustacheParent, Sendable {
    package var layout: LayoutView
    package let days: [TimelineDay]
    package let eventCount: Int

    package func child(named name: String) -> Any? {
        switch name {
        case "days": days
        case "has_days": !days.isEmpty
        case "event_count": eventCount
        default: layout.child(named: name)
        }
    }
}

package struct SearchPage: MustacheParent, Sendable {
    package var layout: LayoutView
    package let indexURL: String
    package let quoteParts: [URLItem]
    package let scriptURL: String

    package func child(named name: String) -> Any? {
        switch name {
        case "index_url": indexURL
        case "quote_parts": quoteParts
        case "has_quote_parts": !quoteParts.isEmpty
        case "script_url": scriptURL
        default: layout.child(named: name)
        }
    }
}

package struct NotFoundPage: MustacheParent, Sendable {
    package var layout: LayoutView
    /// Hosts serve this page at any missing URL, at any depth: with a base
    /// URL, <base> makes its relative links work from there too.
    package let baseHref: String?
    package let articlesURL: String
    package let actorsURL: String
    package let topicsURL: String
    package let quotesURL: String

    package func child(named name: String) -> Any? {
        switch name {
        case "base_href": baseHref ?? ""
        case "has_base_href": baseHref != nil
        case "articles_url": articlesURL
        case "actors_url": actorsURL
        case "topics_url": topicsURL
        case "quotes_url": quotesURL
        default: layout.child(named: name)
        }
    }
}

/// The site map of the most prominent actors and topics.
package struct ConnectionsPage: MustacheParent, Sendable {
    package var layout: LayoutView
    package let connectionMap: ConnectionMapView
    package let entityCount: Int

    package func child(named name: String) -> Any? {
        switch name {
        case "connection_map": connectionMap
        case "has_connection_map": !connectionMap.nodes.isEmpty
        case "node_count": connectionMap.nodes.count
        case "entity_count": entityCount
        case "is_partial": connectionMap.nodes.count < entityCount
        default: layout.child(named: name)
        }
    }
}

/// What a page planned for an entry the graph does not have shows: its
/// structured data only.
package struct MissingPage: MustacheParent, Sendable {
    package let jsonLD: HTMLFragment

    package func child(named name: String) -> Any? { name == "jsonld_html" ? jsonLD : nil }
}

/// A page's view with its template, as the renderer hands it over.
package protocol PageView: MustacheParent, Sendable {
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
