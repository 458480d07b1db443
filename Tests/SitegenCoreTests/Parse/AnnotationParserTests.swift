import Foundation
import Testing

@testable import SitegenBase
@testable import SitegenLoad
@testable import SitegenParse
@testable import SitegenPlan
@testable import SitegenRender
@testable import SitegenResolve

// Tests for `AnnotationParser`: entity links `[[…]]`, quote and claim spans
// `[…]{.quote by=…}`, where they are (not) recognised, the diagnostics they
// produce, and the anchors and contexts recorded for each annotation.

// MARK: - Helpers

private let testFile = "articles/test.md"

private func parse(_ markdown: String, firstLine: Int = 1) -> ParsedDocument {
    AnnotationParser().parse(DocumentBody(file: testFile, markdown: markdown, firstLine: firstLine))
}

/// The body as `sitegen render` prints it: no anchors, unresolved references.
private func render(_ document: ParsedDocument, options: CMark.RenderOptions = .init()) -> String {
    let resolved = ResolvedDocument(
        source: .article("test"), parsed: document,
        references: Array(repeating: nil, count: document.annotations.count))
    return BodyRenderer(graph: nil, options: options).render(
        resolved, on: OutputPath("articles/test.html")!, anchors: false)
}

/// HTML with each annotation shown as `<ann-N>…</ann-N>` (N indexes
/// `annotations`), without anchors: shows exactly what each annotation wraps.
private func tagged(_ document: ParsedDocument) -> String {
    CMark.renderHTML(BodyRenderer.removingAnchors(document.root)) { index in ("<ann-\(index)>", "</ann-\(index)>") }
}

private func entityLink(_ annotation: Annotation) -> EntityLinkSyntax? {
    if case .entityLink(let link) = annotation.kind { return link }
    return nil
}

private func span(_ annotation: Annotation) -> SpanSyntax? {
    if case .span(let span) = annotation.kind { return span }
    return nil
}

/// 1-based column, in characters, of the first `needle` in `line`.
private func column(of needle: String, in line: String) -> Int {
    guard let range = line.range(of: needle) else {
        Issue.record("'\(needle)' not in '\(line)'")
        return 0
    }
    return line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: range.lowerBound) + 1
}

private func location(line: Int, column: Int) -> SitegenBase.SourceLocation {
    SitegenBase.SourceLocation(file: testFile, line: line, column: column)
}

/// Anchors in document order.
private func anchors(in node: MarkdownNode) -> [String] {
    var result: [String] = []
    if case .anchor(let id) = node.kind { result.append(id) }
    for child in node.children { result += anchors(in: child) }
    return result
}

/// Parses on a separate thread and gives up after `seconds`, so a parser
/// that never returns fails the test instead of hanging the whole run.
private func parseWithTimeout(_ markdown: String, seconds: Double = 5) -> ParsedDocument? {
    final class Box: @unchecked Sendable {
        let lock = NSLock()
        var document: ParsedDocument?
    }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        let document = parse(markdown)
        box.lock.withLock { box.document = document }
        done.signal()
    }
    guard done.wait(timeout: .now() + seconds) == .success else { return nil }
    return box.lock.withLock { box.document }
}

// MARK: - Entity links

@Suite("AnnotationParser: entity links")
struct AnnotationParserEntityLinkTests {
    @Test func linkByName() throws {
        let document = parse("Today [[Pete Hegseth]] spoke.")
        #expect(document.diagnostics.isEmpty)
        let annotation = try #require(document.annotations.first)
        #expect(document.annotations.count == 1)
        #expect(entityLink(annotation) == EntityLinkSyntax(target: "Pete Hegseth", kind: nil))
        #expect(annotation.text == "Pete Hegseth")
        #expect(annotation.location == location(line: 1, column: 7))
        #expect(annotation.length == "[[Pete Hegseth]]".count)
        #expect(tagged(document) == "<p>Today <ann-0>Pete Hegseth</ann-0> spoke.</p>\n")
    }

    @Test func targetAndLabel() throws {
        let document = parse("Says [[pete-hegseth|the defence secretary]].")
        let annotation = try #require(document.annotations.first)
        #expect(entityLink(annotation) == EntityLinkSyntax(target: "pete-hegseth", kind: nil))
        #expect(annotation.text == "the defence secretary")
        // Only the label is shown; the target never reaches the page.
        #expect(tagged(document) == "<p>Says <ann-0>the defence secretary</ann-0>.</p>\n")
    }

