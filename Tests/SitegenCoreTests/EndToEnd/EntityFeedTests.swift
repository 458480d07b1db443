import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

// An Atom feed per actor and per topic (issue 18): `actors/SLUG.xml` and
// `topics/SLUG.xml`, only with base_url, linked from the page's head, and
// rebuilt when what they list changes.

@Suite("Actor and topic feeds")
struct EntityFeedTests {
    static let site: [String: String] = [
        "site.yml": "title: Desk\nbase_url: https://example.org/x/\n",
        "actors/pete-hegseth.md": TestContent.actor(name: "Pete Hegseth", aliases: ["Hegseth"]),
        "actors/jane-roe.md": TestContent.actor(name: "Jane Roe"),
        "topics/peace-talks.md": TestContent.topic(title: "Peace negotiations"),
        "articles/new.md": TestContent.article(
            title: "Talks & more", date: "2025-02-13",
            body: """
                [[Hegseth]] said [“yes”]{.quote by=hegseth about=peace-talks}, and [the order was signed]{.claim by=hegseth about=peace-talks rating=false}.
                """),
        "articles/old.md": TestContent.article(
            title: "Older", date: "2025-02-10", body: "[[Jane Roe]] met [[Hegseth]] on [[peace-talks]].\n"),
    ]

    /// An Atom document as read by an XML parser that knows namespaces:
    /// the feed's own elements and each entry's.
    final class Atom: NSObject, XMLParserDelegate {
        static let namespace = "http://www.w3.org/2005/Atom"
        var feed: [String: [String]] = [:]
        var entries: [[String: [String]]] = []
        var foreign: [String] = []
        private var entry: [String: [String]]?
        private var path: [String] = []
        private var text = ""

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if namespaceURI != Self.namespace { foreign.append(name) }
            path.append(name)
            text = ""
            if name == "entry" { entry = [:] }
            if name == "link" {
                let value = (attributes["rel"] ?? "alternate") + " " + (attributes["href"] ?? "")
                if entry != nil {
                    entry?["link", default: []].append(value)
                } else {
                    feed["link", default: []].append(value)
                }
            }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            path.removeLast()
            let key = path.last == "author" ? "author" : name
            if name == "entry", let entry {
                entries.append(entry)
                self.entry = nil
            } else if name != "author", name != "link", name != "feed" {
                if entry != nil { entry?[key, default: []].append(text) } else { feed[key, default: []].append(text) }
            }
        }

        static func parse(_ text: String?) throws -> Atom {
            let atom = Atom()
            let parser = XMLParser(data: Data(try #require(text).utf8))
            parser.shouldProcessNamespaces = true
            parser.delegate = atom
            #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
            return atom
        }
    }

    /// What RFC 4287 requires: one id, title and updated for the feed and
    /// for each entry, an author for each entry, a link for each entry
    /// (it has no content), and timestamps in RFC 3339.
    static func expectValidAtom(_ atom: Atom) {
        #expect(atom.foreign.isEmpty)
        for key in ["id", "title", "updated"] { #expect(atom.feed[key]?.count == 1, "feed \(key)") }
        for entry in atom.entries {
            for key in ["id", "title", "updated", "published"] { #expect(entry[key]?.count == 1, "entry \(key)") }
            #expect(entry["author"]?.isEmpty == false || atom.feed["author"] != nil)
            #expect(entry["link"]?.count == 1)
            let stamp = entry["updated"]?.first ?? ""
            #expect(stamp.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil, "\(stamp)")
        }
    }

    @Test func anActorsFeedListsItsStatementsAndArticlesNewestFirst() throws {
        let pages = try TestContent.builtPages(Self.site)
        let atom = try Atom.parse(pages["actors/pete-hegseth.xml"])
        Self.expectValidAtom(atom)
        #expect(atom.feed["id"] == ["https://example.org/x/actors/pete-hegseth.xml"])
        #expect(atom.feed["title"] == ["Pete Hegseth · Desk"])
        #expect(atom.feed["updated"] == ["2025-02-13T00:00:00Z"])
        #expect(
            atom.feed["link"]
                == [
                    "self https://example.org/x/actors/pete-hegseth.xml",
                    "alternate https://example.org/x/actors/pete-hegseth.html",
                ])
        #expect(
            atom.entries.map { $0["title"]?.first ?? "" } == [
                "Talks & more", "Quote by Pete Hegseth: “yes”",
                "Claim by Pete Hegseth: the order was signed (rated false)", "Older",
            ])
        #expect(
            atom.entries.map { $0["link"]?.first ?? "" } == [
                "alternate https://example.org/x/articles/new.html",
                "alternate https://example.org/x/quotes/pete-hegseth-yes.html",
                "alternate https://example.org/x/articles/new.html#s-pete-hegseth-the-order-was-signed",
                "alternate https://example.org/x/articles/old.html",
            ])
        #expect(atom.entries[1]["author"] == ["Pete Hegseth"])
        // The claim's link lands on its entry in the article.
        #expect(try #require(pages["articles/new.html"]).contains(#"id="s-pete-hegseth-the-order-was-signed""#))
    }

