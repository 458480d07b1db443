import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenCore
@testable import SitegenLoad
@testable import SitegenSuggest

/// `suggest --apply`: what it writes, backs up and skips, and that the
/// result still checks.
@Suite("Suggest: applying")
struct SuggestionApplierTests {
    static let body = """
        “We are invested in peace,” Hegseth said on Thursday.

        “Nobody here can say who wrote these words, really.”

        “We are losing this fight,” said Sherry Rehman.

        """

    /// `root/Content` with the test cast and `articles/a.md` holding `body`.
    private func content(in root: URL, extra: [String: String] = [:]) throws -> URL {
        let folder = root.appendingPathComponent("Content")
        var files = TestContent.cast.merging(extra) { _, new in new }
        files["articles/a.md"] = TestContent.article(body: Self.body)
        try TestContent.write(files, into: folder)
        return folder
    }

    private func suggestions(_ folder: URL, newActors: Bool = true) throws -> [Suggestion] {
        let loaded = ContentLoader().load(from: folder).content
        let article = try #require(loaded.articles.first { $0.slug == "a" })
        return Suggester(content: loaded, options: .init(newActors: newActors)).suggest(article.body)
    }

    private func checks(_ folder: URL) -> Bool {
        let options = SiteBuilder.Options(
            content: folder, templates: TestContent.seedTemplates, output: folder.appendingPathComponent("../public"))
        if case .failure(let failure) = SiteBuilder(options: options).check() {
            Issue.record("does not check: \(failure.diagnostics)")
            return false
        }
        return true
    }

    @Test func writesMediumAndUpBacksUpTheOriginalAndTheResultChecks() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root)
            let file = folder.appendingPathComponent("articles/a.md")
            let original = try Data(contentsOf: file)
            let found = try suggestions(folder)
            #expect(found.contains { $0.kind == .quote && $0.confidence == .low }, "the unattributed quote is low")
            let outcome = SuggestionApplier(content: folder).apply(
                found, to: file, name: "articles/a.md", writeActors: true, now: Date(timeIntervalSince1970: 0))
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.contains("[“We are invested in peace,”]{.quote by=pete-hegseth} [[Hegseth]] said"), "\(text)")
            #expect(
                text.contains("[“We are losing this fight,”]{.quote by=sherry-rehman} said Sherry Rehman"), "\(text)")
            #expect(text.contains("\n“Nobody here can say who wrote these words, really.”\n"), "low stays as it was")
            #expect(outcome.actorFiles == ["actors/sherry-rehman.md"])
            let stub = try String(contentsOf: folder.appendingPathComponent("actors/sherry-rehman.md"), encoding: .utf8)
            #expect(stub.contains("name: \"Sherry Rehman\"") && stub.contains("kind: person"), "\(stub)")
            let backup = root.appendingPathComponent(".sitegen-backup/19700101-000000/articles/a.md")
            #expect(try Data(contentsOf: backup) == original)
            #expect(outcome.backup?.standardizedFileURL.path == backup.standardizedFileURL.path)
            #expect(checks(folder))
            try SuggestionApplier(content: folder).restore(outcome, file: file)
            #expect(try Data(contentsOf: file) == original)
            #expect(
                !FileManager.default.fileExists(atPath: folder.appendingPathComponent("actors/sherry-rehman.md").path))
        }
    }

    @Test func aFileOutsideTheContentIsBackedUpByItsOwnName() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root)
            let draft = root.appendingPathComponent("draft.md")
            try Data(Self.body.utf8).write(to: draft)
            let loaded = ContentLoader().load(from: folder).content
            let found = Suggester(content: loaded).suggest(DocumentBody(file: "../draft.md", markdown: Self.body))
            let outcome = SuggestionApplier(content: folder).apply(
                found, to: draft, name: "../draft.md", writeActors: false, now: Date(timeIntervalSince1970: 0))
            let backup = root.appendingPathComponent(".sitegen-backup/19700101-000000/draft.md")
            #expect(try Data(contentsOf: backup) == Data(Self.body.utf8))
            #expect(outcome.applied.contains { $0.kind == .quote })
        }
    }

    @Test func withoutNewActorsQuotesOfNewSpeakersAreSkippedAndSayWhy() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root)
            let file = folder.appendingPathComponent("articles/a.md")
            let outcome = SuggestionApplier(content: folder).apply(
                try suggestions(folder, newActors: false), to: file, name: "articles/a.md", writeActors: false)
            let skip = try #require(
                outcome.skipped.first { $0.suggestion.by == "sherry-rehman" && $0.suggestion.kind == .quote })
            #expect(
                skip.reason == "'sherry-rehman' is not an actor yet: add --new-actors, or write actors/sherry-rehman.md"
            )
            #expect(outcome.actorFiles.isEmpty)
            #expect(checks(folder))
        }
    }

    @Test func aChangeSinceTheProposalIsSkippedWithTheReason() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root)
            let file = folder.appendingPathComponent("articles/a.md")
            let found = try suggestions(folder)
            // The author edits the first quote after the proposals were made.
            let edited = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
                of: "“We are invested in peace,”", with: "“We are all invested in peace,”")
            try Data(edited.utf8).write(to: file)
            let outcome = SuggestionApplier(content: folder).apply(
                found, to: file, name: "articles/a.md", writeActors: true)
            let skip = try #require(outcome.skipped.first { $0.suggestion.text == "“We are invested in peace,”" })
            #expect(
                skip.reason.hasPrefix("the file does not read '“We are invested in peace,”' at 5:1"), "\(skip.reason)")
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.contains("“We are all invested in peace,” Hegseth"), "left as the author wrote it")
            #expect(text.contains("[“We are losing this fight,”]{.quote by=sherry-rehman}"), "the rest is applied")
        }
    }

    @Test func aStubNeverOverwritesAFile() throws {
        try TestContent.withTemporaryDirectory { root in
            let folder = try content(in: root)
            let file = folder.appendingPathComponent("articles/a.md")
            let found = try suggestions(folder)
            #expect(found.contains { $0.kind == .actor && $0.target == "sherry-rehman" })
            // Someone writes the actor's file after the proposals were made.
            let existing = TestContent.actor(name: "Sherry Rehman", body: "Written by hand.\n")
            try TestContent.write(["actors/sherry-rehman.md": existing], into: folder)
            let outcome = SuggestionApplier(content: folder).apply(
                found, to: file, name: "articles/a.md", writeActors: true)
            #expect(outcome.actorFiles.isEmpty)
            let skip = try #require(outcome.skipped.first { $0.suggestion.kind == .actor })
            #expect(skip.reason.contains("Sherry Rehman"), "\(skip.reason)")
            let kept = try String(contentsOf: folder.appendingPathComponent("actors/sherry-rehman.md"), encoding: .utf8)
            #expect(kept == existing)
            // The quote by her is written: she is an actor now.
            #expect(try String(contentsOf: file, encoding: .utf8).contains("{.quote by=sherry-rehman}"))
            #expect(checks(folder))
        }
    }
}