    @Test(arguments: [("actor", EntityKind.actor), ("topic", EntityKind.topic)])
    func kindPrefixIsReadAndNotShown(prefix: String, kind: EntityKind) throws {
        let document = parse("In [[\(prefix):georgia]] today.")
        #expect(document.diagnostics.isEmpty)
        let annotation = try #require(document.annotations.first)
        #expect(entityLink(annotation) == EntityLinkSyntax(target: "georgia", kind: kind))
        #expect(annotation.text == "georgia")
        #expect(tagged(document) == "<p>In <ann-0>georgia</ann-0> today.</p>\n")
    }

    @Test func kindPrefixWithLabel() throws {
        let document = parse("[[topic:georgia|the country]]")
        let annotation = try #require(document.annotations.first)
        #expect(entityLink(annotation) == EntityLinkSyntax(target: "georgia", kind: .topic))
        #expect(annotation.text == "the country")
        #expect(tagged(document) == "<p><ann-0>the country</ann-0></p>\n")
    }

    @Test func otherColonsAreNotKindPrefixes() throws {
        let document = parse("[[Operation: Spiderweb]]")
        let annotation = try #require(document.annotations.first)
        #expect(entityLink(annotation) == EntityLinkSyntax(target: "Operation: Spiderweb", kind: nil))
        #expect(annotation.text == "Operation: Spiderweb")
    }

    @Test func whitespaceInTargetIsFolded() throws {
        let document = parse("[[  Pete \t  Hegseth ]] and [[pete-hegseth |  him]]")
        #expect(document.annotations.map { entityLink($0)?.target } == ["Pete Hegseth", "pete-hegseth"])
    }

    @Test func linkAcrossSoftLineBreak() throws {
        let document = parse("Then [[Pete\nHegseth]] spoke.")
        let annotation = try #require(document.annotations.first)
        #expect(entityLink(annotation)?.target == "Pete Hegseth")
        #expect(annotation.text == "Pete Hegseth")
        #expect(tagged(document) == "<p>Then <ann-0>Pete\nHegseth</ann-0> spoke.</p>\n")
    }

    @Test func linkDoesNotCrossParagraphs() {
        let markdown = "Then [[Pete\n\nHegseth]] spoke."
        let document = parse(markdown)
        #expect(document.annotations.isEmpty)
        #expect(render(document) == CMark.referenceHTML(markdown))
    }

    @Test func linksInEmphasisHeadingsListsAndQuotes() {
        let document = parse("# About [[NATO]]\n\n*see [[Hegseth]]*\n\n- **[[Kyiv]]**\n\n> [[Vance]]")
        #expect(document.diagnostics.isEmpty)
        #expect(document.annotations.map { entityLink($0)?.target } == ["NATO", "Hegseth", "Kyiv", "Vance"])
        #expect(
            tagged(document) == """
                <h1>About <ann-0>NATO</ann-0></h1>
                <p><em>see <ann-1>Hegseth</ann-1></em></p>
                <ul>
                <li><strong><ann-2>Kyiv</ann-2></strong></li>
                </ul>
                <blockquote>
                <p><ann-3>Vance</ann-3></p>
                </blockquote>

                """)
    }

    @Test func severalLinksOnOneLineHaveTheirOwnColumns() {
        let line = "[[a]] and “é” [[b|B]]"
        let document = parse(line)
        #expect(
            document.annotations.map(\.location) == [
                location(line: 1, column: 1), location(line: 1, column: column(of: "[[b", in: line)),
            ])
        #expect(document.annotations.map(\.length) == [5, 7])
    }

    @Test func entityLinkInsideSpan() throws {
        let document = parse("[[[Hegseth]]]{.quote by=x}")
        #expect(document.diagnostics.isEmpty)
        #expect(document.annotations.count == 2)
        let linkIndex = try #require(document.annotations.firstIndex { entityLink($0) != nil })
        let spanIndex = try #require(document.annotations.firstIndex { span($0) != nil })
        #expect(entityLink(document.annotations[linkIndex])?.target == "Hegseth")
        #expect(document.annotations[linkIndex].location == location(line: 1, column: 2))
        let quote = try #require(span(document.annotations[spanIndex]))
        #expect(quote.spanClass == .quote)
        #expect(quote.by.value == "x")
        #expect(document.annotations[spanIndex].text == "Hegseth")
        #expect(document.annotations[spanIndex].location == location(line: 1, column: 1))
        #expect(
            tagged(document)
                == "<p><ann-\(spanIndex)><ann-\(linkIndex)>Hegseth</ann-\(linkIndex)></ann-\(spanIndex)></p>\n")
    }
}

