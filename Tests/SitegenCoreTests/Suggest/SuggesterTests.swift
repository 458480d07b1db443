import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenLoad
@testable import SitegenSuggest

/// The rules of `sitegen suggest`, one by one, on small documents.
@Suite("Suggest: speakers, claims, links, new actors")
struct SuggesterTests {
    static let actors: [String: String] = TestContent.cast.merging([
        "actors/john-healey.md": TestContent.actor(name: "John Healey", role: "UK Defence Secretary"),
        "actors/pakistan.md": TestContent.actor(name: "Pakistan", kind: "country"),
        "actors/nato.md": TestContent.actor(name: "NATO", kind: "organisation"),
        "actors/tedros.md": TestContent.actor(
            name: "Tedros Adhanom", role: "WHO Director-General", aliases: ["Tedros"]),
    ]) { _, new in new }

    static func suggest(_ body: String, newActors: Bool = false) throws -> [Suggestion] {
        try TestContent.withContentFolder(actors) { folder in
            let loaded = ContentLoader().load(from: folder).content
            return Suggester(content: loaded, options: .init(newActors: newActors)).suggest(
                DocumentBody(file: "draft.md", markdown: body))
        }
    }

    /// Quotes as `text|speaker|rule|confidence`.
    static func quotes(_ body: String) throws -> [String] {
        try suggest(body).filter { $0.kind == .quote }.map {
            "\($0.text)|\($0.by ?? "-")|\($0.rule)|\($0.confidence.rawValue)"
        }
    }

    // MARK: Speaker rules

