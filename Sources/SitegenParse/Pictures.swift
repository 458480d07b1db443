import Foundation
import SitegenBase
import SitegenLoad

/// Images and paths in a body: attributes after an image
/// (`{.figure caption="…" credit="…"}`, `{.decorative}`), figures lifted
/// out of their paragraph, and every relative image or link path read from
/// the content folder and checked.
extension ParserState {
    /// The classes and attributes an image takes.
    static let imageClasses = ["figure", "decorative"]
    static let imageAttributes = ["caption", "credit"]

    /// Takes `{…}` right after an image out of the text, making the image a
    /// figure or decorative as it says.
    mutating func takeImageAttributes(_ units: [Unit]) -> [Unit] {
        guard pool.contains(where: { if case .image = $0.kind { return true } else { return false } }) else {
            return units
        }
        var result: [Unit] = []
        result.reserveCapacity(units.count)
        var index = 0
        while index < units.count {
            let unit = units[index]
            result.append(unit)
            if case .node(let poolIndex, _, _) = unit, case .image = pool[poolIndex].kind,
                index + 1 < units.count, units[index + 1].isPlain("{"),
                let (end, attributes) = attributeList(units, from: index + 2)
            {
                markReported(units[(index + 1)...end])
                pool[poolIndex] = picture(pool[poolIndex], attributes)
                index = end + 1
                continue
            }
            index += 1
        }
        return result
    }

    /// The image as its attributes make it; each mistake is an error.
    private mutating func picture(_ image: MarkdownNode, _ attributes: AttributeList) -> MarkdownNode {
        let example = "write it as ![What it shows](assets/map.png){.figure caption=\"…\" credit=\"…\"}"
        if let (message, position) = attributes.syntaxError {
            diagnostics.append(.error(message, at: location(position), notes: [example]))
        }
        var isFigure = false
        var isDecorative = false
        for (name, position) in attributes.classes {
            switch name {
            case "figure": isFigure = true
            case "decorative": isDecorative = true
            default:
                var notes = ["an image takes .figure or .decorative"]
                if let guess = Suggestions.nearest(to: name, in: Self.imageClasses, limit: 1).first {
                    notes.insert("did you mean '.\(guess)'?", at: 0)
                }
                diagnostics.append(
                    .error(
                        "unknown image class '.\(name)'", at: location(position), length: name.count + 1, notes: notes))
            }
        }
        for (name, position) in attributes.identifiers {
            diagnostics.append(
                .error(
                    "an image takes no '#\(name)'", at: location(position), length: name.count + 1,
                    notes: ["remove it; a figure is linked by the paragraph anchors around it"]))
        }
        var caption = ""
        var credit = ""
        for pair in attributes.pairs {
            switch pair.key {
            case "caption": caption = pair.value.trimmingCharacters(in: .whitespaces)
            case "credit": credit = pair.value.trimmingCharacters(in: .whitespaces)
            default:
                var notes = ["an image takes caption= and credit= (with .figure)"]
                if let guess = Suggestions.nearest(to: pair.key, in: Self.imageAttributes, limit: 1).first {
                    notes.insert("did you mean '\(guess)='?", at: 0)
                }
                diagnostics.append(
                    .error(
                        "unknown image attribute '\(pair.key)='", at: location(pair.keyPosition),
                        length: pair.key.count + 1, notes: notes))
            }
        }
        var image = image
        if isDecorative {
            decorativeImages.insert(image.start)
            if !image.imageDescription.trimmingCharacters(in: .whitespaces).isEmpty {
                diagnostics.append(
                    .warning(
                        "a .decorative image's description is not shown", at: location(image.start),
                        notes: [
                            "leave the brackets empty, ![](…){.decorative}, or drop .decorative if it shows something"
                        ]
                    ))
            }
            image.children = []
        }
        guard isFigure || !caption.isEmpty || !credit.isEmpty else { return image }
        return MarkdownNode(.figure(caption: caption, credit: credit), children: [image], start: image.start)
    }

    /// A paragraph that holds nothing but a figure, as that figure.
    static func soleFigure(_ node: MarkdownNode) -> MarkdownNode? {
        guard node.kind == .paragraph else { return nil }
        var figure: MarkdownNode?
        for child in node.children {
            switch child.kind {
            case .figure:
                guard figure == nil else { return nil }
                figure = child
            case .softBreak, .lineBreak: continue
            case .text(let text) where text.allSatisfy(\.isWhitespace): continue
            default: return nil
            }
        }
        return figure
    }

