import Foundation

/// Where a connection map's nodes and labels go. No randomness and a fixed
/// amount of work, so the same map always gets the same drawing (and a
/// rebuild the same bytes as a clean build).
///
/// Labels are measured by an estimate of their width (no fonts are read),
/// wrapped to three lines at most, and kept apart from every other node and label.
package struct MapLayout: Equatable {
    /// How labels are set; the drawing uses the same numbers.
    package struct Style: Equatable {
        package var width: Double
        package var height: Double
        package var fontSize: Double
        /// Average character width, in ems: generous, so that labels set in
        /// a wide sans-serif still fit the room kept for them.
        package var characterWidth = 0.62
        package var lineHeight: Double { fontSize * 1.2 }
        package var maximumLineLength: Int
        /// Room kept between two nodes' boxes.
        package var gap = 4.0

        package static let site = Style(width: 960, height: 620, fontSize: 13, maximumLineLength: 18)
        package static let local = Style(width: 560, height: 360, fontSize: 15, maximumLineLength: 14)

        package func textWidth(_ line: String) -> Double { Double(line.count) * characterWidth * fontSize }
    }

    package enum Anchor: String, Equatable {
        case start, middle, end
    }

    /// Where a label sits relative to its node.
    package enum Side: Equatable {
        case below, above, right, left
    }

    package struct Box: Equatable {
        package var minX: Double
        package var minY: Double
        package var maxX: Double
        package var maxY: Double

        package func union(_ other: Box) -> Box {
            Box(
                minX: min(minX, other.minX), minY: min(minY, other.minY), maxX: max(maxX, other.maxX),
                maxY: max(maxY, other.maxY))
        }

        package func overlaps(_ other: Box, gap: Double) -> Bool {
            minX < other.maxX + gap && other.minX < maxX + gap && minY < other.maxY + gap && other.minY < maxY + gap
        }
    }

    /// What the layout is given of a node.
    package struct NodeSpec: Equatable {
        package var radius: Double
        package var label: String
    }

    package struct Placed: Equatable {
        package var x: Double
        package var y: Double
        package var radius: Double
        package var lines: [String]
        package var side: Side
        package var anchor: Anchor {
            switch side {
            case .below, .above: return .middle
            case .right: return .start
            case .left: return .end
            }
        }
    }

    package var width: Double
    package var height: Double
    package var nodes: [Placed]

    // MARK: Geometry

    /// Where the label's first line starts (its baseline), in the label's anchor.
    package func labelOrigin(of node: Placed, style: Style) -> (x: Double, y: Double) {
        let lines = Double(node.lines.count)
        switch node.side {
        case .below: return (node.x, node.y + node.radius + 2 + style.fontSize)
        case .above: return (node.x, node.y - node.radius - 5 - (lines - 1) * style.lineHeight)
        case .right, .left:
            let x = node.side == .right ? node.x + node.radius + 5 : node.x - node.radius - 5
            return (x, node.y + style.fontSize * 0.35 - (lines - 1) * style.lineHeight / 2)
        }
    }

    /// The node's shape and its label together.
    package func box(of node: Placed, style: Style) -> Box {
        let shape = Box(
            minX: node.x - node.radius, minY: node.y - node.radius, maxX: node.x + node.radius,
            maxY: node.y + node.radius)
        let width = node.lines.map(style.textWidth).max() ?? 0
        let (x, y) = labelOrigin(of: node, style: style)
        let top = y - style.fontSize * 0.85
        let bottom = y + Double(node.lines.count - 1) * style.lineHeight + style.fontSize * 0.3
        let left: Double
        switch node.anchor {
        case .start: left = x
        case .middle: left = x - width / 2
        case .end: left = x - width
        }
        return shape.union(Box(minX: left, minY: top, maxX: left + width, maxY: bottom))
    }

    /// Whether any two nodes' boxes overlap.
    package func hasOverlaps(style: Style) -> Bool {
        let boxes = nodes.map { box(of: $0, style: style) }
        for i in boxes.indices {
            for j in boxes.indices where j > i && boxes[i].overlaps(boxes[j], gap: 0) { return true }
        }
        return false
    }

    // MARK: Labels

    /// A label in at most three lines of `maximum` characters, broken
    /// between words; what does not fit ends in an ellipsis.
    package static func wrap(_ label: String, maximum: Int, lines maximumLines: Int = 3) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in label.split(separator: " ").map(String.init) {
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= maximum {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        lines = lines.map { $0.count > maximum ? String($0.prefix(maximum - 1)) + "…" : $0 }
        if lines.count > maximumLines {
            let rest = lines[(maximumLines - 1)...].joined(separator: " ")
            lines = Array(lines.prefix(maximumLines - 1)) + [String(rest.prefix(maximum - 1)) + "…"]
        }
        return lines
    }

    // MARK: Layouts

    /// A force-directed layout (Fruchterman and Reingold, with a pull to
    /// the middle so that loosely connected nodes stay near): nodes start on
    /// a circle in their given order, connected nodes attract in proportion
    /// to their weight, all nodes repel, for a fixed number of rounds.
    package static func force(
        _ nodes: [NodeSpec], edges: [(from: Int, to: Int, weight: Int)], style: Style, iterations: Int = 300
    ) -> MapLayout {
        let count = nodes.count
        let (middleX, middleY) = (style.width / 2, style.height / 2)
        var x = [Double](repeating: middleX, count: count)
        var y = [Double](repeating: middleY, count: count)
        let radius = min(style.width, style.height) * 0.4
        for index in 0..<count where count > 1 {
            let angle = 2 * Double.pi * Double(index) / Double(count) - Double.pi / 2
            x[index] = middleX + radius * cos(angle)
            y[index] = middleY + radius * sin(angle)
        }
        let ideal = (style.width * style.height / Double(max(count, 1))).squareRoot() * 0.8
        let heaviest = Double(edges.map(\.weight).max() ?? 1)
        let startTemperature = style.width / 10
        for round in 0..<iterations {
            var dx = [Double](repeating: 0, count: count)
            var dy = [Double](repeating: 0, count: count)
            for i in 0..<count {
                for j in (i + 1)..<count {
                    var (ddx, ddy) = (x[i] - x[j], y[i] - y[j])
                    if ddx * ddx + ddy * ddy < 0.01 {  // on top of each other: part them the same way every time
                        (ddx, ddy) = (0.1 * Double(j - i), 0.1)
                    }
                    let distance = (ddx * ddx + ddy * ddy).squareRoot()
                    let force = ideal * ideal / distance
                    dx[i] += ddx / distance * force
                    dy[i] += ddy / distance * force
                    dx[j] -= ddx / distance * force
                    dy[j] -= ddy / distance * force
                }
            }
            for edge in edges {
                let (ddx, ddy) = (x[edge.from] - x[edge.to], y[edge.from] - y[edge.to])
                let distance = max((ddx * ddx + ddy * ddy).squareRoot(), 0.01)
                let force = distance * distance / ideal * (0.3 + 0.7 * Double(edge.weight) / heaviest)
                dx[edge.from] -= ddx / distance * force
                dy[edge.from] -= ddy / distance * force
                dx[edge.to] += ddx / distance * force
                dy[edge.to] += ddy / distance * force
            }
            let temperature = startTemperature * (1 - Double(round) / Double(iterations))
            for i in 0..<count {
                dx[i] -= (x[i] - middleX) * 0.05
                dy[i] -= (y[i] - middleY) * 0.05
                let length = (dx[i] * dx[i] + dy[i] * dy[i]).squareRoot()
                guard length > 0 else { continue }
                let step = min(length, temperature)
                x[i] += dx[i] / length * step
                y[i] += dy[i] / length * step
            }
        }
        // Loosely connected nodes end up far out and would squeeze the
        // rest into the middle: pull distances from the centre together
        // (a square root), stretch the drawing over the whole box, then
        // part what overlaps.
        let centreX = x.reduce(0, +) / Double(max(count, 1))
        let centreY = y.reduce(0, +) / Double(max(count, 1))
        for i in 0..<count {
            let (ddx, ddy) = (x[i] - centreX, y[i] - centreY)
            let distance = (ddx * ddx + ddy * ddy).squareRoot()
            guard distance > 0.001 else { continue }
            let scale = distance.squareRoot() / distance
            (x[i], y[i]) = (centreX + ddx * scale, centreY + ddy * scale)
        }
        let margin = (x: style.textWidth(String(repeating: "m", count: style.maximumLineLength)) / 2, y: 30.0)
        let (minX, maxX) = (x.min() ?? 0, x.max() ?? 0)
        let (minY, maxY) = (y.min() ?? 0, y.max() ?? 0)
        func stretch(_ value: Double, _ low: Double, _ high: Double, into size: Double, margin: Double) -> Double {
            high - low < 0.001 ? size / 2 : margin + (value - low) / (high - low) * (size - 2 * margin)
        }
        var layout = MapLayout(
            width: style.width, height: style.height,
            nodes: nodes.indices.map { index in
                Placed(
                    x: stretch(x[index], minX, maxX, into: style.width, margin: margin.x),
                    y: stretch(y[index], minY, maxY, into: style.height, margin: margin.y),
                    radius: nodes[index].radius,
                    lines: wrap(nodes[index].label, maximum: style.maximumLineLength), side: .below)
            })
        layout.removeOverlaps(style: style)
        return layout
    }

    /// The first node in the middle, the others around it on an ellipse,
    /// clockwise from the top, each label on the outer side of its node.
    package static func radial(_ nodes: [NodeSpec], style: Style) -> MapLayout {
        let (middleX, middleY) = (style.width / 2, style.height / 2)
        let around = nodes.count - 1
        let placed = nodes.indices.map { index -> Placed in
            let lines = wrap(nodes[index].label, maximum: style.maximumLineLength)
            guard index > 0 else {
                return Placed(x: middleX, y: middleY, radius: nodes[index].radius, lines: lines, side: .below)
            }
            let angle = 2 * Double.pi * Double(index - 1) / Double(around) - Double.pi / 2
            let (cosine, sine) = (cos(angle), sin(angle))
            let side: Side = abs(cosine) < 0.3 ? (sine < 0 ? .above : .below) : (cosine > 0 ? .right : .left)
            return Placed(
                x: middleX + style.width * 0.21 * cosine, y: middleY + style.height * 0.33 * sine,
                radius: nodes[index].radius, lines: lines, side: side)
        }
        var layout = MapLayout(width: style.width, height: style.height, nodes: placed)
        layout.removeOverlaps(style: style)
        return layout
    }

    // MARK: Parting overlaps

    /// Pushes overlapping nodes apart along the axis where they overlap
    /// least, keeping every box inside the drawing; when the nodes do not
    /// fit, the drawing grows taller and they try again.
    package mutating func removeOverlaps(style: Style) {
        for _ in 0..<20 {
            for _ in 0..<200 {
                let moved = partOnce(style: style)
                keepInside(style: style)
                if !moved { break }
            }
            guard hasOverlaps(style: style) else { return }
            height += 40
            for index in nodes.indices { nodes[index].y += 20 }
        }
    }

    private mutating func partOnce(style: Style) -> Bool {
        var moved = false
        for i in nodes.indices {
            for j in nodes.indices where j > i {
                let (a, b) = (box(of: nodes[i], style: style), box(of: nodes[j], style: style))
                guard a.overlaps(b, gap: style.gap) else { continue }
                let overlapX = min(a.maxX, b.maxX) - max(a.minX, b.minX) + style.gap
                let overlapY = min(a.maxY, b.maxY) - max(a.minY, b.minY) + style.gap
                if overlapX < overlapY {
                    let direction: Double = nodes[i].x <= nodes[j].x ? -1 : 1
                    nodes[i].x += direction * overlapX / 2
                    nodes[j].x -= direction * overlapX / 2
                } else {
                    let direction: Double = nodes[i].y <= nodes[j].y ? -1 : 1
                    nodes[i].y += direction * overlapY / 2
                    nodes[j].y -= direction * overlapY / 2
                }
                moved = true
            }
        }
        return moved
    }

    /// Inside the drawing, `gap` clear of its edges.
    private mutating func keepInside(style: Style) {
        let margin = style.gap
        for index in nodes.indices {
            let bounds = box(of: nodes[index], style: style)
            if bounds.minX < margin { nodes[index].x += margin - bounds.minX }
            if bounds.maxX > width - margin { nodes[index].x -= bounds.maxX - (width - margin) }
            if bounds.minY < margin { nodes[index].y += margin - bounds.minY }
            if bounds.maxY > height - margin { nodes[index].y -= bounds.maxY - (height - margin) }
        }
    }
}
