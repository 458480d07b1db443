import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenCore
@testable import SitegenLink
@testable import SitegenLoad
@testable import SitegenRender
@testable import SitegenResolve

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// sitemap.xml, robots.txt, the Atom feed, canonical and social tags, and the
/// 404 page: what a static host and a crawler need.
@Suite("Static hosting files")
struct HostingFilesTests {
    /// Builds a copy of the seed with `site.yml` extended by `siteLines`.
    private func build(siteLines: String) throws -> (succeeded: Bool, files: [String: Data], errors: [Diagnostic]) {
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            try FileManager.default.copyItem(at: TestContent.seedContent, to: content)
            let site = content.appendingPathComponent("site.yml")
            let text = try String(contentsOf: site, encoding: .utf8)
            try (text + "\n" + siteLines + "\n").write(to: site, atomically: true, encoding: .utf8)
            let output = root.appendingPathComponent("public")
            let result = SiteBuilder(
                options: .init(content: content, templates: TestContent.seedTemplates, output: output)
            ).build()
            switch result {
            case .success: return (true, TestContent.snapshot(output), [])
            case .failure(let failure): return (false, [:], failure.diagnostics)
            }
        }
    }

    private func text(_ files: [String: Data], _ path: String) throws -> String {
        String(decoding: try #require(files[path], "no \(path)"), as: UTF8.self)
    }

    /// Parses XML with Foundation's parser; returns element names in order.
    private func elements(_ xml: String) throws -> [String] {
        final class Collector: NSObject, XMLParserDelegate {
            var names: [String] = []
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) { names.append(name) }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        return collector.names
    }

    @Test func withABaseURLTheSitemapFeedAndRobotsUseAbsoluteURLs() throws {
        let site = try build(siteLines: "base_url: https://example.org/explainer")
        #expect(site.succeeded, "\(site.errors)")
        let sitemap = try text(site.files, "sitemap.xml")
        let pages = site.files.keys.filter { $0.hasSuffix(".html") }
        #expect(try elements(sitemap).filter { $0 == "url" }.count == pages.count)
        #expect(sitemap.contains("<loc>https://example.org/explainer/actors/pete-hegseth.html</loc>"))
        #expect(sitemap.contains("<lastmod>2025-02-13</lastmod>"))
        #expect(try text(site.files, "robots.txt").contains("Sitemap: https://example.org/explainer/sitemap.xml"))

        let feed = try text(site.files, "feed.xml")
        let names = try elements(feed)
        #expect(names.first == "feed")
        #expect(names.filter { $0 == "entry" }.count == 1)
        for required in ["id", "title", "updated", "author"] { #expect(names.contains(required), "\(required)") }
        #expect(feed.contains("<updated>2025-02-13T00:00:00Z</updated>"))
        #expect(feed.contains(#"xmlns="http://www.w3.org/2005/Atom""#))

        let actor = try text(site.files, "actors/pete-hegseth.html")
        #expect(
            actor.contains(#"<link rel="canonical" href="https://example.org/explainer/actors/pete-hegseth.html">"#))
        #expect(actor.contains(#"<meta property="og:title" content="Pete Hegseth">"#))
        // Links inside pages stay relative, so the same output works from disk.
        #expect(!actor.contains(#"href="https://example.org/explainer/topics"#))
        #expect(try text(site.files, "404.html").contains(#"<base href="https://example.org/explainer/">"#))
    }

    @Test func withoutABaseURLThereIsNoSitemapOrFeedAndNoAbsoluteURL() throws {
        let site = try build(siteLines: "")
        #expect(site.succeeded)
        #expect(site.files["sitemap.xml"] == nil)
        #expect(site.files["feed.xml"] == nil)
        #expect(try text(site.files, "robots.txt") == "User-agent: *\nAllow: /\n")
        let home = try text(site.files, "index.html")
        #expect(!home.contains("rel=\"canonical\""))
        let notFound = try text(site.files, "404.html")
        #expect(notFound.contains("Page not found"))
        #expect(!notFound.contains("<base"))
    }

    @Test func aBaseURLThatIsNotAnHTTPAddressIsAnError() throws {
        let site = try build(siteLines: "base_url: javascript:alert(1)")
        #expect(!site.succeeded)
        #expect(site.errors.contains { $0.message.contains("base_url") && $0.location?.file == "site.yml" })
    }

    @Test func textIsEscapedInTheFeed() throws {
        var site = SiteConfig(title: "A <b> & \"c\"", baseURL: "https://example.org/")
        site.description = "x < y"
        let graph = Linker().link(
            ResolvedSite(
                site: site, index: EntityIndex(actors: [], topics: []), articles: [], actors: [], topics: [],
                articleBodies: [], actorBodies: [], topicBodies: [], assets: [], diagnostics: []))
        let feed = HostingFiles.atomFeed(base: "https://example.org/", graph: graph)
        #expect(feed.contains("<title>A &lt;b&gt; &amp; &quot;c&quot;</title>"))
        #expect(try elements(feed).first == "feed")
    }
}
