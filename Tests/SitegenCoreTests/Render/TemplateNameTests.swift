import CompiledMustache
import Foundation
import Mustache
import SitegenTestSupport
import Testing

@testable import SitegenLink
@testable import SitegenLoad
@testable import SitegenParse
@testable import SitegenPlan
@testable import SitegenRender
@testable import SitegenResolve

/// Every name a template uses is answered by some view: a misspelled name
/// would otherwise render as nothing, silently.
@Suite("Render: template names")
struct TemplateNameTests {
    /// The names a template's tags look up (each part of `a.b`), less
    /// comments, partials, blocks and `.`.
    static func names(in template: String) -> Set<String> {
        var names: Set<String> = []
        for tag in TestContent.captures(#"\{\{\{?([^}]*)\}?\}\}"#, in: template) {
            var name = tag.trimmingCharacters(in: .whitespaces)
            guard let sigil = name.first else { continue }
            if "!></$<=".contains(sigil) { continue }
            if "#^&".contains(sigil) { name = String(name.dropFirst()).trimmingCharacters(in: .whitespaces) }
            for part in name.split(separator: ".") { names.insert(String(part)) }
        }
        return names
    }

    /// Every view within `value`, found through stored properties as a
    /// code generator would walk them.
    static func views(in value: Any, into found: inout [any MustacheParent]) {
        if let view = value as? any MustacheParent { found.append(view) }
        // A statement item works its views out when asked (it keeps the
        // statement and what makes them, the whole graph): those views.
        if let item = value as? StatementItem {
            for child: Any in [item.speaker, item.topics, item.context, item.origin as Any, item.html as Any] {
                views(in: child, into: &found)
            }
            return
        }
        for child in Mirror(reflecting: value).children {
            if child.value is String || child.value is HTMLFragment { continue }
            views(in: child.value, into: &found)
        }
    }

    /// The seed site's pages rendered, with every view they were made of.
    /// Archive pages of every section of the first actor and topic are
    /// added: the seed site is too small to plan them.
    static func seedViews() throws -> [any MustacheParent] {
        let root = TestContent.repositoryRoot()
        var loaded = ContentLoader().load(from: root.appendingPathComponent("Content"))
        // The seed article has no byline and no correction: given both here,
        // so that the names their views answer are checked too.
        loaded.content.articles[0].authors = ["pete-hegseth", "A. Reporter"]
        loaded.content.articles[0].corrections = [
            Correction(date: loaded.content.articles[0].date, text: "A name was misspelt.")
        ]
        let graph = Linker().link(Resolver().resolve(ParsedSite.parse(loaded.content)))
        let templates = try TemplateSet.load(from: TestContent.seedTemplates).get()
        let renderer = PageRenderer(graph: graph, templates: templates)
        var pages = PagePlan(
            graph: graph, notFoundPage: true, searchPage: true, connectionsPage: true, timelinePage: true,
            correctionsPage: true
        ).pages
        for entity in [graph.actors.first.map { EntityID.actor($0.slug) }, graph.topics.first.map { .topic($0.slug) }]
            .compactMap({ $0 })
        {
            for section in EntitySection.of(entity.kind) {
                pages.append(
                    PlannedPage(
                        kind: .archive(entity, section, page: 1), path: PagePlan.archive(entity, section, page: 1)))
            }
        }
        var found: [any MustacheParent] = []
        for page in pages {
            let html = renderer.render(page)
            #expect(html.contains("</html>"), "\(page.path.rawValue) renders")
            let view = try #require(renderer.view(of: page).view, "\(page.path.rawValue) has a view")
            views(in: view, into: &found)
        }
        return found
    }

    /// Names used in `templateFolder`'s templates that none of `views` answers.
    static func unanswered(in templateFolder: URL, by views: [any MustacheParent]) throws -> [String: Set<String>] {
        var unanswered: [String: Set<String>] = [:]
        let files = try FileManager.default.contentsOfDirectory(atPath: templateFolder.path)
        for file in files where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: templateFolder.appendingPathComponent(file), encoding: .utf8)
            let missing = names(in: text).filter { name in !views.contains { $0.child(named: name) != nil } }
            if !missing.isEmpty { unanswered[file] = missing }
        }
        return unanswered
    }

    @Test func everyNameInTheSeedThemeIsAnsweredByAView() throws {
        let views = try Self.seedViews()
        #expect(views.count > 100)
        let unanswered = try Self.unanswered(in: TestContent.seedTemplates, by: views)
        #expect(unanswered.isEmpty, "\(unanswered)")
    }

    @Test func aMisspelledNameIsFound() throws {
        let views = try Self.seedViews()
        try TestContent.withTemporaryDirectory { root in
            let theme = root.appendingPathComponent("Theme")
            try TestContent.copyFolder(TestContent.seedTemplates, to: theme)
            let article = theme.appendingPathComponent("article.mustache")
            let text = try String(contentsOf: article, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "{{speaker.name}}", with: "{{speaker.nmae}}").utf8).write(
                to: article)
            let event = theme.appendingPathComponent("event.mustache")
            try Data((try String(contentsOf: event, encoding: .utf8) + "{{#has_actor}}{{/has_actor}}").utf8)
                .write(to: event)
            let unanswered = try Self.unanswered(in: theme, by: views)
            #expect(unanswered == ["article.mustache": ["nmae"], "event.mustache": ["has_actor"]], "\(unanswered)")
        }
    }

    @Test func tagNamesAreReadFromEveryKindOfTag() {
        let names = Self.names(
            in: "{{! note}}{{>part}}{{<layout}}{{$content}}{{#a}}{{^b}}{{{c_html}}}{{&d}}{{e.f}}{{.}}{{/a}}{{/content}}"
        )
        #expect(names == ["a", "b", "c_html", "d", "e", "f"])
    }
}
