import Foundation
import SitegenTestSupport
import StoredCoding
import Testing

@testable import SitegenLink
@testable import SitegenParse
@testable import SitegenPlan
@testable import SitegenResolve

/// Rendering a page records the graph entries its views read, and a change
/// of entries reaches the pages that read them: what a page depends on is
/// recorded where it is read, not restated beside the renderer.
@Suite("What a page read of the graph")
struct PageDependencyTests {
    private static let entities = TestContent.twoActorsAndATopic(siteTitle: "Dependencies")
    private static let articleA = """
        Hegseth said [“no deal yet”]{.quote by=Hegseth about=peace-talks}.

        Later he added [“we keep talking”]{.quote by=Hegseth}.

        """
    private static let articleB = """
        Trump said [“a deal soon”]{.quote by=Trump about=peace-talks}.

        The weather was fine.

        """

    private static func pipeline(
        a: String = articleA, b: String = articleB, titleB: String = "An article", dateB: String = "2025-02-13"
    ) throws -> TestContent.Pipeline {
        var files = entities
        files["articles/a.md"] = TestContent.article(date: "2025-02-12", body: a)
        files["articles/b.md"] = TestContent.article(title: titleB, date: dateB, body: b)
        let pipeline = try TestContent.pipeline(files)
        #expect(pipeline.errors.isEmpty, "\(pipeline.errors)")
        return pipeline
    }

    /// Every planned page's HTML, and what each read.
    private static func renderAll(_ graph: SiteGraph) throws -> (
        html: [OutputPath: String], dependencies: PageDependencies
    ) {
        try TestContent.render(PlanState(graph, optionalPages: .every).plan, of: graph)
    }

    @Test func anActorPageRecordsTheQuotesItListsAndNotOthers() throws {
        let graph = try Self.pipeline().graph
        let hegseth = try #require(graph.statementsBySpeaker["pete-hegseth"])
        let trump = try #require(graph.statementsBySpeaker["donald-trump"])
        #expect(hegseth.count == 2)
        let (_, dependencies) = try Self.renderAll(graph)
        let reads = dependencies.reads(of: PagePlan.actor("pete-hegseth"))
        for id in hegseth { #expect(reads.contains(.statement(id)), "\(id)") }
        #expect(reads.contains(.statementsBy("pete-hegseth")))
        #expect(reads.contains(.listing("a")))
        #expect(!reads.contains(.statement(trump[0])))
        #expect(!reads.contains(.listing("b")))
        // The quote page reads its quote, and the article it comes from.
        let quotePage = dependencies.reads(of: PagePlan.quote(trump[0]))
        #expect(quotePage.isSuperset(of: [.statement(trump[0]), .listing("b"), .statementsOf(.article("b"))]))
        #expect(dependencies.pages(reading: [.statement(trump[0])]).contains(PagePlan.topic("peace-talks")))
    }

    /// Passes article b's new text through resolve and link as a rebuild
    /// does; returns the entries the change altered and the pages that read
    /// them, and the pages whose HTML a clean render of the changed site
    /// gives differently (pages that came or went left out: the plan
    /// decides those).
    private func rebuild(b: String, titleB: String = "An article", dateB: String = "2025-02-13") throws -> (
        changed: Set<GraphEntry>, selected: Set<OutputPath>, differing: Set<OutputPath>
    ) {
        let before = try Self.pipeline()
        let after = try Self.pipeline(b: b, titleB: titleB, dateB: dateB)
        var resolve = ResolveState(before.resolved, content: before.loaded.content, warnings: before.diagnostics)
        let (graph, contributions) = Linker().linkKeepingContributions(before.resolved)
        var link = LinkState(graph: graph, contributions: StoredMap(contributions))
        let (oldHTML, dependencies) = try Self.renderAll(graph)

        let ref = DocumentRef.article("b")
        let at = try #require(after.loaded.content.articles.firstIndex { $0.slug == "b" })
        var change = ArticleChange(path: "articles/b.md", ref: ref)
        change.article = after.loaded.content.articles[at]
        change.parsed = after.parsed.articleBodies[at]
        let resolved = try resolve.apply(
            .articles([change]), previousStatements: [ref: contributions[ref]?.statements.map(\.id) ?? []]
        ).get()
        let graphChange = link.apply(resolved)
        let changed = graphChange.documents.reduce(into: Set<GraphEntry>()) { $0.formUnion($1.changedEntries) }

        let (newHTML, _) = try Self.renderAll(after.graph)
        let differing = Set(oldHTML.keys.filter { path in newHTML[path].map { $0 != oldHTML[path] } ?? false })
        return (changed, dependencies.pages(reading: changed), differing)
    }

    @Test func aProseEditReachesOnlyItsOwnArticle() throws {
        let result = try rebuild(b: Self.articleB.replacingOccurrences(of: "was fine", with: "was grey"))
        #expect(result.changed == [.body(.article("b"))])
        #expect(result.selected == [PagePlan.article("b")])
        #expect(result.differing == result.selected)
    }

    @Test func changedQuoteWordsReachExactlyThePagesThatShowTheQuote() throws {
        let graph = try Self.pipeline().graph
        let quote = try #require(graph.statementsBySpeaker["donald-trump"]?.first)
        let (_, dependencies) = try Self.renderAll(graph)
        // The words are the id: the old quote goes, a new one comes.
        let result = try rebuild(b: Self.articleB.replacingOccurrences(of: "a deal soon", with: "a deal today"))
        #expect(result.changed.contains(.statement(quote)))
        #expect(result.selected.isSuperset(of: dependencies.pages(reading: [.statement(quote)])))
        #expect(result.selected.isSuperset(of: result.differing), "\(result.differing.subtracting(result.selected))")
        #expect(!result.selected.contains(PagePlan.article("a")))
    }

    @Test(arguments: [
        ("a mention added", articleB + "[[Hegseth]] was there.\n", "An article"),
        ("a title changed", articleB, "A new title"),
        ("a quote gone", "Trump spoke.\n\nThe weather was fine.\n", "An article"),
        (
            "a quote by another speaker", articleB + "[“talks go on”]{.quote by=Hegseth about=peace-talks}\n",
            "An article"
        ),
        ("an event added", articleB + "[Talks resumed]{.event date=2025-02-14 by=Trump}.\n", "An article"),
        (
            "a stance taken",
            articleB.replacingOccurrences(of: "about=peace-talks}", with: "about=peace-talks stance=for}"),
            "An article"
        ),
    ])
    func everyPageWhoseHTMLChangesReadAChangedEntry(edit: String, b: String, title: String) throws {
        let result = try rebuild(b: b, titleB: title)
        #expect(
            result.selected.isSuperset(of: result.differing),
            "\(edit): \(result.differing.subtracting(result.selected).map(\.rawValue).sorted())")
    }

    @Test func anArticleMovedBeforeAnotherReachesEveryPageThatListsBoth() throws {
        let result = try rebuild(b: Self.articleB, dateB: "2025-02-11")
        #expect(result.changed.contains(.articles))
        #expect(result.differing.contains(PagePlan.home))
        #expect(
            result.selected.isSuperset(of: result.differing),
            "\(result.differing.subtracting(result.selected).map(\.rawValue).sorted())")
    }
}
