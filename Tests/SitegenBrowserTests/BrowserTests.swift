import Foundation
import SitegenTestSupport
import Testing

/// The seed site opened from file:// in headless Chromium, as a reader uses
/// it: links clicked, search typed, pages photographed at desktop and phone
/// widths. Every test also checks that no request left the site's folder and
/// that the console stayed free of errors (see `BrowserSession`). The suite
/// runs its tests one after another, each with its own browser.
@Suite("In headless Chromium", .serialized)
struct BrowserTests {
    /// A link found in the page: its text and resolved address.
    struct Link: Equatable, CustomStringConvertible {
        var text: String
        var href: String
        var description: String { "\(text) → \(href)" }
    }

    /// The link that `script` selects, read before clicking it.
    private func link(_ page: Page, _ script: String) throws -> Link {
        let found = try page.evaluate(
            "(() => { const a = \(script); return a ? {text: a.textContent.trim(), href: a.href} : null; })()")
        let fields = try #require(found as? [String: Any], "no link: \(script)")
        return Link(text: fields["text"] as? String ?? "", href: fields["href"] as? String ?? "")
    }

    /// Clicks the link that `script` selects and waits for the page it leads to.
    @discardableResult
    private func follow(_ page: Page, _ script: String) throws -> Link {
        let target = try link(page, script)
        try page.waitingForNavigation { try page.click(element: script) }
        return target
    }

    /// The record that every other test checks sees what it should: a request
    /// outside the folder, a console error, an uncaught exception, a failed load.
    @Test func theRecordCatchesOutsideRequestsAndConsoleErrors() throws {
        let chromium = try Tools.chromium()
        try TestContent.withTemporaryDirectory { folder in
            let root = folder.appendingPathComponent("site")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try Data(
                """
                <!DOCTYPE html><html lang="en"><head><title>Control</title></head><body>
                <img alt="" src="../outside.png">
                <script>console.error("control error"); throw new Error("control exception");</script>
                </body></html>
                """.utf8
            ).write(to: root.appendingPathComponent("control.html"))

            let browser = try Browser(executable: chromium)
            defer { browser.close() }
            let session = BrowserSession(
                site: SeedSite(root: root.resolvingSymlinksInPath()), browser: browser, page: try browser.newPage())
            try session.open("control.html")
            #expect(session.outsideRequests.contains { $0.hasSuffix("/outside.png") }, "\(session.page.requestedURLs)")
            let problems = session.page.problems
            #expect(problems.contains { $0.hasPrefix("console.error: control error") }, "\(problems)")
            #expect(problems.contains { $0.hasPrefix("uncaught exception:") && $0.contains("control exception") })
            #expect(problems.contains { $0.hasPrefix("failed load:") }, "\(problems)")
        }
    }

    @Test func walkFromHomeThroughArticleActorQuoteTopicAndBack() throws {
        try BrowserSession.run { session in
            let page = session.page
            try session.open("index.html")
            let home = try page.url
            let siteTitle = try #require(try page.evaluate("document.title") as? String)
            #expect(try page.text("h1") == siteTitle)

            // Home → the lead article.
            let article = try follow(page, "document.querySelector('.lead-article a')")
            #expect(session.sitePath(of: article.href)?.hasPrefix("articles/") == true, "\(article)")
            #expect(try page.url == article.href)
            #expect(try page.text("h1") == article.text)

            // From the keyboard: the first Tab stop is the skip link; after it, Tab
            // reaches the body's first entity link, whose preview shows on focus.
            try page.press("Tab")
            #expect(try page.evaluate("document.activeElement.className") as? String == "skip-link")
            try page.waiting(for: "Page.navigatedWithinDocument") { try page.press("Enter") }
            #expect(try page.evaluate("location.hash") as? String == "#main")
            try page.press("Tab")
            let focused =
                try page.evaluate(
                    """
                    (() => {
                      const a = document.activeElement;
                      if (!a.matches('.prose a.entity')) return {html: a.outerHTML.slice(0, 200)};
                      return {preview: a.dataset.preview, shown: getComputedStyle(a, '::after').content};
                    })()
                    """) as? [String: Any]
            let preview = try #require(
                focused?["preview"] as? String, "focus is not on an entity link: \(focused ?? [:])")
            #expect(focused?["shown"] as? String == jsString(preview), "the preview on focus: \(focused ?? [:])")

            // Article → an actor named in its body (the link's title is "Name — role").
            let actorLink = """
                [...document.querySelectorAll('.prose a.entity-actor')].find(a => a.title.startsWith('Pete Hegseth'))
                """
            let actorName = try #require(
                try page.evaluate("(\(actorLink)).title.split(' — ')[0]") as? String)
            let actor = try follow(page, actorLink)
            #expect(session.sitePath(of: actor.href) == "actors/pete-hegseth.html", "\(actor)")
            #expect(try page.url == actor.href)
            #expect(try page.text("h1") == actorName)

