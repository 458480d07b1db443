import Mustache

// One view per page kind. Each answers its own names first, then the
// layout's: a page's template fills in the layout's blocks.

struct HomePage: MustacheParent, Sendable {
    var layout: LayoutView
    let lead: ArticleLink?
    let articles: [ArticleLink]
    let moreArticles: Bool
    let actorGroups: [ActorGroup]
    let topics: [TopicLink]
    let moreTopics: Bool
    let featuredQuotes: [StatementItem]
    let quoteCount: Int
    let claimCount: Int
    let actorCount: Int
    let topicCount: Int
    let matrix: StanceMatrix
    let latestEvents: [EventItem]
    let eventCount: Int
    let hasTimeline: Bool
    let articlesURL: String
    let actorsURL: String
    let topicsURL: String
    let quotesURL: String
    let timelineURL: String

    func child(named name: String) -> Any? {
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

struct ArticlePage: MustacheParent, Sendable {
    var layout: LayoutView
    let article: ArticleLink
    let body: HTMLFragment
    let quotes: [StatementItem]
    let claims: [StatementItem]
    let actors: [ActorLink]
    let topics: [TopicLink]
    let frontMatter: AuthorData

    func child(named name: String) -> Any? {
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
struct SectionPreview<Item: Sendable>: Sendable {
    let items: [Item]
    let more: MoreLink?
}

struct ActorPage: MustacheParent, Sendable {
    var layout: LayoutView
    let actor: ActorLink
    let kindLabel: String
    let aliases: [String]
    let bio: HTMLFragment
    let affiliation: ActorLink?
    let members: [ActorLink]
    let quotes: SectionPreview<StatementItem>
    let claims: SectionPreview<StatementItem>
    let mentionGroups: SectionPreview<MentionGroup>
    let timeline: EntityTimeline
    let mentionedWith: [ActorLink]
    let speaksAbout: [TopicLink]
    let connectionMap: ConnectionMapView?
    let frontMatter: AuthorData

    func child(named name: String) -> Any? {
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

struct TopicPage: MustacheParent, Sendable {
    var layout: LayoutView
    let topic: TopicLink
    let aliases: [String]
    let body: HTMLFragment
    let quoteGroups: [SpeakerGroup]
    let claimGroups: [SpeakerGroup]
    /// The link to all the topic's quotes and claims.
    let statementsMore: MoreLink?
    let articles: SectionPreview<ArticleLink>
    let stanceRows: [StanceRow]
    let timeline: EntityTimeline
    let actors: [ActorLink]
    let mentionGroups: SectionPreview<MentionGroup>
    let connectionMap: ConnectionMapView?
    let frontMatter: AuthorData

    func child(named name: String) -> Any? {
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

struct QuotePage: MustacheParent, Sendable {
    var layout: LayoutView
    let statement: StatementItem
    /// The sentence, linked to where it stands in its document.
    let context: ContextView
    let article: ArticleLink?
    let bySameSpeaker: [StatementItem]
    let onSameTopics: [StatementItem]
    let speakerURL: String

    func child(named name: String) -> Any? {
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
struct ArchivePage: MustacheParent, Sendable {
    enum Items: Sendable {
        case statements([StatementItem])
        case articles([ArticleLink])
        case mentionGroups([MentionGroup])
    }

    var layout: LayoutView
    let heading: String
    let entityName: String
    let entityURL: String
    let page: Int
    let items: Items
    let olderURL: String?
    let newerURL: String?

    func child(named name: String) -> Any? {
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
struct ArticleIndexPage: MustacheParent, Sendable {
    var layout: LayoutView
    let articles: [ArticleLink]

    func child(named name: String) -> Any? {
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
struct ActorIndexPage: MustacheParent, Sendable {
    var layout: LayoutView
    let actorGroups: [ActorGroup]

    func child(named name: String) -> Any? {
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
struct TopicIndexPage: MustacheParent, Sendable {
    var layout: LayoutView
    let topics: [TopicLink]

    func child(named name: String) -> Any? {
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
struct QuoteIndexPage: MustacheParent, Sendable {
    /// A speaker's line: thousands in a big archive, so three names each
    /// keeps the page quick to render.
    struct OtherSpeaker: MustacheParent, Sendable {
        let name: String
        let url: String
        let count: String

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "url": url
            case "count": count
            default: nil
            }
        }
    }

    var layout: LayoutView
    let quoteGroups: [SpeakerGroup]
    let otherSpeakers: [OtherSpeaker]

    func child(named name: String) -> Any? {
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

struct TimelinePage: MustacheParent, Sendable {
    var layout: LayoutView
    let days: [TimelineDay]
    let eventCount: Int

    func child(named name: String) -> Any? {
        switch name {
        case "days": days
        case "has_days": !days.isEmpty
        case "event_count": eventCount
        default: layout.child(named: name)
        }
    }
}

struct SearchPage: MustacheParent, Sendable {
    var layout: LayoutView
    let indexURL: String
    let quoteParts: [URLItem]
    let scriptURL: String

    func child(named name: String) -> Any? {
        switch name {
        case "index_url": indexURL
        case "quote_parts": quoteParts
        case "has_quote_parts": !quoteParts.isEmpty
        case "script_url": scriptURL
        default: layout.child(named: name)
        }
    }
}

struct NotFoundPage: MustacheParent, Sendable {
    var layout: LayoutView
    /// Hosts serve this page at any missing URL, at any depth: with a base
    /// URL, <base> makes its relative links work from there too.
    let baseHref: String?
    let articlesURL: String
    let actorsURL: String
    let topicsURL: String
    let quotesURL: String

    func child(named name: String) -> Any? {
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
struct ConnectionsPage: MustacheParent, Sendable {
    var layout: LayoutView
    let connectionMap: ConnectionMapView
    let entityCount: Int

    func child(named name: String) -> Any? {
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
struct MissingPage: MustacheParent, Sendable {
    let jsonLD: HTMLFragment

    func child(named name: String) -> Any? { name == "jsonld_html" ? jsonLD : nil }
}

/// A page's view with its template, as the renderer hands it over.
protocol PageView: MustacheParent, Sendable {
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