// MARK: - Quote and claim spans

@Suite("AnnotationParser: quote and claim spans")
struct AnnotationParserSpanTests {
    @Test func quoteWithSpeakerAndTopic() throws {
        let line = "He said it was [“not a betrayal”]{.quote by=hegseth about=peace-talks} of Ukraine."
        let document = parse(line)
        #expect(document.diagnostics.isEmpty)
        let annotation = try #require(document.annotations.first)
        let quote = try #require(span(annotation))
        #expect(quote.spanClass == .quote)
        #expect(quote.by == Located("hegseth", at: location(line: 1, column: column(of: "hegseth", in: line))))
        #expect(
            quote.about == [Located("peace-talks", at: location(line: 1, column: column(of: "peace-talks", in: line)))])
        #expect(quote.explicitID == nil)
        #expect(annotation.text == "“not a betrayal”")
        #expect(annotation.location == location(line: 1, column: column(of: "[", in: line)))
        #expect(annotation.length == "[“not a betrayal”]{.quote by=hegseth about=peace-talks}".count)
        #expect(tagged(document) == "<p>He said it was <ann-0>“not a betrayal”</ann-0> of Ukraine.</p>\n")
    }

    @Test func claimWithSeveralTopics() throws {
        let line = "[ruled out US troops]{.claim by=hegseth about=peacekeeping,ukraine-war}"
        let document = parse(line)
        #expect(document.diagnostics.isEmpty)
        let claim = try #require(document.annotations.first.flatMap(span))
        #expect(claim.spanClass == .claim)
        #expect(claim.about.map(\.value) == ["peacekeeping", "ukraine-war"])
        #expect(
            claim.about.map(\.location.column) == [
                column(of: "peacekeeping", in: line), column(of: "ukraine-war", in: line),
            ])
        #expect(document.annotations.first?.text == "ruled out US troops")
    }

    @Test func quotedValueWithSpaces() throws {
        let line = "[words]{.quote by=\"Pete Hegseth\"}"
        let claim = try #require(parse(line).annotations.first.flatMap(span))
        #expect(claim.by.value == "Pete Hegseth")
        let quoteColumn = column(of: "\"Pete", in: line)
        #expect([quoteColumn, quoteColumn + 1].contains(claim.by.location.column))
    }

    @Test func curlyQuotedValue() throws {
        let document = parse("[words]{.quote by=“Pete Hegseth” about=talks}")
        #expect(document.diagnostics.isEmpty)
        let quote = try #require(document.annotations.first.flatMap(span))
        #expect(quote.by.value == "Pete Hegseth")
        #expect(quote.about.map(\.value) == ["talks"])
    }

    @Test func attributesInAnyOrder() throws {
        let quote = try #require(parse("[w]{by=hegseth #my-id about=t .quote}").annotations.first.flatMap(span))
        #expect(quote.spanClass == .quote)
        #expect(quote.by.value == "hegseth")
        #expect(quote.explicitID?.value == "my-id")
    }

    @Test func explicitID() throws {
        let line = "[words]{.quote #my-id by=hegseth}"
        let quote = try #require(parse(line).annotations.first.flatMap(span))
        #expect(quote.explicitID?.value == "my-id")
        #expect(quote.explicitID?.location == location(line: 1, column: column(of: "#my-id", in: line)))
    }

    @Test func spanContainingEmphasis() throws {
        let document = parse("[*so* said]{.claim by=x}")
        #expect(document.diagnostics.isEmpty)
        #expect(document.annotations.first?.text == "so said")
        #expect(tagged(document) == "<p><ann-0><em>so</em> said</ann-0></p>\n")
    }

    @Test func spanContainingEntityLink() throws {
        let document = parse("Hegseth repeated [the [[Kremlin]] line]{.claim by=hegseth}.")
        #expect(document.diagnostics.isEmpty)
        let linkIndex = try #require(document.annotations.firstIndex { entityLink($0) != nil })
        let spanIndex = try #require(document.annotations.firstIndex { span($0) != nil })
        #expect(document.annotations[spanIndex].text == "the Kremlin line")
        #expect(entityLink(document.annotations[linkIndex])?.target == "Kremlin")
        #expect(
            tagged(document)
                == "<p>Hegseth repeated <ann-\(spanIndex)>the <ann-\(linkIndex)>Kremlin</ann-\(linkIndex)> line</ann-\(spanIndex)>.</p>\n"
        )
    }

    @Test func nestedSpans() throws {
        let document = parse("[a [b]{.claim by=y} c]{.quote by=x}")
        #expect(document.diagnostics.isEmpty)
        let inner = try #require(document.annotations.firstIndex { span($0)?.spanClass == .claim })
        let outer = try #require(document.annotations.firstIndex { span($0)?.spanClass == .quote })
        #expect(document.annotations[inner].text == "b")
        #expect(document.annotations[outer].text == "a b c")
        #expect(span(document.annotations[inner])?.by.value == "y")
        #expect(span(document.annotations[outer])?.by.value == "x")
        #expect(tagged(document) == "<p><ann-\(outer)>a <ann-\(inner)>b</ann-\(inner)> c</ann-\(outer)></p>\n")
    }

    @Test func bracketsInsideSpanStayAsWritten() throws {
        let document = parse("[“He [sic] said”]{.quote by=x}")
        #expect(document.diagnostics.isEmpty)
        #expect(document.annotations.count == 1)
        #expect(document.annotations.first?.text == "“He [sic] said”")
        #expect(tagged(document) == "<p><ann-0>“He [sic] said”</ann-0></p>\n")
    }

    @Test func spanAcrossSoftLineBreak() throws {
        let document = parse("[not a\nbetrayal]{.quote\nby=x}")
        #expect(document.diagnostics.isEmpty)
        #expect(document.annotations.first?.text == "not a betrayal")
        #expect(span(try #require(document.annotations.first))?.by.value == "x")
        #expect(tagged(document) == "<p><ann-0>not a\nbetrayal</ann-0></p>\n")
    }

    @Test func lengthOfMultiLineAnnotationsCountsSourceCharacters() throws {
        // `length` is "characters from the opening bracket to the closing one";
        // an entity link across a line break counts the break as one character,
        // and a span must do the same (never a negative or truncated length).
        let link = try #require(parse("Leading words here [[Pete\nHegseth]]").annotations.first)
        #expect(link.length == "[[Pete\nHegseth]]".count)
        let quote = try #require(parse("Leading words here [not a\nbetrayal]{.quote by=x}").annotations.first)
        #expect(quote.length == "[not a\nbetrayal]{.quote by=x}".count)
    }

    @Test func escapedBracketInsideSpanIsText() throws {
        let document = parse("[a \\] b]{.quote by=x}")
        #expect(document.diagnostics.isEmpty)
        #expect(document.annotations.first?.text == "a ] b")
    }

    @Test func invalidSpanKeepsTheAuthorsText() {
        let markdown = "He said [no]{.qoute by=x} today."
        let document = parse(markdown)
        #expect(document.annotations.isEmpty)
        #expect(!document.diagnostics.isEmpty)
        #expect(render(document) == CMark.referenceHTML(markdown))
    }
}

