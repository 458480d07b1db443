import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenLoad
@testable import SitegenResolve

@Suite("Resolver")
struct ResolverTests {
    /// Resolves the cast plus one article `articles/a.md` with `body`.
    private func resolve(_ body: String, extra: [String: String] = [:]) throws -> TestContent.Pipeline {
        var files = TestContent.cast
        files["articles/a.md"] = TestContent.article(body: body)
        files.merge(extra) { _, new in new }
        return try TestContent.pipeline(files)
    }

    private func statements(_ pipeline: TestContent.Pipeline, article: Int = 0) -> [ResolvedStatement] {
        pipeline.resolved.articleBodies[article].references.compactMap { reference in
            if case .statement(let statement)? = reference { return statement }
            return nil
        }
    }

    /// File location of `needle` in an article body line (first body line is file line 5).
    private func location(of needle: String, in body: String, offset: Int = 0) throws -> SitegenBase.SourceLocation {
        let position = try #require(TestContent.position(of: needle, in: body))
        return SitegenBase.SourceLocation(
            file: "articles/a.md", line: position.line + TestContent.articleBodyFirstLine - 1,
            column: position.column + offset)
    }

    @Test func validContentResolvesWithoutDiagnostics() throws {
        let body =
            "[[Hegseth]] met [[Trump]] about [[peace talks]]: [“not a betrayal”]{.quote by=hegseth about=peace-talks}.\n"
        let pipeline = try resolve(body)
        #expect(pipeline.errors.isEmpty, "\(pipeline.diagnostics)")
        let references = pipeline.resolved.articleBodies[0].references
        #expect(references.count == 4)
        #expect(references[0] == .entity(.actor("pete-hegseth")))
        #expect(references[1] == .entity(.actor("donald-trump")))
        #expect(references[2] == .entity(.topic("peace-talks")))
        let statement = try #require(statements(pipeline).first)
        #expect(statement.speaker == "pete-hegseth")
        #expect(statement.topics == ["peace-talks"])
        #expect(statement.kind == .quote)
    }

    @Test func byNamingATopicIsAnError() throws {
        let body = "He said [“no”]{.quote by=peace-talks}.\n"
        let pipeline = try resolve(body)
        let error = try #require(pipeline.resolved.diagnostics.errors.first)
        #expect(error.message.contains("must name an actor"))
        #expect(error.message.contains("peace-talks"))
        let expectedLocation = try location(of: "by=peace-talks", in: body, offset: 3)
        #expect(error.location == expectedLocation)
        #expect(statements(pipeline).isEmpty)
    }

    @Test func aboutNamingAnActorIsAnError() throws {
        let body = "He said [“no”]{.quote by=hegseth about=trump}.\n"
        let pipeline = try resolve(body)
        let error = try #require(pipeline.resolved.diagnostics.errors.first)
        #expect(error.message.contains("about="))
        #expect(error.message.contains("trump"))
        #expect(error.message.contains("actor"))
        let expectedLocation = try location(of: "about=trump", in: body, offset: 6)
        #expect(error.location == expectedLocation)
    }

    @Test func unknownTargetHasADidYouMeanNote() throws {
        let body = "First line.\n\nThen [[Hegset]] spoke.\n"
        let pipeline = try resolve(body)
        let error = try #require(pipeline.resolved.diagnostics.errors.first)
        #expect(error.message.contains("unknown"))
        #expect(error.message.contains("Hegset"))
        let expectedLocation = try location(of: "[[Hegset]]", in: body)
        #expect(error.location == expectedLocation)
        #expect(error.location?.line == 7)
        let note = try #require(error.notes.first)
        #expect(note.contains("did you mean"))
        #expect(note.contains("Hegseth"))
        #expect(pipeline.resolved.articleBodies[0].references == [nil])
    }

    @Test func unknownSpeakerIsAnError() throws {
        let pipeline = try resolve("[ruled it out]{.claim by=nobody}\n")
        let error = try #require(pipeline.resolved.diagnostics.errors.first)
        #expect(error.message.contains("unknown actor 'nobody'"))
    }

    @Test func unknownLinkInAnActorBodyNamesTheActorFile() throws {
        var files = TestContent.cast
        files["actors/x.md"] = TestContent.actor(name: "X", body: "Works with [[Nobodyy]].\n")
        let pipeline = try TestContent.pipeline(files)
        let error = try #require(pipeline.resolved.diagnostics.errors.first)
        #expect(error.location == SitegenBase.SourceLocation(file: "actors/x.md", line: 5, column: 12))
    }

