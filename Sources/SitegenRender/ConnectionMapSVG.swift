import SitegenLoad
import SitegenPlan

/// A connection map drawn as inline SVG: lines for connections (thicker
/// when stronger), circles for actors and squares for topics, each node a
/// link to its page with its name beside it.
///
/// The drawing carries no colours: the theme's stylesheet paints it
/// (`.map-actor`, `.map-topic`, `.map-edges`), so it follows the page's
/// light or dark scheme and prints. It is hidden from assistive technology
/// and its links are left out of the tab order: the list beside it, with
/// the same nodes and links, is the accessible version.
package enum ConnectionMapSVG {
    /// What the drawing shows of a node.
    package struct NodeLabel {
        package var name: String
        package var kind: EntityKind
        /// Relative URL of the node's page; nil for the page's own entity.
        package var url: String?
    }

    package static func svg(
        _ map: ConnectionMap, layout: MapLayout, style: MapLayout.Style, labels: [NodeLabel], className: String
    ) -> String {
        let heaviest = Double(map.edges.map(\.weight).max() ?? 1)
        let (thinnest, widest) = map.centre == nil ? (1.0, 4.0) : (1.5, 5.0)
        var svg = "<svg class=\"map-svg \(className)\" viewBox=\"0 0 \(number(layout.width)) \(number(layout.height))\""
        svg +=
            " width=\"\(number(layout.width))\" height=\"\(number(layout.height))\" font-size=\"\(number(style.fontSize))\""
        svg += " aria-hidden=\"true\" focusable=\"false\">\n<g class=\"map-edges\">\n"
        for edge in map.edges {
            let (from, to) = (layout.nodes[edge.from], layout.nodes[edge.to])
            let width = thinnest + (widest - thinnest) * Double(edge.weight) / heaviest
            svg +=
                "<line x1=\"\(number(from.x))\" y1=\"\(number(from.y))\" x2=\"\(number(to.x))\" y2=\"\(number(to.y))\""
            svg += " stroke-width=\"\(number(width))\"/>\n"
        }
        svg += "</g>\n<g class=\"map-nodes\">\n"
        for (index, node) in layout.nodes.enumerated() {
            let label = labels[index]
            var classes = "map-node map-\(label.kind.rawValue)"
            if index == map.centre { classes += " map-centre" }
            svg +=
                label.url.map { "<a class=\"\(classes)\" href=\"\(HTML.escape($0))\" tabindex=\"-1\">" }
                ?? "<g class=\"\(classes)\">"
            svg += "<title>\(HTML.escape(label.name))</title>"
            svg += shape(node, kind: label.kind)
            let origin = layout.labelOrigin(of: node, style: style)
            svg += "<text x=\"\(number(origin.x))\" y=\"\(number(origin.y))\" text-anchor=\"\(node.anchor.rawValue)\">"
            for (line, text) in node.lines.enumerated() {
                let dy = line == 0 ? "" : " dy=\"\(number(style.lineHeight))\""
                svg += "<tspan x=\"\(number(origin.x))\"\(dy)>\(HTML.escape(text))</tspan>"
            }
            svg += "</text>" + (label.url == nil ? "</g>\n" : "</a>\n")
        }
        return svg + "</g>\n</svg>"
    }

    /// A circle for an actor, a rounded square of about the same area for a topic.
    private static func shape(_ node: MapLayout.Placed, kind: EntityKind) -> String {
        switch kind {
        case .actor:
            return "<circle cx=\"\(number(node.x))\" cy=\"\(number(node.y))\" r=\"\(number(node.radius))\"/>"
        case .topic:
            let side = node.radius * 1.8
            return
                "<rect x=\"\(number(node.x - side / 2))\" y=\"\(number(node.y - side / 2))\" width=\"\(number(side))\""
                + " height=\"\(number(side))\" rx=\"\(number(side * 0.2))\"/>"
        }
    }

    /// One decimal at most, without a locale: `12`, `12.5`, `-0.3`.
    package static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let (whole, fraction) = (abs(tenths) / 10, abs(tenths) % 10)
        return sign + String(whole) + (fraction == 0 ? "" : "." + String(fraction))
    }
}
