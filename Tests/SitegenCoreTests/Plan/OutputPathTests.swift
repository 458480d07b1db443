import Foundation
import Testing

@testable import SitegenPlan
@testable import SitegenResolve

@Suite("Output paths")
struct OutputPathTests {
    private func path(_ text: String) throws -> OutputPath {
        try #require(OutputPath(text), "'\(text)' should be a safe path")
    }

    @Test(
        arguments: [
            ("index.html", "actors/a.html", nil, "actors/a.html"),
            ("actors/a.html", "topics/b.html", nil, "../topics/b.html"),
            ("actors/a.html", "actors/b.html", nil, "b.html"),
            ("actors/a.html", "actors/a.html", nil, "a.html"),
            ("actors/a.html", "index.html", nil, "../index.html"),
            ("index.html", "quotes.html", nil, "quotes.html"),
            ("actors/a.html", "articles/x.html", "p-3", "../articles/x.html#p-3"),
            ("articles/x.html", "articles/x.html", "p-3", "x.html#p-3"),
            ("index.html", "static/style.css", nil, "static/style.css"),
            ("a/b/c.html", "a/d/e.html", nil, "../d/e.html"),
            ("a/b/c.html", "x.html", nil, "../../x.html"),
            ("x.html", "a/b/c.html", "f", "a/b/c.html#f"),
            ("a/b/c.html", "a/b/d/e.html", nil, "d/e.html"),
            ("actors/a.html", "actors/b.html", "", "b.html"),
        ] as [(String, String, String?, String)])
    func relativeURL(from: String, to: String, fragment: String?, expected: String) throws {
        let source = try path(from)
        let target = try path(to)
        #expect(source.relativeURL(to: target, fragment: fragment) == expected)
    }

    @Test func folderNamedLikeAFileIsNotSkipped() throws {
        // `actors` the folder and `actors.html` the page are different things.
        #expect(try path("actors/a.html").relativeURL(to: try path("actors.html")) == "../actors.html")
        #expect(try path("actors.html").relativeURL(to: try path("actors/a.html")) == "actors/a.html")
    }

    @Test func rootPrefixClimbsToTheOutputRoot() throws {
        #expect(try path("index.html").rootPrefix == "")
        #expect(try path("actors/a.html").rootPrefix == "../")
        #expect(try path("a/b/c.html").rootPrefix == "../../")
    }

    @Test(arguments: [
        "../x", "/x", "a//b", "a/./b", "a\\b", "", ".", "..", "a/..", "a/../b", "a/", "./a", "x\u{0}y", "/",
    ])
    func unsafePathsAreRejected(_ text: String) {
        #expect(OutputPath(text) == nil)
        #expect(!OutputPath.isSafe(text))
    }

    @Test(arguments: ["index.html", "actors/pete-hegseth.html", "static/style.css", "assets/img/a b.png", ".gitkeep"])
    func safePathsAreAccepted(_ text: String) {
        #expect(OutputPath(text)?.rawValue == text)
    }

    @Test func pagePlanPaths() {
        #expect(PagePlan.home.rawValue == "index.html")
        #expect(PagePlan.actor("pete-hegseth").rawValue == "actors/pete-hegseth.html")
        #expect(PagePlan.topic("peace-talks").rawValue == "topics/peace-talks.html")
        #expect(PagePlan.article("x").rawValue == "articles/x.html")
        #expect(
            PagePlan.quote(StatementID("pete-hegseth-not-a-betrayal")).rawValue
                == "quotes/pete-hegseth-not-a-betrayal.html")
        #expect(PagePlan.entity(.topic("t")) == PagePlan.topic("t"))
        #expect(PagePlan.document(.actor("a")) == PagePlan.actor("a"))
    }
}