    @Test func ambiguousTargetIsAnErrorAndAKindPrefixResolvesIt() throws {
        let extra = [
            "actors/georgia.md": TestContent.actor(name: "Georgia", kind: "country"),
            "topics/georgia-war.md": TestContent.topic(title: "Georgia"),
        ]
        let ambiguous = try resolve("In [[Georgia]] today.\n", extra: extra)
        let error = try #require(ambiguous.resolved.diagnostics.errors.first)
        #expect(error.message.contains("ambiguous"))
        #expect(error.notes.contains { $0.contains("[[actor:georgia]]") && $0.contains("[[topic:georgia-war]]") })

        let picked = try resolve("In [[actor:Georgia]] and [[topic:georgia]].\n", extra: extra)
        #expect(picked.errors.isEmpty, "\(picked.diagnostics)")
        #expect(
            picked.resolved.articleBodies[0].references == [.entity(.actor("georgia")), .entity(.topic("georgia-war"))])
    }

    @Test func explicitIDIsTheStatementID() throws {
        let pipeline = try resolve("[“not a betrayal”]{.quote by=hegseth #betrayal-denied}\n")
        #expect(pipeline.errors.isEmpty, "\(pipeline.diagnostics)")
        #expect(statements(pipeline).map(\.id) == [StatementID("betrayal-denied")])
    }

    @Test func derivedIDIsSpeakerSlugAndFirstWords() throws {
        let pipeline = try resolve(
            "[“Not a betrayal, at all: really truly honestly not”]{.quote by=\"Pete Hegseth\"} and [“okay”]{.quote by=trump}\n"
        )
        #expect(pipeline.errors.isEmpty, "\(pipeline.diagnostics)")
        #expect(
            statements(pipeline).map(\.id) == [
                StatementID("pete-hegseth-not-a-betrayal-at-all-really"), StatementID("donald-trump-okay"),
            ])
    }

    /// Quotes with no Latin letters or digits (Cyrillic, say) still get ids of
    /// their own: a short hash of the words.
    @Test func derivedIDOfNonLatinWordsIsAHashPerText() {
        let first = StatementID.derived(speaker: "vladimir-putin", words: "«Мы готовы к переговорам»")
        let second = StatementID.derived(speaker: "vladimir-putin", words: "«Это невозможно»")
        #expect(first != second)
        #expect(first.rawValue.hasPrefix("vladimir-putin-q"))
        #expect(Slug.isValid(first.rawValue))
        #expect(first == StatementID.derived(speaker: "vladimir-putin", words: "«Мы готовы к переговорам»"))
    }

    /// Ids are file names: a quote whose first word is 300 letters long gets
    /// an id of at most 80 bytes, still a valid slug.
    @Test func derivedIDsAreCappedForFileNames() {
        let id = StatementID.derived(speaker: "pete-hegseth", words: String(repeating: "a", count: 300) + " b c")
        #expect(id.rawValue.utf8.count <= 80)
        #expect(id.rawValue.hasPrefix("pete-hegseth-a"))
        #expect(Slug.isValid(id.rawValue))
        let words = StatementID.derived(speaker: "pete-hegseth", words: String(repeating: "word ", count: 40))
        #expect(words.rawValue.utf8.count <= 80)
        #expect(Slug.isValid(words.rawValue))
    }

    @Test func derivedIDIsStableWhenTheTextAroundItChanges() throws {
        let first = try resolve("[“Not a betrayal”]{.quote by=hegseth}\n")
        let second = try resolve(
            "A new opening paragraph.\n\n## A heading\n\nSome words first, then [[Trump]] and\n[“Not a betrayal”]{.quote by=Hegseth about=peace-talks} and more.\n"
        )
        #expect(first.errors.isEmpty && second.errors.isEmpty, "\(first.diagnostics) \(second.diagnostics)")
        let a = try #require(statements(first).first)
        let b = try #require(statements(second).first)
        #expect(a.id == b.id)
        #expect(a.id == StatementID("pete-hegseth-not-a-betrayal"))
    }

    @Test func twoQuotesWithTheSameDerivedIDAreAnError() throws {
        let body = "[“Not a betrayal”]{.quote by=hegseth}\n\nAgain: [“not a betrayal!”]{.quote by=\"Pete Hegseth\"}\n"
        let pipeline = try resolve(body)
        let errors = pipeline.resolved.diagnostics.errors
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.message.contains("pete-hegseth-not-a-betrayal"))
        let expectedLocation = try location(of: "[“not a betrayal!”]", in: body)
        #expect(error.location == expectedLocation)
        #expect(error.notes.contains { $0.contains("articles/a.md:5:1") })
    }

    @Test func twoQuotesWithTheSameExplicitIDAreAnError() throws {
        let body = "[“a”]{.quote by=hegseth #same}\n\n[“b”]{.quote by=trump #same}\n"
        let pipeline = try resolve(body)
        let error = try #require(pipeline.resolved.diagnostics.errors.first)
        #expect(error.message.contains("'same'"))
        #expect(error.location?.line == 7)
    }

    @Test func sameQuoteIDInTwoArticlesIsAnError() throws {
        var files = TestContent.cast
        files["articles/a.md"] = TestContent.article(body: "[“Not a betrayal”]{.quote by=hegseth}\n")
        files["articles/b.md"] = TestContent.article(body: "[“Not a betrayal”]{.quote by=hegseth}\n")
        let pipeline = try TestContent.pipeline(files)
        #expect(pipeline.resolved.diagnostics.errors.contains { $0.message.contains("pete-hegseth-not-a-betrayal") })
    }

    @Test func twoEntitiesWithTheSameSlugAreAnError() throws {
        let pipeline = try resolve(
            "Nothing.\n",
            extra: [
                "actors/georgia.md": TestContent.actor(name: "Georgia", kind: "country"),
                "topics/georgia.md": TestContent.topic(title: "War in Georgia"),
            ])
        let error = try #require(pipeline.resolved.diagnostics.errors.first { $0.message.contains("slug") })
        #expect(error.message.contains("'georgia'"))
        #expect(error.location?.file == "topics/georgia.md")
        #expect(error.notes.contains { $0.contains("actors/georgia.md") })
    }

    @Test func affiliationResolvesToAnActorSlug() throws {
        let pipeline = try resolve("Nothing.\n")
        #expect(pipeline.errors.isEmpty, "\(pipeline.diagnostics)")
        let actors = Dictionary(uniqueKeysWithValues: pipeline.resolved.actors.map { ($0.slug, $0) })
        // Written as the slug and as the display name.
        #expect(actors["pete-hegseth"]?.affiliation == "united-states")
        #expect(actors["donald-trump"]?.affiliation == "united-states")
        #expect(actors["vladimir-putin"]?.affiliation == nil)
    }

    @Test func unknownAffiliationIsAnError() throws {
        let pipeline = try resolve(
            "Nothing.\n", extra: ["actors/x.md": TestContent.actor(name: "X", affiliation: "Narnia")])
        let error = try #require(pipeline.resolved.diagnostics.errors.first)
        #expect(error.message.contains("Narnia"))
        #expect(error.message.contains("unknown"))
        #expect(error.location == SitegenBase.SourceLocation(file: "actors/x.md", line: 4, column: 1))
        #expect(pipeline.resolved.actors.first { $0.slug == "x" }?.affiliation == nil)
    }

    @Test func affiliationNamingATopicIsAnError() throws {
        let pipeline = try resolve(
            "Nothing.\n", extra: ["actors/x.md": TestContent.actor(name: "X", affiliation: "peace-talks")])
        let error = try #require(pipeline.resolved.diagnostics.errors.first)
        #expect(error.message.contains("must name an actor"))
    }

    @Test func selfAffiliationIsAnError() throws {
        let pipeline = try resolve("Nothing.\n", extra: ["actors/x.md": TestContent.actor(name: "X", affiliation: "x")])
        #expect(pipeline.resolved.diagnostics.errors.contains { $0.message.contains("itself") })
    }

    @Test func aboutAcceptsSeveralTopicsByAnyName() throws {
        let pipeline = try resolve(
            "[“robust”]{.quote by=hegseth about=\"peace talks, nato-future,Peace negotiations\"}\n")
        #expect(pipeline.errors.isEmpty, "\(pipeline.diagnostics)")
        #expect(statements(pipeline).first?.topics == ["peace-talks", "nato-future"])
    }

    // MARK: Broken files

    @Test func referencesToAnActorThatFailedToLoadAreNotErrorsOfTheirOwn() throws {
        let body = "[[Pete Hegseth]] and [[Hegseth]] said [“no”]{.quote by=hegseth about=peace-talks}.\n"
        let pipeline = try resolve(
            body,
            extra: [
                "actors/pete-hegseth.md": TestContent.actor(name: "Pete Hegseth", kind: "persn", aliases: ["Hegseth"]),
                "actors/aide.md": TestContent.actor(name: "An Aide", affiliation: "Pete Hegseth"),
            ])
        #expect(pipeline.errors.map(\.message) == ["unknown actor kind 'persn'"], "\(pipeline.errors)")
    }

    @Test func aQuoteAboutATopicThatFailedToLoadIsNotAQuoteWithoutAbout() throws {
        let pipeline = try resolve(
            "[[Hegseth]] said [“no”]{.quote by=hegseth about=peace-talks}.\n",
            extra: ["topics/peace-talks.md": "---\ntitle: 'Peace's talks'\n---\n"])
        #expect(pipeline.errors.map(\.location?.file) == ["topics/peace-talks.md"], "\(pipeline.errors)")
        #expect(!pipeline.diagnostics.contains { $0.message.contains("about=") }, "\(pipeline.diagnostics)")
    }

    @Test func neverMentionedIsKeptApartFromTheOtherWarnings() throws {
        let pipeline = try resolve("[[Hegseth]] spoke.\n")
        #expect(pipeline.resolved.unreferenced.contains { $0.location?.file == "actors/vladimir-putin.md" })
        #expect(!pipeline.resolved.diagnostics.contains { $0.message.contains("never mentioned") })
    }
}
