import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenMentions

/// Actors named in prose but never linked: where they are found, and where not.
@Suite("Unlinked mentions: finding")
struct UnlinkedMentionFinderTests {
    /// The test cast plus `extra` files, with `body` as `articles/a.md`
    /// (whose body starts on file line 5).
    static func mentions(_ body: String, extra: [String: String] = [:]) throws -> [UnlinkedMention] {
        var files = TestContent.cast
        files["articles/a.md"] = TestContent.article(body: body)
        files.merge(extra) { _, new in new }
        let pipeline = try TestContent.pipeline(files)
        #expect(pipeline.errors.isEmpty, "unexpected errors: \(pipeline.errors)")
        return UnlinkedMentionFinder.find(in: pipeline.resolved)
    }

    /// Mentions in `articles/a.md` only, as `text@line:column`.
    static func found(_ body: String, extra: [String: String] = [:]) throws -> [String] {
        try mentions(body, extra: extra).filter { $0.location.file == "articles/a.md" }.map {
            "\($0.text)@\($0.location.line):\($0.location.column)"
        }
    }

    // MARK: Positions

    @Test func aMentionHasItsFileLineAndColumnAndTheLinkToWrite() throws {
        let all = try Self.mentions("Intro.\n\nLater, Hegseth spoke.\n")
        let mention = try #require(all.first { $0.location.file == "articles/a.md" })
        #expect(mention.location == SitegenBase.SourceLocation(file: "articles/a.md", line: 7, column: 8))
        #expect(mention.end == SourcePosition(line: 7, column: 15))
        #expect(mention.text == "Hegseth")
        #expect(mention.actor == "pete-hegseth")
        #expect(mention.link == "[[Hegseth]]")
        let diagnostic = mention.diagnostic
        #expect(diagnostic.severity == .suggestion)
        #expect(diagnostic.length == 7)
        #expect(diagnostic.message == "'Hegseth' names Pete Hegseth, but nothing in this article links there")
        #expect(diagnostic.notes == ["link it: [[Hegseth]]"])
    }

    @Test func columnsCountCharactersAfterNonASCIIText() throws {
        #expect(try Self.found("Zelenskyy’s café — déjà vu for Trump.\n") == ["Trump@5:32"])
        #expect(try Self.found("Première ligne, «déjà».\nÇa, c’est Putin.\n") == ["Putin@6:11"])
    }

    @Test func columnsCountTheSourceOfEscapesAndEntitiesBeforeTheName() throws {
        #expect(try Self.found("A \\[note\\] &amp; Trump.\n") == ["Trump@5:18"])
        #expect(try Self.found("In a *list*: Trump\n") == ["Trump@5:14"])
    }

    /// cmark counts a paragraph's later lines from the first line's
    /// indentation; the columns are the line's own.
    @Test func laterLinesOfAnIndentedParagraphHaveTheirOwnColumns() throws {
        #expect(try Self.found(" x\nA Hegseth\n") == ["Hegseth@6:3"])
        #expect(try Self.found(" x\nA *em*Hegseth\n") == ["Hegseth@6:7"])
        #expect(try Self.found("   x\nA Hegseth\n") == ["Hegseth@6:3"])
        #expect(try Self.found("x\n  A Hegseth\n") == ["Hegseth@6:5"])
        #expect(try Self.found(">  x\n> A Hegseth\n") == ["Hegseth@6:5"])
        #expect(try Self.found(" x\n\\[A] Hegseth\n") == ["Hegseth@6:6"])
    }

    @Test func aMentionInTheThirdLineOfAParagraph() throws {
        let body = "First line of a paragraph,\nsecond line with ünïcödé,\nthird: Vladimir Putin spoke.\n"
        #expect(try Self.found(body) == ["Vladimir Putin@7:8"])
    }

    @Test func inListsAndQuotedBlocksTheColumnCountsTheMarkers() throws {
        #expect(try Self.found("- one\n- and Trump\n") == ["Trump@6:7"])
        #expect(try Self.found("> Quoted:\n> ask Putin\n") == ["Putin@6:7"])
    }

    @Test func aNameMayRunOverALineBreak() throws {
        let all = try Self.mentions("He met Vladimir\nPutin there.\n")
        let mention = try #require(all.first { $0.location.file == "articles/a.md" })
        #expect(mention.text == "Vladimir Putin")
        #expect(mention.location.line == 5 && mention.location.column == 8)
        #expect(mention.end == SourcePosition(line: 6, column: 6))
        #expect(mention.link == "[[Vladimir Putin]]")
    }

    // MARK: Words and case

    @Test(arguments: [
        "Hegseths and unHegseth and Hegseth2 are other words.\n", "tell us more, and US-based is it too?\n",
        "The us in lower case.\n", "TRUMP shouts; trump is a card.\n",
    ])
    func onlyWholeWordsInTheirOwnCaseMatch(_ body: String) throws {
        let found = try Self.found(body)
        if body.contains("US-based") {
            #expect(found == ["US@5:19"], "a hyphen ends a word")
        } else {
            #expect(found.isEmpty, "\(found)")
        }
    }

