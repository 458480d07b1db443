import Foundation
import SitegenTestSupport
import StoredCoding
import Testing

@testable import SitegenLink
@testable import SitegenParse
@testable import SitegenPlan
@testable import SitegenResolve

/// A changed article passed through each stage's state (resolve, link,
/// plan) on plain values leaves each where a clean build of the changed
/// site starts: the fold and the clean build agree stage by stage.
@Suite("A change through the stages' states")
struct StageStateTests {
    private static let entities = TestContent.twoActorsAndATopic(siteTitle: "Stage states")

    private func clean(_ articles: [String: String]) throws -> TestContent.Pipeline {
        var files = Self.entities
        for (name, body) in articles { files["articles/\(name).md"] = TestContent.article(body: body) }
        return try TestContent.pipeline(files)
    }

    @Test func aChangedArticleEndsEachStageWhereACleanBuildOfTheChangedSiteStarts() throws {
        let first = "Hegseth said [“no deal yet”]{.quote by=Hegseth about=peace-talks}.\n[[Trump]].\n"
        let before = try clean(["a": first, "b": "[[Hegseth]] spoke.\n"])
        let after = try clean(["a": first, "b": "Trump said [“a deal soon”]{.quote by=Trump about=peace-talks}.\n"])
        #expect(after.errors.isEmpty, "\(after.errors)")

        var resolve = ResolveState(before.resolved, content: before.loaded.content, warnings: before.diagnostics)
        let (graph, contributions) = Linker().linkKeepingContributions(before.resolved)
        var link = LinkState(graph: graph, contributions: StoredMap(contributions))
        var plan = PlanState(graph, optionalPages: .every)
        let dependencies = try TestContent.render(plan.plan, of: graph).dependencies

        let ref = DocumentRef.article("b")
        let at = try #require(after.loaded.content.articles.firstIndex { $0.slug == "b" })
        var change = ArticleChange(path: "articles/b.md", ref: ref)
        change.article = after.loaded.content.articles[at]
        change.parsed = after.parsed.articleBodies[at]
        let resolved = try resolve.apply(
            .articles([change]), previousStatements: [ref: contributions[ref]?.statements.map(\.id) ?? []]
        ).get()
        let graphChange = link.apply(resolved)
        let planChange = plan.apply(graphChange, graph: link.graph, dependencies: dependencies)

        let cleanResolve = ResolveState(after.resolved, content: after.loaded.content, warnings: after.diagnostics)
        #expect(resolve.statementOwners == cleanResolve.statementOwners)
        #expect(resolve.referencedBy == cleanResolve.referencedBy)
        #expect(resolve.references.counts == cleanResolve.references.counts)
        #expect(resolve.warnings == cleanResolve.warnings)

        let (cleanGraph, cleanContributions) = Linker().linkKeepingContributions(after.resolved)
        #expect(link.graph.statements == cleanGraph.statements)
        #expect(link.graph.statementsBySpeaker == cleanGraph.statementsBySpeaker)
        #expect(link.graph.mentions == cleanGraph.mentions)
        #expect(link.contributions[ref] == cleanContributions[ref])
        #expect(graphChange.statements.count == 1)

        #expect(plan.plan.pages == PlanState(cleanGraph, optionalPages: .every).plan.pages)
        let rendered = Set(planChange.pages.map(\.path))
        #expect(rendered.contains(PagePlan.document(ref)))
        #expect(rendered.contains(PagePlan.entity(.actor("donald-trump"))))
        #expect(!rendered.contains(PagePlan.document(.article("a"))))
        #expect(planChange.removed.isEmpty)
    }
}