            // Actor → the page of one of their quotes.
            let words = try #require(
                try page.text("section[aria-labelledby=quotes-title] .statement-quote .statement-words"))
            let quote = try follow(
                page,
                "document.querySelector('section[aria-labelledby=quotes-title] .statement-quote a[href*=\"quotes/\"]')")
            let quotePath = try #require(session.sitePath(of: quote.href), "\(quote)")
            #expect(quotePath.hasPrefix("quotes/"))
            #expect(try page.url == quote.href)
            #expect(try page.text(".big-quote blockquote") == words)
            #expect(try page.text("h1") == "Quote by \(actorName)")

            // Quote → a topic it is about; the topic page lists the quote.
            let topic = try follow(
                page, "document.querySelector('section[aria-labelledby=topics-title] a.chip-topic')")
            #expect(session.sitePath(of: topic.href)?.hasPrefix("topics/") == true, "\(topic)")
            #expect(try page.url == topic.href)
            #expect(try page.text("h1") == topic.text)
            let listsQuote =
                try page.evaluate(
                    "[...document.querySelectorAll('a')].some(a => a.href === \(jsString(quote.href)))") as? Bool
            #expect(listsQuote == true, "the topic page does not link to \(quotePath)")

            // Back to the quote, then home through the site title.
            try page.goBack()
            #expect(try page.url == quote.href)
            #expect(try page.text(".big-quote blockquote") == words)
            let homeAgain = try follow(page, "document.querySelector('.site-title')")
            #expect(homeAgain.href == home)
            #expect(try page.url == home)
            #expect(try page.text("h1") == siteTitle)
        }
    }

    /// The result groups on the search page: heading → links.
    private func searchResults(_ session: BrowserSession) throws -> [String: [Link]] {
        let value = try session.page.evaluate(
            """
            [...document.querySelectorAll('#search-results section')].map(section => ({
              group: section.querySelector('h2')?.textContent ?? '',
              links: [...section.querySelectorAll('a')].map(a => ({text: a.textContent.trim(), href: a.href}))
            }))
            """)
        var groups: [String: [Link]] = [:]
        for group in value as? [[String: Any]] ?? [] {
            let links = (group["links"] as? [[String: Any]] ?? []).map {
                Link(text: $0["text"] as? String ?? "", href: $0["href"] as? String ?? "")
            }
            groups[group["group"] as? String ?? "", default: []] += links
        }
        return groups
    }

    private func paths(_ links: [Link]?, in session: BrowserSession) -> [String] {
        (links ?? []).compactMap { session.sitePath(of: $0.href) }
    }

    private static let people = "People, countries and organisations"

    @Test func searchFindsPeopleWithOrWithoutAccentsAndQuotesByTheirWords() throws {
        try BrowserSession.run { session in
            let page = session.page

            // A query in the address: the spelling differs by one letter.
            try session.open("search.html", query: "q=Zelensky")
            #expect(try page.evaluate("document.getElementById('search-input').value") as? String == "Zelensky")
            var results = try searchResults(session)
            #expect(
                results[Self.people]?.contains { $0.text == "Volodymyr Zelenskyy" } == true, "results: \(results)")
            #expect(paths(results[Self.people], in: session).contains("actors/volodymyr-zelenskyy.html"))
            let status = try page.text("#search-status") ?? ""
            #expect(status.hasSuffix(" result") || status.hasSuffix(" results"), "status: \(status)")

            // A word of a quote: found under Quotes, linking to the quote's page.
            try session.open("search.html", query: "q=betrayal")
            results = try searchResults(session)
            #expect(
                paths(results["Quotes"], in: session).contains("quotes/pete-hegseth-not-a-betrayal.html"),
                "results: \(results)")

            // Nothing found says so.
            try session.open("search.html", query: "q=xylophonist")
            #expect(try searchResults(session).isEmpty)
            #expect(try page.text("#search-status")?.hasPrefix("No results") == true)

            // With the keyboard: type a name without its accent, submit, tab to the first result, follow it.
            try session.open("search.html")
            #expect(try searchResults(session).isEmpty)
            try page.click("#search-input")
            #expect(try page.evaluate("document.activeElement.id") as? String == "search-input")
            try page.type("Sebastien")
            results = try searchResults(session)
            #expect(
                paths(results[Self.people], in: session) == ["actors/sebastien-lecornu.html"], "results: \(results)")
            #expect(results[Self.people]?.first?.text == "Sébastien Lecornu")
            try page.press("Enter")
            #expect(try searchResults(session) == results, "submitting the form changed the results")
            try page.press("Tab")
            #expect(try page.evaluate("document.activeElement.tagName") as? String == "BUTTON")
            try page.press("Tab")
            let focused = try page.evaluate("document.activeElement.href") as? String
            #expect(focused == results[Self.people]?.first?.href)
            try page.waitingForNavigation { try page.press("Enter") }
            #expect(session.sitePath(of: try page.url) == "actors/sebastien-lecornu.html")
            #expect(try page.text("h1") == "Sébastien Lecornu")
        }
    }

    /// Every picture of the pictures article and of a flag's actor page
    /// loads from disk, at the width and height its tag reserved, and the
    /// link to a file under assets/ leads to it.
    @Test func picturesLoadFromDiskAtTheSizeTheirTagsSay() throws {
        try BrowserSession.run(withPictures: true) { session in
            var seen = 0
            for path in ["articles/pictures.html", "actors/ukraine.html", "actors/poland.html"] {
                try session.open(path)
                // Lazy pictures load when scrolled to; here they load now.
                let found = try session.page.evaluate(
                    """
                    Promise.all([...document.images].map(img => {
                      img.loading = 'eager';
                      return img.complete ? null : new Promise(done => { img.onload = img.onerror = done; });
                    })).then(() => [...document.images].map(img => ({
                      src: img.src, natural: [img.naturalWidth, img.naturalHeight],
                      tag: [Number(img.getAttribute('width')), Number(img.getAttribute('height'))]
                    })))
                    """, awaitPromise: true)
                let images = try #require(found as? [[String: Any]], "\(path): \(String(describing: found))")
                #expect(!images.isEmpty, "\(path) shows no picture")
                for image in images {
                    let src = image["src"] as? String ?? ""
                    #expect(session.sitePath(of: src) != nil, "\(path): \(src) is not in the site")
                    let natural = image["natural"] as? [Int] ?? []
                    #expect(natural.first ?? 0 > 0, "\(path): \(src) did not load")
                    #expect(image["tag"] as? [Int] == natural, "\(path): \(src) is \(natural), its tag says otherwise")
                    seen += 1
                }
            }
            #expect(seen >= 5)
            try session.open("articles/pictures.html")
            #expect(
                try session.page.evaluate("document.querySelector('figure figcaption .credit').textContent") as? String
                    == "Photo: sitegen tests")
            let file = try link(session.page, "document.querySelector('.prose a[href$=\"photo.png\"]')")
            let target = try #require(session.sitePath(of: file.href))
            #expect(FileManager.default.fileExists(atPath: session.url(target).path), "\(file) leads nowhere")
        }
    }

    /// On a desktop the sidebar starts level with the article's first
    /// block, a corrections box included, rather than below it.
    @Test func aCorrectionsBoxLeavesTheSidebarInPlace() throws {
        try BrowserSession.run(withPictures: true) { session in
            try session.page.setViewport(width: 1280, height: 800, mobile: false)
            try session.open("articles/pictures.html")
            let tops = try session.page.evaluate(
                "['.corrections-box', '.sidebar'].map(s => document.querySelector(s).getBoundingClientRect().top)")
            let values = try #require(tops as? [Double], "\(String(describing: tops))")
            #expect(values.count == 2 && abs(values[0] - values[1]) < 1, "corrections box and sidebar tops: \(values)")
        }
    }

    /// An actor's page remembers, in localStorage from file://, the newest
    /// day among its entries, marks what came after it on the next visit,
    /// and does nothing when storage throws.
    @Test func newSinceYourLastVisitMarksWhatCameAfter() throws {
        try BrowserSession.run { session in
            let page = session.page
            let key = "'sitegen:newest-seen:' + location.pathname"
            func marked() throws -> Int {
                try page.evaluate("document.querySelectorAll('.is-new').length") as? Int ?? -1
            }
            func noteShown() throws -> Bool {
                try page.evaluate("!document.getElementById('new-since').hidden") as? Bool ?? false
            }

            // A first visit marks nothing and remembers the newest day.
            try session.open("actors/pete-hegseth.html")
            #expect(try marked() == 0)
            #expect(try noteShown() == false)
            let dated = try page.evaluate("document.querySelectorAll('[data-published]').length") as? Int ?? 0
            #expect(dated > 0)
            let newest = try page.evaluate(
                "Array.from(document.querySelectorAll('[data-published]')).map(e => e.dataset.published).sort().pop()")
            #expect(try page.evaluate("localStorage.getItem(\(key))") as? String == newest as? String)

            // Seen long ago: every entry is new, and the note says how many.
            _ = try page.evaluate("localStorage.setItem(\(key), '2000-01-01')")
            try session.open("actors/pete-hegseth.html")
            #expect(try marked() == dated)
            #expect(try noteShown())
            #expect(try page.text("#new-since")?.hasPrefix("\(dated) entries are new since your last visit") == true)
            #expect(try page.evaluate("document.querySelector('.is-new .badge-new').textContent") as? String == "New")

            // Seen now: nothing is new again.
            try session.open("actors/pete-hegseth.html")
            #expect(try marked() == 0)

            // Storage that throws: the script runs again, marks nothing and raises nothing.
            _ = try page.evaluate("localStorage.setItem(\(key), '2000-01-01')")
            _ = try page.evaluate(
                """
                new Promise(resolve => {
                  Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('blocked', 'SecurityError'); } });
                  const script = document.createElement('script');
                  script.src = document.querySelector('script[src*="new-since"]').src;
                  script.onload = () => resolve(true);
                  document.body.appendChild(script);
                })
                """, awaitPromise: true)
            #expect(try marked() == 0)
            #expect(try noteShown() == false)
        }
    }

    @Test func screenshotsAtDesktopAndPhoneWidths() throws {
        let folder = Tools.artifacts
        try BrowserSession.run { session in
            let article = try #require(session.site.pages.first { $0.hasPrefix("articles/") })
            let shots: [(name: String, path: String, query: String?)] = [
                ("home", "index.html", nil),
                ("article", article, nil),
                ("actor", "actors/pete-hegseth.html", nil),
                ("quote", "quotes/pete-hegseth-not-a-betrayal.html", nil),
                ("topic", "topics/peace-talks.html", nil),
                ("connections", "connections.html", nil),
                ("timeline", "timeline.html", nil),
                ("search", "search.html", "q=Zelensky"),
            ]
            let screens: [(name: String, width: Int, height: Int, mobile: Bool)] = [
                ("desktop", 1280, 800, false),
                ("phone", 390, 844, true),
            ]
            for scheme in ["light", "dark"] {
                try session.page.setColorScheme(scheme)
                for screen in screens {
                    try session.page.setViewport(width: screen.width, height: screen.height, mobile: screen.mobile)
                    for shot in shots {
                        try session.open(shot.path, query: shot.query)
                        // Nothing is wider than the screen, so nothing scrolls sideways.
                        let width = try session.page.evaluate("document.documentElement.scrollWidth") as? Int
                        #expect(
                            (width ?? .max) <= screen.width,
                            "\(shot.path) is \(width ?? -1) px wide on a \(screen.width) px \(screen.name)")
                        let file = folder.appendingPathComponent("\(screen.name)-\(scheme)-\(shot.name).png")
                        try session.page.screenshot(to: file)
                        let png = try Data(contentsOf: file)
                        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(file.path) is not a PNG")
                    }
                }
            }
            print("Screenshots: \(folder.path)")
        }
    }
}
