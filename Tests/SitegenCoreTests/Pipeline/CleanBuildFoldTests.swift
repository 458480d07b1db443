import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore
@testable import SitegenLink
@testable import SitegenParse
@testable import SitegenPlan
@testable import SitegenResolve

/// A clean build is the rebuild fold with every file new: a session that
/// starts with no articles and then takes every article as added ends
/// where a clean build does, through the same stage `apply` functions.
@Suite("Clean build as a fold of changes")
struct CleanBuildFoldTests {
    private static let entities: [String: String] = [
        "site.yml": "title: Fold\nbase_url: https://example.org\n",
        "actors/pete-hegseth.md": TestContent.actor(name: "Pete Hegseth", aliases: ["Hegseth"]),
        "actors/donald-trump.md": TestContent.actor(
            name: "Donald Trump", affiliation: "united-states", aliases: ["Trump"]),
        "actors/united-states.md": TestContent.actor(name: "United States", kind: "country", aliases: ["US"]),
        "topics/peace-talks.md": TestContent.topic(title: "Peace negotiations", aliases: ["peace talks"]),
        "topics/nato-future.md": TestContent.topic(title: "The future of NATO"),
    ]

    private static let articles: [String: String] = [
        "articles/first.md": TestContent.article(
            title: "First", date: "2025-02-13",
            body:
                "Hegseth said [“no deal yet”]{.quote by=Hegseth about=peace-talks stance=against}.\n\n[[Trump]] and [[US]].\n"
        ),
        "articles/second.md": TestContent.article(
            title: "Second", date: "2025-02-14",
            body:
                "Trump said [“a deal soon”]{.quote by=Trump about=peace-talks}.\n\n[Talks opened]{.event by=Trump about=peace-talks}.\n"
        ),
        "articles/third.md": TestContent.article(
            title: "Third", date: "2025-02-14",
            body: "[[Hegseth]] on [[The future of NATO]]: [“allies must pay”]{.claim by=Hegseth about=nato-future}.\n"),
    ]

    @Test func everyArticleAddedToASessionWithoutArticlesWritesTheCleanBuildsOutput() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            let output = root.appendingPathComponent("public")
            try TestContent.write(Self.entities, into: content)
            let session = BuildSession(
                options: .init(content: content, templates: TestContent.seedTemplates, output: output))
            _ = try session.build().get()

            try TestContent.write(Self.articles, into: content)
            let report = try session.rebuild(changed: Self.articles.keys.sorted()).get()
            // Taken article by article, not by falling back to a clean build.
            #expect(report.stageTimes.first?.0 == "load+parse")
            try TestContent.expectMatchesCleanBuild(content: content, output: output, "every article added")
        }
    }

    @Test func eachStageTakesEveryArticleAsAddedToTheStateOfASiteWithoutThem() throws {
        let whole = try TestContent.pipeline(Self.entities.merging(Self.articles) { $1 })
        let bare = try TestContent.pipeline(Self.entities)
        let optional = PlanState.OptionalPages.every

        func everything(_ pipeline: TestContent.Pipeline) -> ContentChange {
            .everything(pipeline.parsed, diagnostics: pipeline.loaded.diagnostics + pipeline.parsed.diagnostics)
        }
        func fold(_ changes: [ContentChange]) throws -> (ResolveState, LinkState, PlanState) {
            var resolve = ResolveState()
            var link = LinkState()
            var plan = PlanState(plan: .none, optionalPages: optional)
            for change in changes {
                _ = plan.apply(
                    link.apply(try resolve.apply(change).get()), graph: link.graph, dependencies: PageDependencies())
            }
            return (resolve, link, plan)
        }

        let additions = whole.loaded.content.articles.enumerated().map { at, article in
            var change = ArticleChange(path: "articles/\(article.slug).md", ref: .article(article.slug))
            change.article = article
            change.parsed = whole.parsed.articleBodies[at]
            return change
        }
        let (clean, cleanLink, cleanPlan) = try fold([everything(whole)])
        let (added, addedLink, addedPlan) = try fold([everything(bare), .articles(additions)])

        #expect(added.statementOwners == clean.statementOwners)
        #expect(added.referencedBy == clean.referencedBy)
        #expect(added.references.counts == clean.references.counts)
        #expect(added.warnings == clean.warnings)
        #expect(clean.statementOwners.count == 3)

        let (graph, expected) = (addedLink.graph, cleanLink.graph)
        #expect(graph.articles.map(\.slug) == expected.articles.map(\.slug))
        #expect(graph.statements == expected.statements)
        #expect(graph.statementsBySpeaker == expected.statementsBySpeaker)
        #expect(graph.statementsByTopic == expected.statementsByTopic)
        #expect(graph.stancesByTopic == expected.stancesByTopic)
        #expect(graph.mentions == expected.mentions)
        #expect(graph.mentionSources == expected.mentionSources)
        #expect(graph.articlesOf == expected.articlesOf)
        #expect(graph.mentionedWith == expected.mentionedWith)
        #expect(graph.timeline == expected.timeline)
        for ref in expected.statementsBySource.keys {
            #expect(addedLink.contributions[ref] == cleanLink.contributions[ref])
        }
        #expect(addedPlan.plan.pages == cleanPlan.plan.pages)
    }
}
