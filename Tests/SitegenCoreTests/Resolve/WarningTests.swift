import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenCore

/// What is legal but probably a mistake: reported as warnings, which fail a
/// build only with `strict`.
@Suite("Resolver warnings")
struct WarningTests {
    /// Two actors and a topic that the article mentions, plus `extra` files.
    private func warnings(_ body: String, extra: [String: String] = [:]) throws -> [Diagnostic] {
        var files: [String: String] = [
            "site.yml": "title: Warnings\n",
            "actors/pete-hegseth.md": TestContent.actor(name: "Pete Hegseth", aliases: ["Hegseth"]),
            "actors/donald-trump.md": TestContent.actor(name: "Donald Trump", aliases: ["Trump"]),
            "topics/peace-talks.md": TestContent.topic(title: "Peace negotiations", aliases: ["peace talks"]),
            "articles/a.md": TestContent.article(body: body),
        ]
        files.merge(extra) { _, new in new }
        let pipeline = try TestContent.pipeline(files)
        #expect(pipeline.errors.isEmpty, "unexpected errors: \(pipeline.errors)")
        return pipeline.diagnostics.filter { $0.severity == .warning }
    }

    private let everyoneMentioned = "[[Hegseth]] met [[Trump]] to discuss [[peace talks]].\n"

    @Test func contentWhereEverythingIsUsedHasNoWarnings() throws {
        #expect(try warnings(everyoneMentioned).isEmpty)
    }

    @Test func anActorNothingMentions() throws {
        let found = try warnings(
            everyoneMentioned, extra: ["actors/mark-rutte.md": TestContent.actor(name: "Mark Rutte")])
        #expect(found.count == 1, "\(found)")
        let warning = try #require(found.first)
        #expect(warning.message == "actor 'Mark Rutte' is never mentioned, quoted or named as an affiliation")
        #expect(warning.location == SitegenBase.SourceLocation(file: "actors/mark-rutte.md", line: 1, column: 1))
        #expect(warning.notes.first?.contains("[[Mark Rutte]]") == true)
    }

    @Test func anActorMentionedOnlyInItsOwnBioStillWarns() throws {
        let found = try warnings(
            everyoneMentioned,
            extra: ["actors/mark-rutte.md": TestContent.actor(name: "Mark Rutte", body: "[[Mark Rutte]] leads NATO.\n")]
        )
        #expect(found.map(\.location?.file) == ["actors/mark-rutte.md"], "\(found)")
    }

    @Test(arguments: [
        "Rutte said [“more”]{.quote by=rutte about=peace-talks}.\n",
        "Rutte [wants more]{.claim by=rutte about=peace-talks}.\n",
        "[[Rutte]] spoke.\n",
    ])
    func anActorQuotedOrMentionedAnywhereDoesNotWarn(_ sentence: String) throws {
        let found = try warnings(
            everyoneMentioned + "\n" + sentence,
            extra: ["actors/mark-rutte.md": TestContent.actor(name: "Mark Rutte", aliases: ["Rutte"])])
        #expect(found.isEmpty, "\(found)")
    }

    @Test func anActorNamedOnlyAsAnAffiliationDoesNotWarn() throws {
        let found = try warnings(
            everyoneMentioned,
            extra: [
                "actors/pete-hegseth.md": TestContent.actor(
                    name: "Pete Hegseth", affiliation: "united-states", aliases: ["Hegseth"]),
                "actors/united-states.md": TestContent.actor(name: "United States", kind: "country"),
            ])
        #expect(found.isEmpty, "\(found)")
    }

    @Test func aTopicNothingMentions() throws {
        let found = try warnings(
            everyoneMentioned, extra: ["topics/defence-spending.md": TestContent.topic(title: "Defence spending")])
        #expect(found.count == 1, "\(found)")
        let warning = try #require(found.first)
        #expect(warning.message == "topic 'Defence spending' is never mentioned or named in about=")
        #expect(warning.location == SitegenBase.SourceLocation(file: "topics/defence-spending.md", line: 1, column: 1))
        #expect(warning.notes.first?.contains("about=defence-spending") == true)
    }