    @Test func quoteThenNamedSpeakerIsHigh() throws {
        #expect(
            try Self.quotes("“We are invested in peace,” Hegseth said.\n") == [
                "“We are invested in peace,”|pete-hegseth|quote-then-speaker|high"
            ])
        #expect(
            try Self.quotes("“We are invested in peace,” said Hegseth on Thursday.\n") == [
                "“We are invested in peace,”|pete-hegseth|quote-then-speaker|high"
            ])
    }

    @Test func speakerThenColon() throws {
        #expect(
            try Self.quotes("Hegseth told reporters: “There is a recognition of that.”\n") == [
                "“There is a recognition of that.”|pete-hegseth|speaker-colon|high"
            ])
    }

    @Test func aFragmentTakesTheSentencesSpeaker() throws {
        #expect(
            try Self.quotes("The demands, which Hegseth called “unrealistic”, were dropped.\n") == [
                "“unrealistic”|pete-hegseth|speaker-verb-quote|high"
            ])
        // A participle takes the clause's subject, not the nearest name.
        #expect(
            try Self.quotes(
                "John Healey was frank, saying that Putin would find it “would have been better” otherwise.\n")
                == ["“would have been better”|john-healey|speaker-verb-quote|medium"])
    }

    @Test func accordingTo() throws {
        #expect(
            try Self.quotes("According to Hegseth, the talks are “a negotiated peace for all of us”.\n") == [
                "“a negotiated peace for all of us”|pete-hegseth|according-to|medium"
            ])
    }

    @Test func aQuoteWithoutASpeakerTakesThePreviousQuotesSpeaker() throws {
        let body =
            "“The first sentence of it,” Hegseth said. “And a second one after it.”\n\n“Then a new paragraph of words.”\n"
        #expect(
            try Self.quotes(body) == [
                "“The first sentence of it,”|pete-hegseth|quote-then-speaker|high",
                "“And a second one after it.”|pete-hegseth|previous-quote|medium",
                "“Then a new paragraph of words.”|pete-hegseth|previous-paragraph-quote|low",
            ])
    }

    @Test func pronounsStandForThePersonWhoWasTheSubject() throws {
        // The nearest name is Putin, but he was spoken to: Trump was the subject.
        let body = "Trump said that he had spoken to Putin on the phone.\n\n“Let us get it done now,” he said.\n"
        #expect(try Self.quotes(body) == ["“Let us get it done now,”|donald-trump|quote-then-speaker|medium"])
    }

    @Test func theyStandsForTheLastGroup() throws {
        let body = "NATO met in Brussels on Thursday.\n\n“We will spend more on defence,” they said.\n"
        #expect(try Self.quotes(body) == ["“We will spend more on defence,”|nato|quote-then-speaker|medium"])
    }

    @Test func aQuoteRunningOnIntoTheNextParagraphEndsWithItsOwn() throws {
        let body = "Hegseth said: “The first paragraph of a long quote goes on\n\n“And the second one closes it.”\n"
        #expect(
            try Self.quotes(body) == [
                "“The first paragraph of a long quote goes on|pete-hegseth|speaker-colon|medium",
                "“And the second one closes it.”|pete-hegseth|previous-paragraph-quote|low",
            ])
    }

    @Test func theRoleOfAnActorNamesThem() throws {
        let body = "The agency met on Monday.\n\n“Test, test, test every case,” the director-general said.\n"
        #expect(try Self.quotes(body) == ["“Test, test, test every case,”|tedros|quote-then-speaker|medium"])
    }

    @Test func scareQuotesWithoutASpeechVerbAreLeftOut() throws {
        let body = "“We will stay the course here,” Hegseth said.\n\nTraders had priced in a “pivot” next year.\n"
        #expect(try Self.quotes(body) == ["“We will stay the course here,”|pete-hegseth|quote-then-speaker|high"])
    }

    @Test func aLongQuoteWithNoSpeakerAnywhereIsLow() throws {
        #expect(
            try Self.quotes("“Nobody here can say who wrote these words.”\n") == [
                "“Nobody here can say who wrote these words.”|-|no-speaker|low"
            ])
    }

    @Test func headingsAreNotSearchedForQuotes() throws {
        #expect(try Self.quotes("## Russia ‘a threat well beyond Ukraine’ at last\n\nText.\n").isEmpty)
    }

    // MARK: What is never proposed

    @Test func nothingInsideAnnotationsCodeOrLinkText() throws {
        let body = """
            [“We are invested in peace,”]{.quote by=hegseth} Hegseth said.

            Code: `“not a quote,” Hegseth said` and a [“link text here,” Hegseth said](https://example.org).

            ```
            “Nor in a code block,” Hegseth said.
            ```

            [[Hegseth|“Not in a link label either”]] went on.

            """
        let found = try Self.suggest(body)
        #expect(found.filter { $0.kind == .quote }.isEmpty, "\(found)")
        #expect(!found.contains { $0.kind == .link && $0.target == "pete-hegseth" }, "Hegseth is linked already")
    }

    @Test func noClaimOrQuoteAroundAnExistingQuote() throws {
        let body =
            "Hegseth insisted that the push for talks was [“not a betrayal”]{.quote by=hegseth} of Kyiv at all.\n"
        let found = try Self.suggest(body)
        #expect(!found.contains { $0.kind == .claim || $0.kind == .quote }, "\(found)")
    }

    @Test func aSpanWhoseSourceDoesNotReadAsTheTreeIsNotProposed() throws {
        // Marks written as entities: the tree reads “…”, the source &ldquo;…&rdquo;.
        let found = try Self.suggest("So &ldquo;We are invested in peace,&rdquo; Hegseth said.\n")
        #expect(!found.contains { $0.kind == .quote }, "\(found)")
    }

    @Test func positionsCountCharactersAndTheTextIsTheSources() throws {
        let body = "Première: “Déjà vu for all of us,” Hegseth said.\n"
        let quote = try #require(try Self.suggest(body).first { $0.kind == .quote })
        #expect(quote.location == SourceLocation(file: "draft.md", line: 1, column: 11))
        #expect(quote.end == SourcePosition(line: 1, column: 35))
        #expect(quote.text == "“Déjà vu for all of us,”")
        #expect(quote.annotation == "[“Déjà vu for all of us,”]{.quote by=pete-hegseth}")
    }

    // MARK: Claims and links

    @Test func reportedSpeechIsAClaim() throws {
        let claims = try Self.suggest("Hegseth said that the United States would not send troops to Ukraine.\n").filter
        {
            $0.kind == .claim
        }
        #expect(claims.map(\.text) == ["said that the United States would not send troops to Ukraine"])
        #expect(claims.first?.by == "pete-hegseth")
        #expect(claims.first?.confidence == .medium)
        let ruled = try Self.suggest("Hegseth also ruled out troops being part of any peacekeeping mission.\n").filter {
            $0.kind == .claim
        }
        #expect(ruled.map(\.text) == ["ruled out troops being part of any peacekeeping mission"])
        #expect(ruled.first?.rule == "reported-position")
    }

    @Test func linksAreWhatCheckFixFinds() throws {
        let links = try Self.suggest("Later, Hegseth and Putin spoke.\n").filter { $0.kind == .link }
        #expect(links.map(\.annotation) == ["[[Hegseth]]", "[[Putin]]"])
        #expect(links.map(\.target) == ["pete-hegseth", "vladimir-putin"])
    }

    // MARK: New actors

    @Test func aSpeakerWhoIsNoActorIsProposedAsOne() throws {
        let found = try Self.suggest("“We are losing this fight,” said Sherry Rehman.\n")
        #expect(found.first { $0.kind == .quote }?.by == "sherry-rehman")
        let actor = try #require(found.first { $0.kind == .actor })
        #expect(actor.name == "Sherry Rehman")
        #expect(actor.kindOf == "person")
        #expect(actor.rule == "new-speaker")
        #expect(actor.annotation == "actors/sherry-rehman.md")
    }

    @Test func aNewSpeakerReachedThroughAPronounIsProposedToo() throws {
        let found = try Self.suggest("Sherry Rehman arrived on Monday.\n\n“We are losing this fight,” she said.\n")
        #expect(found.first { $0.kind == .quote }?.by == "sherry-rehman")
        let actor = try #require(found.first { $0.kind == .actor }, "never silently dropped")
        #expect(actor.location.line == 1 && actor.location.column == 1)
        #expect(actor.rule == "new-speaker")
    }

    @Test func rolesAndAffiliationsComeFromTheAppositive() throws {
        let before = try Self.suggest("Pakistan’s climate minister Sherry Rehman arrived on Monday.\n", newActors: true)
        let rehman = try #require(before.first { $0.kind == .actor })
        #expect(rehman.name == "Sherry Rehman")
        #expect(rehman.role == "climate minister")
        #expect(rehman.affiliation == "pakistan")
        let after = try Self.suggest(
            "Molwyn Joseph, Antigua and Barbuda’s environment minister, arrived late.\n", newActors: true)
        let joseph = try #require(after.first { $0.kind == .actor })
        #expect(joseph.name == "Molwyn Joseph")
        #expect(joseph.role == "environment minister")
        #expect(joseph.affiliation == "Antigua and Barbuda")
        #expect(joseph.confidence == .medium)
    }

    @Test func namesAreNotTakenFromSentenceOpenersOrTitlesAlone() throws {
        let found = try Self.suggest(
            "However, Defence Secretary Mark Rutte spoke on Monday in Brussels.\n", newActors: true)
        #expect(found.filter { $0.kind == .actor }.map(\.name) == ["Mark Rutte"])
        #expect(found.first { $0.kind == .actor }?.role == "Defence Secretary")
        // Without --new-actors, a name that speaks nowhere is not proposed.
        #expect(try Self.suggest("However, Mark Rutte spoke.\n").filter { $0.kind == .actor }.isEmpty)
    }

    // MARK: JSON and text

    @Test func jsonHasExactlyTheDocumentedKeysInOrder() throws {
        let quote = try #require(
            try Self.suggest("“We are invested in peace,” Hegseth said.\n").first { $0.kind == .quote })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(quote.json.utf8)) as? [String: Any])
        let keys = [
            "kind", "file", "line", "column", "end_line", "end_column", "text", "by", "target", "name", "kind_of",
            "role", "affiliation", "rule", "confidence", "annotation",
        ]
        #expect(Set(object.keys) == Set(keys))
        let order = keys.compactMap { quote.json.range(of: "\"\($0)\":")?.lowerBound }
        #expect(order == order.sorted() && order.count == keys.count)
        #expect(object["by"] as? String == "pete-hegseth")
        #expect(object["target"] is NSNull)
        #expect(object["line"] as? Int == 1 && object["column"] as? Int == 1)
        #expect(object["end_column"] as? Int == 28)
    }

    @Test func theTextFormIsASuggestionWithACaretUnderTheSpan() throws {
        let quote = try #require(
            try Self.suggest("So “We are invested in peace,” Hegseth said.\n").first { $0.kind == .quote })
        var formatter = DiagnosticFormatter(useColor: false) { _ in "So “We are invested in peace,” Hegseth said." }
        let text = formatter.format(quote.diagnostic)
        #expect(text.hasPrefix("draft.md:1:4: suggestion: quote by pete-hegseth (quote-then-speaker, high)"), "\(text)")
        #expect(text.contains("\n       ^~~~~~~~~~~~~~~~~~~~~~~~~~~\n"), "\(text)")
        #expect(text.contains("note: annotate: [“We are invested in peace,”]{.quote by=pete-hegseth}"), "\(text)")
    }
}
