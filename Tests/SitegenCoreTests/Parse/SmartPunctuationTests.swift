import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenCore
@testable import SitegenLoad
@testable import SitegenParse

// `smart_punctuation: true`: cmark's own CMARK_OPT_SMART on bodies, with
// annotations still found and errors still at the columns the author typed.

@Suite("Smart punctuation")
struct SmartPunctuationTests {
    private static let plain = """
        "Not a betrayal," he said -- and meant it... Then 'nothing' --- for now.

        * a list with "quotes" and it's
        """

    private func render(_ markdown: String, smart: Bool) throws -> (String, [Diagnostic]) {
        var files = TestContent.cast
        files["site.yml"] = "title: T\n" + (smart ? "smart_punctuation: true\n" : "")
        return try TestContent.withContentFolder(files) {
            SiteBuilder.renderFragment(markdown, file: "x.md", content: $0)
        }
    }

    @Test func renderIsCmarkUnlessTheSiteOptsIn() throws {
        let (off, _) = try render(Self.plain, smart: false)
        #expect(off == CMark.referenceHTML(Self.plain))
        #expect(off.contains("&quot;Not a betrayal,&quot; he said -- and meant it..."))
        let (on, _) = try render(Self.plain, smart: true)
        #expect(on == CMark.referenceHTML(Self.plain, options: .init(smart: true)))
        #expect(on.contains("“Not a betrayal,” he said – and meant it… Then ‘nothing’ — for now."))
        #expect(on.contains("it’s"))
    }

    @Test func annotationsAreFoundInSmartText() throws {
        let markdown =
            #"He said -- "twice" -- [“It's fine...”]{.quote by="Pete Hegseth" about="peace talks"} to [[Trump]]."#
        let (html, diagnostics) = try render(markdown, smart: true)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics)")
        #expect(html.contains("He said – “twice” – <span class=\"statement quote\""))
        #expect(html.contains(">“It’s fine…”</span>"))
        #expect(html.contains(">Trump</a>."))
    }

    @Test func errorsKeepTheColumnsTheAuthorTyped() throws {
        // `--`, `...` and quotes before the mistake are one character each
        // in the smart text but two, three and one in the file.
        let markdown = #"Say "yes" -- or 'no'... [[Nobody Known]] then."#
        let (_, off) = try render(markdown, smart: false)
        let (_, on) = try render(markdown, smart: true)
        let plain = try #require(off.errors.first)
        let smart = try #require(on.errors.first)
        #expect(smart.message == plain.message)
        #expect(smart.location == plain.location)
        #expect(smart.location?.column == 25)
    }

    @Test func theSettingIsReadFromSiteYml() throws {
        let loaded = try TestContent.withContentFolder(["site.yml": "title: T\nsmart_punctuation: true\n"]) {
            ContentLoader().load(from: $0)
        }
        #expect(loaded.content.site.smartPunctuation)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let wrong = try TestContent.withContentFolder(["site.yml": "title: T\nsmart_punctuation: sometimes\n"]) {
            ContentLoader().load(from: $0)
        }
        #expect(wrong.diagnostics.errors.first?.message == "'smart_punctuation' must be true or false")
    }

    @Test func aSmartSiteRebuildsAsACleanBuildWould() throws {
        var files = TestContent.cast
        files["site.yml"] = "title: T\nsmart_punctuation: true\n"
        files["articles/a.md"] = TestContent.article(
            body: "[[Hegseth]] said -- twice -- [\"no...\"]{.quote by=hegseth about=peace-talks}.\n")
        try TestContent.withBuiltSession(files) { session, content, output in
            let quote = try String(
                contentsOf: output.appendingPathComponent("quotes/pete-hegseth-no.html"), encoding: .utf8)
            #expect(quote.contains("<blockquote><p>“no…”</p></blockquote>"))
            try TestContent.article(
                body: "[[Hegseth]] said -- again -- [\"no...\"]{.quote by=hegseth about=peace-talks}.\n"
            ).write(to: content.appendingPathComponent("articles/a.md"), atomically: true, encoding: .utf8)
            _ = try session.rebuild(changed: ["articles/a.md"]).get()
            let article = try String(contentsOf: output.appendingPathComponent("articles/a.html"), encoding: .utf8)
            #expect(article.contains("said – again – <span"))
            try TestContent.expectMatchesCleanBuild(content: content, output: output, "smart article edited")
        }
    }
}
