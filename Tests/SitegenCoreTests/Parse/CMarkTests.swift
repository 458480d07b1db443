import Foundation
import Testing

@testable import SitegenBase
@testable import SitegenLoad
@testable import SitegenParse
@testable import SitegenPlan
@testable import SitegenRender
@testable import SitegenResolve

// Tests for `CMark`, the wrapper around libcmark: the Swift tree must carry
// everything cmark needs to render the same HTML, and a body without
// annotations must come out of sitegen byte-identical to cmark.

// MARK: - CommonMark spec examples

/// One example of the CommonMark spec: Markdown and the HTML it stands for.
private struct SpecExample: Sendable, Decodable, CustomStringConvertible {
    var number: Int
    /// Line of the example's opening fence in the spec's own text.
    var line: Int
    var markdown: String
    var html: String

    var description: String { "example \(number) (spec line \(line))" }

    private enum CodingKeys: String, CodingKey {
        case number = "example", line = "start_line", markdown, html
    }
}

/// The 652 examples of CommonMark 0.30 as JSON, from Debian's
/// `golang-github-yuin-goldmark-dev` (which `make test` installs): the same
/// examples as the spec's text, with tabs already in place of "→". The tests
/// read nothing outside the repository but this system file.
private enum CommonMarkSpec {
    static let debianPath = "/usr/share/gocode/src/github.com/yuin/goldmark/_test/spec.json"

    /// `$COMMONMARK_SPEC_JSON` when set, else Debian's copy.
    static var path: String {
        ProcessInfo.processInfo.environment["COMMONMARK_SPEC_JSON"].flatMap { $0.isEmpty ? nil : $0 } ?? debianPath
    }

    /// Reads every example; fails the calling test (never skips) when the
    /// file is missing or does not decode.
    static func examples(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [SpecExample] {
        let data = try #require(
            FileManager.default.contents(atPath: path),
            """
            CommonMark spec examples not found at \(path). Install them with \
            `apt-get install golang-github-yuin-goldmark-dev` (`make test` does), \
            or point COMMONMARK_SPEC_JSON at a spec.json of CommonMark 0.30.
            """,
            sourceLocation: sourceLocation)
        return try JSONDecoder().decode([SpecExample].self, from: data)
    }
}

/// Compares `actual` and `expected` for each example and records at most
/// `limit` failures in full, then how many there were.
private func expectAllEqual(
    _ examples: [SpecExample], limit: Int = 10, what: String,
    _ produce: (SpecExample) -> (actual: String, expected: String),
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    var failures = 0
    for example in examples {
        let (actual, expected) = produce(example)
        guard actual != expected else { continue }
        failures += 1
        if failures <= limit {
            Issue.record(
                """
                \(what) differs for \(example)
                markdown: \(example.markdown.debugDescription)
                expected: \(expected.debugDescription)
                actual:   \(actual.debugDescription)
                """, sourceLocation: sourceLocation)
        }
    }
    #expect(failures == 0, "\(failures) of \(examples.count) examples differ", sourceLocation: sourceLocation)
}

@Suite("CMark: CommonMark spec round trip")
struct CMarkSpecTests {
    @Test func specFileHasAllExamples() throws {
        let examples = try CommonMarkSpec.examples()
        #expect(examples.count == 652)  // CommonMark 0.30
        // Spot-check the splitting: example 1 is a tab-indented code block.
        #expect(examples.first?.markdown == "\tfoo\tbaz\t\tbim\n")
        #expect(examples.first?.html == "<pre><code>foo\tbaz\t\tbim\n</code></pre>\n")
    }

    @Test func cmarkItselfPassesTheSpec() throws {
        // Guards the comparisons below against a broken spec reader or
        // libcmark: cmark 0.30 renders every example as the spec says once raw
        // HTML is allowed (safe mode replaces it with a comment).
        let examples = try CommonMarkSpec.examples()
        let unsafe = CMark.RenderOptions(unsafe: true)
        let passing = examples.filter { CMark.referenceHTML($0.markdown, options: unsafe) == $0.html }
        #expect(passing.count >= 600, "only \(passing.count) of \(examples.count) examples match the spec's HTML")
    }