    @Test func aTopicNamedOnlyInAboutDoesNotWarn() throws {
        let found = try warnings(
            everyoneMentioned + "\n[“pay up”]{.quote by=hegseth about=defence-spending}\n",
            extra: ["topics/defence-spending.md": TestContent.topic(title: "Defence spending")])
        #expect(found.isEmpty, "\(found)")
    }

    @Test func anAliasThatIsAnotherEntitysName() throws {
        let text = "---\nname: Donald Trump\nkind: person\naliases: [Trump, Pete Hegseth]\n---\n"
        let found = try warnings(everyoneMentioned + "\n[[donald-trump]]\n", extra: ["actors/donald-trump.md": text])
        #expect(found.count == 1, "\(found)")
        let warning = try #require(found.first)
        #expect(warning.message.contains("alias 'Pete Hegseth' is also a name of actor 'Pete Hegseth'"), "\(warning)")
        #expect(
            warning.location
                == SitegenBase.SourceLocation(
                    file: "actors/donald-trump.md", line: 4,
                    column: try #require(TestContent.position(of: "Pete", in: text)).column))
        #expect(warning.length == "Pete Hegseth".count)
        #expect(warning.notes.first?.contains("[[actor:donald-trump]]") == true, "\(warning)")
    }

    @Test func aTopicAliasThatIsAnActorsAlias() throws {
        let found = try warnings(
            "[[Hegseth]] met [[donald-trump]] to discuss [[topic:peace-talks]].\n",
            extra: ["topics/peace-talks.md": TestContent.topic(title: "Peace negotiations", aliases: ["Trump"])])
        #expect(
            found.contains {
                $0.location?.file == "topics/peace-talks.md"
                    && $0.message.contains("alias 'Trump' is also a name of actor 'Donald Trump'")
            }, "\(found)")
        #expect(found.allSatisfy { $0.message.hasPrefix("alias 'Trump'") }, "\(found)")
    }

    @Test func aQuoteWithNoAbout() throws {
        let body = everyoneMentioned + "\nHe said [“not a betrayal”]{.quote by=hegseth}.\n"
        let found = try warnings(body)
        #expect(found.count == 1, "\(found)")
        let warning = try #require(found.first)
        #expect(warning.message == "quote has no about=, so no topic page shows it")
        let position = try #require(TestContent.position(of: "[“not", in: body))
        #expect(
            warning.location
                == SitegenBase.SourceLocation(
                    file: "articles/a.md", line: position.line + TestContent.articleBodyFirstLine - 1,
                    column: position.column))
        #expect(warning.length == "[“not a betrayal”]{.quote by=hegseth}".count)
    }

    @Test func aClaimWithNoAboutDoesNotWarn() throws {
        #expect(try warnings(everyoneMentioned + "\nHe [ruled it out]{.claim by=hegseth}.\n").isEmpty)
    }

    @Test func theSeedContentHasNoWarnings() throws {
        let builder = SiteBuilder(
            options: .init(
                content: TestContent.seedContent, templates: TestContent.seedTemplates,
                output: URL(fileURLWithPath: "/nonexistent/never-written"), strict: true))
        switch builder.check() {
        case .success(let result):
            #expect(result.warnings.isEmpty, "\(result.warnings.map(\.description).joined(separator: "\n"))")
        case .failure(let failure):
            Issue.record(
                "the seed content fails a strict check:\n\(failure.diagnostics.map(\.description).joined(separator: "\n"))"
            )
        }
    }

    @Test func warningsPassABuildButFailAStrictOne() throws {
        let files = RealBuild.content([
            "articles/a.md": TestContent.article(body: "Only [[Hegseth]].\n")
        ])
        let relaxed = try RealBuild.build(files, raw: true)
        #expect(relaxed.succeeded, "\(relaxed.report)")
        #expect(!relaxed.warnings.isEmpty)
        #expect(relaxed.warnings.allSatisfy { $0.severity == .warning })

        let strict = try RealBuild.build(files, raw: true, strict: true)
        #expect(!strict.succeeded)
        #expect(!strict.outputExists)
        #expect(strict.errors.isEmpty, "warnings stay warnings: \(strict.report)")
        #expect(strict.warnings.count == relaxed.warnings.count)
    }
}
