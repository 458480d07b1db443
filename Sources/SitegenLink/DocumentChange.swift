import SitegenLoad
import SitegenParse
import SitegenResolve

/// One document's change, as Link hands it on: its share of the graph and
/// its front matter, before and after (nil when it did not exist). What it
/// means for pages is Plan's to say: the entries it altered
/// (`PageDependencies.swift`) and what no page's reads show
/// (`AffectedPages.swift`).
package struct DocumentChange {
    package var ref: DocumentRef
    package var old: DocumentContribution?
    package var new: DocumentContribution?
    package var oldArticle: ArticleSource?
    package var newArticle: ArticleSource?
}

/// Which entities a document's change reaches, and where: the archive lists
/// link keeps, and the pages plan picks.
extension DocumentChange {
    /// What other pages show of an article: title, date, summary; and what
    /// the feed and the corrections page show: authors, updated, corrections.
    package var listingChanged: Bool {
        guard let oldArticle, let newArticle else { return (oldArticle == nil) != (newArticle == nil) }
        return oldArticle.title != newArticle.title || oldArticle.date != newArticle.date
            || oldArticle.summary != newArticle.summary || oldArticle.authors != newArticle.authors
            || oldArticle.updated != newArticle.updated || oldArticle.corrections != newArticle.corrections
    }

    /// The entities whose own page shows something of this document that
    /// changed: a mention's context, a statement by or about it, a count
    /// it is ranked by, or the article's listing.
    package var changedEntities: Set<EntityID> {
        let touched = (old?.touched ?? []).union(new?.touched ?? [])
        if listingChanged { return touched }
        return touched.filter { share(of: $0, in: old) != share(of: $0, in: new) }
    }

    /// The archive sections of a changed entity that this document's
    /// entries in them changed (all of them when the listing changed).
    package func changedSections(of entity: EntityID) -> [EntitySection] {
        let sections = EntitySection.of(entity.kind)
        if listingChanged { return sections }
        let (before, after) = (share(of: entity, in: old), share(of: entity, in: new))
        return sections.filter { section in
            switch section {
            case .quotes, .claims:
                let kind: SpanSyntax.Class = section == .quotes ? .quote : .claim
                return before.statements.filter { $0.kind == kind } != after.statements.filter { $0.kind == kind }
            case .statements: return before.statements != after.statements
            case .articles: return before.touched != after.touched
            // Mention contexts leave out the sentences of the entity's own statements.
            case .mentions: return before.mentions != after.mentions || before.statements != after.statements
            }
        }
    }

    /// What an entity's pages show of this document (statements as shown).
    package struct Share: Equatable {
        package var mentions: [Mention]
        package var statements: [Statement]
        package var events: [Event] = []
        package var pairs: [String: Int]?
        package var ranked: [String: Int]?
        /// An actor's weights with topics (its connection map).
        package var involving: [String: Int]
        package var touched: Bool
    }

    package func share(of entity: EntityID, in contribution: DocumentContribution?) -> Share {
        guard let contribution else { return Share(mentions: [], statements: [], involving: [:], touched: false) }
        let isActor = entity.kind == .actor
        return Share(
            mentions: contribution.mentions.filter { $0.entity == entity },
            statements: contribution.statements.filter {
                isActor ? $0.speaker == entity.slug : $0.topics.contains(entity.slug)
            }.map(\.asShown),
            events: contribution.events.filter {
                isActor ? $0.actors.contains(entity.slug) : $0.topics.contains(entity.slug)
            },
            pairs: contribution.pairCounts[entity],
            ranked: isActor ? contribution.topicsOfActor[entity.slug] : contribution.actorsOfTopic[entity.slug],
            involving: isActor ? contribution.actorsOfTopic.compactMapValues { $0[entity.slug] } : [:],
            touched: contribution.touched.contains(entity))
    }
}

extension Statement {
    /// The statement as pages show it: its position among the document's
    /// annotations is left out (a mention added before it moves it, and
    /// no page shows it; the order of statements is kept by the lists).
    package var asShown: Statement {
        var shown = self
        shown.position = 0
        return shown
    }
}
