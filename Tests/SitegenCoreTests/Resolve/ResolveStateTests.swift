import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenLoad
@testable import SitegenParse
@testable import SitegenResolve

/// The resolve stage's state takes changed articles on plain values, and
/// ends where a clean resolve of the changed site starts.
@Suite("Resolve state")
struct ResolveStateTests {
    private static let entities: [String: String] = [
        "site.yml": "title: Resolve state\n",
        "actors/pete-hegseth.md": TestContent.actor(name: "Pete Hegseth", aliases: ["Hegseth"]),
        "actors/donald-trump.md": TestContent.actor(name: "Donald Trump", aliases: ["Trump"]),
        "topics/peace-talks.md": TestContent.topic(title: "Peace negotiations", aliases: ["peace talks"]),
    ]
    private static let quote = "Hegseth said [“no deal yet”]{.quote by=Hegseth about=peace-talks}.\n"

    /// A clean resolve of `articles` (name → body) beside the entities.
    private func clean(_ articles: [String: String]) throws -> TestContent.Pipeline {
        var files = Self.entities
        for (name, body) in articles { files["articles/\(name).md"] = TestContent.article(body: body) }
        return try TestContent.pipeline(files)
    }

    private func state(_ pipeline: TestContent.Pipeline) -> ResolveState {
        ResolveState(pipeline.resolved, content: pipeline.loaded.content, warnings: pipeline.diagnostics)
    }

    /// The change a rebuild makes of article `name` now reading `body` (nil: deleted).
    private func change(_ name: String, _ body: String?) -> ArticleChange {
        let path = "articles/\(name).md"
        var change = ArticleChange(path: path, ref: .article(name))
        if let body {
            let parsed = AnnotationParser().parse(
                DocumentBody(file: path, markdown: body, firstLine: TestContent.articleBodyFirstLine))
            change.parsed = parsed
            change.diagnostics = parsed.diagnostics
        }
        return change
    }

    private func previous(_ pipeline: TestContent.Pipeline, _ name: String) -> [DocumentRef: [StatementID]] {
        let body = pipeline.resolved.articleBodies.first { $0.source == .article(name) }
        var ids: [StatementID] = []
        for case .statement(let statement)? in body?.references ?? [] { ids.append(statement.id) }
        return [.article(name): ids]
    }

    @Test func deletingTheOnlyMentionWarnsAsACleanResolveOfTheSiteWithoutIt() throws {
        let before = try clean(["a": "[[Trump]] and [[peace talks]].\n", "b": "[[Hegseth]] spoke.\n"])
        var state = state(before)
        #expect(state.warnings.isEmpty, "\(state.warnings)")

        let resolved = try state.apply(.articles([change("b", nil)]), previousStatements: previous(before, "b")).get()
        guard case .articles(let articles) = resolved else {
            Issue.record("a changed article resolved as a whole site")
            return
        }
        #expect(articles.allSatisfy { $0.document == nil })
        let after = try clean(["a": "[[Trump]] and [[peace talks]].\n"])
        #expect(state.warnings == after.diagnostics.sortedForReport())
        #expect(
            state.warnings.map(\.message) == [
                "actor 'Pete Hegseth' is never mentioned, quoted or named as an affiliation"
            ])
    }

    @Test func aChangedArticleKeepsItsOwnStatementIdsButClashesWithAnothers() throws {
        let before = try clean(["a": Self.quote + "[[Trump]].\n", "b": "[[Hegseth]] spoke.\n"])
        var state = state(before)
        // Its own quote, written again: not a clash with itself.
        var again = state
        _ = try again.apply(
            .articles([change("a", Self.quote + "[[Trump]] again.\n")]), previousStatements: previous(before, "a")
        ).get()
        // Another article's quote, copied: the clean build's error.
        let result = state.apply(.articles([change("b", Self.quote)]), previousStatements: previous(before, "b"))
        guard case .failure(let failure) = result else {
            Issue.record("a duplicate id was accepted")
            return
        }
        let cleanErrors = try clean(["a": Self.quote + "[[Trump]].\n", "b": Self.quote]).errors
        #expect(failure.diagnostics == cleanErrors.sortedForReport())
        #expect(failure.diagnostics.first?.message.hasPrefix("two quotes or claims have the id") == true)
    }

    @Test func warningsOfAChangedFileReplaceItsOldOnes() throws {
        let noAbout = "Hegseth said [“later”]{.quote by=Hegseth}.\n[[Trump]] and [[peace talks]].\n"
        let before = try clean(["a": noAbout])
        var state = state(before)
        #expect(state.warnings.map(\.message) == ["quote has no about=, so no topic page shows it"])
        _ = try state.apply(
            .articles([change("a", Self.quote + "[[Trump]].\n")]), previousStatements: previous(before, "a")
        ).get()
        #expect(state.warnings.isEmpty, "\(state.warnings)")
        #expect(state.articleWarnings.isEmpty)
    }

    @Test func aFailedChangeReportsEveryFilesWarningsAsACleanBuildDoes() throws {
        let noAbout = "Hegseth said [“later”]{.quote by=Hegseth}.\n[[Trump]] and [[peace talks]].\n"
        let before = try clean(["a": noAbout, "b": "[[Hegseth]] spoke.\n"])
        var state = state(before)
        let broken = "[[Nobody Known]] spoke.\n"
        let result = state.apply(.articles([change("b", broken)]), previousStatements: previous(before, "b"))
        guard case .failure(let failure) = result else {
            Issue.record("an unknown name was accepted")
            return
        }
        let cleanBuild = try clean(["a": noAbout, "b": broken])
        #expect(failure.diagnostics == cleanBuild.diagnostics.sortedForReport())
        #expect(failure.diagnostics.map(\.severity) == [.error, .warning])
    }
}
