import SitegenBase
import SitegenMentions
import SitegenParse
import SitegenResolve

/// A paragraph or heading as the rules read it: its text in one array, and
/// for each character where it stands and whether it may be annotated.
///
/// Built from the parsed tree, never from the raw Markdown: text nodes are
/// open; the words of entity links, quotes, claims, links and code spans are
/// read (a sentence goes on through them) but locked, so no proposal starts,
/// ends or lies inside them; images and raw HTML are left out. Events are
/// read through: a quote inside one may still be proposed.
struct ProseBlock {
    var text: [Unicode.Scalar] = []
    /// Per character: the text node and offset it comes from (nil for soft
    /// breaks and locked text), and the inline container holding it.
    var places: [(piece: Int, offset: Int)?] = []
    var locked: [Bool] = []
    var containers: [Int] = []
    var pieces: [(start: SourcePosition, text: [Unicode.Scalar])] = []
    /// Entity links to actors: a speaker the author already named.
    var linkedActors: [(range: Range<Int>, actor: String)] = []
    /// Quotes and claims already annotated, with their speakers.
    var statements: [(range: Range<Int>, speaker: String)] = []
    var isHeading = false
    /// Index of the block in the document: consecutive paragraphs differ by one.
    var index = 0

    /// Whether a proposal may cover `range`: it starts and ends in open
    /// text of the same container, and wholly holds anything locked in it.
    func mayAnnotate(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty, range.upperBound <= text.count, !locked[range.lowerBound], !locked[range.upperBound - 1],
            places[range.lowerBound] != nil, places[range.upperBound - 1] != nil,
            containers[range.lowerBound] == containers[range.upperBound - 1]
        else { return false }
        // A quote or claim holds no other quote or claim.
        guard !statements.contains(where: { $0.range.overlaps(range) }) else { return false }
        // Anything between that is not in the same container (emphasis, a
        // link, an annotation) is a whole child of it: the tree nests.
        return true
    }

    /// The source position of character `index` (or just past it).
    func position(_ index: Int, lines: [Substring], after: Bool = false) -> SourcePosition? {
        guard index >= 0, index < places.count, let place = places[index] else { return nil }
        let piece = pieces[place.piece]
        return TextPlace(nodeStart: piece.start, nodeText: piece.text, offset: place.offset).position(
            lines: lines, after: after)
    }
}

/// Reads a resolved document into prose blocks.
struct ProseReader {
    let document: ResolvedDocument
    private(set) var blocks: [ProseBlock] = []
    private var current = ProseBlock()
    private var nextContainer = 0

    init(document: ResolvedDocument) {
        self.document = document
        read(document.parsed.root)
    }

    private mutating func read(_ node: MarkdownNode) {
        switch node.kind {
        case .paragraph, .heading:
            current = ProseBlock()
            current.isHeading = { if case .heading = node.kind { return true } else { return false } }()
            current.index = blocks.count
            inline(node, locked: false)
            blocks.append(current)
        case .codeBlock, .htmlBlock, .thematicBreak:
            return
        default:
            for child in node.children { read(child) }
        }
    }

    private mutating func inline(_ node: MarkdownNode, locked outerLock: Bool) {
        let container = nextContainer
        nextContainer += 1
        // Text between a raw `<a …>` and `</a>` is a link's text.
        var insideRawLink = false
        for child in node.children {
            let locked = outerLock || insideRawLink
            switch child.kind {
            case .htmlInline(let html):
                insideRawLink = RawLinkTag.inside(after: html, wasInside: insideRawLink)
            case .text(let literal):
                let scalars = Array(literal.unicodeScalars)
                let piece = current.pieces.count
                current.pieces.append((child.start, scalars))
                for offset in scalars.indices {
                    current.text.append(scalars[offset])
                    current.places.append(locked ? nil : (piece, offset))
                    current.locked.append(locked)
                    current.containers.append(container)
                }
            case .softBreak, .lineBreak:
                append(" ", locked: locked, container: container)
            case .code(let literal):
                for scalar in literal.unicodeScalars { append(scalar, locked: true, container: container) }
            case .link:
                inline(child, locked: true)
            case .image, .anchor:
                continue
            case .annotation(let index):
                let start = current.text.count
                let reference = index < document.references.count ? document.references[index] : nil
                switch reference {
                case .event?:
                    inline(child, locked: locked)
                case .entity(let id)? where id.kind == .actor:
                    inline(child, locked: true)
                    current.linkedActors.append((start..<current.text.count, id.slug))
                case .statement(let statement)?:
                    inline(child, locked: true)
                    current.statements.append((start..<current.text.count, statement.speaker))
                default:
                    inline(child, locked: true)
                }
            default:
                inline(child, locked: locked)
            }
        }
    }

    private mutating func append(_ scalar: Unicode.Scalar, locked: Bool, container: Int) {
        current.text.append(scalar)
        current.places.append(nil)
        current.locked.append(locked)
        current.containers.append(container)
    }
}