// MARK: - Where annotations are not recognised

@Suite("AnnotationParser: text that is not an annotation")
struct AnnotationParserNotAnnotationTests {
    static let inputs: [String] = [
        // code spans and blocks
        "`[[x]]` and ``[a]{.quote by=b}``",
        "```\n[[x]]\n[a]{.quote by=b}\n```",
        "~~~ [[info]]\n[[x]]\n~~~",
        "    [[x]]\n    [a]{.quote by=b}",
        // autolinks and raw HTML
        "<https://a.b/[[x]]>",
        "<https://a.b/[x]{.quote>",
        "a <span title=\"[[x]]\">t</span> b",
        "a <span title=\"[w]{.quote by=x}\">t</span> b",
        "<div>\n[[x]]\n[a]{.quote by=b}\n</div>",
        // a real link between brackets
        "[x]: /u\n\n[[x]]",
        // escaped or entity-encoded brackets
        "\\[\\[x\\]\\]",
        "\\[x\\]{.quote by=y}",
        "[x\\]{.quote by=y}",
        "&#91;&#91;x&#93;&#93;",
        "&#91;x&#93;{.quote by=y}",
        "AT&amp;T \\[\\[x\\]\\]",
        "a &#38; \\[x\\]{.quote by=y}",
        // brackets in prose, braces without attributes
        "[x]",
        "He [sic] said [1] that [the minister] left. A lone ] or [ too.",
        "\\[[not a link]] stays",
        "[a]{b}",
        "[a]{ }",
        "[x\\]{.quote by=b} and \\{.claim by=b}",
        "a {by}=x and {x=1}",
        "as reported [1].The minister [sic].",
    ]

