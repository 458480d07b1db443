import SitegenBase
import StoredCoding

/// A Markdown document as a Swift value tree, mirroring cmark's AST.
///
/// Nodes are plain values: stages can transform them freely, and only
/// `CMark` turns them back into C nodes to render HTML.
@BinaryCoded
public struct MarkdownNode: Sendable, Hashable {
    @BinaryCoded
    public enum ListType: Sendable, Hashable {
        case bullet
        case ordered(start: Int, parenthesis: Bool)
    }

    /// Cases with two strings are boxed (`indirect`): they are rare, and
    /// inline they would make every node of every body 24 bytes larger.
    @BinaryCoded
    public enum Kind: Sendable, Hashable {
        // Blocks
        case document
        case blockQuote
        case list(ListType, tight: Bool)
        case item
        indirect case codeBlock(info: String, literal: String)
        case htmlBlock(String)
        indirect case customBlock(onEnter: String, onExit: String)
        case paragraph
        case heading(level: Int)
        case thematicBreak
        // Inlines
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case htmlInline(String)
        indirect case customInline(onEnter: String, onExit: String)
        case emphasis
        case strong
        indirect case link(destination: String, title: String)
        indirect case image(source: String, title: String)
        /// An annotation found by `AnnotationParser`; the number indexes the
        /// document's annotation list. Children are what the reader sees.
        case annotation(Int)
        /// Marks a block for an anchor; rendered as the block's `id`.
        case anchor(String)
        /// An image shown as a figure (`![…](…){.figure caption="…"}`
        /// alone in its paragraph): a block whose one child is the image.
        indirect case figure(caption: String, credit: String)
    }

    public var kind: Kind
    public var children: [MarkdownNode]
    /// Where the node starts in the body: line, column in characters.
    public var start: SourcePosition

    public init(_ kind: Kind, children: [MarkdownNode] = [], start: SourcePosition = .unknown) {
        self.kind = kind
        self.children = children
        self.start = start
    }

    /// Text a reader would see, without markup (for search, titles, contexts).
    public var plainText: String {
        var result = ""
        appendPlainText(to: &result)
        return result
    }

    /// An image's description (its alt text): the text of its children,
    /// which `plainText` leaves out for the image itself.
    public var imageDescription: String {
        var result = ""
        for child in children { child.appendPlainText(to: &result) }
        return result
    }

    package func appendPlainText(to result: inout String) {
        switch kind {
        case .text(let text), .code(let text): result += text
        case .softBreak, .lineBreak: result += " "
        case .codeBlock(_, let literal): result += literal
        case .htmlBlock, .htmlInline, .image, .anchor: break
        default:
            for child in children { child.appendPlainText(to: &result) }
        }
    }

    /// True for nodes whose children are inlines that annotations can live in.
    package var holdsAnnotatableInlines: Bool {
        switch kind {
        case .paragraph, .heading, .emphasis, .strong, .annotation: return true
        default: return false
        }
    }
}
