import CCmark
import SitegenBase

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The only place that touches libcmark's C API.
///
/// Each function creates its C nodes, copies what it needs into Swift values
/// and frees them before returning, so no pointer outlives a call and nothing
/// else in sitegen sees one.
public enum CMark {
    public struct RenderOptions: Sendable, Hashable {
        /// Keep raw HTML and unsafe link targets (`javascript:`). Off by default.
        public var unsafe: Bool
        /// cmark's CMARK_OPT_SMART when parsing: "straight" quotes curly,
        /// `--` and `---` dashes, `...` an ellipsis. Off by default.
        public var smart: Bool
        public init(unsafe: Bool = false, smart: Bool = false) {
            self.unsafe = unsafe
            self.smart = smart
        }
    }

    /// Deepest nesting of blocks and inlines that is kept. Real documents
    /// stay far below it; a hostile one (10,000 nested quotes) would
    /// otherwise exhaust the stack of every recursive walk above this file.
    public static let maximumDepth = 100

    /// The version of the libcmark this program runs with (`sitegen --version`).
    public static var libraryVersion: String { String(cString: cmark_version_string()) }

    /// Parses CommonMark into a Swift tree. Columns count characters.
    /// Content nested deeper than `maximumDepth` is cut off and reported by
    /// `isTruncated`.
    public static func parse(_ markdown: String) -> MarkdownNode {
        parseReportingDepth(markdown).root
    }

    public static func parseReportingDepth(_ markdown: String, smart: Bool = false) -> (
        root: MarkdownNode, isTruncated: Bool
    ) {
        var source = markdown
        let options = smart ? CMARK_OPT_SMART : CMARK_OPT_DEFAULT
        return source.withUTF8 { bytes -> (MarkdownNode, Bool) in
            var lines = LineIndex(bytes)
            guard
                let document = bytes.withMemoryRebound(
                    to: CChar.self,
                    { cmark_parse_document($0.baseAddress, $0.count, options) })
            else { return (MarkdownNode(.document), false) }
            defer { cmark_node_free(document) }
            var truncated = false
            let root = convert(document, lines: &lines, depth: 0, truncated: &truncated)
            return (root, truncated)
        }
    }

    /// Renders HTML with cmark's own renderer. `annotationTags` supplies the
    /// opening and closing HTML of each annotation; block anchors become an
    /// `id` on the block that holds them.
    public static func renderHTML(
        _ root: MarkdownNode, options: RenderOptions = RenderOptions(),
        annotationTags: (Int) -> (open: String, close: String) = { _ in ("", "") }
    ) -> String {
        var hasAnchors = false
        guard let document = makeNode(root, annotationTags: annotationTags, hasAnchors: &hasAnchors) else { return "" }
        defer { cmark_node_free(document) }
        let flags = options.unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        guard let html = cmark_render_html(document, flags) else { return "" }
        defer { free(html) }
        let rendered = String(cString: html)
        return hasAnchors ? moveAnchorsIntoTags(rendered) : rendered
    }

    /// cmark's HTML for a document, parsed and rendered without sitegen in
    /// between: the reference that `render` must match for plain Markdown.
    public static func referenceHTML(_ markdown: String, options: RenderOptions = RenderOptions()) -> String {
        var source = markdown
        return source.withUTF8 { bytes -> String in
            let flags = (options.unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT) | (options.smart ? CMARK_OPT_SMART : 0)
            guard
                let html = bytes.withMemoryRebound(
                    to: CChar.self, { cmark_markdown_to_html($0.baseAddress, $0.count, flags) })
            else { return "" }
            defer { free(html) }
            return String(cString: html)
        }
    }

    // MARK: C tree -> Swift tree

    /// Byte offsets of line starts, to turn cmark's byte columns into characters.
    private struct LineIndex {
        let bytes: UnsafeBufferPointer<UInt8>
        var starts: [Int] = [0]
        /// The last position found (line, byte offset, characters before
        /// it): nodes come in source order, so the next one on the same line
        /// counts on from there instead of from the line's start.
        private var last = (line: 0, offset: 0, characters: 0)