    @Test func aTopicsFeedListsWhatIsAboutIt() throws {
        let pages = try TestContent.builtPages(Self.site)
        let atom = try Atom.parse(pages["topics/peace-talks.xml"])
        Self.expectValidAtom(atom)
        #expect(atom.entries.count == 4)
        let roe = try Atom.parse(pages["actors/jane-roe.xml"])
        Self.expectValidAtom(roe)
        #expect(roe.entries.map { $0["title"]?.first ?? "" } == ["Older"])
    }

    @Test func pagesLinkTheirFeedInTheHead() throws {
        let pages = try TestContent.builtPages(Self.site)
        let actor = try #require(pages["actors/pete-hegseth.html"])
        let head = try #require(actor.components(separatedBy: "</head>").first)
        #expect(
            head.contains(
                #"<link rel="alternate" type="application/atom+xml" title="Pete Hegseth · Desk" href="pete-hegseth.xml">"#
            ))
        let topic = try #require(pages["topics/peace-talks.html"])
        #expect(
            topic.contains(#"type="application/atom+xml" title="Peace negotiations · Desk" href="peace-talks.xml">"#))
        // Other pages link the site's feed only.
        #expect(TestContent.count("application/atom+xml", in: try #require(pages["articles/new.html"])) == 1)
        #expect(TestContent.count("application/atom+xml", in: actor) == 2)
    }

    @Test func withoutABaseURLThereAreNoFeeds() throws {
        var files = Self.site
        files["site.yml"] = "title: Desk\n"
        let pages = try TestContent.builtPages(files)
        #expect(pages.keys.filter { $0.hasSuffix(".xml") }.isEmpty)
        #expect(!(try #require(pages["actors/pete-hegseth.html"])).contains("application/atom+xml"))
    }

    @Test func editingAnArticleRebuildsTheFeedsAsACleanBuildWould() throws {
        try TestContent.withBuiltSession(Self.site) { session, content, output in
            try TestContent.article(
                title: "Older, retitled", date: "2025-02-10",
                body: "[[Jane Roe]] met [[Hegseth]]. [She agreed]{.claim by=jane-roe about=peace-talks}.\n"
            ).write(to: content.appendingPathComponent("articles/old.md"), atomically: true, encoding: .utf8)
            _ = try session.rebuild(changed: ["articles/old.md"]).get()
            let roe = try String(contentsOf: output.appendingPathComponent("actors/jane-roe.xml"), encoding: .utf8)
            #expect(roe.contains("Claim by Jane Roe: She agreed"))
            try TestContent.expectMatchesCleanBuild(content: content, output: output, "an article edited")
        }
    }
}
