import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenLoad
@testable import SitegenResolve

/// `stance=` names topics the way `about=` does, and must stay within it;
/// events resolve `by=` and `about=` and need a date outside articles.
@Suite("Resolver: stances and events")
struct StanceResolutionTests {
    private func resolve(_ body: String, extra: [String: String] = [:]) throws -> TestContent.Pipeline {
        var files = TestContent.cast
        files["articles/a.md"] = TestContent.article(body: body)
        files.merge(extra) { _, new in new }
        return try TestContent.pipeline(files)
    }

    private func statement(_ pipeline: TestContent.Pipeline) -> ResolvedStatement? {
        pipeline.resolved.articleBodies[0].references.lazy.compactMap { reference in
            if case .statement(let statement)? = reference { return statement }
            return nil
        }.first
    }

    private func location(of needle: String, in body: String) throws -> SitegenBase.SourceLocation {
        let position = try #require(TestContent.position(of: needle, in: body))
        return SitegenBase.SourceLocation(
            file: "articles/a.md", line: position.line + TestContent.articleBodyFirstLine - 1, column: position.column)
    }

    @Test func oneStanceAppliesToEveryTopic() throws {
        let pipeline = try resolve(
            "[w]{.claim by=hegseth about=peace-talks,nato-future stance=against date=2025-02-12}\n")
        #expect(pipeline.errors.isEmpty, "\(pipeline.diagnostics)")
        let resolved = try #require(statement(pipeline))
        #expect(resolved.stances == ["peace-talks": .against, "nato-future": .against])
        #expect(resolved.date == ContentDate(iso: "2025-02-12"))
    }

    @Test func stanceTopicsAreNamedAsInAbout() throws {
        // By alias in quotes, by title, by slug: each resolves to the topic.
        let pipeline = try resolve(
            "[w]{.claim by=hegseth about=\"peace talks,nato-future\" stance=\"negotiated peace:for,The future of NATO:mixed\"}\n"
        )
        #expect(pipeline.errors.isEmpty, "\(pipeline.diagnostics)")
        #expect(statement(pipeline)?.stances == ["peace-talks": .for, "nato-future": .mixed])
        #expect(statement(pipeline)?.date == nil, "no date= leaves the article's date to the linker")
    }

    @Test func aStanceTowardATopicNotInAboutIsAnError() throws {
        let body = "[w]{.claim by=hegseth about=peace-talks stance=nato-future:for}\n"
        let pipeline = try resolve(body)
        let error = try #require(pipeline.errors.first)
        #expect(pipeline.errors.count == 1)
        #expect(error.message == "stance= names 'nato-future', which is not in about=")
        #expect(error.location == (try location(of: "nato-future:for", in: body)))
        #expect(error.notes.contains { $0.contains("add nato-future to about=") })
    }

    @Test func anUnknownStanceTopicSuggestsTheNearest() throws {
        let body = "[w]{.claim by=hegseth about=peace-talks stance=peace-tlaks:for}\n"
        let error = try #require(try resolve(body).errors.first)
        #expect(error.message == "unknown topic 'peace-tlaks'")
        #expect(error.notes.first?.contains("peace-talks") == true)
    }

    @Test func aTopicMisspelledInAboutIsReportedOnce() throws {
        let pipeline = try resolve("[w]{.claim by=hegseth about=peace-tlaks stance=peace-tlaks:for}\n")
        #expect(pipeline.errors.count == 1, "\(pipeline.errors)")
    }

    @Test func twoStancesTowardOneTopicAreAnError() throws {
        let body = "[w]{.claim by=hegseth about=peace-talks stance=\"peace-talks:for,peace talks:against\"}\n"
        let error = try #require(try resolve(body).errors.first)
        #expect(error.message == "stance= gives a stance toward 'peace talks' twice")
    }

    @Test func eventsResolveTheirActorsAndTopics() throws {
        let pipeline = try resolve("[[[Trump]] called]{.event by=putin,hegseth about=\"peace talks\"}\n")
        #expect(pipeline.errors.isEmpty, "\(pipeline.diagnostics)")
        let event = pipeline.resolved.articleBodies[0].references.compactMap { reference -> ResolvedEvent? in
            if case .event(let event)? = reference { return event }
            return nil
        }.first
        #expect(event == ResolvedEvent(date: nil, actors: ["vladimir-putin", "pete-hegseth"], topics: ["peace-talks"]))
    }

    @Test func anUnknownEventActorIsAnErrorWithASuggestion() throws {
        let body = "[it happened]{.event by=Putn}\n"
        let error = try #require(try resolve(body).errors.first)
        #expect(error.message == "unknown actor 'Putn'")
        #expect(error.location == (try location(of: "Putn", in: body)))
    }

    @Test func anEventOutsideAnArticleNeedsADate() throws {
        let topic = TestContent.topic(title: "The future of NATO", body: "\n[The summit met]{.event}.\n")
        let pipeline = try resolve("About [[The future of NATO]].\n", extra: ["topics/nato-future.md": topic])
        let error = try #require(pipeline.errors.first)
        #expect(error.message == "an event outside an article needs date=")
        #expect(error.location?.file == "topics/nato-future.md")
        let dated = TestContent.topic(
            title: "The future of NATO", body: "\n[The summit met]{.event date=2025-06-24}.\n")
        #expect(try resolve("About [[The future of NATO]].\n", extra: ["topics/nato-future.md": dated]).errors.isEmpty)
    }

    @Test func eventActorsAndTopicsCountAsReferenced() throws {
        // Vladimir Putin is named only by the event's by=: no "never mentioned" warning.
        let pipeline = try resolve(
            "[[Hegseth]] and [[Trump]] on [[peace talks]] and [[The future of NATO]] in the [[US]].\n\n[It happened]{.event by=putin}\n"
        )
        #expect(!pipeline.diagnostics.contains { $0.message.contains("'Vladimir Putin' is never mentioned") })
    }
}
