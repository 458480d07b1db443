import Foundation
import Testing

@testable import SitegenCLI
@testable import SitegenLoad

@Suite("render's input")
struct RenderInputTests {
    func source(_ text: String) throws -> SourceFile {
        try SourceFile.decode(Data(text.utf8), path: "doc.md").get()
    }

    @Test func aContentFilesFrontMatterIsSkipped() throws {
        let input = RenderInput.markdown(of: try source("---\ntitle: T\ndate: 2025-01-01\n---\nHello\n"))
        #expect(input.text == "Hello\n")
        #expect(input.firstLine == 5)
    }

    /// A thematic break then a setext heading is Markdown, not front matter.
    @Test func aDocumentOpeningWithABreakIsRenderedWhole() throws {
        let text = "---\nSome heading\n---\nText\n"
        let input = RenderInput.markdown(of: try source(text))
        #expect(input.text == text)
        #expect(input.firstLine == 1)
    }
}