    @Test(arguments: inputs)
    func nothingRecognised(markdown: String) {
        let document = parse(markdown)
        #expect(document.annotations.isEmpty)
        #expect(document.diagnostics.isEmpty)
        #expect(render(document) == CMark.referenceHTML(markdown))
        let unsafe = CMark.RenderOptions(unsafe: true)
        #expect(render(document, options: unsafe) == CMark.referenceHTML(markdown, options: unsafe))
    }

    @Test func autolinkIsAnActualLink() {
        // The case above only means something if cmark really makes a link.
        #expect(CMark.referenceHTML("<https://a.b/[[x]]>").contains("<a href="))
    }

    @Test func annotationNextToCodeSpanStillWorks() {
        let document = parse("`[[x]]` then [[y]]")
        #expect(document.annotations.map { entityLink($0)?.target } == ["y"])
        #expect(tagged(document) == "<p><code>[[x]]</code> then <ann-0>y</ann-0></p>\n")
    }
}

// MARK: - Diagnostics

@Suite("AnnotationParser: diagnostics")
struct AnnotationParserDiagnosticTests {
    /// The body starts on line 5 of the file (after front matter).
    static let firstLine = 5

    /// Parses `markdown` (body starting at line 5) and returns its only diagnostic.
    private func onlyDiagnostic(_ markdown: String) throws -> Diagnostic {
        let document = parse(markdown, firstLine: Self.firstLine)
        #expect(document.diagnostics.count == 1, "\(document.diagnostics)")
        #expect(document.annotations.filter { span($0) != nil }.isEmpty)
        let diagnostic = try #require(document.diagnostics.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location?.file == testFile)
        return diagnostic
    }

    @Test func unknownClassSuggestsQuote() throws {
        let line = "“é [words]{.qoute by=hegseth}"
        let diagnostic = try onlyDiagnostic("Intro line.\n" + line)
        #expect(diagnostic.message.contains("unknown annotation class '.qoute'"))
        #expect(diagnostic.notes.contains("did you mean '.quote'?"))
        // Line 2 of the body is line 6 of the file; column counts characters, not UTF-8 bytes.
        #expect(diagnostic.location == location(line: 6, column: column(of: ".qoute", in: line)))
        #expect(diagnostic.location?.column == 12)  // “ é space [ w o r d s ] { .
        #expect(diagnostic.description.hasPrefix("\(testFile):6:12: error: unknown annotation class '.qoute'"))
    }