    @Test func swiftTreeRendersLikeCmarkForEveryExample() throws {
        let examples = try CommonMarkSpec.examples()
        #expect(examples.count >= 600, "checked \(examples.count) examples")
        expectAllEqual(examples, what: "CMark.renderHTML(CMark.parse(md))") { example in
            (CMark.renderHTML(CMark.parse(example.markdown)), CMark.referenceHTML(example.markdown))
        }
    }

    @Test func swiftTreeRendersLikeCmarkInUnsafeMode() throws {
        let examples = try CommonMarkSpec.examples()
        let unsafe = CMark.RenderOptions(unsafe: true)
        expectAllEqual(examples, what: "unsafe CMark.renderHTML(CMark.parse(md))") { example in
            (
                CMark.renderHTML(CMark.parse(example.markdown), options: unsafe),
                CMark.referenceHTML(example.markdown, options: unsafe)
            )
        }
    }

    /// The product's contract: a document without annotations renders
    /// byte-identically to cmark, through the whole parse and render path.
    @Test func documentsWithoutAnnotationsRenderExactlyAsCmark() throws {
        let examples = try CommonMarkSpec.examples().filter {
            !$0.markdown.contains("[[") && !$0.markdown.contains("]{")
        }
        #expect(examples.count >= 600, "checked \(examples.count) examples")
        let renderer = BodyRenderer(graph: nil, options: .init())
        let page = try #require(OutputPath("articles/x.html"))
        expectAllEqual(examples, what: "AnnotationParser + BodyRenderer") { example in
            let document = AnnotationParser().parse(DocumentBody(file: "articles/x.md", markdown: example.markdown))
            let resolved = ResolvedDocument(
                source: .article("x"), parsed: document,
                references: Array(repeating: nil, count: document.annotations.count))
            return (renderer.render(resolved, on: page, anchors: false), CMark.referenceHTML(example.markdown))
        }
    }

    @Test func specExamplesWithoutAnnotationSyntaxYieldNoAnnotations() throws {
        // `]]` outside code is annotation syntax too: it must close a `[[`.
        let examples = try CommonMarkSpec.examples().filter {
            !$0.markdown.contains("[[") && !$0.markdown.contains("]]") && !$0.markdown.contains("]{")
        }
        var offenders: [String] = []
        for example in examples {
            let document = AnnotationParser().parse(DocumentBody(file: "x.md", markdown: example.markdown))
            if !document.annotations.isEmpty || !document.diagnostics.isEmpty { offenders.append(example.description) }
        }
        #expect(offenders.isEmpty, "annotations or diagnostics found in \(offenders)")
    }

    @Test func specExamplesWithBracketsDoNotCrashOrLoseText() throws {
        // Examples that do contain "[[" or "]{" may form annotations, but
        // parsing must finish and every diagnostic must point into the body.
        let examples = try CommonMarkSpec.examples().filter { $0.markdown.contains("[[") || $0.markdown.contains("]{") }
        #expect(!examples.isEmpty)
        for example in examples {
            let document = AnnotationParser().parse(DocumentBody(file: "x.md", markdown: example.markdown))
            let lineCount = example.markdown.split(separator: "\n", omittingEmptySubsequences: false).count
            for diagnostic in document.diagnostics {
                let line = diagnostic.location?.line ?? 0
                #expect((1...lineCount).contains(line), "\(example): \(diagnostic)")
            }
        }
    }
}

// MARK: - Tree and positions