    @Test func punctuationAroundANameEndsTheWord() throws {
        #expect(try Self.found("(Trump’s call)\n") == ["Trump@5:2"])
        #expect(try Self.found("“Hegseth,” she said.\n") == ["Hegseth@5:2"])
    }

    @Test func theLongestNameWins() throws {
        #expect(try Self.found("Then Pete Hegseth spoke.\n") == ["Pete Hegseth@5:6"])
        #expect(try Self.found("Then Pete  Hegseth spoke.\n") == ["Pete Hegseth@5:6"], "white space is folded")
    }

    @Test func typographicAndPlainApostrophesMatchEachOther() throws {
        let extra = ["actors/conan-obrien.md": TestContent.actor(name: "Conan O'Brien", aliases: ["O'Brien"])]
        #expect(try Self.found("Then O’Brien joked.\n", extra: extra) == ["O’Brien@5:6"])
    }

    // MARK: Where names are not prose

    @Test(arguments: [
        "Code: `Trump` here.\n", "```\nTrump\n```\n", "    Trump in an indented block\n",
        "See [Trump's site](https://example.com).\n", "<https://example.com/Trump>\n",
        "![Trump at a desk](https://example.org/t.png)\n",
        "<div>\nTrump\n</div>\n", "A <a href=\"https://example.com\">Donald Trump</a> link.\n",
        "Said [[Hegseth|Trump’s man]].\n",
    ])
    func namesOutsideProseAreNotMentions(_ body: String) throws {
        #expect(try Self.found(body).isEmpty)
    }

    @Test func theWordsOfAQuoteOrClaimAreProse() throws {
        let body = "[“Putin is ready”]{.quote by=trump about=peace-talks} said [[Trump]].\n"
        #expect(try Self.found(body) == ["Putin@5:3"])
        let claim = "[[Trump]] [said Putin would talk]{.claim by=trump about=peace-talks}.\n"
        #expect(try Self.found(claim) == ["Putin@5:17"])
    }

    @Test func headingsAndEmphasisAreProse() throws {
        #expect(try Self.found("## Trump and the talks\n") == ["Trump@5:4"])
        #expect(try Self.found("It was *Trump* again.\n") == ["Trump@5:9"])
    }

    // MARK: Which mentions are reported

    @Test func anActorLinkedAnywhereInTheDocumentIsNotReported() throws {
        #expect(try Self.found("Trump spoke. Later [[donald-trump|the president]] left. Trump again.\n").isEmpty)
    }

    @Test func eachActorIsReportedOnceAtItsFirstMention() throws {
        let all = try Self.mentions("Trump and Putin. Trump again.\n\nAnd Trump once more, then Putin.\n")
        let here = all.filter { $0.location.file == "articles/a.md" }
        #expect(here.map(\.text) == ["Trump", "Putin"])
        #expect(here.map(\.otherMentions) == [2, 1])
        #expect(here[0].diagnostic.notes.last?.contains("2 later mentions of Donald Trump") == true)
    }

    @Test func anActorsOwnFileDoesNotReportItsOwnName() throws {
        let extra = [
            "actors/pete-hegseth.md": TestContent.actor(
                name: "Pete Hegseth", aliases: ["Hegseth"], body: "Pete Hegseth works for Trump.\n")
        ]
        let all = try Self.mentions("[[Trump]] and [[Hegseth]].\n", extra: extra)
        #expect(all.map(\.text) == ["Trump"])
        #expect(all.first?.location.file == "actors/pete-hegseth.md")
        #expect(all.first?.diagnostic.message.contains("in this file") == true)
    }

    @Test func topicNamesAreNotSearched() throws {
        #expect(try Self.found("Trump wants peace talks and a negotiated peace.\n") == ["Trump@5:1"])
    }

    @Test func aNameTwoActorsShareIsNotReported() throws {
        let extra = ["actors/ivanka-trump.md": TestContent.actor(name: "Ivanka Trump", aliases: ["Trump"])]
        #expect(try Self.found("Trump spoke; Ivanka Trump listened.\n", extra: extra) == ["Ivanka Trump@5:14"])
    }

    // MARK: The link to write

    @Test func aNameOtherEntitiesAlsoAnswerToIsLinkedBySlug() throws {
        let extra = [
            "topics/hegseth-hearings.md": TestContent.topic(title: "Hegseth hearings", aliases: ["Hegseth"]),
            "actors/georgia.md": TestContent.actor(name: "Georgia", kind: "country"),
            "topics/georgia-elections.md": TestContent.topic(title: "Georgia elections", aliases: ["georgia"]),
        ]
        let all = try Self.mentions("Hegseth and Georgia.\n", extra: extra).filter {
            $0.location.file == "articles/a.md"
        }
        #expect(all.map(\.link) == ["[[pete-hegseth|Hegseth]]", "[[actor:georgia|Georgia]]"])
    }
}
