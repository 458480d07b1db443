import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenCore
@testable import SitegenLoad

// `wikidata: Q…` on actors (issue 18): checked to be Q and digits, then a
// link on the actor's page, `sameAs` in its JSON-LD and an id in
// data/graph.json. Nothing is fetched.

@Suite("Actors' wikidata ids")
struct WikidataTests {
    static func load(_ value: String) -> (ActorSource?, [Diagnostic]) {
        ContentLoader.actor(
            from: SourceFile(
                path: "actors/vladimir-putin.md",
                text: "---\nname: Vladimir Putin\nkind: person\nwikidata: \(value)\n---\n"))
    }

    @Test func anIdIsQAndDigits() throws {
        let (actor, diagnostics) = Self.load("Q7747")
        #expect(diagnostics.isEmpty)
        #expect(actor?.wikidata == "Q7747")
        #expect(
            try #require(
                ContentLoader.actor(from: SourceFile(path: "actors/x.md", text: "---\nname: X\nkind: group\n---\n")).0
            ).wikidata == nil)
    }

    @Test(arguments: [
        ("q7747", "Q7747"), ("7747", "Q7747"), ("https://www.wikidata.org/wiki/Q7747", "Q7747"), ("Q07", nil),
        ("Putin", nil), ("Q7747x", nil),
    ])
    func anythingElseIsAnErrorWithTheIdItLikelyMeans(_ written: String, _ meant: String?) throws {
        let (actor, diagnostics) = Self.load(written)
        #expect(actor == nil)
        let error = try #require(diagnostics.first)
        #expect(error.severity == .error)
        #expect(error.message == "'wikidata' is not a Wikidata item id: '\(written)'")
        #expect(error.location == SitegenBase.SourceLocation(file: "actors/vladimir-putin.md", line: 4, column: 1))
        #expect(error.notes.first == meant.map { "did you mean 'wikidata: \($0)'?" } ?? error.notes.first)
        #expect(error.notes.count == (meant == nil ? 1 : 2))
        #expect(error.notes.last?.contains("https://www.wikidata.org/wiki/Q7747") == true)
    }

    @Test func theActorPageLinksTheItemAndItsJSONLDNamesItSameAs() throws {
        let pages = try TestContent.builtPages([
            "site.yml": "title: Desk\n",
            "actors/vladimir-putin.md": "---\nname: Vladimir Putin\nkind: person\nwikidata: Q7747\n---\nBio.\n",
            "actors/nobody.md": TestContent.actor(name: "Nobody"),
            "articles/a.md": TestContent.article(body: "[[Vladimir Putin]] and [[Nobody]].\n"),
        ])
        let putin = try #require(pages["actors/vladimir-putin.html"])
        #expect(
            putin.contains(
                #"<p class="wikidata"><a href="https://www.wikidata.org/wiki/Q7747">Vladimir Putin on Wikidata</a> (Q7747)</p>"#
            ))
        let ld = try #require(
            TestContent.captures(#"<script type="application/ld\+json">(.*?)</script>"#, in: putin).first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ld.utf8)) as? [String: Any])
        #expect(object["sameAs"] as? String == "https://www.wikidata.org/wiki/Q7747")
        let nobody = try #require(pages["actors/nobody.html"])
        #expect(!nobody.contains("wikidata"))
        let data = Data(try #require(pages["data/graph.json"]).utf8)
        let graph = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let actors = try #require(graph["actors"] as? [[String: Any]])
        #expect(actors.first { $0["slug"] as? String == "vladimir-putin" }?["wikidata"] as? String == "Q7747")
        #expect(actors.first { $0["slug"] as? String == "nobody" }?["wikidata"] is NSNull)
    }

    /// The seed's countries, alliance, newspaper and two leaders carry their ids.
    @Test func theSeedActorsCarryTheirIds() throws {
        let expected = [
            "russia": "Q159", "ukraine": "Q212", "germany": "Q183", "france": "Q142", "poland": "Q36",
            "united-kingdom": "Q145", "united-states": "Q30", "nato": "Q7184", "vladimir-putin": "Q7747",
            "donald-trump": "Q22686", "the-guardian": "Q11148",
        ]
        for (slug, id) in expected {
            let url = TestContent.seedContent.appendingPathComponent("actors/\(slug).md")
            let (actor, diagnostics) = ContentLoader.actor(
                from: SourceFile(path: "actors/\(slug).md", text: try String(contentsOf: url, encoding: .utf8)))
            #expect(diagnostics.isEmpty, "\(diagnostics)")
            #expect(actor?.wikidata == id, "\(slug)")
        }
    }
}