    /// Reads every image and link path from the content folder (see
    /// `LocalPath`), stores it as `/path` so each page can make it relative
    /// to itself, and reports what is missing; warns about images that
    /// say nothing to readers who cannot see them.
    mutating func checkPictures(_ node: inout MarkdownNode, inInline: Bool) {
        switch node.kind {
        case .code, .codeBlock, .htmlBlock, .htmlInline, .anchor: return
        case .image(let source, let title):
            if let assets {
                switch LocalPath(source, from: folder) {
                case .local(let path, let canonical):
                    if let (message, note) = assets.imageProblem(path) {
                        diagnostics.append(.error(message, at: location(node.start), notes: [note]))
                    }
                    node.kind = .image(source: canonical, title: title)
                case .outside:
                    diagnostics.append(outsideError(source, at: node.start))
                case .external: break
                }
                if node.imageDescription.trimmingCharacters(in: .whitespaces).isEmpty,
                    !decorativeImages.contains(node.start)
                {
                    diagnostics.append(
                        .warning(
                            "the image has no description, so readers who cannot see it do not learn what it shows",
                            at: location(node.start),
                            notes: [
                                "describe it between the brackets, ![Map of the front line](…), or mark it {.decorative} when it only adorns"
                            ]))
                }
            }
        case .link(let destination, let title):
            guard let assets else { break }
            switch LocalPath(destination, from: folder) {
            case .local(let path, var canonical):
                if path.hasPrefix("assets/"), let (message, note) = assets.missing(path, example: "assets/report.pdf") {
                    diagnostics.append(.error(message, at: location(node.start), notes: [note]))
                }
                canonical = Self.pageForMarkdown(canonical, path: path, folder: folder)
                node.kind = .link(destination: canonical, title: title)
            case .outside: diagnostics.append(outsideError(destination, at: node.start))
            case .external: break
            }
        case .figure where inInline:
            diagnostics.append(
                .error(
                    "a figure must be alone in its paragraph", at: location(node.start),
                    notes: ["put a blank line before and after ![…](…){.figure …}"]))
            if let image = node.children.first {
                node = image
                checkPictures(&node, inInline: inInline)
            }
            return
        default: break
        }
        let childrenInline: Bool
        switch node.kind {
        case .paragraph, .heading, .emphasis, .strong, .link, .image, .annotation, .customInline: childrenInline = true
        default: childrenInline = inInline
        }
        for index in node.children.indices { checkPictures(&node.children[index], inInline: childrenInline) }
    }

    /// The folder, below the content folder, of the file being parsed.
    var folder: String { (file as NSString).deletingLastPathComponent }

    private func outsideError(_ path: String, at position: SourcePosition) -> Diagnostic {
        .error(
            "'\(path)' leads outside the content folder, which is all that is published", at: location(position),
            notes: ["copy the file into assets/ and write its path from there: assets/…"])
    }

    /// A link to an article's, actor's or topic's Markdown file goes to its
    /// page: `/articles/x.md#p-3` → `/articles/x.html#p-3`. A bare file
    /// name (`other.md` in an article) is in the file's own folder, as
    /// editors that preview Markdown read it.
    static func pageForMarkdown(_ canonical: String, path: String, folder: String) -> String {
        let folders = ["articles", "actors", "topics"]
        var parts = path.split(separator: "/").map(String.init)
        var canonical = canonical
        if parts.count == 1, parts[0].hasSuffix(".md"), folders.contains(folder) {
            parts.insert(folder, at: 0)
            canonical = "/" + folder + canonical
        }
        guard parts.count == 2, folders.contains(parts[0]), parts[1].hasSuffix(".md"),
            let range = canonical.range(
                of: ".md", options: .backwards, range: canonical.startIndex..<pathEnd(canonical))
        else { return canonical }
        return canonical.replacingCharacters(in: range, with: ".html")
    }

    private static func pathEnd(_ canonical: String) -> String.Index {
        canonical.firstIndex { $0 == "?" || $0 == "#" } ?? canonical.endIndex
    }
}
