import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

// Bylines, sources, updates and corrections as readers, search engines and
// feed readers get them (issue 18).

@Suite("Article metadata on pages, in JSON-LD and the feed")
struct ArticleMetadataPageTests {
    static func build(_ files: [String: String]) throws -> [String: String] { try TestContent.builtPages(files) }

    static func jsonLD(_ html: String) throws -> [String: Any] {
        let ld = try #require(
            TestContent.captures(#"<script type="application/ld\+json">(.*?)</script>"#, in: html).first)
        return try #require(try JSONSerialization.jsonObject(with: Data(ld.utf8)) as? [String: Any])
    }

    static let site: [String: String] = [
        "site.yml": "title: Desk\nbase_url: https://example.org/x/\n",
        "actors/pete-hegseth.md": TestContent.actor(name: "Pete Hegseth", aliases: ["Hegseth"]),
        "actors/jane-roe.md": TestContent.actor(name: "Jane Roe", role: "Reporter"),
        "topics/peace-talks.md": TestContent.topic(title: "Peace negotiations"),
        "articles/a.md": """
        ---
        title: "Talks <begin>"
        date: 2025-02-13
        authors: [jane-roe, "Sam <Smith>", Ann Lee]
        sources:
          - {title: "Interview with Zelenskyy", publisher: The Guardian, date: 2025-02-11}
          - {title: NATO press conference, url: "https://www.nato.int/a?b=1&c=2"}
        updated: 2025-02-14
        corrections:
          - {date: 2025-02-15, text: "An earlier version misspelt <Pistorius>."}
        ---
        [[Hegseth]] said [“yes”]{.quote by=hegseth about=peace-talks source=2}, and [“maybe”]{.quote by=hegseth about=peace-talks source=1}.
        """,
        "articles/b.md": TestContent.article(title: "Older", date: "2025-02-10", body: "About [[Jane Roe]].\n"),
    ]

    @Test func theArticleShowsItsBylineUpdateCorrectionsAndSources() throws {
        let pages = try Self.build(Self.site)
        let page = try #require(pages["articles/a.html"])
        #expect(
            page.contains(
                "<p class=\"byline\">By <a href=\"../actors/jane-roe.html\" rel=\"author\">Jane Roe</a>, <span class=\"author\">Sam &lt;Smith&gt;</span> and <span class=\"author\">Ann Lee</span></p>"
            ))
        #expect(page.contains("· Updated <time datetime=\"2025-02-15\">15 February 2025</time></p>"))
        #expect(page.contains("<aside class=\"corrections-box\" aria-labelledby=\"corrections-title\">"))
        #expect(
            page.contains(
                "<li><time datetime=\"2025-02-15\">15 February 2025</time>: An earlier version misspelt &lt;Pistorius&gt;.</li>"
            ))
        #expect(
            page.contains(
                "<li id=\"source-1\"><cite>Interview with Zelenskyy</cite>, The Guardian, <time datetime=\"2025-02-11\">11 February 2025</time></li>"
            ))
        #expect(
            page.contains(
                "<li id=\"source-2\"><a href=\"https://www.nato.int/a?b=1&amp;c=2\">NATO press conference</a></li>"))
        // An article without them shows none of it.
        let older = try #require(pages["articles/b.html"])
        for part in ["class=\"byline\"", "corrections-box", "sources-title", "Updated"] {
            #expect(!older.contains(part), "\(part)")
        }
    }

    @Test func jsonLDNamesAuthorsDatesCitationsAndCorrections() throws {
        let pages = try Self.build(Self.site)
        let data = try Self.jsonLD(try #require(pages["articles/a.html"]))
        #expect(data["@type"] as? String == "NewsArticle")
        #expect(data["datePublished"] as? String == "2025-02-13")
        #expect(data["dateModified"] as? String == "2025-02-15")
        let authors = try #require(data["author"] as? [[String: Any]])
        #expect(authors.map { $0["name"] as? String } == ["Jane Roe", "Sam <Smith>", "Ann Lee"])
        #expect(authors.map { $0["@type"] as? String } == ["Person", "Person", "Person"])
        #expect(authors[0]["url"] as? String == "https://example.org/x/actors/jane-roe.html")
        let citations = try #require(data["citation"] as? [[String: Any]])
        #expect(citations.count == 2)
        #expect(citations[0]["@type"] as? String == "CreativeWork")
        #expect(citations[0]["name"] as? String == "Interview with Zelenskyy")
        #expect(citations[0]["datePublished"] as? String == "2025-02-11")
        #expect((citations[0]["publisher"] as? [String: Any])?["name"] as? String == "The Guardian")
        #expect(citations[1]["url"] as? String == "https://www.nato.int/a?b=1&c=2")
        let corrections = try #require(data["correction"] as? [[String: Any]])
        #expect(corrections.count == 1)
        #expect(corrections[0]["@type"] as? String == "CorrectionComment")
        #expect(corrections[0]["datePublished"] as? String == "2025-02-15")
        #expect(corrections[0]["text"] as? String == "An earlier version misspelt <Pistorius>.")
        // Without any of it: the site as author, no dateModified.
        let older = try Self.jsonLD(try #require(pages["articles/b.html"]))
        #expect(older["dateModified"] == nil)
        #expect((older["author"] as? [String: Any])?["@type"] as? String == "Organization")
        #expect(older["citation"] == nil && older["correction"] == nil)
    }

    @Test func theSeedArticleListsTheGuardianInterview() throws {
        let pages = try TestContent.builtSeedPages()
        let page = try #require(pages["articles/hegseth-peace-talks-not-a-betrayal.html"])
        #expect(
            page.contains(
                "<li id=\"source-1\"><cite>Interview with Volodymyr Zelenskyy</cite>, The Guardian, <time datetime=\"2025-02-11\">11 February 2025</time></li>"
            ))
        let citations = try #require(try Self.jsonLD(page)["citation"] as? [[String: Any]])
        #expect(citations.map { $0["name"] as? String } == ["Interview with Volodymyr Zelenskyy"])
    }

    @Test func theCorrectionsPageListsEveryCorrectionNewestFirst() throws {
        var files = Self.site
        files["articles/b.md"] = """
            ---
            title: "Older"
            date: 2025-02-10
            corrections:
              - {date: 2025-02-11, text: First fix.}
              - {date: 2025-02-20, text: Newest fix.}
            ---
            About [[Jane Roe]].
            """
        let pages = try Self.build(files)
        let page = try #require(pages["corrections.html"])
        let items = page.components(separatedBy: "<li><p><time").dropFirst()
        #expect(items.count == 3)
        #expect(
            items.map { TestContent.captures(#"datetime="([0-9-]+)""#, in: $0).first } == [
                "2025-02-20", "2025-02-15", "2025-02-11",
            ])
        let first = try #require(items.first)
        #expect(first.contains("<a href=\"articles/b.html\">Older</a>"))
        #expect(first.contains("Newest fix. <a href=\"articles/b.html#corrections-title\""))
        #expect(items.dropFirst().first?.contains("An earlier version misspelt &lt;Pistorius&gt;.") == true)
        // Linked from every page's footer and from an article's corrections box.
        #expect(try #require(pages["index.html"]).contains("<a href=\"corrections.html\">Corrections</a>"))
        #expect(
            try #require(pages["articles/a.html"]).contains(
                "<p class=\"all-corrections\"><a href=\"../corrections.html\">All corrections on this site</a></p>"))
        // A site without corrections still has the page, saying so.
        let none = try Self.build(["site.yml": "title: T\n", "articles/c.md": TestContent.article(body: "Text.\n")])
        #expect(try #require(none["corrections.html"]).contains("No article has been corrected."))
    }

    /// Entries of an Atom feed, parsed as XML.
    final class AtomEntries: NSObject, XMLParserDelegate {
        var entries: [[String: [String]]] = []
        var feedUpdated: String?
        private var current: [String: [String]]?
        private var path: [String] = []
        private var text = ""

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            path.append(name)
            text = ""
            if name == "entry" { current = [:] }
            if name == "link", current != nil, let href = attributes["href"] {
                current?["link", default: []].append(href)
            }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            path.removeLast()
            if name == "entry", let current {
                entries.append(current)
                self.current = nil
            } else if current != nil {
                let key = path.last == "author" ? "author" : name
                if name != "author" { current?[key, default: []].append(text) }
            } else if name == "updated", path == ["feed"] {
                feedUpdated = text
            }
        }
    }

    @Test func theFeedUpdatesACorrectedArticle() throws {
        let pages = try Self.build(Self.site)
        let feed = try #require(pages["feed.xml"])
        let parser = XMLParser(data: Data(feed.utf8))
        parser.shouldProcessNamespaces = true
        let atom = AtomEntries()
        parser.delegate = atom
        #expect(parser.parse(), "\(parser.parserError.map(String.init(describing:)) ?? "")")
        #expect(atom.feedUpdated == "2025-02-15T00:00:00Z", "the newest entry's update")
        let entry = try #require(atom.entries.first { $0["title"] == ["Talks <begin>"] })
        #expect(entry["published"] == ["2025-02-13T00:00:00Z"])
        #expect(entry["updated"] == ["2025-02-15T00:00:00Z"])
        #expect(entry["author"] == ["Jane Roe", "Sam <Smith>", "Ann Lee"])
        let older = try #require(atom.entries.first { $0["title"] == ["Older"] })
        #expect(older["updated"] == ["2025-02-10T00:00:00Z"])
        #expect(older["author"] == nil)
        #expect(try #require(pages["sitemap.xml"]).contains("articles/a.html</loc><lastmod>2025-02-15</lastmod>"))
    }

    @Test func addingACorrectionRebuildsAsACleanBuildWould() throws {
        try TestContent.withBuiltSession(Self.site) { session, content, output in
            let file = content.appendingPathComponent("articles/b.md")
            try """
            ---
            title: "Older"
            date: 2025-02-10
            authors: Jane Roe
            corrections:
              - {date: 2025-02-21, text: Fixed.}
            ---
            About [[Jane Roe]].
            """.write(to: file, atomically: true, encoding: .utf8)
            _ = try session.rebuild(changed: ["articles/b.md"]).get()
            let corrections = try String(contentsOf: output.appendingPathComponent("corrections.html"), encoding: .utf8)
            #expect(corrections.contains("Fixed."))
            let feed = try String(contentsOf: output.appendingPathComponent("feed.xml"), encoding: .utf8)
            #expect(feed.contains("<updated>2025-02-21T00:00:00Z</updated>\n<author>"))
            try TestContent.expectMatchesCleanBuild(content: content, output: output, "a correction added")
        }
    }

    @Test func aQuotePageLinksWhereTheWordsFirstAppeared() throws {
        let pages = try Self.build(Self.site)
        let yes = try #require(pages["quotes/pete-hegseth-yes.html"])
        #expect(
            yes.contains(
                "<p class=\"origin\">First published in <a href=\"https://www.nato.int/a?b=1&amp;c=2\">NATO press conference</a>.</p>"
            ))
        let maybe = try #require(pages["quotes/pete-hegseth-maybe.html"])
        #expect(
            maybe.contains(
                "<p class=\"origin\">First published in <cite>Interview with Zelenskyy</cite>, The Guardian, <time datetime=\"2025-02-11\">11 February 2025</time>.</p>"
            ))
        let basedOn = try #require(try Self.jsonLD(yes)["isBasedOn"] as? [String: Any])
        #expect(basedOn["@type"] as? String == "CreativeWork")
        #expect(basedOn["name"] as? String == "NATO press conference")
        #expect(basedOn["url"] as? String == "https://www.nato.int/a?b=1&c=2")
        // The statement card says so too.
        let actor = try #require(pages["actors/pete-hegseth.html"])
        #expect(actor.contains(" · first in <a href=\"https://www.nato.int/a?b=1&amp;c=2\">NATO press conference</a>"))
    }

    @Test func theSeedClaimFromTheGuardianInterviewNamesIt() throws {
        let pages = try TestContent.builtSeedPages()
        let actor = try #require(pages["actors/volodymyr-zelenskyy.html"])
        let card = try #require(
            actor.components(separatedBy: "<li class=\"statement").first { $0.contains("Kursk region") })
        #expect(card.contains(" · first in <cite>Interview with Volodymyr Zelenskyy</cite>, The Guardian"))
    }
}
