import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore

// `data/claims.json` and `data/timeline.json` beside `data/graph.json`
// (issue 18): every claim with its speaker, date, rating and paragraph, and
// the events in TimelineJS's JSON format, checked against the fields
// TimelineJS requires (https://timeline.knightlab.com/docs/json-format.html).

@Suite("Data exports: claims.json and timeline.json")
struct DataExportTests {
    static let site: [String: String] = [
        "site.yml": "title: Desk <news>\ndescription: What was said\n",
        "actors/pete-hegseth.md": TestContent.actor(name: "Pete Hegseth", aliases: ["Hegseth"]),
        "actors/vladimir-putin.md": TestContent.actor(
            name: "Vladimir Putin", aliases: ["Putin"],
            body: "[He spoke]{.event date=2024-06-14 about=peace-talks}.\n"),
        "topics/peace-talks.md": TestContent.topic(title: "Peace negotiations"),
        "articles/a.md": TestContent.article(
            title: "Talks & more", date: "2025-02-13",
            body: """
                [[Hegseth]] said [“yes”]{.quote by=hegseth about=peace-talks}, and [the order was signed]{.claim by=hegseth about=peace-talks date=2025-02-12 rating=false rating_note="None was"}.

                [[[Putin]] called & left]{.event date=2025-02-12 about=peace-talks}. [It rained]{.event}.
                """),
        "articles/b.md": TestContent.article(
            title: "Older", date: "2025-02-10",
            body: "[[Hegseth]] [said it would end]{.claim by=hegseth}.\n"),
    ]

    static func json(_ text: String?) throws -> [String: Any] {
        let text = try #require(text)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func claimsJSONListsEveryClaimWithSpeakerDateRatingAndParagraph() throws {
        let pages = try TestContent.builtPages(Self.site)
        let claims = try #require(try Self.json(pages["data/claims.json"])["claims"] as? [[String: Any]])
        // Claims only, newest article first.
        #expect(claims.map { $0["text"] as? String } == ["the order was signed", "said it would end"])
        let rated = claims[0]
        #expect(rated["speaker"] as? String == "pete-hegseth")
        #expect(rated["speaker_name"] as? String == "Pete Hegseth")
        #expect(rated["date"] as? String == "2025-02-12")
        #expect(rated["rating"] as? String == "false")
        #expect(rated["rating_note"] as? String == "None was")
        #expect(rated["topics"] as? [String] == ["peace-talks"])
        #expect(rated["url"] as? String == "articles/a.html#p-1")
        #expect(claims[1]["date"] as? String == "2025-02-10")
        #expect(claims[1]["rating"] is NSNull)
    }

    /// Every slide has what TimelineJS requires: a `start_date` with a
    /// numeric `year` (and here a month and day in range), `text` with a
    /// headline; the title is a slide without a date.
    @Test func timelineJSONIsInTimelineJSsFormat() throws {
        let pages = try TestContent.builtPages(Self.site)
        let timeline = try Self.json(pages["data/timeline.json"])
        let title = try #require((timeline["title"] as? [String: Any])?["text"] as? [String: Any])
        #expect(title["headline"] as? String == "Desk &lt;news&gt;")
        #expect(title["text"] as? String == "What was said")
        let events = try #require(timeline["events"] as? [[String: Any]])
        #expect(events.count == 3)
        for event in events {
            let start = try #require(event["start_date"] as? [String: Any])
            #expect(start["year"] is Int)
            #expect((1...12).contains(try #require(start["month"] as? Int)))
            #expect((1...31).contains(try #require(start["day"] as? Int)))
            let text = try #require(event["text"] as? [String: Any])
            #expect((text["headline"] as? String)?.isEmpty == false)
            #expect(text["text"] is String)
        }
        // Oldest first.
        let dates = events.compactMap { $0["start_date"] as? [String: Int] }.map {
            [$0["year"]!, $0["month"]!, $0["day"]!]
        }
        #expect(dates == [[2024, 6, 14], [2025, 2, 12], [2025, 2, 13]])
        let putin = try #require(events[1]["text"] as? [String: String])
        #expect(putin["headline"] == "Putin called &amp; left")
        #expect(putin["text"] == #"Reported in <a href="articles/a.html#p-2">Talks &amp; more</a>"#)
        // Grouped by topic; an event without one has no group.
        #expect(events[0]["group"] as? String == "Peace negotiations")
        #expect(events[1]["group"] as? String == "Peace negotiations")
        #expect(events[2]["group"] == nil)
        #expect((events[0]["text"] as? [String: String])?["text"]?.contains("actors/vladimir-putin.html#") == true)
    }

    @Test func withABaseURLTimelineLinksAreAbsolute() throws {
        var files = Self.site
        files["site.yml"] = "title: Desk\nbase_url: https://example.org/x/\n"
        let pages = try TestContent.builtPages(files)
        let events = try #require(try Self.json(pages["data/timeline.json"])["events"] as? [[String: Any]])
        let text = try #require((events[1]["text"] as? [String: String])?["text"])
        #expect(text.contains(#"href="https://example.org/x/articles/a.html#p-2""#))
    }

    @Test func editingAClaimOrAnEventRebuildsAsACleanBuildWould() throws {
        try TestContent.withBuiltSession(Self.site) { session, content, output in
            let file = content.appendingPathComponent("articles/b.md")
            try TestContent.article(
                title: "Older", date: "2025-02-10",
                body: "[[Hegseth]] [said it would end]{.claim by=hegseth rating=mixed}. [Talks began]{.event}.\n"
            ).write(to: file, atomically: true, encoding: .utf8)
            _ = try session.rebuild(changed: ["articles/b.md"]).get()
            let claims = try String(contentsOf: output.appendingPathComponent("data/claims.json"), encoding: .utf8)
            #expect(claims.contains(#""rating":"mixed""#))
            let timeline = try String(
                contentsOf: output.appendingPathComponent("data/timeline.json"), encoding: .utf8)
            #expect(timeline.contains("Talks began"))
            try TestContent.expectMatchesCleanBuild(content: content, output: output, "a claim and an event edited")
        }
    }

    /// The README's examples are JSON with the keys the files have.
    @Test func theReadmesExamplesHaveTheExportsKeys() throws {
        let readme = try String(
            contentsOf: TestContent.repositoryRoot().appendingPathComponent("README.md"), encoding: .utf8)
        let blocks = TestContent.captures(#"```json\n(.*?)\n```"#, in: readme)
        let pages = try TestContent.builtPages(Self.site)
        func keys(_ object: [String: Any], _ list: String) -> Set<String> {
            Set(((object[list] as? [[String: Any]])?.first ?? [:]).keys)
        }
        let claimsExample = try Self.json(blocks.first { $0.hasPrefix(#"{"claims""#) })
        #expect(keys(claimsExample, "claims") == keys(try Self.json(pages["data/claims.json"]), "claims"))
        let timelineExample = try Self.json(blocks.first { $0.hasPrefix(#"{"title""#) })
        #expect(keys(timelineExample, "events") == keys(try Self.json(pages["data/timeline.json"]), "events"))
    }
}
