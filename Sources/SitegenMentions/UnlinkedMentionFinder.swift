import SitegenBase
import SitegenLoad
import SitegenParse
import SitegenResolve

/// Finds actors that a document names in prose but never links: for each
/// document (article, actor or topic body) and each actor, the first mention.
///
/// Only text a reader sees as prose is searched, on the parsed tree: never
/// code, raw HTML, a link's text (Markdown, raw `<a>` or an entity link's
/// label) or an image's description. The words of a quote or claim are prose.
/// An actor the document links anywhere is not reported (one link puts the
/// document on the actor's page; linking every mention is clutter), nor is an
/// actor's name in its own file. Topics are not searched: their names are
/// everyday phrases ("peace talks") that quotes reach through `about=`.
public struct UnlinkedMentionFinder: Sendable {
    private let names: ActorNames
    private let index: EntityIndex
    private let actorNames: [String: String]

    public init(actors: [ActorSource], index: EntityIndex) {
        self.names = ActorNames(actors: actors)
        self.index = index
        self.actorNames = Dictionary(actors.map { ($0.slug, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every document's unlinked mentions, in file order; documents are
    /// independent, so this runs across cores.
    public static func find(in site: ResolvedSite) -> [UnlinkedMention] {
        let finder = UnlinkedMentionFinder(actors: site.actors.map(\.source), index: site.index)
        guard !finder.names.isEmpty else { return [] }
        let bodies = site.articles.map(\.body) + site.actors.map(\.source.body) + site.topics.map(\.body)
        let documents = site.articleBodies + site.actorBodies + site.topicBodies
        return Array(zip(documents, bodies)).concurrentMap { document, body in
            finder.find(in: document, body: body)
        }.flatMap { $0 }.sorted { $0.location < $1.location }
    }

    /// The first unlinked mention of each actor `document` names, in order.
    public func find(in document: ResolvedDocument, body: DocumentBody) -> [UnlinkedMention] {
        var linked: Set<String> = []
        for case .entity(let id)? in document.references where id.kind == .actor { linked.insert(id.slug) }
        if case .actor(let slug) = document.source { linked.insert(slug) }
        var scan = Scan(names: names, annotations: document.parsed.annotations)
        scan.walk(document.parsed.root)
        guard !scan.found.isEmpty else { return [] }

        var counts: [String: Int] = [:]
        var firsts: [(actor: String, text: String, start: TextPlace, end: TextPlace)] = []
        for found in scan.found where !linked.contains(found.actor) {
            counts[found.actor, default: 0] += 1
            if counts[found.actor] == 1 { firsts.append(found) }
        }
        guard !firsts.isEmpty else { return [] }
        let lines = sourceLines(body.markdown)
        let noun: String
        if case .article = document.source { noun = "article" } else { noun = "file" }
        return firsts.compactMap { first in
            guard let start = first.start.position(lines: lines),
                let end = first.end.position(lines: lines, after: true)
            else { return nil }
            let lineOffset = body.firstLine - 1
            return UnlinkedMention(
                location: SourceLocation(file: body.file, line: start.line + lineOffset, column: start.column),
                end: SourcePosition(line: end.line + lineOffset, column: end.column), text: first.text,
                actor: first.actor, actorName: actorNames[first.actor] ?? first.actor,
                linkOpening: linkOpening(for: first.text, actor: first.actor),
                otherMentions: (counts[first.actor] ?? 1) - 1, documentNoun: noun)
        }
    }

    /// `[[` when the name alone resolves to the actor, else `[[slug|`, else
    /// `[[actor:slug|` (when another entity answers to the slug too).
    package func linkOpening(for text: String, actor: String) -> String {
        let wanted = EntityID.actor(actor)
        let lowered = text.lowercased()
        if !text.contains("|"), !EntityKind.allCases.contains(where: { lowered.hasPrefix($0.rawValue + ":") }),
            case .success(wanted) = index.resolve(text)
        {
            return "[["
        }
        if case .success(wanted) = index.resolve(actor) { return "[[\(actor)|" }
        return "[[actor:\(actor)|"
    }
}

/// A character of a text node: the node's start and the character's offset
/// in the node's text, turned into a source column only when reported.
package struct TextPlace {
    package var nodeStart: SourcePosition
    package var nodeText: [Unicode.Scalar]
    package var offset: Int

    package init(nodeStart: SourcePosition, nodeText: [Unicode.Scalar], offset: Int) {
        self.nodeStart = nodeStart
        self.nodeText = nodeText
        self.offset = offset
    }

    /// The body line and column of the character, or (with `after`) just past it.
    package func position(lines: [Substring], after: Bool = false) -> SourcePosition? {
        guard nodeStart.line >= 1, nodeStart.line <= lines.count else { return nil }
        var columns = TextColumns(line: Array(lines[nodeStart.line - 1].unicodeScalars), column: nodeStart.column)
        var column = nodeStart.column
        for index in 0...offset { column = columns.next(nodeText, index).column }
        return SourcePosition(line: nodeStart.line, column: after ? column + 1 : column)
    }
}

/// One walk over a parsed body, collecting every actor name in its prose.
private struct Scan {
    let names: ActorNames
    let annotations: [Annotation]
    var found: [(actor: String, text: String, start: TextPlace, end: TextPlace)] = []

    /// Consecutive text and soft-break siblings, searched as one text so a
    /// name may run over a line break.
    private var run: [Unicode.Scalar] = []
    /// Where each text node of the run starts in `run`, and its length.
    private var pieces: [(offset: Int, start: SourcePosition, count: Int)] = []

    init(names: ActorNames, annotations: [Annotation]) {
        self.names = names
        self.annotations = annotations
    }

    mutating func walk(_ node: MarkdownNode) {
        switch node.kind {
        case .link, .image, .code, .codeBlock, .htmlBlock, .htmlInline:
            return
        case .annotation(let index):
            if index < annotations.count, case .entityLink = annotations[index].kind { return }
        default: break
        }
        var insideRawLink = false
        for child in node.children {
            switch child.kind {
            case .htmlInline(let html):
                flush()
                // `<a href=…>Pete Hegseth</a>`: already a link.
                insideRawLink = RawLinkTag.inside(after: html, wasInside: insideRawLink)
            case .text(let literal) where !insideRawLink:
                let offset = run.count
                run.append(contentsOf: literal.unicodeScalars)
                pieces.append((offset, child.start, run.count - offset))
            case .softBreak where !insideRawLink:
                run.append("\n")
            default:
                flush()
                if !insideRawLink { walk(child) }
            }
        }
        flush()
    }

    private mutating func flush() {
        defer {
            run.removeAll(keepingCapacity: true)
            pieces.removeAll(keepingCapacity: true)
        }
        guard !run.isEmpty else { return }
        for (range, name) in names.matches(in: run) {
            guard let start = place(range.lowerBound), let end = place(range.upperBound - 1) else { continue }
            let text = String(String.UnicodeScalarView(ActorNames.folded(String(String.UnicodeScalarView(run[range])))))
            found.append((name.actor, text, start, end))
        }
    }

    private func place(_ offset: Int) -> TextPlace? {
        guard let piece = pieces.last(where: { $0.offset <= offset }), offset < piece.offset + piece.count
        else { return nil }
        let text = Array(run[piece.offset..<(piece.offset + piece.count)])
        return TextPlace(nodeStart: piece.start, nodeText: text, offset: offset - piece.offset)
    }
}

/// A raw `<a …>` tag opens a link's text and `</a>` closes it: text
/// between them is a link's, never prose to annotate.
package enum RawLinkTag {
    package static func inside(after html: String, wasInside: Bool) -> Bool {
        let tag = html.lowercased()
        if tag.hasPrefix("<a ") || tag.hasPrefix("<a>") || tag.hasPrefix("<a\n") { return true }
        if tag.hasPrefix("</a") { return false }
        return wasInside
    }
}
