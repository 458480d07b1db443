import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenCore
@testable import SitegenLoad
@testable import SitegenParse

// `rating=` and `rating_note=` on claims (issue 18): parsed with errors an
// author can act on, shown as a symbol and a word, counted on actor and
// topic pages, and given to fact-check readers as schema.org ClaimReview.
// The seed article is no fact-check, so its claims stay unrated; these
// fixtures are rated instead.

private let file = "articles/test.md"

private func parse(_ markdown: String) -> ParsedDocument {
    AnnotationParser().parse(DocumentBody(file: file, markdown: markdown, firstLine: 5), sources: [])
}

private func spans(_ document: ParsedDocument) -> [SpanSyntax] {
    document.annotations.compactMap { if case .span(let span) = $0.kind { span } else { nil } }
}

@Suite("AnnotationParser: rating=")
struct RatingAttributeTests {
    @Test func aClaimCarriesItsRatingAndNote() throws {
        let document = parse(#"He [had signed it]{.claim by=x rating=Mostly-False rating_note="No such order"}."#)
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        let span = try #require(spans(document).first)
        #expect(span.rating == .mostlyFalse)
        #expect(span.ratingNote == "No such order")
        #expect(spans(parse("He [said so]{.claim by=x}.")).first?.rating == nil)
    }

    @Test func anUnknownRatingIsAnErrorAtTheValueWithTheNearestOne() throws {
        let line = "He [had signed it]{.claim by=x rating=mostly-flase}."
        let error = try #require(parse(line).diagnostics.first)
        #expect(error.severity == .error)
        #expect(error.message == "unknown rating 'mostly-flase'")
        let column = try #require(TestContent.position(of: "mostly-flase", in: line)).column
        #expect(error.location == SitegenBase.SourceLocation(file: file, line: 5, column: column))
        #expect(error.notes.first == "did you mean 'mostly-false'?")
        #expect(error.notes.last == "a rating is one of: false, mostly-false, mixed, mostly-true, true, unproven")
    }

    @Test func aRatingOnAQuoteOrAnEventSaysItBelongsOnAClaim() throws {
        let quote = try #require(parse("He said [“yes”]{.quote by=x rating=false}.").diagnostics.first)
        #expect(quote.message == "a quote has no 'rating=': a rating belongs on a claim")
        #expect(quote.notes.first?.contains("{.claim by=… rating=false}") == true)
        let event = try #require(parse("[It rained]{.event rating=true}.").diagnostics.first)
        #expect(event.message == "an event has no 'rating=': a rating belongs on a claim")
        let note = try #require(parse(#"[It rained]{.quote by=x rating_note="y"}."#).diagnostics.first)
        #expect(note.message == "a quote has no 'rating_note=': a rating belongs on a claim")
    }

    @Test func withoutAClassTheMissingClassIsTheOneError() throws {
        let diagnostics = parse("He [said so]{by=x rating=false}.").diagnostics
        #expect(diagnostics.map(\.message) == ["annotation has attributes but no class"])
    }

    @Test func aNoteWithoutARatingOrARatingGivenTwiceIsAnError() throws {
        let lonely = parse(#"He [said so]{.claim by=x rating_note="why"}."#).diagnostics
        #expect(lonely.map(\.message) == ["'rating_note=' without 'rating=': a note says why a claim was rated so"])
        let twice = parse("He [said so]{.claim by=x rating=true rating=false}.").diagnostics
        #expect(twice.map(\.message) == ["'rating=' is given twice"])
    }
}

@Suite("Claim ratings on pages, in JSON-LD and data/graph.json")
struct ClaimRatingPageTests {
    static let site: [String: String] = [
        "site.yml": "title: Desk\nbase_url: https://example.org/x/\n",
        "actors/pete-hegseth.md": TestContent.actor(name: "Pete Hegseth", aliases: ["Hegseth"]),
        "topics/peace-talks.md": TestContent.topic(title: "Peace negotiations"),
        "articles/a.md": TestContent.article(
            body: """
                [[Hegseth]] said [“we will talk”]{.quote by=hegseth about=peace-talks}.

                He claimed [the order was signed]{.claim by=hegseth about=peace-talks rating=mostly-false rating_note="No order & no record"}, and [the talks had begun]{.claim by=hegseth about=peace-talks rating=unproven}.

                He also said [Europe would pay]{.claim by=hegseth about=peace-talks}, and [it was cold]{.claim by=hegseth rating=mostly-false}.
                """),
    ]

    static func graphs(_ html: String) throws -> [[String: Any]] {
        try TestContent.captures(#"<script type="application/ld\+json">(.*?)</script>"#, in: html).map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// The objects of the page's `@graph` (the quotes and claims), by type.
    static func statementObjects(_ html: String) throws -> [String: [[String: Any]]] {
        let graph = try #require(try graphs(html).compactMap { $0["@graph"] as? [[String: Any]] }.first)
        return Dictionary(grouping: graph) { $0["@type"] as? String ?? "" }
    }

    @Test func aRatedClaimShowsItsSymbolAndWordAndNote() throws {
        let pages = try TestContent.builtPages(Self.site)
        let article = try #require(pages["articles/a.html"])
        #expect(
            article.contains(
                #"<span class="rating rating-mostly-false"><span class="rating-symbol" aria-hidden="true">◔</span> Rated: Mostly false</span> <span class="rating-note">No order &amp; no record</span>"#
            ))
        #expect(article.contains(#"<span class="rating-symbol" aria-hidden="true">?</span> Rated: Unproven</span>"#))
        // An unrated claim shows no rating.
        let unrated = try #require(
            article.components(separatedBy: "<li class=").first { $0.contains(">Europe would pay</mark>") })
        #expect(!unrated.contains("Rated:"))
    }

    @Test func actorAndTopicPagesCountTheRatings() throws {
        let pages = try TestContent.builtPages(Self.site)
        let expected =
            #"<p class="rating-counts">Fact-checked: <span class="rating rating-mostly-false"><span class="rating-symbol" aria-hidden="true">◔</span> Mostly false</span> 2 <span class="rating rating-unproven"><span class="rating-symbol" aria-hidden="true">?</span> Unproven</span> 1 </p>"#
        #expect(try #require(pages["actors/pete-hegseth.html"]).contains(expected))
        // The claim about the cold is about no topic.
        let topic = try #require(pages["topics/peace-talks.html"])
        #expect(topic.contains(expected.replacingOccurrences(of: "</span> 2 ", with: "</span> 1 ")))
    }

    @Test func theArticleCarriesClaimReviewClaimAndQuotation() throws {
        let pages = try TestContent.builtPages(Self.site)
        let objects = try Self.statementObjects(try #require(pages["articles/a.html"]))
        let paragraph = "https://example.org/x/articles/a.html#p-2"

        let reviews = try #require(objects["ClaimReview"])
        #expect(reviews.count == 3)
        let review = try #require(reviews.first)
        #expect(review["claimReviewed"] as? String == "the order was signed")
        #expect(review["url"] as? String == paragraph)
        #expect(review["reviewBody"] as? String == "No order & no record")
        let rating = try #require(review["reviewRating"] as? [String: Any])
        #expect(rating["@type"] as? String == "Rating")
        #expect(rating["alternateName"] as? String == "Mostly false")
        #expect(rating["ratingValue"] as? Int == 2)
        #expect(rating["bestRating"] as? Int == 5)
        #expect(rating["worstRating"] as? Int == 1)
        let item = try #require(review["itemReviewed"] as? [String: Any])
        #expect(item["@type"] as? String == "Claim")
        let author = try #require(item["author"] as? [String: Any])
        #expect(author["@type"] as? String == "Person")
        #expect(author["name"] as? String == "Pete Hegseth")
        #expect(author["url"] as? String == "https://example.org/x/actors/pete-hegseth.html")
        let appearance = try #require(item["appearance"] as? [String: Any])
        #expect(appearance["url"] as? String == paragraph)
        // Unproven is not on the scale: its name only.
        let unproven = try #require(reviews.dropFirst().first?["reviewRating"] as? [String: Any])
        #expect(unproven["alternateName"] as? String == "Unproven")
        #expect(unproven["ratingValue"] == nil)

        let claim = try #require(objects["Claim"]?.first)
        #expect(objects["Claim"]?.count == 1)
        #expect(claim["text"] as? String == "Europe would pay")
        #expect((claim["author"] as? [String: Any])?["name"] as? String == "Pete Hegseth")
        #expect(
            (claim["appearance"] as? [String: Any])?["url"] as? String == "https://example.org/x/articles/a.html#p-3")

        let quote = try #require(objects["Quotation"]?.first)
        #expect(quote["text"] as? String == "“we will talk”")
        #expect((quote["creator"] as? [String: Any])?["name"] as? String == "Pete Hegseth")
        #expect(quote["isBasedOn"] as? String == "https://example.org/x/articles/a.html#p-1")
        #expect(objects.keys.sorted() == ["Claim", "ClaimReview", "Quotation"])
    }

    @Test func withoutABaseURLTheParagraphIsRelative() throws {
        var files = Self.site
        files["site.yml"] = "title: Desk\n"
        let pages = try TestContent.builtPages(files)
        let objects = try Self.statementObjects(try #require(pages["articles/a.html"]))
        #expect(objects["ClaimReview"]?.first?["url"] as? String == "a.html#p-2")
    }

    @Test func theArticleDataNamesEachRating() throws {
        let pages = try TestContent.builtPages(Self.site)
        let data = try #require(pages["data/articles/a.json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
        let statements = try #require(object["statements"] as? [[String: Any]])
        #expect(statements.map { $0["rating"] as? String } == [nil, "mostly-false", "unproven", nil, "mostly-false"])
        #expect(statements[1]["rating_note"] as? String == "No order & no record")
        #expect(statements[0]["rating_note"] is NSNull)
    }

    @Test func changingARatingRebuildsAsACleanBuildWould() throws {
        try TestContent.withBuiltSession(Self.site) { session, content, output in
            let file = content.appendingPathComponent("articles/a.md")
            let text = try String(contentsOf: file, encoding: .utf8)
            try text.replacingOccurrences(of: "rating=unproven", with: "rating=true")
                .write(to: file, atomically: true, encoding: .utf8)
            _ = try session.rebuild(changed: ["articles/a.md"]).get()
            let actor = try String(
                contentsOf: output.appendingPathComponent("actors/pete-hegseth.html"), encoding: .utf8)
            #expect(actor.contains(#"aria-hidden="true">●</span> True</span> 1 "#))
            try TestContent.expectMatchesCleanBuild(content: content, output: output, "a rating changed")
        }
    }
}
