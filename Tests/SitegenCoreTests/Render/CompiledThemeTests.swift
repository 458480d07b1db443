import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenLink
@testable import SitegenLoad
@testable import SitegenParse
@testable import SitegenPlan
@testable import SitegenRender
@testable import SitegenResolve

/// The built-in theme renders through `CompiledTheme` (Swift generated
/// from `Templates/` at build time); every page must come out byte for
/// byte as swift-mustache renders the same templates.
@Suite("The compiled theme against swift-mustache")
struct CompiledThemeTests {
    /// Every planned page of `graph`, rendered both ways; the paths whose HTML differs.
    private static func differingPages(_ graph: SiteGraph) throws -> (pages: Int, differing: [String]) {
        let templates = try TemplateSet.load(from: TestContent.seedTemplates).get()
        #expect(templates.usesCompiledTheme)
        #expect(!templates.interpreted.usesCompiledTheme)
        let compiled = PageRenderer(graph: graph, templates: templates)
        let interpreted = PageRenderer(graph: graph, templates: templates.interpreted)
        let plan = PlanState(graph, optionalPages: .every).plan
        var differing: [String] = []
        for page in plan.pages where compiled.render(page) != interpreted.render(page) {
            differing.append(page.path.rawValue)
        }
        return (plan.pages.count, differing)
    }

    @Test func theSeedSiteRendersTheSameBothWays() throws {
        let loaded = ContentLoader().load(from: TestContent.seedContent)
        let graph = Linker().link(Resolver().resolve(ParsedSite.parse(loaded.content)))
        let result = try Self.differingPages(graph)
        #expect(result.pages > 50)
        #expect(result.differing.isEmpty, "\(result.differing.prefix(5))")
    }

    @Test func aGeneratedCorpusRendersTheSameBothWays() throws {
        let pipeline = try TestContent.pipeline(Self.corpus(articles: 48))
        #expect(pipeline.errors.isEmpty, "\(pipeline.errors.prefix(3))")
        let result = try Self.differingPages(pipeline.graph)
        #expect(result.pages > 150)
        #expect(result.differing.isEmpty, "\(result.differing.prefix(5))")
    }

    @Test func aSiteTemplateOfItsOwnTurnsTheCompiledThemeOff() throws {
        try TestContent.withTemporaryDirectory { folder in
            try TestContent.copyFolder(TestContent.seedTemplates, to: folder)
            #expect(try TemplateSet.load(from: folder).get().usesCompiledTheme)
            let quote = folder.appendingPathComponent("quote.mustache")
            try (String(contentsOf: quote, encoding: .utf8) + "<!-- mine -->\n").write(
                to: quote, atomically: true, encoding: .utf8)
            let edited = try TemplateSet.load(from: folder).get()
            #expect(!edited.usesCompiledTheme)
            try "extra".write(to: folder.appendingPathComponent("extra.mustache"), atomically: true, encoding: .utf8)
            try FileManager.default.removeItem(at: quote)
            try TestContent.copyFolder(
                TestContent.seedTemplates.appendingPathComponent("quote.mustache"), to: quote)
            #expect(!(try TemplateSet.load(from: folder).get().usesCompiledTheme))
        }
    }

    /// A site in the shape the benchmark corpus has, small: popular and
    /// rare speakers, roles and affiliations or none, aliases, quotes and
    /// claims about topics with stances, mentions, events, summaries.
    static func corpus(articles count: Int) -> [String: String] {
        var files: [String: String] = [
            "site.yml":
                "title: \"Corpus & <co>\"\ndescription: \"A generated site\"\nbase_url: https://example.org/news/\n"
        ]
        let actors = (0..<14).map { "actor-\($0)" }
        for (index, slug) in actors.enumerated() {
            files["actors/\(slug).md"] = TestContent.actor(
                name: "Actor \(index) O'Neil", kind: index % 5 == 4 ? "organisation" : "person",
                role: index % 3 == 0 ? nil : "Minister of \"things\" \(index)",
                affiliation: index % 4 == 1 ? "actor-\(index % 5 == 4 ? 0 : 4)" : nil,
                aliases: index % 2 == 0 ? ["Oneil \(index)"] : [],
                body: index % 3 == 1 ? "Biography of *\(index)*.\n" : "")
        }
        let topics = (0..<5).map { "topic-\($0)" }
        for (index, slug) in topics.enumerated() {
            files["topics/\(slug).md"] = TestContent.topic(
                title: "Topic \(index) & more", aliases: ["theme \(index)"],
                summary: index % 2 == 0 ? "About \(index)." : nil)
        }
        let stances = ["for", "against", "neutral"]
        for article in 0..<count {
            // Zipf-like: a few speakers say most things.
            let speaker = actors[(article * article) % 5]
            let other = actors[(article * 7 + 3) % actors.count]
            let topic = topics[article % topics.count]
            let second = topics[(article + 2) % topics.count]
            var body = "Intro about [[\(other)]] and <b>markup</b> & “quotes”.\n\n"
            body +=
                "[“Words number \(article) with <tags> & ampersands”]{.quote by=\(speaker) about=\(topic) stance=\(stances[article % 3])} said [[\(speaker)]].\n\n"
            body +=
                "Then [“a second thing \(article)”]{.quote by=\(other) about=\(second)}. And [a claim \(article) that things improve]{.claim by=\(speaker) about=\(topic)}.\n\n"
            if article % 4 == 0 {
                body +=
                    "## A heading \(article)\n\n[“More from \(speaker) in \(article)”]{.quote by=\(speaker)} and [[\(actors[(article + 1) % actors.count])]].\n\n"
            }
            let day = String(format: "%02d", article % 28 + 1)
            let month = String(format: "%02d", article / 28 % 12 + 1)
            files["articles/article-\(article).md"] =
                "---\ntitle: \"Article \(article): ‘quoted’ & more\"\ndate: 2024-\(month)-\(day)\n"
                + (article % 3 == 0 ? "summary: \"Summary \(article)\"\n" : "") + "---\n" + body
        }
        return files
    }
}
