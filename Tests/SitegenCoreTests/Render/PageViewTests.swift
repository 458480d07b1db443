import CompiledMustache
import Foundation
import Mustache
import SitegenTestSupport
import Testing

@testable import SitegenLink
@testable import SitegenPlan
@testable import SitegenRender
@testable import SitegenResolve

/// What article, actor and archive pages are made of, and the layout around
/// them, read from their views.
@Suite("Render: page views")
struct PageViewTests {
    /// Hegseth is quoted twelve times (more than an actor's page shows),
    /// Putin makes one claim; the site has a base URL.
    static let files: [String: String] = TestContent.cast.merging([
        "site.yml": "title: Test site\nbase_url: https://example.org/explainer\n",
        "articles/a.md": TestContent.article(
            title: "A", date: "2025-02-13",
            body: """
                [[Putin]] and [[Hegseth]] spoke of [[peace talks]].

                \((1...12).map { "[“we back talks, part \($0)”]{.quote by=hegseth about=peace-talks}" }.joined(separator: "\n\n"))

                Reportedly [the alliance is over]{.claim by=putin about=nato-future}, he said to reporters in Moscow.
                """),
    ]) { _, new in new }

    @Test func anArticleListsWhoAndWhatInNameOrderAndSplitsQuotesFromClaims() throws {
        let site = try RenderFixture(Self.files)
        let article = try site.view(.article("a"), at: PagePlan.article("a"), as: ArticlePage.self)
        #expect(article.actors.map(\.name) == ["Pete Hegseth", "Vladimir Putin"])
        #expect(article.actors.map(\.url) == ["../actors/pete-hegseth.html", "../actors/vladimir-putin.html"])
        #expect(article.topics.map(\.title) == ["Peace negotiations", "The future of NATO"])
        #expect(article.quotes.count == 12 && article.claims.count == 1)
        #expect(article.quotes.allSatisfy { $0.kind == .quote && $0.sourceLabel == "Quoted in" })
        let claim = article.claims[0]
        #expect(claim.sourceLabel == "Reported in" && claim.quoteURL == nil && claim.speaker.slug == "vladimir-putin")
        #expect(claim.child(named: "has_quote_url") as? Bool == false, "answered, not left to the page")
        #expect(claim.hasContext, "the sentence says more than the claim")
        #expect(claim.html?.html.contains("the alliance is over") == true, "rendered once, with the theme")
        #expect(article.article.title == "A" && article.article.date == "13 February 2025")
        #expect(article.child(named: "has_claims") as? Bool == true)
    }

    @Test func anActorPageShowsItsNewestQuotesAndLinksToTheRest() throws {
        let site = try RenderFixture(Self.files)
        let hegseth = try site.view(.actor("pete-hegseth"), at: PagePlan.actor("pete-hegseth"), as: ActorPage.self)
        #expect(hegseth.actor.role == "US Secretary of Defence" && hegseth.kindLabel == "Person")
        #expect(hegseth.affiliation?.slug == "united-states")
        #expect(hegseth.quotes.items.count == EntitySection.preview)
        let pages = ArchiveList.pageCount(12, .quotes)
        #expect(hegseth.quotes.more?.count == 12)
        #expect(hegseth.quotes.more?.url == "pete-hegseth--quotes-\(pages).html", "the newest archive page")
        #expect(hegseth.claims.items.isEmpty && hegseth.claims.more == nil)
        #expect(hegseth.child(named: "claims_more") is EmptyView, "no link: a view that answers nothing")
        #expect(hegseth.child(named: "has_claims_more") as? Bool == false)
        #expect(hegseth.aliases == ["Hegseth"] && hegseth.child(named: "aliases_text") as? String == "Hegseth")
        let country = try site.view(.actor("united-states"), at: PagePlan.actor("united-states"), as: ActorPage.self)
        #expect(country.members.compactMap(\.slug).contains("pete-hegseth"))
        #expect(country.actor.role == nil && country.child(named: "has_role") as? Bool == false)
    }

