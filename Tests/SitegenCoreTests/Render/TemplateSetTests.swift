import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenCore
@testable import SitegenRender

/// Loading a theme: broken templates fail with the template's file and line.
@Suite("Template set")
struct TemplateSetTests {
    /// Runs `body` with a copy of the repository's Templates/ (as `root/Theme`),
    /// changed by `files` (name → text) and without `removing`.
    private func withTheme<T>(
        _ files: [String: String] = [:], removing: [String] = [], _ body: (URL) throws -> T
    ) throws -> T {
        try TestContent.withTemporaryDirectory { root in
            let theme = root.appendingPathComponent("Theme")
            try TestContent.copyFolder(TestContent.seedTemplates, to: theme)
            for name in removing { try FileManager.default.removeItem(at: theme.appendingPathComponent(name)) }
            try TestContent.write(files, into: theme)
            return try body(theme)
        }
    }

    private func failure(_ theme: URL) -> [Diagnostic] {
        switch TemplateSet.load(from: theme) {
        case .success: return []
        case .failure(let failure): return failure.diagnostics
        }
    }

    @Test func theRepositoryThemeLoads() throws {
        let templates = try TemplateSet.load(from: TestContent.seedTemplates).get()
        let stylesheet = templates.staticPath("style.css").rawValue
        #expect(templates.staticFiles.map(\.0.rawValue).contains(stylesheet))
        // The name carries a hash of the bytes, so hosts can cache it forever.
        #expect(stylesheet.range(of: #"^static/style\.[0-9a-f]{1,8}\.css$"#, options: .regularExpression) != nil)
    }

    @Test func hashedNamesChangeWithTheBytes() {
        let a = TemplateSet.hashedName("style.css", contents: Data("body{}".utf8))
        #expect(a == TemplateSet.hashedName("style.css", contents: Data("body{}".utf8)))
        #expect(a != TemplateSet.hashedName("style.css", contents: Data("body{ }".utf8)))
        #expect(a.hasPrefix("style.") && a.hasSuffix(".css"))
        #expect(TemplateSet.hashedName("LICENSE", contents: Data("x".utf8)).hasPrefix("LICENSE."))
    }

    /// A home page template that includes `partial` on line 3, column 4.
    private func home(including partial: String) -> String {
        "{{<layout}}{{$content}}\n<p>home</p>\n<p>{{>\(partial)}}</p>\n{{/content}}{{/layout}}\n"
    }