    @Test(arguments: [
        "> “é [w]{.qoute by=x}",
        "1. **é** [w]{.qoute by=x}",
        "- “a”\n  “é [w]{.qoute by=x}",
        "*“é”* [w]{.qoute by=x}",
    ])
    func columnsCountCharactersInContainers(markdown: String) throws {
        let diagnostic = try onlyDiagnostic(markdown)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lineIndex = try #require(lines.firstIndex { $0.contains(".qoute") })
        #expect(
            diagnostic.location
                == location(line: Self.firstLine + lineIndex, column: column(of: ".qoute", in: lines[lineIndex])))
    }

    @Test func columnAfterAnAmpersandEntity() throws {
        let line = "&amp; “é [w]{.qoute by=x}"
        let diagnostic = try onlyDiagnostic(line)
        #expect(diagnostic.location == location(line: 5, column: column(of: ".qoute", in: line)))
    }

    @Test func unknownAttribute() throws {
        let line = "[w]{.quote by=x who=y}"
        let diagnostic = try onlyDiagnostic(line)
        #expect(diagnostic.message.contains("unknown annotation attribute 'who='"))
        #expect(diagnostic.location == location(line: 5, column: column(of: "who=", in: line)))
    }

    @Test func misspelledAttributeSuggestsTheRightOne() throws {
        let diagnostic = try onlyDiagnostic("[w]{.quote by=x abuot=t}")
        #expect(diagnostic.message.contains("'abuot='"))
        #expect(diagnostic.notes.contains("did you mean 'about='?"))
    }

    @Test(arguments: [("[w]{.quote about=t}", "quote"), ("[w]{.claim}", "claim")])
    func missingSpeaker(markdown: String, kind: String) throws {
        let diagnostic = try onlyDiagnostic("A line.\n\nHe said " + markdown)
        #expect(diagnostic.message == "\(kind) has no speaker")
        #expect(diagnostic.location == location(line: 7, column: 9))
        #expect(diagnostic.length == markdown.count)
    }

    @Test func emptySpeaker() throws {
        let document = parse("[w]{.quote by=}", firstLine: 5)
        #expect(document.annotations.isEmpty)
        #expect(document.diagnostics.contains { $0.message.contains("'by=' is empty") })
    }

    @Test func twoClasses() throws {
        let line = "[w]{.quote .claim by=x}"
        let diagnostic = try onlyDiagnostic(line)
        #expect(diagnostic.message.contains("not both"))
        #expect(diagnostic.location == location(line: 5, column: column(of: ".claim", in: line)))
    }

    @Test func noClassAtAll() throws {
        let diagnostic = try onlyDiagnostic("[w]{by=x}")
        #expect(diagnostic.message.contains("no class"))
        #expect(diagnostic.location == location(line: 5, column: 1))
    }

    @Test func invalidExplicitID() throws {
        let line = "[w]{.quote by=x #Bad_ID}"
        let diagnostic = try onlyDiagnostic(line)
        #expect(diagnostic.message.contains("'#Bad_ID' is not a valid id"))
        #expect(diagnostic.location == location(line: 5, column: column(of: "#Bad_ID", in: line)))
        #expect(diagnostic.notes.contains { $0.contains("#bad-id") })
    }

    @Test func attributesWithoutOpeningBracket() throws {
        let line = "He said no]{.quote by=x} today."
        let document = parse("Intro.\n\n" + line, firstLine: 5)
        #expect(document.annotations.isEmpty)
        let diagnostic = try #require(document.diagnostics.first)
        #expect(document.diagnostics.count == 1)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("no matching '['"))
        #expect(diagnostic.location == location(line: 7, column: column(of: "]", in: line)))
        // The text stays as written.
        #expect(render(document) == CMark.referenceHTML("Intro.\n\n" + line))
    }

    @Test func emptyAbout() throws {
        let line = "[w]{.quote by=x about=}"
        let diagnostic = try onlyDiagnostic(line)
        #expect(diagnostic.message.contains("'about=' is empty"))
        #expect(diagnostic.location == location(line: 5, column: column(of: "about=", in: line)))
    }

    @Test func annotationLocationsAreShiftedByFirstLine() {
        let document = parse("a\n\nb [[x]]\n\n> [w]{.quote by=y}", firstLine: 5)
        #expect(document.diagnostics.isEmpty)
        #expect(document.annotations.map(\.location) == [location(line: 7, column: 3), location(line: 9, column: 3)])
    }

    @Test func everySpanErrorIsReported() {
        // One span with several problems: each is reported, none is dropped.
        let document = parse("[w]{.qoute who=x #Bad}", firstLine: 5)
        let messages = document.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("'.qoute'") })
        #expect(messages.contains { $0.contains("'who='") })
        #expect(messages.contains { $0.contains("'#Bad'") })
        #expect(document.annotations.isEmpty)
    }
}

// MARK: - Anchors and contexts

