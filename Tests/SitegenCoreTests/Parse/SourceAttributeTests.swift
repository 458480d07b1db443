import Testing

@testable import SitegenBase
@testable import SitegenLoad
@testable import SitegenParse

// `source=N` and `source=https://…` on quotes and claims: where the words
// first appeared, one of the article's `sources:` or an address.

private let file = "articles/test.md"
private let firstLine = 5
private let twoSources = [
    CitedSource(title: "Interview", publisher: "The Guardian", date: ContentDate(iso: "2025-02-11")),
    CitedSource(title: "Briefing", url: "https://www.nato.int/b"),
]

private func parse(_ markdown: String, sources: [CitedSource]? = twoSources) -> ParsedDocument {
    AnnotationParser().parse(DocumentBody(file: file, markdown: markdown, firstLine: firstLine), sources: sources)
}

private func origin(_ document: ParsedDocument) -> CitedSource? {
    document.annotations.compactMap { if case .span(let span) = $0.kind { span.origin } else { nil } }.first
}

@Suite("AnnotationParser: source=")
struct SourceAttributeTests {
    @Test func aNumberNamesTheArticlesSource() throws {
        let document = parse("He said [“no”]{.quote by=hegseth source=2}.")
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        #expect(origin(document) == twoSources[1])
        let claim = parse("He [ruled it out]{.claim by=hegseth source=1}.")
        #expect(origin(claim) == twoSources[0])
    }

    @Test func anAddressIsASourceOfItsOwn() throws {
        let document = parse("He said [“no”]{.quote by=hegseth source=https://www.example.org/a?b=1}.")
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        #expect(origin(document) == CitedSource(title: "example.org", url: "https://www.example.org/a?b=1"))
        // Actors' and topics' bodies have no sources, but may give an address.
        #expect(origin(parse("[“no”]{.quote by=x source=https://a.org/}", sources: nil))?.url == "https://a.org/")
    }

    @Test func aNumberBeyondTheSourcesIsAnErrorAtTheValue() throws {
        let line = "He said [“no”]{.quote by=hegseth source=7}."
        let error = try #require(parse(line).diagnostics.first)
        #expect(error.severity == .error)
        #expect(error.message == "'source=7', but the article lists 2 sources")
        #expect(error.location == SitegenBase.SourceLocation(file: file, line: firstLine, column: 41))
        #expect(error.notes == ["use a number from 1 to 2, or add the source to 'sources:'"])
        let none = try #require(parse(line, sources: []).diagnostics.first)
        #expect(none.message == "'source=7', but the article lists no sources")
    }

    @Test func otherValuesAreErrors() throws {
        #expect(
            parse("[“no”]{.quote by=x source=guardian}").diagnostics.first?.message
                == "'source=' is neither a source's number nor a web address: 'guardian'")
        #expect(
            parse("[“no”]{.quote by=x source=0}").diagnostics.first?.message
                == "'source=' is neither a source's number nor a web address: '0'")
        #expect(
            parse("[“no”]{.quote by=x source=1}", sources: nil).diagnostics.first?.message
                == "'source=1' names a numbered source, but only articles list sources")
        #expect(
            parse("[“no”]{.quote by=x source=1 source=2}").diagnostics.first?.message == "'source=' is given twice")
        let event = try #require(parse("[it]{.event source=1}").diagnostics.first)
        #expect(event.message == "unknown annotation attribute 'source='")
    }
}