    @Test func anUnclosedSectionIsReportedWithTheFileAndALine() throws {
        let text = "<li>\n{{#a}}never closed\n</li>\n"
        try withTheme(["byline.mustache": text]) { theme in
            let errors = failure(theme).errors
            let error = try #require(
                errors.first { $0.location?.file.hasSuffix("byline.mustache") == true }, "\(errors)")
            #expect(error.location?.file == "Theme/byline.mustache")
            let line = try #require(error.location?.line)
            #expect((2...4).contains(line), "line \(line) for a section opened on line 2 of a 3-line file")
            #expect(error.message.hasPrefix("template does not parse"), "\(error)")
        }
    }

    @Test func aMismatchedSectionCloseIsReportedOnItsLine() throws {
        let text = "one\ntwo {{#a}}\nthree {{/b}}\nfour\n"
        try withTheme(["byline.mustache": text]) { theme in
            let errors = failure(theme).errors
            let error = try #require(errors.first { $0.location?.file == "Theme/byline.mustache" }, "\(errors)")
            #expect(error.location?.line == 3)
        }
    }

    @Test func anErrorOnTheFirstLineHasItsOwnColumn() throws {
        try withTheme(["byline.mustache": "ab {{/b}}\n"]) { theme in
            let errors = failure(theme).errors
            let error = try #require(errors.first { $0.location?.file == "Theme/byline.mustache" }, "\(errors)")
            #expect(error.location?.line == 1)
            #expect((4...7).contains(error.location?.column ?? 0), "\(error)")
        }
    }

    @Test func aParseErrorSaysWhatIsWrongInWords() throws {
        try withTheme(["byline.mustache": "one\n{{#a}}x{{/b}}\n"]) { theme in
            let error = try #require(failure(theme).errors.first { $0.location?.file == "Theme/byline.mustache" })
            // Not an internal identifier such as `sectionCloseNameIncorrect`.
            let detail = error.message.replacingOccurrences(of: "template does not parse: ", with: "")
            #expect(
                TestContent.captures(#"\b([a-z]+[A-Z][A-Za-z]*)\b"#, in: detail).isEmpty,
                "message: \(error.message)")
        }
    }

    @Test func aPartialThatDoesNotParseIsReportedOnceNotAsMissingWhereItIsUsed() throws {
        try withTheme([
            "byline.mustache": "<li>\n{{#a}}never closed\n</li>\n", "home.mustache": home(including: "byline"),
        ]) {
            theme in
            let errors = failure(theme).errors
            #expect(errors.count == 1, "\(errors.map(\.description).joined(separator: "\n"))")
            #expect(!errors.contains { $0.message.contains("does not exist") }, "\(errors)")
        }
    }

    @Test func aMissingPartialIsReportedWithFileLineAndADidYouMean() throws {
        try withTheme(["byline.mustache": "by", "home.mustache": home(including: " bylne ")]) { theme in
            let errors = failure(theme).errors
            #expect(errors.count == 1, "\(errors)")
            let error = try #require(errors.first)
            #expect(
                error.location == SitegenBase.SourceLocation(file: "Theme/home.mustache", line: 3, column: 4),
                "\(error)")
            #expect(error.message == "template 'bylne' does not exist")
            #expect(error.notes.first == "did you mean 'byline'?", "\(error)")
        }
    }

    @Test func eachUseOfAMissingPartialIsReported() throws {
        let text = "{{<layout}}{{$content}}\n{{>bylne}}\n\n  {{>bylne}}\n{{/content}}{{/layout}}\n"
        try withTheme(["byline.mustache": "by", "home.mustache": text]) { theme in
            let errors = failure(theme).errors
            #expect(
                errors.compactMap(\.location) == [
                    SitegenBase.SourceLocation(file: "Theme/home.mustache", line: 2, column: 1),
                    SitegenBase.SourceLocation(file: "Theme/home.mustache", line: 4, column: 3),
                ], "\(errors)")
        }
    }

    @Test func aMissingPartialInATemplateWithCRLFLineEndingsIsOnItsLine() throws {
        let text = home(including: "bylne").replacingOccurrences(of: "\n", with: "\r\n")
        try withTheme(["byline.mustache": "by", "home.mustache": text]) { theme in
            let errors = failure(theme).errors
            #expect(errors.count == 1, "\(errors)")
            #expect(
                errors.first?.location == SitegenBase.SourceLocation(file: "Theme/home.mustache", line: 3, column: 4))
        }
    }

    @Test func aMissingPartialFarFromAnyNameHasNoGuess() throws {
        try withTheme(["home.mustache": "{{<layout}}{{$content}}\n\n{{>zzzzqqqq}}{{/content}}{{/layout}}\n"]) { theme in
            let errors = failure(theme).errors
            #expect(errors.count == 1, "\(errors)")
            let error = try #require(errors.first)
            #expect(error.location == SitegenBase.SourceLocation(file: "Theme/home.mustache", line: 3, column: 1))
            #expect(!error.notes.contains { $0.hasPrefix("did you mean") }, "\(error)")
        }
    }

    @Test func aMissingParentTemplateIsReported() throws {
        try withTheme(["quote.mustache": "{{<layuot}}{{$content}}x{{/content}}{{/layuot}}\n"]) { theme in
            let errors = failure(theme).errors
            let error = try #require(errors.first, "a page extending a missing template loaded")
            #expect(error.location?.file == "Theme/quote.mustache")
            #expect(error.message.contains("'layuot'"))
            #expect(error.notes.first == "did you mean 'layout'?", "\(error)")
        }
    }

    @Test(arguments: TemplateSet.pageTemplates)
    func aMissingPageTemplateIsAnErrorNamingIt(_ page: String) throws {
        try withTheme(removing: ["\(page).mustache"]) { theme in
            let errors = failure(theme).errors
            #expect(errors.count == 1, "\(errors)")
            #expect(errors.first?.message == "the theme has no '\(page).mustache' template", "\(errors)")
        }
    }

    @Test func aMissingTemplatesFolderIsAnError() throws {
        try TestContent.withTemporaryDirectory { root in
            let missing = root.appendingPathComponent("NoSuchTheme")
            let errors = failure(missing).errors
            #expect(errors.count == 1)
            #expect(errors.first?.message.contains("templates folder") == true)
            #expect(errors.first?.message.contains(missing.path) == true)
            #expect(errors.first?.notes.contains { $0.contains("--templates") } == true)
        }
    }

    @Test func anEmptyTemplatesFolderNamesEveryMissingPage() throws {
        try TestContent.withTemporaryDirectory { root in
            let errors = failure(root).errors
            #expect(errors.count == TemplateSet.pageTemplates.count, "\(errors)")
        }
    }

    @Test func aTemplateThatIsNotUTF8IsAnError() throws {
        try withTheme { theme in
            try TestContent.write(Data([0x7B, 0x7B, 0xFF, 0x7D, 0x7D]), at: "byline.mustache", into: theme)
            let errors = failure(theme).errors
            #expect(errors.contains { $0.location?.file == "Theme/byline.mustache" }, "\(errors)")
        }
    }

    @Test func aBrokenThemeFailsTheBuildAndWritesNothing() throws {
        try withTheme(["byline.mustache": "{{#a}}\n"]) { theme in
            try TestContent.withTemporaryDirectory { root in
                let output = root.appendingPathComponent("public")
                let builder = SiteBuilder(
                    options: .init(content: TestContent.seedContent, templates: theme, output: output))
                guard case .failure(let failure) = builder.build() else {
                    Issue.record("a broken theme built")
                    return
                }
                #expect(failure.diagnostics.contains { $0.location?.file == "Theme/byline.mustache" })
                #expect(!FileManager.default.fileExists(atPath: output.path))
            }
        }
    }
}
