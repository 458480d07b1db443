import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore

// What readers saw that looked unfinished (issue 18): a quote card that
// repeated its words, events that looked like links, the stance matrix on a
// phone, contexts cut inside a quotation, and matching-only aliases shown.

@Suite("Reader finish: cards, events, matrix, contexts, aliases")
struct ReaderFinishTests {
    private func build(_ files: [String: String]) throws -> [String: String] { try TestContent.builtPages(files) }

    private static let site: [String: String] = [
        "site.yml": "title: Test\n",
        "actors/pete-hegseth.md": """
        ---
        name: Pete Hegseth
        kind: person
        aliases: [Hegseth]
        match_aliases: [the secretary, the minister]
        ---
        """,
        "topics/peace-talks.md": """
        ---
        title: Peace negotiations
        aliases: [peace talks]
        match_aliases: [the talks]
        ---
        """,
        "articles/a.md": TestContent.article(
            body: """
                [[Hegseth]] met allies. Asked about [[the talks]], [[the secretary]] said: [“Probably. You take a win when you can.”]{.quote by=Hegseth about=peace-talks stance=for} Later he left.

                At a later briefing [[peace talks]] came up and he said: “Maybe. We will see.” Then he left.

                [[[Hegseth]] flew to Brussels]{.event date=2025-02-12}.
                """),
    ]

    @Test func aQuoteCardShowsItsWordsOnceInTheirSentence() throws {
        let pages = try build(Self.site)
        let actor = try #require(pages["actors/pete-hegseth.html"])
        let card = try #require(
            actor.components(separatedBy: "<li class=\"statement").first { $0.contains("Probably.") })
        #expect(TestContent.count("Probably.", in: card) == 1, "the words once: \(card)")
        #expect(card.contains("<blockquote class=\"statement-context\"><p>Asked about the talks, the secretary said: "))
        #expect(card.contains("<mark class=\"statement-words\">“Probably. You take a win when you can.”</mark>"))
        #expect(!card.contains("Later he left"), "the sentence ends with the quotation")
    }

    @Test func aMentionsContextRunsToTheEndOfTheQuotationItMeets() throws {
        let pages = try build(Self.site)
        let topic = try #require(pages["topics/peace-talks.html"])
        // The mention of the talks: its sentence runs on past “Maybe.
        #expect(topic.contains("</mark> came up and he said: “Maybe. We will see.”</"))
        #expect(!topic.contains("he said: “Maybe.</"))
    }

    @Test func matchingOnlyAliasesFindTheEntityButAreNotShown() throws {
        let pages = try build(Self.site)
        let article = try #require(pages["articles/a.html"])
        #expect(article.contains(">the secretary</a>"), "the alias links to the actor")
        #expect(article.contains(">the talks</a>"))
        let actor = try #require(pages["actors/pete-hegseth.html"])
        #expect(actor.contains("Also called: <span>Hegseth</span>"))
        #expect(!actor.contains("the secretary</span>"))
        #expect(!actor.contains("\"alternateName\":[\"Hegseth\",\"the secretary\""))
        let topic = try #require(pages["topics/peace-talks.html"])
        #expect(topic.contains("Also: <span>peace talks</span>"))
        let graph = try #require(pages["data/graph.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(graph.utf8)) as? [String: Any])
        let actors = try #require(json["actors"] as? [[String: Any]])
        let hegseth = try #require(actors.first { $0["slug"] as? String == "pete-hegseth" })
        #expect(hegseth["aliases"] as? [String] == ["Hegseth"])
        #expect(hegseth["match_aliases"] as? [String] == ["the secretary", "the minister"])
        let topics = try #require(json["topics"] as? [[String: Any]])
        #expect(topics.first?["aliases"] as? [String] == ["peace talks"])
        #expect(topics.first?["match_aliases"] as? [String] == ["the talks"])
        // JSON-LD names the shown aliases only.
        let ld = try #require(
            TestContent.captures(#"<script type="application/ld\+json">(.*?)</script>"#, in: actor).first)
        let data = try #require(try JSONSerialization.jsonObject(with: Data(ld.utf8)) as? [String: Any])
        #expect(data["alternateName"] as? [String] == ["Hegseth"])
    }

    @Test func aMatchingOnlyAliasIsCheckedLikeAnAlias() throws {
        // Written as one name instead of a list, it is an error at its line.
        var files = Self.site
        files["actors/pete-hegseth.md"] = "---\nname: Pete Hegseth\nkind: person\nmatch_aliases: the secretary\n---\n"
        let pipeline = try TestContent.pipeline(files)
        let error = try #require(pipeline.errors.first)
        #expect(error.message == "'match_aliases' must be a list, not a text value")
        #expect(error.location?.file == "actors/pete-hegseth.md" && error.location?.line == 4)
    }

    @Test func anEventIsMarkedInTheMarginNotLikeALink() throws {
        let pages = try build(Self.site)
        let article = try #require(pages["articles/a.html"])
        #expect(article.contains("<span class=\"event\" title=\"Event, 12 February 2025\">"))
        let css = try String(
            contentsOf: TestContent.seedTemplates.appendingPathComponent("static/style.css"), encoding: .utf8)
        let rule = try #require(TestContent.captures(#"\n\.event \{([^}]*)\}"#, in: css).first)
        #expect(!rule.contains("border-bottom") && !rule.contains("underline") && !rule.contains("--accent"))
        #expect(css.contains(".prose p:has(.event)"))
    }

    @Test func theMatrixCaptionIsAboveTheScrollingTableAndSaysItScrolls() throws {
        let home = try #require(try build(Self.site)["index.html"])
        let note = try #require(home.range(of: "<p class=\"table-note\" id=\"matrix-note\">"))
        let scroller = try #require(home.range(of: "<div class=\"table-scroll stance-matrix-scroll\""))
        #expect(note.lowerBound < scroller.lowerBound, "the visible caption is outside the scrolling box")
        #expect(home.contains("<p class=\"scroll-hint\" aria-hidden=\"true\">"))
        #expect(home.contains("<table class=\"stance-matrix\" aria-describedby=\"matrix-note\">"))
        #expect(home.contains("<caption class=\"visually-hidden\">"))
    }
}