@Suite("AnnotationParser: anchors and contexts")
struct AnnotationParserAnchorTests {
    @Test func paragraphsAndHeadingsGetAnchorsInDocumentOrder() {
        let markdown = """
            # The Title

            First [[a]].

            Second.

            ## Second part: “Kyiv”

            - item one
            - item [[b]]

            > quoted [[c]]

            ```
            code is not a paragraph
            ```
            """
        let document = parse(markdown)
        #expect(anchors(in: document.root) == ["the-title", "p-1", "p-2", "second-part-kyiv", "p-3", "p-4", "p-5"])
        #expect(document.annotations.map(\.blockAnchor) == ["p-1", "p-4", "p-5"])
    }

    @Test func anchorsBecomeIDsWhenRendered() {
        let document = parse("# Title\n\nText [[a]].\n\n- tight item\n")
        let html = CMark.renderHTML(document.root)
        #expect(
            html
                == "<h1 id=\"title\">Title</h1>\n<p id=\"p-1\">Text a.</p>\n<ul>\n<li id=\"p-2\">tight item</li>\n</ul>\n"
        )
    }

    @Test func repeatedHeadingsGetDistinctAnchors() {
        let document = parse("## Intro\n\n## Intro\n\n## [[Intro]]")
        let ids = anchors(in: document.root)
        #expect(ids.count == 3)
        #expect(Set(ids).count == 3)
        #expect(ids.first == "intro")
        #expect(document.annotations.first?.blockAnchor == ids.last)
    }

    @Test(arguments: ["Q&A", "P-values"])
    func headingSlugsThatLookLikeParagraphOrQuoteIDs(heading: String) throws {
        // Paragraph and quote ids are p-N and q-…; a heading must not take
        // one, and the parser must still finish.
        let document = try #require(
            parseWithTimeout("# \(heading)\n\nText [[x]]."),
            "parsing a document with heading '\(heading)' did not finish")
        let ids = anchors(in: document.root)
        #expect(ids.count == 2)
        #expect(ids.last == "p-1")
        let headingID = try #require(ids.first)
        #expect(!headingID.isEmpty)
        #expect(!headingID.hasPrefix("p-") && !headingID.hasPrefix("q-"))
    }

    @Test func blockAnchorOfHeadingAnnotation() {
        let document = parse("Intro.\n\n## About [[NATO]]\n\nText [[x]].")
        #expect(document.annotations.map(\.blockAnchor) == ["about-nato", "p-2"])
    }

    @Test func contextIsTheSentenceAroundTheMention() throws {
        let document = parse(
            "First sentence here. The U.S. envoy met [[Pete Hegseth]] in Kyiv on Monday. Then he left!\n\nNext paragraph."
        )
        let context = try #require(document.annotations.first?.context)
        #expect(
            context == MentionContext(before: "The U.S. envoy met ", text: "Pete Hegseth", after: " in Kyiv on Monday.")
        )
    }

    @Test func contextOfAQuote() throws {
        let document = parse(
            "He spoke. Hegseth said [“it is not a betrayal”]{.quote by=hegseth} to reporters. They left.")
        let context = try #require(document.annotations.first?.context)
        #expect(
            context == MentionContext(before: "Hegseth said ", text: "“it is not a betrayal”", after: " to reporters."))
    }

    @Test func contextUsesTheReadersTextAcrossMarkupAndLines() throws {
        let document = parse("Intro? Yes.\nThe *defence* chief [[pete-hegseth|Hegseth]] said\nthat `code` works. Done.")
        let context = try #require(document.annotations.first?.context)
        #expect(
            context == MentionContext(before: "The defence chief ", text: "Hegseth", after: " said that code works."))
    }

    @Test func contextStaysInsideItsParagraph() throws {
        let document = parse("Before without end\n\n[[x]] middle\n\nafter without end")
        #expect(document.annotations.first?.context == MentionContext(before: "", text: "x", after: " middle"))
    }

    @Test func contextsOfNestedAnnotations() throws {
        let document = parse("Earlier. He said [the [[Kremlin]] line]{.claim by=hegseth} again. Later.")
        let link = try #require(document.annotations.first { entityLink($0) != nil })
        let claim = try #require(document.annotations.first { span($0) != nil })
        #expect(link.context == MentionContext(before: "He said the ", text: "Kremlin", after: " line again."))
        #expect(claim.context == MentionContext(before: "He said ", text: "the Kremlin line", after: " again."))
    }
}