    @Test func theLayoutNamesThePageAndItsAddressForHosts() throws {
        let site = try RenderFixture(Self.files)
        let layout = try site.view(.actor("pete-hegseth"), at: PagePlan.actor("pete-hegseth"), as: ActorPage.self)
            .layout
        #expect(layout.pageTitle == "Pete Hegseth" && layout.pageDescription == "US Secretary of Defence")
        #expect(layout.siteTitle == "Test site" && layout.pageKind == "actors")
        #expect(layout.nav.filter(\.current).map(\.label) == ["Actors"])
        #expect(layout.nav.first?.url == "../index.html")
        #expect(layout.hasBaseURL && layout.canonicalURL == "https://example.org/explainer/actors/pete-hegseth.html")
        #expect(layout.ogType == "website" && layout.jsonLD?.html.contains("application/ld+json") == true)
        let home = try site.view(.home, at: PagePlan.home, as: HomePage.self).layout
        #expect(home.canonicalURL == "https://example.org/explainer/" && home.child(named: "is_home") as? Bool == true)
    }

    @Test func anArchivePageHoldsOneKindOfEntryAndLinksToItsNeighbours() throws {
        let site = try RenderFixture(Self.files)
        let entity = EntityID.actor("pete-hegseth")
        let pages = ArchiveList.pageCount(12, .quotes)
        let newest = try site.view(
            .archive(entity, .quotes, page: pages), at: PagePlan.archive(entity, .quotes, page: pages),
            as: ArchivePage.self)
        #expect(newest.heading == "Quotes by Pete Hegseth" && newest.entityURL == "pete-hegseth.html")
        guard case .statements(let items) = newest.items else {
            Issue.record("quotes are statements: \(newest.items)")
            return
        }
        #expect(!items.isEmpty && items.allSatisfy { $0.speaker.slug == "pete-hegseth" })
        #expect(newest.child(named: "is_statements") as? Bool == true)
        #expect((newest.child(named: "articles") as? [ArticleLink])?.isEmpty == true)
        #expect(newest.newerURL == nil && newest.child(named: "has_newer") as? Bool == false)
        #expect((newest.olderURL != nil) == (pages > 1))
    }

    /// Items outlive their build (a session keeps them): their maker keeps
    /// none of the graph's statements or mentions, or every rebuild would
    /// copy the session's before changing them. What an item shows still
    /// comes out whole.
    @Test func statementItemsKeepNoStatementsOrMentionsOfTheGraph() throws {
        let site = try RenderFixture(Self.files)
        #expect(site.graph.statements.count == 13 && site.graph.mentions.count > 0)
        let article = try site.view(.article("a"), at: PagePlan.article("a"), as: ArticlePage.self)
        for item in article.quotes + article.claims {
            let kept = item.maker.models.graph
            #expect(kept.statements.count == 0 && kept.mentions.count == 0 && kept.mentionsBySource.count == 0)
            #expect(kept.statementsBySpeaker.isEmpty && kept.statementsBySource.isEmpty)
            #expect(kept.actorsBySlug.count == site.graph.actorsBySlug.count)
            #expect(item.maker.models.bodies.graph?.statements.count == 0)
        }
        let claim = try #require(article.claims.first?.html?.html)
        #expect(claim.contains(#"<a class="speaker" href="../actors/vladimir-putin.html">Vladimir Putin</a>"#))
        #expect(claim.contains(#"<a href="../articles/a.html#p-14">A</a>"#), "the source's title and paragraph")
        #expect(claim.contains(#"<a class="tag" href="../topics/nato-future.html">The future of NATO</a>"#))
    }

    @Test func aPageOfAnEntryTheGraphDoesNotHaveHasNoView() throws {
        let site = try RenderFixture(Self.files)
        let page = PlannedPage(kind: .actor("nobody"), path: PagePlan.actor("nobody"))
        #expect(site.renderer.view(of: page).view == nil)
        #expect(site.renderer.render(page).contains("</html>"), "the template still renders")
    }

    /// A quote page's title: the words without their marks, as Foundation's
    /// `trimmingCharacters` with the same set left them.
    @Test(arguments: [
        ("“We back talks.”", "We back talks"),
        ("'‘ , Peace, now. ’'", "Peace, now"),
        ("\"Fine\" he said", "Fine\" he said"),
        ("“”. ,", ""),
        ("", ""),
        ("No marks", "No marks"),
        ("“Café'\u{301}”", "Café'\u{301}"),
    ])
    func quoteMarksAreStrippedFromBothEndsOnly(text: String, stripped: String) {
        #expect(PageRenderer.strippingQuoteMarks(text) == stripped)
        #expect(
            PageRenderer.strippingQuoteMarks(text).unicodeScalars.elementsEqual(
                text.trimmingCharacters(in: CharacterSet(charactersIn: "“”\"‘’' ,.")).unicodeScalars))
    }
}
