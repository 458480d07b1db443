import CompiledMustache
import SitegenLink
import SitegenLoad
import SitegenParse
import SitegenPlan

/// A quote or claim as pages list it. `html` is the theme's
/// `statement.mustache` rendered for it, so pages list statements with
/// `{{{html}}}` and each statement is rendered once, not once per page.
///
/// A full build keeps an item for every statement while it renders, so
/// an item holds only the statement (whose strings the graph holds too)
/// and its HTML; every other field is worked out when it is asked for,
/// as pages rarely ask once the HTML is made.
package struct StatementItem: MustacheObject {
    package let statement: Statement
    package let maker: StatementItemMaker
    package var html: HTMLFragment?

    package init(_ statement: Statement, maker: StatementItemMaker) {
        self.statement = statement
        self.maker = maker
    }

    package var id: String { statement.id.rawValue }
    package var kind: SpanSyntax.Class { statement.kind }
    package var text: String { statement.text }
    package var words: HTMLFragment {
        let references = maker.models.graph.bodies[statement.source]?.references ?? []
        return HTMLFragment(
            maker.models.bodies.renderInline(statement.content, references: references, on: maker.models.page))
    }
    package var speaker: ActorLink { maker.models.actorLink(statement.speaker) }
    package var sourceTitle: String { maker.models.sourceTitle(statement.source) }
    package var sourceURL: String { maker.models.url(PagePlan.document(statement.source), statement.anchor) }
    package var sourceLabel: String {
        let isArticle: Bool
        if case .article = statement.source { isArticle = true } else { isArticle = false }
        return (statement.kind == .quote ? "Quoted" : "Reported") + (isArticle ? " in" : " on the page")
    }
    package var topics: [StatementTopic] {
        statement.topics.map { StatementTopic(topic: maker.models.topicLink($0), stance: statement.stances[$0]) }
    }
    package var context: ContextView {
        ContextView(before: statement.context.before, text: statement.context.text, after: statement.context.after)
    }
    package var hasContext: Bool { ViewModels.contextAddsSomething(statement.context) }
    package var quoteURL: String? { statement.kind == .quote ? maker.models.url(PagePlan.quote(statement.id)) : nil }
    package var date: ContentDate? { statement.date }
    /// `source=`: where the words first appeared.
    package var origin: SourceItem? {
        statement.origin.map {
            SourceItem(number: 0, title: $0.title, url: $0.url, publisher: $0.publisher, date: $0.date)
        }
    }
    /// `rating=` and `rating_note=` (claims only).
    package var rating: ClaimRating? { statement.rating }
    package var ratingNote: String? { statement.ratingNote }
    /// The day its article was published, when it comes from one: what
    /// "new since your last visit" compares (`new-since.js`).
    package var published: ContentDate? { statement.articleDate }

    package func value(named name: String) -> MustacheValue? {
        switch name {
        case "id": id.mustacheValue
        case "is_quote": (kind == .quote).mustacheValue
        case "is_claim": (kind == .claim).mustacheValue
        case "kind": kind.rawValue.mustacheValue
        case "text": text.mustacheValue
        case "words_html": words.mustacheValue
        case "speaker": speaker.mustacheValue
        case "source_title": sourceTitle.mustacheValue
        case "source_url": sourceURL.mustacheValue
        case "source_label": sourceLabel.mustacheValue
        case "topics": topics.mustacheValue
        case "context": context.mustacheValue
        case "has_context": hasContext.mustacheValue
        case "quote_url": (quoteURL ?? "").mustacheValue
        case "has_quote_url": (quoteURL != nil).mustacheValue
        case "date": (date?.long ?? "").mustacheValue
        case "has_date": (date != nil).mustacheValue
        case "date_iso": (date?.iso ?? "").mustacheValue
        case "has_date_iso": (date != nil).mustacheValue
        case "origin": origin.mustacheValue ?? .object(EmptyView())
        case "has_origin": (statement.origin != nil).mustacheValue
        // Always answered, like `has_stance`, so that a rated claim's
        // rating is not looked up in the enclosing context.
        case "has_rating": (rating != nil).mustacheValue
        case "rating", "rating_label", "rating_symbol": rating.flatMap { ratingChild($0, named: name) } ?? .text("")
        case "rating_note": (ratingNote ?? "").mustacheValue
        case "has_rating_note": (ratingNote != nil).mustacheValue
        case "published_iso": (published?.iso ?? "").mustacheValue
        case "has_published": (published != nil).mustacheValue
        case "html": html.mustacheValue
        default: nil
        }
    }
}
