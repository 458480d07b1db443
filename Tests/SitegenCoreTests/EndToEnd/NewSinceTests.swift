import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore

// "New since your last visit" (issue 18): actor and topic pages date their
// entries and load new-since.js, which the browser tests run; here, what
// the pages hand it, and that readers without scripts see nothing of it.

@Suite("New since your last visit: what pages hand the script")
struct NewSinceTests {
    @Test func actorAndTopicPagesDateTheirEntriesAndLoadTheScript() throws {
        let pages = try TestContent.builtPages([
            "site.yml": "title: Desk\n",
            "actors/pete-hegseth.md": TestContent.actor(name: "Pete Hegseth", aliases: ["Hegseth"]),
            "topics/peace-talks.md": TestContent.topic(title: "Peace negotiations"),
            "articles/a.md": TestContent.article(
                date: "2025-02-13", body: "[[Hegseth]] said [“yes”]{.quote by=hegseth about=peace-talks}.\n"),
            "articles/b.md": TestContent.article(
                title: "Older", date: "2025-02-10", body: "On [[peace-talks]] [it ended]{.claim by=hegseth}.\n"),
        ])
        let actor = try #require(pages["actors/pete-hegseth.html"])
        #expect(actor.contains(#"id="s-pete-hegseth-yes" data-published="2025-02-13">"#))
        #expect(actor.contains(#"id="s-pete-hegseth-it-ended" data-published="2025-02-10">"#))
        // Hidden until the script fills it: no gap without scripts.
        #expect(actor.contains(#"<p class="new-since" id="new-since" hidden></p>"#))
        let script = try #require(
            TestContent.captures(#"<script src="(\.\./static/new-since\.[0-9a-f]+\.js)"></script>"#, in: actor).first)
        let topic = try #require(pages["topics/peace-talks.html"])
        #expect(topic.contains(#"<li data-published="2025-02-10"><a href="../articles/b.html">Older</a>"#))
        #expect(topic.contains(script))
        // The browser tests load it; other pages do not.
        let article = try #require(pages["articles/a.html"])
        #expect(!article.contains("new-since"))
    }
}
