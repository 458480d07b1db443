import SitegenLoad
import SitegenParse
import SitegenPlan

/// Makes a body's images, figures and content-folder paths fit the page
/// they render on: `/assets/map.png` (see `LocalPath`) becomes
/// `../assets/map.png` from `articles/x.html`, and `map.png` from a page
/// at the top; an image gets its width and height, so the page does not
/// jump while it loads, and `loading="lazy"` below the top of the page.
struct Pictures {
    let page: OutputPath
    let assets: AssetPaths
    let placesPaths: Bool
    /// Images that still load at once: the first, when near the top.
    var eagerImages = 1

    /// Blocks of a body counted as near the top of its page.
    static let eagerBlocks = 3

    /// Places `node`'s pictures and paths in place. Only what changes is
    /// copied: the rest of the tree stays shared with the parsed body.
    mutating func place(_ node: inout MarkdownNode, block: Int) {
        if let changed = placed(node, block: block) { node = changed }
    }

    /// `node` with its pictures and paths placed, or nil when nothing in it
    /// changes. - Parameter block: the index of the top-level block it is in.
    private mutating func placed(_ node: MarkdownNode, block: Int) -> MarkdownNode? {
        var changed: MarkdownNode?
        switch node.kind {
        case .image(let source, let title):
            // Only pictures from the content folder: cmark writes any other
            // address, and empties a dangerous one (`javascript:`).
            guard placesPaths, placed(source) != nil else { return nil }
            let lazy = eagerImages == 0 || block >= Self.eagerBlocks
            if !lazy { eagerImages -= 1 }
            return MarkdownNode(.customInline(onEnter: imageTag(source, title, node, lazy: lazy), onExit: ""))
        case .link(let destination, let title):
            if placesPaths, let placed = placed(destination) {
                changed = node
                changed?.kind = .link(destination: placed, title: title)
            }
        case .figure(let caption, let credit):
            var parts: [String] = []
            if !caption.isEmpty { parts.append(HTML.escape(caption)) }
            if !credit.isEmpty { parts.append("<span class=\"credit\">\(HTML.escape(credit))</span>") }
            let figcaption = parts.isEmpty ? "" : "<figcaption>\(parts.joined(separator: " "))</figcaption>\n"
            changed = node
            changed?.kind = .customBlock(onEnter: "<figure>", onExit: figcaption + "</figure>")
        case .text, .code, .codeBlock, .htmlBlock, .htmlInline, .anchor, .softBreak, .lineBreak, .thematicBreak:
            return nil
        default: break
        }
        for index in node.children.indices {
            guard let child = placed(node.children[index], block: node.kind == .document ? index : block) else {
                continue
            }
            if changed == nil { changed = node }
            changed?.children[index] = child
        }
        return changed
    }

    /// `/path` from the content folder, relative to the page; nil for any
    /// other destination, which stays as written.
    func placed(_ destination: String) -> String? {
        guard destination.hasPrefix("/"), !destination.hasPrefix("//") else { return nil }
        let path = destination.dropFirst()
        let up = String(repeating: "../", count: page.depth)
        if path.isEmpty || path.first == "#" || path.first == "?" { return (up.isEmpty ? "./" : up) + path }
        return up + path
    }

    /// An `<img>` as cmark writes one, with the size from the file's header.
    private func imageTag(_ source: String, _ title: String, _ node: MarkdownNode, lazy: Bool) -> String {
        var tag = "<img src=\"\(HTML.href(placed(source) ?? source))\" alt=\"\(HTML.escape(node.imageDescription))\""
        if !title.isEmpty { tag += " title=\"\(HTML.escape(title))\"" }
        if case .local(let path, _) = LocalPath(source, from: ""), let size = assets.size(of: path) {
            tag += " width=\"\(size.width)\" height=\"\(size.height)\""
        }
        if lazy { tag += " loading=\"lazy\"" }
        return tag + " />"
    }
}
