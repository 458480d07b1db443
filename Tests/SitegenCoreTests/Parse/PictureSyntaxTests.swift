import Foundation
import Testing

@testable import SitegenBase
@testable import SitegenLoad
@testable import SitegenParse

// Images in bodies: `{.figure caption= credit=}` and `{.decorative}` after
// an image, paths read from the content folder, and their errors.

private let file = "articles/test.md"
private let firstLine = 4
private let assets = AssetPaths([
    AssetFile(
        relativePath: "map.png", sourceURL: URL(fileURLWithPath: "/nonexistent"), size: ImageSize(width: 8, height: 6)),
    AssetFile(relativePath: "report.pdf", sourceURL: URL(fileURLWithPath: "/nonexistent")),
])

private func parse(_ markdown: String, assets: AssetPaths? = assets) -> ParsedDocument {
    AnnotationParser(assets: assets).parse(DocumentBody(file: file, markdown: markdown, firstLine: firstLine))
}

/// The first node of `kind`'s case, depth first.
private func first(_ node: MarkdownNode, where matches: (MarkdownNode.Kind) -> Bool) -> MarkdownNode? {
    if matches(node.kind) { return node }
    for child in node.children {
        if let found = first(child, where: matches) { return found }
    }
    return nil
}

private func isImage(_ kind: MarkdownNode.Kind) -> Bool {
    if case .image = kind { return true }
    return false
}

@Suite("AnnotationParser: pictures")
struct PictureSyntaxTests {
    @Test func aFigureReplacesItsParagraph() throws {
        let document = parse(
            "Before.\n\n![The front](assets/map.png){.figure caption=\"The front, in May\" credit='Map: ISW'}\n\nAfter."
        )
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        let blocks = document.root.children.map(\.kind)
        #expect(blocks.count == 3)
        #expect(blocks[1] == .figure(caption: "The front, in May", credit: "Map: ISW"))
        let image = try #require(document.root.children[1].children.first)
        #expect(image.kind == .image(source: "/assets/map.png", title: ""))
        #expect(image.imageDescription == "The front")
        // The paragraphs around it keep their numbers in reading order.
        #expect(document.root.children[2].children.first?.kind == .anchor("p-2"))
    }

    @Test func captionOrCreditAloneMakeAFigure() {
        let document = parse("![A](assets/map.png){credit=\"Photo: X\"}")
        #expect(document.root.children.first?.kind == .figure(caption: "", credit: "Photo: X"))
    }

    @Test func aFigureInsideTextIsAnError() throws {
        let document = parse("See ![A](assets/map.png){.figure} here.")
        let error = try #require(document.diagnostics.first)
        #expect(error.message == "a figure must be alone in its paragraph")
        #expect(error.location == SourceLocation(file: file, line: firstLine, column: 5))
        // What is left is the image, not the attributes as text.
        #expect(document.root.plainText == "See  here.")
        #expect(first(document.root, where: isImage) != nil)
    }

    @Test func decorativeImagesHaveNoDescriptionAndNoWarning() throws {
        let plain = parse("![](assets/map.png)")
        let warning = try #require(plain.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.message.hasPrefix("the image has no description"))
        #expect(parse("![](assets/map.png){.decorative}").diagnostics.isEmpty)
        let described = parse("![A rule](assets/map.png){.decorative}")
        #expect(described.diagnostics.map(\.message) == ["a .decorative image's description is not shown"])
        #expect(first(described.root, where: isImage)?.children.isEmpty == true)
    }

    @Test func unknownImageAttributesAreErrorsWithSuggestions() {
        let document = parse("![A](assets/map.png){.figur captoin=\"x\" #id}")
        let messages = document.diagnostics.map(\.message)
        #expect(messages.contains("unknown image class '.figur'"))
        #expect(messages.contains("unknown image attribute 'captoin='"))
        #expect(messages.contains("an image takes no '#id'"))
        #expect(document.diagnostics.first { $0.message.contains(".figur") }?.notes.first == "did you mean '.figure'?")
    }

    @Test func pathsAreReadFromTheContentFolderAndChecked() throws {
        let document = parse(
            "![A](../assets/map.png) [r](assets/report.pdf#page=2) [x](other.md#p-2) [t](../timeline.html) [w](https://x.org/a.png)"
        )
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        var destinations: [String] = []
        func collect(_ node: MarkdownNode) {
            switch node.kind {
            case .image(let source, _): destinations.append(source)
            case .link(let destination, _): destinations.append(destination)
            default: break
            }
            node.children.forEach(collect)
        }
        collect(document.root)
        #expect(
            destinations == [
                "/assets/map.png", "/assets/report.pdf#page=2", "/articles/other.html#p-2", "/timeline.html",
                "https://x.org/a.png",
            ])
    }

    @Test func missingFilesAndPathsOutsideAreErrorsAtTheirColumn() throws {
        let document = parse("Text ![A](assets/mpa.png) and [r](assets/none.pdf) and ![B](../../secret.png).")
        #expect(document.diagnostics.count == 3)
        let missing = document.diagnostics[0]
        #expect(missing.message == "there is no file 'assets/mpa.png' in the content folder")
        #expect(missing.location == SourceLocation(file: file, line: firstLine, column: 6))
        #expect(missing.notes.first?.hasPrefix("did you mean 'assets/map.png'?") == true)
        #expect(document.diagnostics[1].message == "there is no file 'assets/none.pdf' in the content folder")
        #expect(document.diagnostics[1].location?.column == 31)
        #expect(
            document.diagnostics[2].message.hasSuffix(
                "leads outside the content folder, which is all that is published"))
        #expect(
            parse("![A](assets/report.pdf)").diagnostics.first?.message
                == "'assets/report.pdf' is not a PNG, JPEG, GIF, WebP or SVG image whose size can be read")
        #expect(
            parse("![A](articles/x.png)").diagnostics.first?.message
                == "the image 'articles/x.png' is not in the content folder's assets/, so it is not published")
    }

    @Test func withoutASitePathsStayAsWritten() {
        // `sitegen render` parses without assets: nothing is checked or moved.
        let document = parse("![](assets/mpa.png) [x](../y.md)", assets: nil)
        #expect(document.diagnostics.isEmpty)
        #expect(first(document.root, where: isImage)?.kind == .image(source: "assets/mpa.png", title: ""))
    }

    @Test func imageAttributesInCodeStayText() {
        let document = parse("`![A](assets/mpa.png){.figure}`")
        #expect(document.diagnostics.isEmpty)
        #expect(document.root.plainText == "![A](assets/mpa.png){.figure}")
    }
}
