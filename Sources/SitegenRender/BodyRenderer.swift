import SitegenLink
import SitegenLoad
import SitegenParse
import SitegenPlan
import SitegenResolve

/// Renders a document body to HTML with cmark, each annotation replaced by
/// its link or span.
public struct BodyRenderer: Sendable {
    public var graph: SiteGraph?
    public var options: CMark.RenderOptions
    /// Whether paths read from the content folder (`/assets/map.png`, see
    /// `LocalPath`) are made relative to each page, and images get their
    /// size: for a site's pages, not for `sitegen render`, which shows
    /// paths as written.
    public var placesPaths: Bool
    /// The site's assets, for the sizes of its images.
    package let assets: AssetPaths

    public init(graph: SiteGraph?, options: CMark.RenderOptions) {
        self.graph = graph
        self.options = options
        placesPaths = graph != nil
        assets = AssetPaths(graph?.assets ?? [])
    }

    /// For the pages of `graph`'s site, with the site's own options (raw
    /// HTML only where it opts in).
    package init(site graph: SiteGraph) {
        self.init(graph: graph, options: CMark.RenderOptions(unsafe: graph.site.unsafeHTML))
    }

    /// - Parameters:
    ///   - page: the page the HTML goes on; links are relative to it.
    ///   - anchors: put an `id` on each paragraph and heading (page
    ///     decoration; `sitegen render` leaves it off).
    public func render(_ document: ResolvedDocument, on page: OutputPath, anchors: Bool) -> String {
        var root = anchors ? document.parsed.root : Self.removingAnchors(document.parsed.root)
        var pictures = Pictures(page: page, assets: assets, placesPaths: placesPaths)
        pictures.place(&root, block: 0)
        return CMark.renderHTML(root, options: options) { index in
            tags(for: document.references[index], page: page)
        }
    }

    /// Renders inline nodes (a quote's words) without a wrapping paragraph.
    public func renderInline(
        _ nodes: [MarkdownNode], references: [Reference?], on page: OutputPath, linkStatements: Bool = false
    ) -> String {
        var paragraph = MarkdownNode(.document, children: [MarkdownNode(.paragraph, children: nodes)])
        // Never the page's first picture: quote words show below its top.
        var pictures = Pictures(page: page, assets: assets, placesPaths: placesPaths, eagerImages: 0)
        pictures.place(&paragraph, block: Pictures.eagerBlocks)
        var html = CMark.renderHTML(paragraph, options: options) { index in
            guard index < references.count else { return ("", "") }
            if !linkStatements {
                switch references[index] {
                case .statement?, .event?: return ("", "")
                default: break
                }
            }
            return tags(for: references[index], page: page)
        }
        if html.hasPrefix("<p>") { html.removeFirst(3) }
        while html.hasSuffix("\n") { html.removeLast() }
        if html.hasSuffix("</p>") { html.removeLast(4) }
        return html
    }

    package static func removingAnchors(_ node: MarkdownNode) -> MarkdownNode {
        var node = node
        node.children = node.children.compactMap { child in
            if case .anchor = child.kind { return nil }
            return child.children.isEmpty ? child : removingAnchors(child)
        }
        return node
    }

    private func tags(for reference: Reference?, page: OutputPath) -> (open: String, close: String) {
        guard let reference else { return ("<span class=\"unresolved\">", "</span>") }
        switch reference {
        case .entity(let id):
            let url = page.relativeURL(to: PagePlan.entity(id))
            var title = graph?.index.displayNames[id] ?? id.slug
            if id.kind == .actor, let role = graph?.actorsBySlug[id.slug]?.source.role { title += " — \(role)" }
            if id.kind == .topic, let summary = graph?.topicsBySlug[id.slug]?.summary { title += " — \(summary)" }
            return (
                // title previews on hover; data-preview, shown by the theme's CSS,
                // on keyboard focus, where browsers show no title.
                "<a class=\"entity entity-\(id.kind.rawValue)\" href=\"\(HTML.escape(url))\" title=\"\(HTML.escape(title))\" data-preview=\"\(HTML.escape(title))\">",
                "</a>"
            )
        case .event(let event):
            // Without date= the event is on the article's date, shown above the body.
            let when = event.date.map { ", \($0.long)" } ?? ""
            return ("<span class=\"event\" title=\"Event\(when)\">", "</span>")
        case .statement(let statement):
            let speaker = graph?.actorsBySlug[statement.speaker]
            let name = speaker?.source.name ?? statement.speaker
            // People by surname, as a newspaper would; others by full name.
            let shortName =
                speaker?.source.kind == .person ? String(name.split(separator: " ").last ?? Substring(name)) : name
            let id = HTML.escape(statement.id.rawValue)
            switch statement.kind {
            case .quote:
                let url = page.relativeURL(to: PagePlan.quote(statement.id))
                return (
                    "<span class=\"statement quote\" id=\"q-\(id)\" title=\"Quote: \(HTML.escape(name))\">",
                    "</span><a class=\"attribution\" href=\"\(HTML.escape(url))\" aria-label=\"Quote by \(HTML.escape(name)): details\">\(HTML.escape(shortName))</a>"
                )
            case .claim:
                let url = page.relativeURL(to: PagePlan.actor(statement.speaker))
                return (
                    "<span class=\"statement claim\" id=\"q-\(id)\" title=\"Claim attributed to \(HTML.escape(name))\">",
                    "</span><a class=\"attribution claim-attribution\" href=\"\(HTML.escape(url))\" aria-label=\"Claim by \(HTML.escape(name))\">\(HTML.escape(shortName))</a>"
                )
            }
        }
    }
}