@Suite("CMark: Swift tree")
struct CMarkTreeTests {
    @Test func blockStructure() {
        let root = CMark.parse("# Title\n\n- a\n- b\n\n1) one\n\n> quote\n\n---\n\n```swift\nlet x\n```\n")
        #expect(root.kind == .document)
        #expect(
            root.children.map(\.kind) == [
                .heading(level: 1),
                .list(.bullet, tight: true),
                .list(.ordered(start: 1, parenthesis: true), tight: true),
                .blockQuote,
                .thematicBreak,
                .codeBlock(info: "swift", literal: "let x\n"),
            ])
    }

    @Test func inlineStructure() {
        let root = CMark.parse("a *b* **c** `d` [e](/u \"t\") ![f](/i)\\\nnext")
        let paragraph = root.children[0]
        #expect(paragraph.kind == .paragraph)
        let kinds = paragraph.children.map(\.kind)
        #expect(kinds.contains(.emphasis))
        #expect(kinds.contains(.strong))
        #expect(kinds.contains(.code("d")))
        #expect(kinds.contains(.link(destination: "/u", title: "t")))
        #expect(kinds.contains(.image(source: "/i", title: "")))
        #expect(kinds.contains(.lineBreak))
        #expect(paragraph.plainText == "a b c d e  next")
    }

    @Test func positionsCountCharactersNotBytes() throws {
        let root = CMark.parse("first\n\n“é” *x* and **y**\n")
        let paragraph = root.children[1]
        #expect(paragraph.start == SourcePosition(line: 3, column: 1))
        let emphasis = try #require(paragraph.children.first { $0.kind == .emphasis })
        let strong = try #require(paragraph.children.first { $0.kind == .strong })
        #expect(emphasis.start == SourcePosition(line: 3, column: 5))
        #expect(strong.start == SourcePosition(line: 3, column: 13))
    }

    @Test func positionsInsideContainers() throws {
        let root = CMark.parse("> “é” *x*\n")
        let paragraph = try #require(root.children.first?.children.first)
        let emphasis = try #require(paragraph.children.first { $0.kind == .emphasis })
        #expect(emphasis.start == SourcePosition(line: 1, column: 7))
    }

    @Test func emptyDocument() {
        #expect(CMark.parse("").children.isEmpty)
        #expect(CMark.renderHTML(CMark.parse("")) == CMark.referenceHTML(""))
    }

    @Test func referenceHTMLIsCmark() {
        #expect(CMark.referenceHTML("Hello *world*") == "<p>Hello <em>world</em></p>\n")
    }
}

// MARK: - Rendering: anchors and annotation tags

@Suite("CMark: rendering sitegen nodes")
struct CMarkRenderTests {
    @Test func anchorBecomesIDOfItsBlock() {
        let document = MarkdownNode(
            .document,
            children: [
                MarkdownNode(
                    .heading(level: 2), children: [MarkdownNode(.anchor("intro")), MarkdownNode(.text("Intro"))]),
                MarkdownNode(.paragraph, children: [MarkdownNode(.anchor("p-1")), MarkdownNode(.text("Text"))]),
            ])
        #expect(CMark.renderHTML(document) == "<h2 id=\"intro\">Intro</h2>\n<p id=\"p-1\">Text</p>\n")
    }

    @Test func anchorMarkersNotAfterAnOpeningTagAreDropped() {
        #expect(CMark.moveAnchorsIntoTags("<li><!--sitegen-anchor:p-1-->x</li>") == "<li id=\"p-1\">x</li>")
        #expect(CMark.moveAnchorsIntoTags("<p>a <!--sitegen-anchor:p-2-->b</p>") == "<p>a b</p>")
        #expect(CMark.moveAnchorsIntoTags("<a href=\"u\"><!--sitegen-anchor:p-3-->b</a>") == "<a href=\"u\">b</a>")
    }

    /// Text between markers is copied in runs: what is around them, and
    /// markers at either end, must come out as before.
    @Test func anchorMarkersAmongOtherTextAndAtTheEdges() {
        #expect(
            CMark.moveAnchorsIntoTags(
                "<h2><!--sitegen-anchor:été-->Été — “x”</h2>\n<!-- note --><p><!--sitegen-anchor:p-1-->a<!--b</p>\n")
                == "<h2 id=\"été\">Été — “x”</h2>\n<!-- note --><p id=\"p-1\">a<!--b</p>\n")
        #expect(CMark.moveAnchorsIntoTags("<!--sitegen-anchor:p-1-->x") == "x", "no tag before it")
        #expect(CMark.moveAnchorsIntoTags("<p>x<!--sitegen-anch") == "<p>x<!--sitegen-anch", "not a whole marker")
        #expect(CMark.moveAnchorsIntoTags("") == "")
    }

    @Test func annotationTagsWrapTheirChildren() {
        let document = MarkdownNode(
            .document,
            children: [
                MarkdownNode(
                    .paragraph,
                    children: [
                        MarkdownNode(.text("a ")),
                        MarkdownNode(.annotation(0), children: [MarkdownNode(.text("<b>"))]),
                    ])
            ])
        let html = CMark.renderHTML(document) { index in ("<x-\(index)>", "</x-\(index)>") }
        // Tags are written as given (even in safe mode); the text is escaped.
        #expect(html == "<p>a <x-0>&lt;b&gt;</x-0></p>\n")
    }

    @Test func textThatLooksLikeAnAnchorMarkerIsEscaped() {
        let markdown = "`<!--sitegen-anchor:evil-->` and &lt;!--sitegen-anchor:x--&gt;"
        #expect(CMark.renderHTML(CMark.parse(markdown)) == CMark.referenceHTML(markdown))
    }
}

