import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenCore
@testable import SitegenLoad
@testable import SitegenPlan
@testable import SitegenRender
@testable import SitegenResolve

/// Builds the repository's own Content/ with its Templates/ and checks the
/// generated site as a reader (and a link checker) would see it.
@Suite("Seed site end to end")
struct SeedSiteTests {
    struct Built {
        var output: URL
        var report: SiteBuilder.Report
        /// Output-relative path → text, for every generated HTML page.
        var pages: [String: String]

        func page(_ path: String) throws -> String {
            try #require(pages[path], "no page \(path) in the output")
        }
    }

    private func withBuiltSite<T>(_ body: (Built) throws -> T) throws -> T {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let builder = SiteBuilder(
                options: .init(content: TestContent.seedContent, templates: TestContent.seedTemplates, output: output))
            let report: SiteBuilder.Report
            switch builder.build() {
            case .success(let result): report = result
            case .failure(let failure):
                throw TestContent.Failure(
                    "the seed site does not build:\n" + failure.diagnostics.map(\.description).joined(separator: "\n"))
            }
            var pages: [String: String] = [:]
            for (path, data) in TestContent.snapshot(output) where path.hasSuffix(".html") {
                pages[path] = String(decoding: data, as: UTF8.self)
            }
            return try body(Built(output: output, report: report, pages: pages))
        }
    }

    // MARK: Expectations computed from the content files

    private static func markdownFiles(_ kind: String) -> [(name: String, text: String)] {
        let folder = TestContent.seedContent.appendingPathComponent(kind)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted().compactMap { name in
            FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map {
                (name, String(decoding: $0, as: UTF8.self))
            }
        }
    }

    private static func isDraft(_ text: String) -> Bool {
        guard text.hasPrefix("---\n"), let end = text.range(of: "\n---\n") else { return false }
        return text[..<end.lowerBound].split(separator: "\n").contains {
            $0.trimmingCharacters(in: .whitespaces) == "draft: true"
        }
    }

    /// Bodies that are built: published articles, every actor and topic.
    private static var builtDocuments: [(name: String, text: String)] {
        markdownFiles("articles").filter { !isDraft($0.text) } + markdownFiles("actors") + markdownFiles("topics")
    }

    /// The `{…}` attribute lists of annotation spans, in a document's text.
    private static func spanAttributes(_ text: String) -> [String] {
        TestContent.captures(#"\]\{([^}]*)\}"#, in: text)
    }

    private static func hasClass(_ attributes: String, _ name: String) -> Bool {
        attributes.split(whereSeparator: \.isWhitespace).contains { $0 == "." + name }
    }

    private static func attribute(_ key: String, in attributes: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: #"(?:^|\s)"# + key + #"=(?:"([^"]*)"|(\S+))"#),
            let match = regex.firstMatch(in: attributes, range: NSRange(attributes.startIndex..., in: attributes))
        else { return nil }
        for group in 1...2 {
            if let range = Range(match.range(at: group), in: attributes) { return String(attributes[range]) }
        }
        return nil
    }

    /// The article that holds the "not a betrayal" quote.
    private static func betrayalArticleSlug() throws -> String {
        let article = try #require(
            markdownFiles("articles").first { $0.text.contains("[“not a betrayal”]{.quote") },
            "no article quotes “not a betrayal”")
        return String(article.name.dropLast(3))
    }

    // MARK: HTML helpers

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    private static func links(in html: String) -> [String] {
        TestContent.captures(#"\s(?:href|src)="([^"]*)""#, in: html).map(unescape)
    }

    private static func ids(in html: String) -> Set<String> {
        Set(TestContent.captures(#"\sid="([^"]*)""#, in: html).map(unescape))
    }

    /// The HTML from the element with `id` to the end of that element's first closing `</p>` or `</li>`.
    private static func element(withID id: String, in html: String) -> String? {
        guard let start = html.range(of: "id=\"\(id)\"") else { return nil }
        let rest = html[start.lowerBound...]
        let ends = ["</p>", "</li>", "</h2>", "</h3>"].compactMap { rest.range(of: $0)?.upperBound }
        guard let end = ends.min() else { return nil }
        return String(html[start.lowerBound..<end])
    }

    // MARK: Tests

    @Test func pageCountsMatchTheContent() throws {
        let articles = Self.markdownFiles("articles").filter { !Self.isDraft($0.text) }.count
        let actors = Self.markdownFiles("actors").count
        let topics = Self.markdownFiles("topics").count
        let quotes = Self.builtDocuments.flatMap { Self.spanAttributes($0.text) }.filter { Self.hasClass($0, "quote") }
            .count
        #expect(articles >= 1 && actors >= 1 && topics >= 1 && quotes >= 1)
        try withBuiltSite { site in
            let counts = site.report.pageCounts
            #expect(counts["article"] == articles)
            #expect(counts["actor"] == actors)
            #expect(counts["topic"] == topics)
            #expect(counts["quote"] == quotes)
            #expect(counts["home"] == 1)
            #expect(counts["index"] == 4)
            #expect(counts["404"] == 1, "the default theme has a 404 page")
            #expect(counts["search"] == 1, "and a search page")
            #expect(counts["connections"] == 1, "and a connections page")
            #expect(counts["timeline"] == 1, "and a timeline page")
            #expect(counts["corrections"] == 1, "and a corrections page")
            // NATO, Russia and Ukraine are named on more than ten pages, and
            // peace talks has more than ten statements: archive pages list them all.
            #expect(counts["archive"] == 4)
            #expect(site.report.pages == articles + actors + topics + quotes + 4 + 10)
            func onDisk(_ folder: String, archives: Bool = false) -> Int {
                site.pages.keys.filter {
                    $0.hasPrefix(folder + "/") && !$0.dropFirst(folder.count + 1).contains("/")
                        && $0.contains("--") == archives
                }.count
            }
            #expect(onDisk("articles") == articles)
            #expect(onDisk("actors") == actors)
            #expect(onDisk("topics") == topics)
            #expect(onDisk("actors", archives: true) + onDisk("topics", archives: true) == 4)
            #expect(onDisk("quotes") == quotes)
            for page in ["index.html", "articles.html", "actors.html", "topics.html", "quotes.html"] {
                #expect(site.pages[page] != nil, "missing \(page)")
            }
            #expect(site.pages.count == site.report.pages)
            #expect(
                FileManager.default.fileExists(
                    atPath: site.output.appendingPathComponent(OutputLocation.manifestName).path)
            )
            let stylesheet = try TemplateSet.load(from: TestContent.seedTemplates).get().staticPath("style.css")
            #expect(
                FileManager.default.fileExists(atPath: site.output.appendingPathComponent(stylesheet.rawValue).path))
        }
    }

    @Test func hegsethPageLinksTheQuoteToItsParagraph() throws {
        let slug = try Self.betrayalArticleSlug()
        try withBuiltSite { site in
            let actorPage = try site.page("actors/pete-hegseth.html")
            #expect(actorPage.contains("not a betrayal"))
            // The statement item that holds the quote, and its link into the article.
            let items = actorPage.components(separatedBy: "<li class=\"statement").dropFirst()
            let item = try #require(items.first { $0.contains("not a betrayal") }, "no statement item with the quote")
            let pattern = #"href="((?:\.\./)?articles/"# + slug + #"\.html#(p-\d+))""#
            let anchors = TestContent.captures(pattern, in: item, group: 2)
            let anchor = try #require(anchors.first, "no link to the article paragraph in:\n\(item)")
            let href = try #require(TestContent.captures(pattern, in: item, group: 1).first)
            #expect(href.hasSuffix("articles/\(slug).html#\(anchor)"))
            #expect(href == "../articles/\(slug).html#\(anchor)")
            // That paragraph of the article page holds the quote.
            let articlePage = try site.page("articles/\(slug).html")
            let paragraph = try #require(
                Self.element(withID: anchor, in: articlePage), "no id=\"\(anchor)\" in the article")
            #expect(paragraph.hasPrefix("id=\"\(anchor)\""))
            #expect(paragraph.contains("not a betrayal"))
            #expect(paragraph.contains("class=\"statement quote\""))
        }
    }

    @Test func everyLocalLinkResolves() throws {
        try withBuiltSite { site in
            var problems: [String] = []
            let root = site.output.standardizedFileURL.path
            var idCache: [String: Set<String>] = [:]
            func ids(of path: String) -> Set<String> {
                if let cached = idCache[path] { return cached }
                let found = site.pages[path].map(Self.ids(in:)) ?? []
                idCache[path] = found
                return found
            }
            var checked = 0
            for (page, html) in site.pages.sorted(by: { $0.key < $1.key }) {
                for link in Self.links(in: html) {
                    let lowered = link.lowercased()
                    if lowered.hasPrefix("http:") || lowered.hasPrefix("https:") || lowered.hasPrefix("mailto:") {
                        continue
                    }
                    checked += 1
                    if link.hasPrefix("/") {
                        problems.append("\(page): '\(link)' is not relative")
                        continue
                    }
                    if link.contains(":") {
                        problems.append("\(page): '\(link)' has an unexpected scheme")
                        continue
                    }
                    let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                    let pathPart = String(parts[0]).removingPercentEncoding ?? String(parts[0])
                    let fragment = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
                    let target: String
                    if pathPart.isEmpty {
                        target = page
                    } else {
                        let url = site.output.appendingPathComponent(page).deletingLastPathComponent()
                            .appendingPathComponent(pathPart).standardizedFileURL
                        guard url.path.hasPrefix(root + "/") else {
                            problems.append("\(page): '\(link)' leaves the output folder")
                            continue
                        }
                        target = String(url.path.dropFirst(root.count + 1))
                        var isDirectory: ObjCBool = false
                        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
                            !isDirectory.boolValue
                        else {
                            problems.append("\(page): '\(link)' points to missing \(target)")
                            continue
                        }
                    }
                    if !fragment.isEmpty, !ids(of: target).contains(fragment) {
                        problems.append("\(page): '\(link)': no id=\"\(fragment)\" in \(target)")
                    }
                }
            }
            #expect(checked > site.pages.count, "suspiciously few links checked: \(checked)")
            #expect(
                problems.isEmpty,
                Comment(rawValue: "\(problems.count) broken links:\n" + problems.prefix(40).joined(separator: "\n")))
        }
    }

    @Test func everyPageHasTheDocumentFrame() throws {
        try withBuiltSite { site in
            #expect(!site.pages.isEmpty)
            for (path, html) in site.pages.sorted(by: { $0.key < $1.key }) {
                #expect(html.contains("<html lang=\""), "\(path) has no <html lang=")
                let lang = TestContent.captures(#"<html lang="([^"]*)""#, in: html).first ?? ""
                #expect(!lang.isEmpty, "\(path) has an empty lang")
                #expect(
                    TestContent.count("<h1", in: html) == 1, "\(path) has \(TestContent.count("<h1", in: html)) <h1>")
                #expect(html.contains("<main"), "\(path) has no <main>")
                #expect(html.hasPrefix("<!DOCTYPE html>"), "\(path) has no doctype")
            }
        }
    }

    @Test func quotePageLinksBackToSpeakerAndArticle() throws {
        let slug = try Self.betrayalArticleSlug()
        let id = StatementID.derived(speaker: "pete-hegseth", words: "“not a betrayal”")
        try withBuiltSite { site in
            let page = try site.page("quotes/\(id.rawValue).html")
            #expect(page.contains("not a betrayal"))
            let links = Self.links(in: page)
            #expect(links.contains("../actors/pete-hegseth.html"))
            #expect(links.contains("../articles/\(slug).html"))
            #expect(links.contains { $0.hasPrefix("../articles/\(slug).html#p-") })
        }
    }

    @Test func peaceTalksTopicGroupsQuotesAndClaimsBySpeaker() throws {
        // Expected speakers of each kind, from the annotation spans in the content files.
        let loaded = ContentLoader().load(from: TestContent.seedContent)
        let index = EntityIndex(actors: loaded.content.actors, topics: loaded.content.topics)
        var expected: [String: [String: Int]] = [:]
        for document in Self.builtDocuments {
            for attributes in Self.spanAttributes(document.text) {
                guard let kind = ["quote", "claim"].first(where: { Self.hasClass(attributes, $0) }) else { continue }
                let about = (Self.attribute("about", in: attributes) ?? "").split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                let topics = about.compactMap { try? index.resolve($0, kind: .topic).get().slug }
                guard topics.contains("peace-talks"), let by = Self.attribute("by", in: attributes),
                    let speaker = try? index.resolve(by, kind: .actor).get().slug
                else { continue }
                expected[kind, default: [:]][speaker, default: 0] += 1
            }
        }
        #expect(expected["quote"]?.count ?? 0 >= 2 && expected["claim"]?.count ?? 0 >= 2)
        #expect(expected["quote"]?["pete-hegseth"] != nil)
        try withBuiltSite { site in
            let page = try site.page("topics/peace-talks.html")
            let headingPattern = #"<h3><a href="\.\./actors/([a-z0-9-]+)\.html""#
            for (kind, title) in [("quote", "quotes-title"), ("claim", "claims-title")] {
                let section = try #require(
                    page.components(separatedBy: "<section aria-labelledby=\"\(title)\">").dropFirst().first?
                        .components(separatedBy: "<section aria-labelledby=").first, "no \(title) section")
                var groups: [(speaker: String, html: String)] = []
                for chunk in section.components(separatedBy: "<section class=\"speaker-group\">").dropFirst() {
                    let html = chunk.components(separatedBy: "</section>").first ?? ""
                    let heading = try #require(
                        TestContent.captures(headingPattern, in: html).first, "group without a speaker heading")
                    groups.append((heading, html))
                }
                var seen: [String: Int] = [:]
                for group in groups {
                    #expect(seen[group.speaker] == nil, "\(group.speaker) has two \(kind) groups")
                    let speakers = TestContent.captures(
                        #"class="speaker" href="\.\./actors/([a-z0-9-]+)\.html""#, in: group.html)
                    #expect(!speakers.isEmpty)
                    #expect(
                        speakers.allSatisfy { $0 == group.speaker },
                        "group \(group.speaker) holds statements by \(speakers)")
                    #expect(
                        TestContent.count("class=\"statement statement-\(kind)\"", in: group.html) == speakers.count)
                    seen[group.speaker] = speakers.count
                }
                #expect(seen == expected[kind] ?? [:], "\(kind)s")
                // Speakers with more statements come first.
                let counts = groups.map { seen[$0.speaker] ?? 0 }
                #expect(counts == counts.sorted(by: >))
            }
        }
    }

    @Test func timelineHasEveryEventInDateOrderLinkedToItsParagraph() throws {
        // Expected dates, from the `.event` spans: date= or the article's date.
        var expected: [String] = []
        for article in Self.markdownFiles("articles") where !Self.isDraft(article.text) {
            let articleDate = try #require(
                TestContent.captures(#"\ndate: (\d{4}-\d{2}-\d{2})"#, in: article.text).first)
            for attributes in Self.spanAttributes(article.text) where Self.hasClass(attributes, "event") {
                expected.append(Self.attribute("date", in: attributes) ?? articleDate)
            }
        }
        #expect(expected.count >= 5, "the seed marks the call, the meeting, the conference and two days of remarks")
        try withBuiltSite { site in
            let timeline = try site.page("timeline.html")
            let dates = TestContent.captures(#"<p class="event-words"><time datetime="([0-9-]+)">"#, in: timeline)
            #expect(dates == expected.sorted())
            let sources = TestContent.captures(#"class="event-source" href="([^"]+)""#, in: timeline)
            #expect(sources.count == expected.count)
            for source in sources {
                let parts = source.split(separator: "#").map(String.init)
                #expect(parts.count == 2 && parts[0].hasPrefix("articles/") && parts[1].hasPrefix("p-"))
                let article = try site.page(parts[0])
                let paragraph = try #require(
                    Self.element(withID: parts[1], in: article), "no #\(parts[1]) in \(parts[0])")
                #expect(paragraph.contains("class=\"event\""), "\(source) does not hold an event")
            }
            // The conference was still to come when the article was written.
            #expect(timeline.contains("Munich Security Conference") && timeline.contains("Expected"))
            #expect(try site.page("index.html").contains("href=\"timeline.html\""))
        }
    }

    @Test func peaceTalksShowWhoStandsWhereAndHomeLinksToIt() throws {
        try withBuiltSite { site in
            let topic = try site.page("topics/peace-talks.html")
            let rows = Set(TestContent.captures(#"<tr id="stance-([a-z0-9-]+)">"#, in: topic))
            #expect(rows.isSuperset(of: ["pete-hegseth", "donald-trump", "volodymyr-zelenskyy", "boris-pistorius"]))
            let home = try site.page("index.html")
            let cells = TestContent.captures(#"class="stance-cell" href="([^"]+)""#, in: home)
            #expect(cells.contains("topics/peace-talks.html#stance-pete-hegseth"))
            for cell in cells {
                let parts = cell.split(separator: "#").map(String.init)
                let page = try site.page(parts[0])
                #expect(page.contains("<tr id=\"\(parts[1])\">"), "\(cell) has no row")
            }
        }
    }

    @Test func contentErrorFailsTheBuildAtTheRightPlaceAndKeepsThePreviousOutput() throws {
        let slug = try Self.betrayalArticleSlug()
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            try TestContent.copyFolder(TestContent.seedContent, to: content)
            let output = root.appendingPathComponent("public")
            let options = SiteBuilder.Options(content: content, templates: TestContent.seedTemplates, output: output)
            guard case .success = SiteBuilder(options: options).build() else {
                Issue.record("the copied seed site does not build")
                return
            }
            let before = TestContent.snapshot(output)
            #expect(!before.isEmpty)

            let articleURL = content.appendingPathComponent("articles/\(slug).md")
            let original = String(decoding: try Data(contentsOf: articleURL), as: UTF8.self)
            let broken = original + "\nAnd then [[Nobody]] arrived.\n"
            try Data(broken.utf8).write(to: articleURL)
            let position = try #require(TestContent.position(of: "[[Nobody]]", in: broken))

            switch SiteBuilder(options: options).build() {
            case .success:
                Issue.record("a build with [[Nobody]] succeeded")
            case .failure(let failure):
                let errors = failure.diagnostics.errors
                #expect(errors.count == 1, "\(errors)")
                let error = try #require(errors.first)
                #expect(
                    error.location
                        == SitegenBase.SourceLocation(
                            file: "articles/\(slug).md", line: position.line, column: position.column))
                #expect(error.message.contains("Nobody"))
            }
            #expect(TestContent.snapshot(output) == before)
            let names = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
            #expect(names == ["Content", "public"])
        }
    }
}
