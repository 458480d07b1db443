import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore
@testable import SitegenPlan

/// The seed site's connection maps and backlink groups, as a reader and a
/// screen reader get them.
@Suite("Seed site: connections and context")
struct ConnectionsPageTests {
    private func withBuiltSeed<T>(_ body: ([String: String]) throws -> T) throws -> T {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            _ = try SiteBuilder(
                options: .init(content: TestContent.seedContent, templates: TestContent.seedTemplates, output: output)
            ).build().get()
            var pages: [String: String] = [:]
            for (path, data) in TestContent.snapshot(output) where path.hasSuffix(".html") {
                pages[path] = String(decoding: data, as: UTF8.self)
            }
            return try body(pages)
        }
    }

    /// The part of `html` from `start` to the first `end` after it.
    private static func part(of html: String, from start: String, to end: String) -> String? {
        guard let from = html.range(of: start) else { return nil }
        let rest = html[from.lowerBound...]
        return String(rest[..<(rest.range(of: end)?.upperBound ?? rest.endIndex)])
    }

    private static func svgLinks(_ html: String) -> [String] {
        TestContent.captures(#"<a class="map-node[^"]*" href="([^"]*)" tabindex="-1">"#, in: html)
    }

    private static func listLinks(_ html: String) -> [String] {
        let list = part(of: html, from: "<ul class=\"map-list\">", to: "</ul>") ?? ""
        return TestContent.captures(#"<a class="chip chip-(?:actor|topic)" href="([^"]*)">"#, in: list)
    }

    @Test func theConnectionsPageListsTheNodesItDraws() throws {
        try withBuiltSeed { pages in
            let page = try #require(pages["connections.html"])
            let home = try #require(pages["index.html"])
            #expect(home.contains(#"<a href="connections.html">Connections</a>"#), "linked from the navigation")
            let svg = try #require(Self.part(of: page, from: "<svg class=\"map-svg map-site\"", to: "</svg>"))
            #expect(svg.contains(#"aria-hidden="true""#), "the list is the accessible version")
            let drawn = Self.svgLinks(svg)
            #expect(drawn.count == 30, "every seed actor and topic: \(drawn.count)")
            #expect(TestContent.count("<a ", in: svg) == drawn.count, "every link is out of the tab order")
            #expect(Set(drawn) == Set(Self.listLinks(page)))
            #expect(Self.listLinks(page).count == drawn.count)
            #expect(drawn.allSatisfy { $0.hasPrefix("actors/") || $0.hasPrefix("topics/") })
            #expect(TestContent.count("<circle", in: svg) == 19 && TestContent.count("<rect", in: svg) == 11)
            // Each drawn line appears in the list, under both its ends.
            let lines = TestContent.count("<line ", in: svg)
            let details = TestContent.captures(#"<span class="map-detail">([^<]*)</span>"#, in: page)
            let listed = details.map { $0.components(separatedBy: " · ").count }.reduce(0, +)
            #expect(lines > 0 && listed == 2 * lines)
            #expect(page.contains("Pete Hegseth"))
        }
    }

    @Test func anActorPageHasALocalMapOfItsStrongestConnections() throws {
        try withBuiltSeed { pages in
            let page = try #require(pages["actors/pete-hegseth.html"])
            let section = try #require(
                Self.part(of: page, from: "<section aria-labelledby=\"map-title\">", to: "</section>"))
            let svg = try #require(Self.part(of: section, from: "<svg class=\"map-svg map-local\"", to: "</svg>"))
            let drawn = Self.svgLinks(svg)
            #expect(drawn.count == ConnectionMap.localNeighbourLimit)
            #expect(Self.listLinks(section) == drawn, "the list in the drawing's order, strongest first")
            #expect(drawn.first == "../topics/peace-talks.html", "four statements on peace talks, in five paragraphs")
            #expect(section.contains("4 quotes or claims; named together in 5 paragraphs"))
            #expect(section.contains("named together in 8 paragraphs"), "NATO and the United States")
            // The page's own entity is drawn in the middle, not linked.
            #expect(svg.contains(#"<g class="map-node map-actor map-centre"><title>Pete Hegseth</title>"#))
            #expect(!drawn.contains("pete-hegseth.html"))
            #expect(section.contains(#"<a href="../connections.html">Map of all connections</a>"#))
            let topic = try #require(pages["topics/peace-talks.html"])
            #expect(TestContent.count("<svg class=\"map-svg map-local\"", in: topic) == 1)
            #expect(TestContent.count("id=\"map-title\"", in: topic) == 1)
        }
    }

    @Test func actorPagesSplitBacklinksIntoQuotesClaimsAndMentions() throws {
        try withBuiltSeed { pages in
            let page = try #require(pages["actors/pete-hegseth.html"])
            let quotes = try #require(
                Self.part(of: page, from: "<h2 id=\"quotes-title\">Quotes</h2>", to: "</section>"))
            let claims = try #require(
                Self.part(of: page, from: "<h2 id=\"claims-title\">Claims</h2>", to: "</section>"))
            let mentions = try #require(
                Self.part(of: page, from: "<h2 id=\"mentions-title\">Mentioned in</h2>", to: "</section>"))
            #expect(TestContent.count("Quoted in <a href=\"../articles/", in: quotes) == 5)
            #expect(TestContent.count("Reported in <a href=\"../articles/", in: claims) == 4)
            // Each quote with the sentence it was said in, its words once, marked in it.
            let betrayal = try #require(
                quotes.components(separatedBy: "<li class=\"statement").first { $0.contains("not a betrayal") })
            #expect(
                betrayal.contains(
                    "<blockquote class=\"statement-context\"><p>US Secretary of Defence Pete Hegseth on Thursday insisted that"
                ))
            #expect(
                betrayal.contains(
                    "<mark class=\"statement-words\">“not a betrayal”</mark> of Kyiv by one of its most important allies."
                ))
            #expect(TestContent.count("“not a betrayal”", in: betrayal) == 1, "the words are not repeated")
            // Mentions leave out the sentences shown with his quotes and claims…
            #expect(!mentions.contains("on Thursday insisted that"))
            #expect(!mentions.contains("also ruled out"))
            // …and keep the others.
            #expect(mentions.contains("He echoed <mark>Hegseth</mark> in declaring"))
        }
    }

    @Test func aSentenceThatAddsNothingIsLeftOut() throws {
        try withBuiltSeed { pages in
            // “Together with the US, … let’s get it done,” he said.
            let page = try #require(pages["actors/volodymyr-zelenskyy.html"])
            let item = try #require(
                page.components(separatedBy: "<li class=\"statement").first { $0.contains("charting our next steps") })
            #expect(item.contains("Quoted in"))
            #expect(!item.contains("statement-context"))
        }
    }

    @Test func topicPagesNameTheSameThreeGroups() throws {
        try withBuiltSeed { pages in
            let page = try #require(pages["topics/peace-talks.html"])
            for heading in [
                "<h2 id=\"quotes-title\">Quotes</h2>", "<h2 id=\"claims-title\">Claims</h2>",
                "<h2 id=\"mentions-title\">Mentioned in</h2>",
            ] {
                #expect(page.contains(heading), "\(heading)")
            }
            let claims = try #require(
                Self.part(of: page, from: "<h2 id=\"claims-title\">", to: "<h2 id=\"map-title\">"))
            #expect(!claims.contains("statement-quote"))
            #expect(claims.contains("Reported in"))
        }
    }
}
