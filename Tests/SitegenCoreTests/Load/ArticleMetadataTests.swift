import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenLoad

// An article's bylines, sources, updated date and corrections, read from its
// front matter; every mistake an error at its line that says how to fix it.

@Suite("Article metadata: authors, sources, updated, corrections")
struct ArticleMetadataTests {
    private func load(_ frontMatter: String) throws -> ContentLoader.Output {
        let article = "---\ntitle: A\ndate: 2025-02-13\n" + frontMatter + "---\nText.\n"
        return try TestContent.withContentFolder(["site.yml": "title: T\n", "articles/a.md": article]) {
            ContentLoader(includeDrafts: false).load(from: $0)
        }
    }

    private func error(_ frontMatter: String) throws -> Diagnostic {
        let output = try load(frontMatter)
        #expect(output.content.articles.isEmpty, "an article with an error is not built")
        return try #require(output.diagnostics.errors.first, "no error for \(frontMatter)")
    }

    @Test func readsEveryField() throws {
        let output = try load(
            """
            authors: [Jane Doe, pete-hegseth]
            sources:
              - {title: "Interview with Zelenskyy", publisher: The Guardian, date: 2025-02-11}
              - title: NATO press conference
                url: https://www.nato.int/cps/en/natohq/opinions.htm
            updated: 2025-02-14
            corrections:
              - {date: 2025-02-15, text: "An earlier version misspelt Pistorius."}

            """)
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics)")
        let article = try #require(output.content.articles.first)
        #expect(article.authors == ["Jane Doe", "pete-hegseth"])
        #expect(article.sources.count == 2)
        #expect(article.sources[0].title == "Interview with Zelenskyy")
        #expect(article.sources[0].publisher == "The Guardian")
        #expect(article.sources[0].date?.iso == "2025-02-11")
        #expect(article.sources[0].url == nil)
        #expect(article.sources[1].url == "https://www.nato.int/cps/en/natohq/opinions.htm")
        #expect(article.updated?.iso == "2025-02-14")
        #expect(
            article.corrections == [
                Correction(date: ContentDate(iso: "2025-02-15")!, text: "An earlier version misspelt Pistorius.")
            ])
        // The newest of updated and the corrections.
        #expect(article.modified?.iso == "2025-02-15")
        // Known keys are not handed to templates as unknown front matter.
        #expect(article.extra.isEmpty)
    }

    @Test func oneAuthorMayBeWrittenAlone() throws {
        let article = try #require(try load("authors: Jane Doe\n").content.articles.first)
        #expect(article.authors == ["Jane Doe"])
        #expect(article.modified == nil)
    }

    @Test func aSourceWithoutATitleIsAnError() throws {
        let found = try error("sources:\n  - {url: https://example.org/a}\n")
        #expect(found.message == "source 1 has no title")
        #expect(found.location?.line == 5)
        #expect(found.notes.first?.contains("title") == true)
    }

    @Test func aSourceURLMustBeAbsolute() throws {
        let found = try error("sources:\n  - {title: A, url: www.example.org/a}\n")
        #expect(found.message == "source 1's url 'www.example.org/a' is not an absolute http(s) address")
        let script = try error("sources:\n  - {title: A, url: \"javascript:alert(1)\"}\n")
        #expect(script.message.contains("is not an absolute http(s) address"))
    }

    @Test func anUnknownKeyInASourceIsAnErrorWithASuggestion() throws {
        let found = try error("sources:\n  - {title: A, publsher: B}\n")
        #expect(found.message == "unknown key 'publsher' in item 1 of 'sources'")
        #expect(found.notes.first == "did you mean 'publisher'?")
    }

    @Test func sourcesMustBeAListOfMappings() throws {
        #expect(try error("sources: The Guardian\n").message == "'sources' must be a list, not a text value")
        #expect(
            try error("sources: [The Guardian]\n").message
                == "item 1 of 'sources' must be a mapping, not a text value")
    }

    @Test func aCorrectionNeedsADateAndText() throws {
        let noDate = try error("corrections:\n  - {text: Fixed a name.}\n")
        #expect(noDate.message == "correction 1 has no date")
        #expect(noDate.location?.line == 5)
        #expect(try error("corrections:\n  - {date: 2025-02-14}\n").message == "correction 1 has no text")
        #expect(
            try error("corrections:\n  - {date: 14 February, text: x}\n").message
                == "correction 1's date is not a date: '14 February'")
        #expect(
            try error("corrections:\n  - {date: 2025-02-01, text: x}\n").message
                == "correction 1 is dated 2025-02-01, before the article's date 2025-02-13")
    }

    @Test func updatedMustBeADateAfterPublication() throws {
        let found = try error("updated: last week\n")
        #expect(found.message == "'updated' is not a date: 'last week'")
        #expect(found.location?.line == 4)
        #expect(found.notes == ["write an ISO 8601 date such as 'updated: 2025-02-14'"])
        #expect(
            try error("updated: 2025-01-01\n").message
                == "'updated' is 2025-01-01, before the article's date 2025-02-13")
    }
}
