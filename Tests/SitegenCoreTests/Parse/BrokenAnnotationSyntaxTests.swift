import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenLoad
@testable import SitegenParse

/// Annotation markup that forms nothing is an error at the broken part,
/// never text on a page (issue 12); brackets that are plainly prose stay legal.
@Suite("AnnotationParser: broken annotation syntax")
struct BrokenAnnotationSyntaxTests {
    private static let file = "articles/test.md"

    /// Parses `markdown` as a body starting on file line 5.
    private func parse(_ markdown: String) -> ParsedDocument {
        AnnotationParser().parse(DocumentBody(file: Self.file, markdown: markdown, firstLine: 5))
    }

    @Test(arguments: BrokenAnnotations.cases)
    func eachCaseIsOneErrorAtTheBrokenPart(_ broken: BrokenAnnotations.Case) throws {
        let markdown = "Intro line.\n\n" + broken.markdown + "\n"
        let document = parse(markdown)
        #expect(document.diagnostics.count == 1, "\(document.diagnostics)")
        let error = try #require(document.diagnostics.first)
        let position = try #require(TestContent.position(of: broken.at, in: markdown))
        #expect(error.severity == .error)
        #expect(
            error.location
                == SitegenBase.SourceLocation(
                    file: Self.file, line: position.line + 4, column: position.column + broken.shift), "\(error)")
        #expect(error.length == broken.length, "\(error)")
        #expect(error.message.contains(broken.message), "\(error)")
        #expect(error.notes.contains { $0.contains(broken.fix) }, "\(error)")
    }

    @Test func anImageDescriptionIsCheckedLikeALinksText() throws {
        let document = parse("A ![map of [[Ukraine]]](map.png) here.")
        #expect(
            document.diagnostics.map(\.message) == ["'[[' would be published as written: it forms no annotation here"])
        #expect(document.diagnostics.first?.location?.column == 12)
    }

    @Test func aLinksTextMayHoldPlainBrackets() {
        let document = parse("See [the [1] list](https://example.org) and <https://a.b/[[x]]>.")
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
    }

    @Test func proseBracketsInsideAQuoteStayPartOfIt() throws {
        let document = parse("Then [He said [sic] that [1] holds]{.quote by=x} and [a]{.claim by=y}.")
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        #expect(document.annotations.map(\.text) == ["He said [sic] that [1] holds", "a"])
    }

    @Test func escapedLinkBracketsBesideAQuoteStayText() {
        let document = parse("Write \\[[Name]] for a link; [“so”]{.quote by=x}.")
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        #expect(document.annotations.count == 1)
    }

    @Test func aBrokenSpanIsReportedOnceNotAgainByTheLastCheck() throws {
        // The invalid span stays as text holding `{.quote`; its own error covers it.
        let document = parse("He said [no]{.quote by=x who=x} today.")
        #expect(document.diagnostics.count == 1, "\(document.diagnostics)")
        #expect(document.diagnostics.first?.message.contains("'who='") == true)
    }

    @Test func aLongRunOfBracketsIsOneError() {
        let document = parse(String(repeating: "[", count: 5000) + "x")
        #expect(document.diagnostics.count == 1, "\(document.diagnostics.prefix(3))")
    }

    @Test func everyBrokenPartOfAParagraphIsReported() {
        let document = parse("[[Hegseth] said [“no”] {.quote by=x} and Trump]] left.")
        #expect(document.diagnostics.count == 3, "\(document.diagnostics)")
    }
}