// MARK: - Safety

@Suite("CMark: safe rendering")
struct CMarkSafetyTests {
    static let unsafeLinks = [
        "[x](javascript:alert(1))",
        "[x](JavaScript:alert(1))",
        "[x](vbscript:msgbox)",
        "[x](data:text/html,<script>alert(1)</script>)",
    ]

    private func sitegenRender(_ markdown: String, options: CMark.RenderOptions) throws -> String {
        let document = AnnotationParser().parse(DocumentBody(file: "articles/x.md", markdown: markdown))
        let resolved = ResolvedDocument(
            source: .article("x"), parsed: document,
            references: Array(repeating: nil, count: document.annotations.count))
        return BodyRenderer(graph: nil, options: options).render(
            resolved, on: try #require(OutputPath("articles/x.html")), anchors: false)
    }

    @Test func rawHTMLIsOmittedByDefault() throws {
        let block = "<script>alert(1)</script>\n"
        let inline = "a <script>alert(1)</script> b\n"
        for markdown in [block, inline] {
            let html = try sitegenRender(markdown, options: .init())
            #expect(!html.contains("<script"))
            #expect(html.contains("<!-- raw HTML omitted -->"))
            #expect(CMark.renderHTML(CMark.parse(markdown)) == html)
        }
    }

    @Test func rawHTMLIsKeptWhenUnsafe() throws {
        let unsafe = CMark.RenderOptions(unsafe: true)
        #expect(try sitegenRender("<script>alert(1)</script>\n", options: unsafe) == "<script>alert(1)</script>\n")
        #expect(
            try sitegenRender("a <script>alert(1)</script> b", options: unsafe)
                == "<p>a <script>alert(1)</script> b</p>\n")
        #expect(
            CMark.renderHTML(CMark.parse("<script>alert(1)</script>\n"), options: unsafe)
                == "<script>alert(1)</script>\n")
    }

    @Test(arguments: unsafeLinks)
    func unsafeLinkTargetsAreEmptiedByDefault(markdown: String) throws {
        let html = try sitegenRender(markdown, options: .init())
        #expect(html == "<p><a href=\"\">x</a></p>\n")
    }

    @Test func unsafeLinkTargetsAreKeptWhenUnsafe() throws {
        let html = try sitegenRender("[x](javascript:alert(1))", options: CMark.RenderOptions(unsafe: true))
        #expect(html == "<p><a href=\"javascript:alert(1)\">x</a></p>\n")
    }

    @Test func unsafeImageSourceIsEmptied() throws {
        #expect(
            try sitegenRender("![x](javascript:alert(1))", options: .init()) == "<p><img src=\"\" alt=\"x\" /></p>\n")
    }

    @Test func safeLinksAreUntouched() throws {
        #expect(
            try sitegenRender("[x](https://example.org/a?b=c&d)", options: .init())
                == "<p><a href=\"https://example.org/a?b=c&amp;d\">x</a></p>\n")
    }

    @Test func annotationsStillRenderInSafeMode() throws {
        // The annotation's own markup is sitegen's, not the author's raw HTML.
        let html = try sitegenRender("See [[x]] and <b>y</b>.", options: .init())
        #expect(
            html
                == "<p>See <span class=\"unresolved\">x</span> and <!-- raw HTML omitted -->y<!-- raw HTML omitted -->.</p>\n"
        )
    }
}