        /// Lines end at `\n`, `\r\n` or a lone `\r`, as cmark counts them.
        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            for (offset, byte) in bytes.enumerated() {
                if byte == 0x0A || (byte == 0x0D && (offset + 1 == bytes.count || bytes[offset + 1] != 0x0A)) {
                    starts.append(offset + 1)
                }
            }
        }

        mutating func position(line: Int32, byteColumn: Int32) -> SourcePosition {
            let line = Int(line)
            guard line >= 1, line <= starts.count, byteColumn >= 1 else { return .unknown }
            let start = starts[line - 1]
            let end = min(bytes.count, start + Int(byteColumn) - 1)
            var characters = 0
            var index = start
            if last.line == line, last.offset <= end {
                characters = last.characters
                index = last.offset
            }
            while index < end {
                if bytes[index] & 0xC0 != 0x80 { characters += 1 }
                index += 1
            }
            last = (line, end, characters)
            return SourcePosition(line: line, column: characters + 1)
        }
    }

    /// cmark's column for text on a paragraph's later lines counts from
    /// the first line's indentation, not its own (` x\nA Hegseth` puts
    /// `A` one column right): where the line does not read the text's first
    /// bytes at that column, the nearest column within sixteen that does.
    /// A backslash or `&` reads as any character (an escape, an entity).
    private static func textColumn(
        _ lines: LineIndex, line: Int32, byteColumn: Int32, literal: UnsafePointer<CChar>?
    ) -> Int32 {
        guard let literal, line >= 1, Int(line) <= lines.starts.count, byteColumn >= 1 else { return byteColumn }
        var prefix: [UInt8] = []
        while prefix.count < 4, literal[prefix.count] != 0 { prefix.append(UInt8(bitPattern: literal[prefix.count])) }
        guard !prefix.isEmpty else { return byteColumn }
        let lineStart = lines.starts[Int(line) - 1]
        let lineEnd = Int(line) < lines.starts.count ? lines.starts[Int(line)] : lines.bytes.count
        func reads(_ column: Int32) -> Bool {
            let offset = lineStart + Int(column) - 1
            guard column >= 1, offset < lineEnd else { return false }
            for (index, byte) in prefix.enumerated() {
                guard offset + index < lineEnd else { return false }
                let source = lines.bytes[offset + index]
                if source == UInt8(ascii: "\\") || source == UInt8(ascii: "&") { return true }
                if source != byte { return false }
            }
            return true
        }
        if reads(byteColumn) { return byteColumn }
        for distance in Int32(1)...16 {
            if reads(byteColumn - distance) { return byteColumn - distance }
            if reads(byteColumn + distance) { return byteColumn + distance }
        }
        return byteColumn
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func convert(_ node: OpaquePointer, lines: inout LineIndex, depth: Int, truncated: inout Bool)
        -> MarkdownNode
    {
        let kind: MarkdownNode.Kind
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: kind = .document
        case CMARK_NODE_BLOCK_QUOTE: kind = .blockQuote
        case CMARK_NODE_LIST:
            let tight = cmark_node_get_list_tight(node) != 0
            if cmark_node_get_list_type(node) == CMARK_ORDERED_LIST {
                let parenthesis = cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM
                kind = .list(
                    .ordered(start: Int(cmark_node_get_list_start(node)), parenthesis: parenthesis), tight: tight)
            } else {
                kind = .list(.bullet, tight: tight)
            }
        case CMARK_NODE_ITEM: kind = .item
        case CMARK_NODE_CODE_BLOCK:
            kind = .codeBlock(
                info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_BLOCK: kind = .htmlBlock(string(cmark_node_get_literal(node)))
        case CMARK_NODE_CUSTOM_BLOCK:
            kind = .customBlock(
                onEnter: string(cmark_node_get_on_enter(node)), onExit: string(cmark_node_get_on_exit(node)))
        case CMARK_NODE_PARAGRAPH: kind = .paragraph
        case CMARK_NODE_HEADING: kind = .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: kind = .thematicBreak
        case CMARK_NODE_TEXT: kind = .text(string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK: kind = .softBreak
        case CMARK_NODE_LINEBREAK: kind = .lineBreak
        case CMARK_NODE_CODE: kind = .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_INLINE: kind = .htmlInline(string(cmark_node_get_literal(node)))
        case CMARK_NODE_CUSTOM_INLINE:
            kind = .customInline(
                onEnter: string(cmark_node_get_on_enter(node)), onExit: string(cmark_node_get_on_exit(node)))
        case CMARK_NODE_EMPH: kind = .emphasis
        case CMARK_NODE_STRONG: kind = .strong
        case CMARK_NODE_LINK:
            kind = .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            kind = .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default: kind = .customInline(onEnter: "", onExit: "")
        }
        // Before the children: positions are found fastest in source order.
        var byteColumn = cmark_node_get_start_column(node)
        if cmark_node_get_type(node) == CMARK_NODE_TEXT {
            byteColumn = textColumn(
                lines, line: cmark_node_get_start_line(node), byteColumn: byteColumn,
                literal: cmark_node_get_literal(node))
        }
        let start = lines.position(line: cmark_node_get_start_line(node), byteColumn: byteColumn)
        var children: [MarkdownNode] = []
        var child = cmark_node_first_child(node)
        if child != nil, depth >= maximumDepth {
            truncated = true
            child = nil
        }
        while let current = child {
            children.append(convert(current, lines: &lines, depth: depth + 1, truncated: &truncated))
            child = cmark_node_next(current)
        }
        return MarkdownNode(kind, children: children, start: start)
    }

    // MARK: Swift tree -> C tree

    /// Anchor markers are HTML comments that cannot come from escaped text;
    /// `moveAnchorsIntoTags` turns `<p><!--sitegen-anchor:ID-->` into `<p id="ID">`.
    private static let anchorMarkerPrefix = "<!--sitegen-anchor:"

    private static func makeNode(
        _ node: MarkdownNode, annotationTags: (Int) -> (open: String, close: String), hasAnchors: inout Bool
    ) -> OpaquePointer? {
        let made: OpaquePointer?
        switch node.kind {
        case .document: made = cmark_node_new(CMARK_NODE_DOCUMENT)
        case .blockQuote: made = cmark_node_new(CMARK_NODE_BLOCK_QUOTE)
        case .list(let type, let tight):
            made = cmark_node_new(CMARK_NODE_LIST)
            switch type {
            case .bullet:
                cmark_node_set_list_type(made, CMARK_BULLET_LIST)
            case .ordered(let start, let parenthesis):
                cmark_node_set_list_type(made, CMARK_ORDERED_LIST)
                cmark_node_set_list_start(made, Int32(clamping: start))
                cmark_node_set_list_delim(made, parenthesis ? CMARK_PAREN_DELIM : CMARK_PERIOD_DELIM)
            }
            cmark_node_set_list_tight(made, tight ? 1 : 0)
        case .item: made = cmark_node_new(CMARK_NODE_ITEM)
        case .codeBlock(let info, let literal):
            made = cmark_node_new(CMARK_NODE_CODE_BLOCK)
            cmark_node_set_fence_info(made, info)
            cmark_node_set_literal(made, literal)
        case .htmlBlock(let literal):
            made = cmark_node_new(CMARK_NODE_HTML_BLOCK)
            cmark_node_set_literal(made, literal)
        case .customBlock(let onEnter, let onExit):
            made = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)
            cmark_node_set_on_enter(made, onEnter)
            cmark_node_set_on_exit(made, onExit)
        case .paragraph: made = cmark_node_new(CMARK_NODE_PARAGRAPH)
        case .heading(let level):
            made = cmark_node_new(CMARK_NODE_HEADING)
            cmark_node_set_heading_level(made, Int32(level))
        case .thematicBreak: made = cmark_node_new(CMARK_NODE_THEMATIC_BREAK)
        case .text(let literal):
            made = cmark_node_new(CMARK_NODE_TEXT)
            cmark_node_set_literal(made, literal)
        case .softBreak: made = cmark_node_new(CMARK_NODE_SOFTBREAK)
        case .lineBreak: made = cmark_node_new(CMARK_NODE_LINEBREAK)
        case .code(let literal):
            made = cmark_node_new(CMARK_NODE_CODE)
            cmark_node_set_literal(made, literal)
        case .htmlInline(let literal):
            made = cmark_node_new(CMARK_NODE_HTML_INLINE)
            cmark_node_set_literal(made, literal)
        case .customInline(let onEnter, let onExit):
            made = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
            cmark_node_set_on_enter(made, onEnter)
            cmark_node_set_on_exit(made, onExit)
        case .emphasis: made = cmark_node_new(CMARK_NODE_EMPH)
        case .strong: made = cmark_node_new(CMARK_NODE_STRONG)
        case .link(let destination, let title):
            made = cmark_node_new(CMARK_NODE_LINK)
            cmark_node_set_url(made, destination)
            cmark_node_set_title(made, title)
        case .image(let source, let title):
            made = cmark_node_new(CMARK_NODE_IMAGE)
            cmark_node_set_url(made, source)
            cmark_node_set_title(made, title)
        case .annotation(let index):
            let tags = annotationTags(index)
            made = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
            cmark_node_set_on_enter(made, tags.open)
            cmark_node_set_on_exit(made, tags.close)
        case .figure:
            // Pages render a figure's caption and credit themselves
            // (`BodyRenderer`); plain rendering keeps the image alone.
            made = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)
            cmark_node_set_on_enter(made, "<figure>")
            cmark_node_set_on_exit(made, "</figure>")
        case .anchor(let id):
            hasAnchors = true
            made = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
            cmark_node_set_on_enter(made, anchorMarkerPrefix + id + "-->")
            cmark_node_set_on_exit(made, "")
        }
        guard let made else { return nil }
        for child in node.children {
            guard let madeChild = makeNode(child, annotationTags: annotationTags, hasAnchors: &hasAnchors) else {
                continue
            }
            if cmark_node_append_child(made, madeChild) == 0 {
                // cmark refused the child (a block inside an inline, say): drop it
                // rather than leak it. The parser never produces such trees.
                cmark_node_free(madeChild)
            }
        }
        return made
    }

    /// Rewrites `<tag><!--sitegen-anchor:ID-->` to `<tag id="ID">`. A marker
    /// not directly after an opening tag is dropped (its block had no tag, as
    /// in a tight list, where the `<li>` gets the id instead). Works on bytes:
    /// it runs over every body.
    package static func moveAnchorsIntoTags(_ html: String) -> String {
        var html = html
        return html.withUTF8 { input in
            var output: [UInt8] = []
            output.reserveCapacity(input.count + 64)
            // Bytes up to a marker are copied as one run.
            var runStart = 0
            var index = 0
            while index < input.count {
                guard input[index] == UInt8(ascii: "<"), hasAnchorMarker(input, at: index) else {
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index]))
                let idStart = index + anchorMarker.count
                var idEnd = idStart
                while idEnd + 2 < input.count,
                    !(input[idEnd] == 0x2D && input[idEnd + 1] == 0x2D && input[idEnd + 2] == 0x3E)
                {
                    idEnd += 1
                }
                // Put the id on the opening tag that ends right before the marker.
                if output.last == UInt8(ascii: ">"), let open = output.lastIndex(of: UInt8(ascii: "<")),
                    !output[open...].contains(UInt8(ascii: " ")), output.count > open + 1,
                    output[open + 1] != UInt8(ascii: "/")
                {
                    output.removeLast()
                    output += #" id=""#.utf8
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: input[idStart..<idEnd]))
                    output += #"">"#.utf8
                }
                index = idEnd + 3
                runStart = min(index, input.count)
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<input.count]))
            return String(decoding: output, as: UTF8.self)
        }
    }

    private static let anchorMarker = Array(anchorMarkerPrefix.utf8)

    private static func hasAnchorMarker(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard input.count - index >= anchorMarker.count else { return false }
        for offset in 1..<anchorMarker.count where input[index + offset] != anchorMarker[offset] { return false }
        return true
    }
}
