import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenCore
@testable import SitegenLoad

/// A site with pictures, built for real: every image and asset link on
/// every page names a file that exists, relative to that page, with its
/// size; figures have their caption and credit; an actor's `image:`
/// shows on its page and in link previews.
@Suite("Pictures, end to end")
struct PicturesEndToEndTests {
    static let files: [String: String] = TestContent.cast.merging(
        [
            "site.yml": "title: Pictures\nbase_url: https://example.org/x/\n",
            "articles/a.md": TestContent.article(
                title: "With pictures",
                body: """
                    ![The front line](assets/maps/front.png){.figure caption='Where "the" front ran' credit="Map: ISW & co"}

                    [[Hegseth]] said [“no”]{.quote by=hegseth about=peace-talks}, with [the chart](assets/chart.svg).

                    A [report](../assets/maps/front.png#x) and ![Chart](./../assets/chart.svg).

                    [[[Trump]] spoke to [[Putin]], see ![Chart](assets/chart.svg)]{.event about=peace-talks}

                    ![](assets/chart.svg){.decorative}

                    Also [the other](b.md#p-1).
                    """),
            "articles/b.md": TestContent.article(title: "Other", body: "[[Putin]] and [[peace talks]]."),
            "actors/pete-hegseth.md": """
            ---
            name: Pete Hegseth
            kind: person
            aliases: [Hegseth]
            image: {src: assets/people/hegseth.png, alt: "Hegseth at a podium", credit: "Photo: DoD"}
            ---
            """,
        ], uniquingKeysWith: { $1 })

    static func withBuiltSite(_ body: (URL) throws -> Void) throws {
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            try TestContent.write(files, into: content)
            try TestContent.write(TestImages.png(width: 40, height: 30), at: "assets/maps/front.png", into: content)
            try TestContent.write(TestImages.png(width: 12, height: 16), at: "assets/people/hegseth.png", into: content)
            try TestContent.write(TestImages.svg(width: 400, height: 200), at: "assets/chart.svg", into: content)
            let output = root.appendingPathComponent("public")
            let options = SiteBuilder.Options(content: content, templates: TestContent.seedTemplates, output: output)
            _ = try SiteBuilder(options: options).build().get()
            try body(output)
        }
    }

    /// Every `src` and `href` on a page that points into `assets/`, with
    /// the page's own folder.
    static func assetReferences(in html: String) -> [String] {
        var found: [String] = []
        var rest = html[...]
        while let attribute = rest.range(of: ##"(src|href)="[^"#?]*assets/[^"]*""##, options: .regularExpression) {
            let text = rest[attribute]
            let value = text[text.index(after: text.firstIndex(of: "\"")!)..<text.index(before: text.endIndex)]
            found.append(String(value))
            rest = rest[attribute.upperBound...]
        }
        return found
    }

    @Test func everyAssetReferenceResolvesFromItsPage() throws {
        try Self.withBuiltSite { output in
            var checked = 0
            let pages = TestContent.snapshot(output).keys.filter { $0.hasSuffix(".html") }
            for page in pages {
                let html = String(decoding: try Data(contentsOf: output.appendingPathComponent(page)), as: UTF8.self)
                for reference in Self.assetReferences(in: html) {
                    let path = reference.split(separator: "#").first.map(String.init) ?? reference
                    let target = output.appendingPathComponent(page).deletingLastPathComponent()
                        .appendingPathComponent(path.removingPercentEncoding ?? path).standardizedFileURL
                    #expect(
                        FileManager.default.fileExists(atPath: target.path), "\(page): \(reference) leads nowhere")
                    checked += 1
                }
            }
            // The article, the actor, the quote, the timeline (an event at
            // the top level) and the home page's latest events all show some.
            #expect(checked >= 8)
        }
    }

    @Test func articleImagesHaveSizesFiguresAndLazyLoading() throws {
        try Self.withBuiltSite { output in
            let html = try String(contentsOf: output.appendingPathComponent("articles/a.html"), encoding: .utf8)
            #expect(
                html.contains(
                    """
                    <figure>
                    <img src="../assets/maps/front.png" alt="The front line" width="40" height="30" />
                    <figcaption>Where &quot;the&quot; front ran <span class="credit">Map: ISW &amp; co</span></figcaption>
                    </figure>
                    """))
            // The first picture, at the top, loads at once; the others later.
            #expect(
                html.contains(
                    #"<img src="../assets/chart.svg" alt="Chart" width="400" height="200" loading="lazy" />"#))
            #expect(html.contains(#"<a href="../assets/chart.svg">the chart</a>"#))
            #expect(html.contains(#"<a href="../assets/maps/front.png#x">report</a>"#))
            #expect(html.contains(#"<img src="../assets/chart.svg" alt="" width="400" height="200" loading="lazy" />"#))
            #expect(html.contains(#"<a href="../articles/b.html#p-1">the other</a>"#))
        }
    }

    @Test func pagesAtTheTopMakeTheirOwnPaths() throws {
        try Self.withBuiltSite { output in
            let timeline = try String(contentsOf: output.appendingPathComponent("timeline.html"), encoding: .utf8)
            #expect(
                timeline.contains(
                    #"<img src="assets/chart.svg" alt="Chart" width="400" height="200" loading="lazy" />"#))
        }
    }

    @Test func anActorsImageShowsOnItsPageAndInPreviews() throws {
        try Self.withBuiltSite { output in
            let html = try String(
                contentsOf: output.appendingPathComponent("actors/pete-hegseth.html"), encoding: .utf8)
            #expect(
                html.contains(
                    #"<img src="../assets/people/hegseth.png" alt="Hegseth at a podium" width="12" height="16">"#))
            #expect(html.contains(#"<figcaption class="credit">Photo: DoD</figcaption>"#))
            #expect(
                html.contains(#"<meta property="og:image" content="https://example.org/x/assets/people/hegseth.png">"#))
            #expect(html.contains(#"<meta property="og:image:alt" content="Hegseth at a podium">"#))
        }
    }
}
