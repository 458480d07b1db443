import Foundation
import SitegenBase
import SitegenLoad

/// The parse stage: Markdown through cmark, then annotations found in the
/// AST's text nodes.
///
/// Only text nodes are searched, so code spans, code blocks, autolinks, link
/// text and raw HTML keep their brackets. An annotation may span several
/// nodes (`[*so* “quoted”]{.quote by=x}`) as long as it opens and closes in
/// the same parent, the way emphasis must nest in CommonMark.
public struct AnnotationParser: Sendable {
    /// Parse with cmark's smart punctuation (`smart_punctuation` in site.yml).
    public var smartPunctuation: Bool
    /// The site's assets, which image and link paths are checked against
    /// and read from; nil outside a site (`sitegen render`), where paths
    /// stay as written.
    public var assets: AssetPaths?

    public init(smartPunctuation: Bool = false, assets: AssetPaths? = nil) {
        self.smartPunctuation = smartPunctuation
        self.assets = assets
    }

    /// - Parameter sources: the article's `sources:`, which `source=N`
    ///   names; nil for an actor's or topic's body, which has none.
    public func parse(_ body: DocumentBody, sources: [CitedSource]? = nil) -> ParsedDocument {
        var state = ParserState(body: body)
        state.sources = sources
        let (root, truncated) = CMark.parseReportingDepth(body.markdown, smart: smartPunctuation)
        if truncated {
            state.diagnostics.append(
                .error(
                    "the document nests lists, quotes or emphasis more than \(CMark.maximumDepth) levels deep",
                    at: SourceLocation(file: body.file, line: body.firstLine, column: 1),
                    notes: ["flatten the nesting; no reader can follow that many levels"]))
        }
        var transformed = root
        state.transform(&transformed)
        state.reportLeftoverMarkup(in: transformed)
        state.assets = assets
        state.checkPictures(&transformed, inInline: false)
        state.assignAnchors(&transformed)
        return ParsedDocument(root: transformed, annotations: state.annotations, diagnostics: state.diagnostics)
    }
}

/// One document's parse: its lines, the annotations and errors found so far.
struct ParserState {
    let file: String
    let lineOffset: Int
    /// Source lines as scalars, to see backslash escapes and exact columns.
    let lines: [[Unicode.Scalar]]
    var annotations: [Annotation] = []
    var diagnostics: [Diagnostic] = []
    /// The article's sources, for `source=N` (nil outside articles).
    var sources: [CitedSource]?
    /// Positions of characters an error already covers, so the last check
    /// (`LeftoverMarkup`) does not report them twice.
    var reported: Set<SourcePosition> = []
    /// See `AnnotationParser.assets`.
    var assets: AssetPaths?
    /// Images marked `{.decorative}`: their empty description is meant.
    var decorativeImages: Set<SourcePosition> = []

    init(body: DocumentBody) {
        file = body.file
        lineOffset = body.firstLine - 1
        lines = Self.lines(of: body.markdown)
    }

    /// Source lines as scalars, split as cmark splits them (at `\n`, `\r\n`
    /// or a lone `\r`, like `sourceLines`), decoded straight from UTF-8.
    static func lines(of text: String) -> [[Unicode.Scalar]] {
        var text = text
        return text.withUTF8 { bytes in
            var lines: [[Unicode.Scalar]] = []
            var lineStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else {
                    index += 1
                    continue
                }
                lines.append(
                    [Unicode.Scalar](decodingValidUTF8: UnsafeBufferPointer(rebasing: bytes[lineStart..<index])))
                index += 1
                if byte == UInt8(ascii: "\r"), index < bytes.count, bytes[index] == UInt8(ascii: "\n") { index += 1 }
                lineStart = index
            }
            lines.append([Unicode.Scalar](decodingValidUTF8: UnsafeBufferPointer(rebasing: bytes[lineStart...])))
            return lines
        }
    }

    func location(_ position: SourcePosition) -> SourceLocation {
        SourceLocation(file: file, line: position.line + lineOffset, column: max(1, position.column))
    }

    // MARK: Units

    /// Nodes that the current container's units refer to by index, so a
    /// unit stays small (a scalar and a position) instead of carrying a tree.
    var pool: [MarkdownNode] = []
    /// The current container's text nodes: their literal and its scalar
    /// count, so a run of units that is a whole text node reuses its String.
    var texts: [(literal: String, scalarCount: Int)] = []

    /// One scalar of text (from `texts[text]`), or (by index into `pool`) a
    /// node that annotations treat as opaque.
    enum Unit {
        case scalar(Unicode.Scalar, escaped: Bool, position: SourcePosition, text: Int32)
        case node(Int, isSoftBreak: Bool, position: SourcePosition)

        var isSoftBreak: Bool {
            if case .node(_, let isSoftBreak, _) = self { return isSoftBreak }
            return false
        }

        func isPlain(_ character: Unicode.Scalar) -> Bool {
            if case .scalar(let scalar, let escaped, _, _) = self { return scalar == character && !escaped }
            return false
        }

        var scalar: Unicode.Scalar? {
            if case .scalar(let scalar, _, _, _) = self { return scalar }
            return nil
        }

        var position: SourcePosition {
            switch self {
            case .scalar(_, _, let position, _), .node(_, _, let position): return position
            }
        }
    }

    /// Splits a text node into scalars, marking those the author escaped
    /// (`\[`, `&#91;`) so they never open or close an annotation.
    mutating func appendUnits(ofText literal: String, at start: SourcePosition, into units: inout [Unit]) {
        let line = start.line >= 1 && start.line <= lines.count ? lines[start.line - 1] : []
        let scalars = [Unicode.Scalar](scalarsOf: literal)
        let text = Int32(texts.count)
        texts.append((literal, scalars.count))
        var columns = TextColumns(line: line, column: start.column)
        for offset in scalars.indices {
            let (column, escaped) = columns.next(scalars, offset)
            units.append(
                .scalar(
                    scalars[offset], escaped: escaped, position: SourcePosition(line: start.line, column: column),
                    text: text))
        }
    }

    // MARK: Transform

    /// In place, so the tree is not copied node by node.
    mutating func transform(_ node: inout MarkdownNode) {
        switch node.kind {
        case .link, .image, .codeBlock, .htmlBlock, .code, .htmlInline:
            return  // never annotated
        default: break
        }
        for index in node.children.indices {
            transform(&node.children[index])
            if let figure = Self.soleFigure(node.children[index]) { node.children[index] = figure }
        }
        if node.holdsAnnotatableInlines, mayHoldAnnotation(node.children) {
            node.children = annotate(node.children)
        }
    }

    private func mayHoldAnnotation(_ children: [MarkdownNode]) -> Bool {
        children.contains { child in
            if case .text(let text) = child.kind { return LeftoverMarkup.holdsBracketOrBrace(text) }
            return false
        }
    }

    /// Finds annotations among one parent's inline children.
    mutating func annotate(_ children: [MarkdownNode]) -> [MarkdownNode] {
        var units: [Unit] = []
        pool.removeAll(keepingCapacity: true)
        texts.removeAll(keepingCapacity: true)
        for child in children {
            if case .text(let literal) = child.kind {
                appendUnits(ofText: literal, at: child.start, into: &units)
            } else {
                units.append(opaque(child))
            }
        }
        units = replaceEntityLinks(units)
        units = takeImageAttributes(units)
        return replaceSpans(units)
    }

    /// A unit standing for `node`, which goes into the pool.
    mutating func opaque(_ node: MarkdownNode) -> Unit {
        pool.append(node)
        return .node(pool.count - 1, isSoftBreak: node.kind == .softBreak, position: node.start)
    }

    /// Nodes for a run of units: consecutive scalars become one text node.
    func nodes(_ units: ArraySlice<Unit>) -> [MarkdownNode] {
        var result: [MarkdownNode] = []
        var index = units.startIndex
        while index < units.endIndex {
            switch units[index] {
            case .node(let poolIndex, _, _):
                result.append(pool[poolIndex])
                index += 1
            case .scalar(_, _, let start, let text):
                // A run of scalars: one text node, the original String when
                // the run is all of one text node's scalars (most are).
                var runEnd = index + 1
                var isOneText = true
                while runEnd < units.endIndex, case .scalar(_, _, _, let other) = units[runEnd] {
                    isOneText = isOneText && other == text
                    runEnd += 1
                }
                let whole = texts[Int(text)]
                let literal =
                    isOneText && runEnd - index == whole.scalarCount
                    ? whole.literal : Self.string(units[index..<runEnd])
                result.append(MarkdownNode(.text(literal), start: start))
                index = runEnd
            }
        }
        return result
    }

    /// The text of a run of scalar units, encoded at its exact UTF-8 size.
    static func string(_ run: ArraySlice<Unit>) -> String {
        var byteCount = 0
        for unit in run {
            if case .scalar(let scalar, _, _, _) = unit { byteCount += UTF8.width(scalar) }
        }
        return String(unsafeUninitializedCapacity: byteCount) { buffer in
            var written = 0
            for unit in run {
                if case .scalar(let scalar, _, _, _) = unit { written = buffer.writeUTF8(scalar, at: written) }
            }
            return written
        }
    }

    // MARK: Entity links

    mutating func replaceEntityLinks(_ units: [Unit]) -> [Unit] {
        var result: [Unit] = []
        result.reserveCapacity(units.count)
        var index = 0
        while index < units.count {
            if index + 1 < units.count, units[index].isPlain("["), units[index + 1].isPlain("["),
                let end = entityLinkEnd(units, from: index + 2)
            {
                let inner = units[(index + 2)..<end]
                if let node = makeEntityLink(inner, opener: units[index].position, length: end + 2 - index) {
                    result.append(opaque(node))
                    index = end + 2
                    continue
                }
            }
            result.append(units[index])
            index += 1
        }
        return result
    }

    /// Index of the first `]` of the closing `]]`, if the link closes
    /// before any bracket, line end or non-text node.
    private func entityLinkEnd(_ units: [Unit], from start: Int) -> Int? {
        var index = start
        while index < units.count {
            let unit = units[index]
            if unit.isSoftBreak {
                index += 1
                continue
            }
            guard let scalar = unit.scalar else { return nil }
            if scalar == "[" { return nil }
            if scalar == "]" {
                if unit.isPlain("]"), index + 1 < units.count, units[index + 1].isPlain("]"), index > start {
                    return index
                }
                return nil
            }
            index += 1
        }
        return nil
    }

    private mutating func makeEntityLink(_ inner: ArraySlice<Unit>, opener: SourcePosition, length: Int)
        -> MarkdownNode?
    {
        // Split at the first `|`: target before it, label after it.
        let bar = inner.firstIndex { $0.isPlain("|") }
        let targetUnits = bar.map { inner[inner.startIndex..<$0] } ?? inner
        var target = String(scalars: targetUnits.lazy.map { $0.scalar ?? " " })
        target = target.collapsingWhitespace
        guard !target.isEmpty else { return nil }
        var kind: EntityKind?
        var lowercased = target.lowercased()
        for candidate in EntityKind.allCases where lowercased.hasPrefix(candidate.rawValue + ":") {
            kind = candidate
            target = target.dropFirst(candidate.rawValue.count + 1).trimmingWhitespace
            lowercased = target.lowercased()
        }
        var labelUnits = bar.map { inner[inner.index(after: $0)...] } ?? ArraySlice(targetUnits)
        if bar == nil, kind != nil {
            // `[[actor:georgia]]` shows "georgia", not the prefix.
            labelUnits = labelUnits.drop { !$0.isPlain(":") }.dropFirst()
            labelUnits = labelUnits.drop { $0.scalar == " " }
        }
        let label = nodes(labelUnits)
        let text = label.map(\.plainText).joined()
        let index = annotations.count
        annotations.append(
            Annotation(
                kind: .entityLink(EntityLinkSyntax(target: target, kind: kind)), location: location(opener),
                length: length, text: text.isEmpty ? target : text, blockAnchor: "",
                context: MentionContext(before: "", text: "", after: "")))
        let children = label.isEmpty ? [MarkdownNode(.text(target), start: opener)] : label
        return MarkdownNode(.annotation(index), children: children, start: opener)
    }

    // MARK: Spans

    typealias AttributePair = (
        key: String, value: String, keyPosition: SourcePosition, valuePosition: SourcePosition
    )

    /// A parsed `{…}` attribute list.
    struct AttributeList {
        var classes: [(String, SourcePosition)] = []
        var identifiers: [(String, SourcePosition)] = []
        var pairs: [AttributePair] = []
        var syntaxError: (String, SourcePosition)?
    }

    mutating func replaceSpans(_ units: [Unit]) -> [MarkdownNode] {
        // Match brackets with a stack; a `]` followed by `{attributes}` closes a span.
        struct Span {
            var open: Int
            var close: Int
            var end: Int  // index of `}`
            var attributes: AttributeList
        }
        var openers: [Int] = []
        var spans: [Span] = []
        // For each unit, the index in `spans` of the span it opens, or -1;
        // made with the first span, since most containers hold none.
        var spanAt: [Int] = []
        // Units that are a span's brackets and attributes, and `]`s that close nothing.
        var isSyntax = [Bool](repeating: false, count: units.count)
        var unpairedClosers: [Int] = []
        var index = 0
        while index < units.count {
            let unit = units[index]
            if unit.isPlain("[") {
                openers.append(index)
            } else if unit.isPlain("]") {
                let opener = openers.popLast()
                if index + 1 < units.count, units[index + 1].isPlain("{"),
                    let (end, attributes) = attributeList(units, from: index + 2)
                {
                    for syntax in index...end { isSyntax[syntax] = true }
                    if let opener {
                        isSyntax[opener] = true
                        if spanAt.isEmpty { spanAt = [Int](repeating: -1, count: units.count) }
                        spanAt[opener] = spans.count
                        spans.append(Span(open: opener, close: index, end: end, attributes: attributes))
                    } else {
                        markReported(units[index...end])
                        diagnostics.append(
                            .error(
                                "annotation attributes '{…}' follow a ']' that has no matching '['",
                                at: location(unit.position), length: end - index + 1,
                                notes: [
                                    "put '[' before the quoted words in the same paragraph, outside any emphasis or link: [“words”]{.quote by=…}"
                                ]))
                    }
                    index = end + 1
                    continue
                }
                if opener == nil { unpairedClosers.append(index) }
            }
            index += 1
        }
        reportBrokenMarkup(
            units, isSyntax: isSyntax, unpaired: (openers + unpairedClosers).sorted(), holdsSpans: !spans.isEmpty)
        if spans.isEmpty { return nodes(units[...]) }

        var tooDeep = false
        func build(_ range: Range<Int>, depth: Int, tooDeep: inout Bool) -> [MarkdownNode] {
            var result: [MarkdownNode] = []
            var runStart = range.lowerBound
            var cursor = range.lowerBound
            while cursor < range.upperBound {
                if spanAt[cursor] >= 0, spans[spanAt[cursor]].end < range.upperBound {
                    let span = spans[spanAt[cursor]]
                    if depth >= Self.maximumSpanDepth {
                        tooDeep = true
                        break
                    }
                    result += nodes(units[runStart..<cursor])
                    let children = build((span.open + 1)..<span.close, depth: depth + 1, tooDeep: &tooDeep)
                    if let node = makeSpan(
                        span.attributes, children: children, opener: units[span.open].position,
                        length: sourceLength(from: units[span.open].position, through: units[span.end].position))
                    {
                        result.append(node)
                    } else {
                        // Invalid span: keep what the author wrote, as text (its errors are reported).
                        markReported(units[span.open...span.end])
                        result += nodes(units[span.open...span.end])
                    }
                    cursor = span.end + 1
                    runStart = cursor
                } else {
                    cursor += 1
                }
            }
            result += nodes(units[runStart..<range.upperBound])
            return result
        }
        let built = build(0..<units.count, depth: 0, tooDeep: &tooDeep)
        if tooDeep {
            markReported(ArraySlice(units))
            diagnostics.append(
                .error(
                    "quotes and claims nest more than \(Self.maximumSpanDepth) levels deep",
                    at: location(units[0].position),
                    notes: ["a quote inside a claim is fine; deeper nesting is almost certainly a mistake"]))
        }
        return built
    }

    /// Characters from one position to another, inclusive, counting each line
    /// break as one (the length of a span that crosses lines).
    func sourceLength(from start: SourcePosition, through end: SourcePosition) -> Int {
        guard end.line > start.line else { return max(1, end.column - start.column + 1) }
        var length = (start.line <= lines.count ? lines[start.line - 1].count : 0) - start.column + 2
        for line in (start.line + 1)..<end.line where line <= lines.count { length += lines[line - 1].count + 1 }
        return length + end.column
    }

    /// Nesting of quote and claim spans that is accepted.
    static let maximumSpanDepth = 16

    /// Reads `.class #id key=value key="v w"` up to the closing `}`.
    /// Returns nil when the braces do not hold an attribute list at all
    /// (then they are ordinary text).
    func attributeList(_ units: [Unit], from start: Int) -> (Int, AttributeList)? {
        // Collect the raw text up to `}` outside quotes.
        var text: [(Unicode.Scalar, SourcePosition)] = []
        var index = start
        var quote: Unicode.Scalar?
        var closing: Int?
        while index < units.count {
            let unit = units[index]
            if unit.isSoftBreak {
                text.append((" ", unit.position))
                index += 1
                continue
            }
            guard let scalar = unit.scalar else { return nil }
            if let open = quote {
                if scalar == open || (open == "“" && scalar == "”") { quote = nil }
            } else if scalar == "\"" || scalar == "“" || scalar == "'" {
                quote = scalar
            } else if scalar == "}" {
                closing = index
                break
            }
            text.append((scalar, unit.position))
            index += 1
        }
        guard let closing else { return nil }
        let trimmed = text.drop { $0.0 == " " }
        guard let first = trimmed.first?.0, first == "." || first == "#" || text.contains(where: { $0.0 == "=" })
        else { return nil }

        var list = AttributeList()
        var cursor = text.startIndex
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" }
        func isNameCharacter(_ s: Unicode.Scalar) -> Bool {
            s.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_" || s == ":"
        }
        while cursor < text.endIndex {
            let (scalar, position) = text[cursor]
            if isSpace(scalar) {
                cursor += 1
                continue
            }
            if scalar == "." || scalar == "#" {
                var name = ""
                cursor += 1
                while cursor < text.endIndex, !isSpace(text[cursor].0) {
                    name.unicodeScalars.append(text[cursor].0)
                    cursor += 1
                }
                if scalar == "." {
                    list.classes.append((name, position))
                } else {
                    list.identifiers.append((name, position))
                }
                continue
            }
            var key = ""
            while cursor < text.endIndex, isNameCharacter(text[cursor].0) {
                key.unicodeScalars.append(text[cursor].0)
                cursor += 1
            }
            guard !key.isEmpty, cursor < text.endIndex, text[cursor].0 == "=" else {
                let word = String(scalars: text[cursor...].prefix { !isSpace($0.0) }.map(\.0))
                list.syntaxError = (
                    key.isEmpty ? "unexpected '\(word)' in annotation attributes" : "attribute '\(key)' has no value",
                    position
                )
                break
            }
            cursor += 1
            let valuePosition = cursor < text.endIndex ? text[cursor].1 : position
            var value = ""
            if cursor < text.endIndex, ["\"", "“", "'"].contains(text[cursor].0) {
                let open = text[cursor].0
                let close: Unicode.Scalar = open == "“" ? "”" : open
                cursor += 1
                while cursor < text.endIndex, text[cursor].0 != close {
                    value.unicodeScalars.append(text[cursor].0)
                    cursor += 1
                }
                cursor += 1
            } else {
                while cursor < text.endIndex, !isSpace(text[cursor].0) {
                    value.unicodeScalars.append(text[cursor].0)
                    cursor += 1
                }
            }
            list.pairs.append((key, value, position, valuePosition))
        }
        return (closing, list)
    }

    /// The classes an annotation span can have.
    private enum SpanClass: String, CaseIterable {
        case quote, claim, event

        var statementClass: SpanSyntax.Class? { SpanSyntax.Class(rawValue: rawValue) }

        /// The attributes it accepts, for "unknown attribute" hints.
        var attributes: [String] {
            switch self {
            case .event: ["by", "about", "date"]
            case .quote: ["by", "about", "stance", "date", "source"]
            case .claim: ["by", "about", "stance", "date", "source", "rating", "rating_note"]
            }
        }
    }

    private mutating func makeSpan(
        _ attributes: AttributeList, children: [MarkdownNode], opener: SourcePosition, length: Int
    ) -> MarkdownNode? {
        let errorCount = diagnostics.count
        let classNames = SpanClass.allCases.map(\.rawValue)
        if let (message, position) = attributes.syntaxError {
            diagnostics.append(
                .error(
                    message, at: location(position),
                    notes: [
                        "attributes look like {.quote by=pete-hegseth about=peace-talks}; quote values with spaces: by=\"Pete Hegseth\""
                    ]))
        }
        var spanClass: SpanClass?
        for (name, position) in attributes.classes {
            if let known = SpanClass(rawValue: name) {
                if let spanClass, spanClass != known {
                    diagnostics.append(
                        .error(
                            "an annotation is a .quote, a .claim or an .event, not both .\(spanClass.rawValue) and .\(name)",
                            at: location(position), length: name.count + 1,
                            notes: [
                                "to mark a quote or claim as an event too, nest the spans: [[“words”]{.quote by=…}]{.event}"
                            ]))
                }
                spanClass = known
            } else {
                var notes = ["annotation classes are: \(classNames.map { "." + $0 }.joined(separator: ", "))"]
                if let guess = Suggestions.nearest(to: name, in: classNames, limit: 1).first {
                    notes.insert("did you mean '.\(guess)'?", at: 0)
                }
                diagnostics.append(
                    .error(
                        "unknown annotation class '.\(name)'", at: location(position), length: name.count + 1,
                        notes: notes))
            }
        }
        if spanClass == nil, attributes.classes.isEmpty {
            diagnostics.append(
                .error(
                    "annotation has attributes but no class", at: location(opener), length: length,
                    notes: [
                        "add .quote for the speaker's own words, .claim for a reported position or .event for something that happened"
                    ]))
        }
        let isEvent = spanClass == .event
        var by: [Located<String>] = []
        var about: [Located<String>] = []
        var stance: [StanceSyntax] = []
        var stanceKey: SourcePosition?
        var date: Located<ContentDate>?
        var origin: CitedSource?
        var rating: ClaimRating?
        var ratingKey: SourcePosition?
        var ratingNote: String?
        var ratingNoteKey: SourcePosition?
        let attributeNames = (spanClass ?? .quote).attributes
        for pair in attributes.pairs {
            switch pair.key {
            case "by" where isEvent:
                by += items(of: pair)
                if by.isEmpty {
                    diagnostics.append(
                        .error(
                            "'by=' is empty", at: location(pair.keyPosition), length: 3,
                            notes: ["name the actors involved, e.g. by=donald-trump,vladimir-putin, or leave by= out"]))
                }
            case "by":
                let value = pair.value.trimmingWhitespace
                if value.isEmpty {
                    diagnostics.append(
                        .error(
                            "'by=' is empty", at: location(pair.keyPosition), length: 3,
                            notes: ["name the speaker: by=pete-hegseth"]))
                } else if !by.isEmpty {
                    diagnostics.append(
                        .error(
                            "'by=' is given twice; a quote or claim has one speaker", at: location(pair.keyPosition),
                            length: 3))
                } else {
                    by = [Located(value, at: location(pair.valuePosition))]
                }
            case "about":
                about += items(of: pair)
                if about.isEmpty {
                    diagnostics.append(
                        .error(
                            "'about=' is empty", at: location(pair.keyPosition), length: 6,
                            notes: ["name one or more topics: about=peace-talks,defence-spending"]))
                }
            case "stance" where !isEvent:
                stanceKey = pair.keyPosition
                stance += stanceEntries(of: pair)
            case "date":
                if date != nil {
                    diagnostics.append(.error("'date=' is given twice", at: location(pair.keyPosition), length: 5))
                    continue
                }
                switch AttributeValues.date(pair.value.trimmingWhitespace) {
                case .success(let value): date = Located(value, at: location(pair.valuePosition))
                case .failure(let problem): report(problem, in: pair)
                }
            case "source" where !isEvent:
                if origin != nil {
                    diagnostics.append(.error("'source=' is given twice", at: location(pair.keyPosition), length: 7))
                    continue
                }
                origin = self.origin(of: pair)
            // Without a class, the missing class is the one error (as for stance=).
            case "rating" where spanClass == .claim || spanClass == nil:
                if ratingKey != nil {
                    diagnostics.append(.error("'rating=' is given twice", at: location(pair.keyPosition), length: 7))
                    continue
                }
                ratingKey = pair.keyPosition
                switch AttributeValues.rating(pair.value.trimmingWhitespace) {
                case .success(let value): rating = value
                case .failure(let problem): report(problem, in: pair)
                }
            case "rating_note" where spanClass == .claim || spanClass == nil:
                let value = pair.value.trimmingWhitespace
                if ratingNoteKey != nil {
                    diagnostics.append(
                        .error("'rating_note=' is given twice", at: location(pair.keyPosition), length: 12))
                } else if value.isEmpty {
                    diagnostics.append(
                        .error(
                            "'rating_note=' is empty", at: location(pair.keyPosition), length: 12,
                            notes: ["say why in a sentence: rating_note=\"No such order was signed\", or leave it out"])
                    )
                }
                ratingNoteKey = pair.keyPosition
                ratingNote = value.isEmpty ? nil : value
            case "rating", "rating_note":
                let key = pair.key + "="
                diagnostics.append(
                    .error(
                        "\(isEvent ? "an event" : "a quote") has no '\(key)': a rating belongs on a claim",
                        at: location(pair.keyPosition), length: key.count,
                        notes: [
                            isEvent
                                ? "nest the rated claim in the event: [[words]{.claim by=… rating=false}]{.event}"
                                : "a quote is the speaker's own words; to rate what they assert, mark it as a claim: {.claim by=… rating=false}"
                        ]))
            case "stance":
                diagnostics.append(
                    .error(
                        "an event has no 'stance='", at: location(pair.keyPosition), length: 7,
                        notes: [
                            "a stance belongs to a quote or claim: nest one in the event, [[words]{.claim by=… about=… stance=for}]{.event}"
                        ]))
            default:
                var notes = [
                    "\(isEvent ? "an event's" : "a quote's or claim's") attributes are: \(attributeNames.map { $0 + "=" }.joined(separator: ", "))\(isEvent ? "" : " and #id")"
                ]
                if let guess = Suggestions.nearest(to: pair.key, in: attributeNames, limit: 1).first {
                    notes.insert("did you mean '\(guess)='?", at: 0)
                }
                diagnostics.append(
                    .error(
                        "unknown annotation attribute '\(pair.key)='", at: location(pair.keyPosition),
                        length: pair.key.count + 1, notes: notes))
            }
        }
        if let stanceKey, !stance.isEmpty {
            checkStance(stance, about: about, key: stanceKey)
        }
        if let ratingNoteKey, ratingKey == nil {
            diagnostics.append(
                .error(
                    "'rating_note=' without 'rating=': a note says why a claim was rated so",
                    at: location(ratingNoteKey), length: 12,
                    notes: [
                        "add the rating, one of \(AttributeValues.ratingNames.joined(separator: ", ")): rating=false"
                    ]))
        }
        var explicitID: Located<String>?
        for (identifier, position) in attributes.identifiers {
            if isEvent {
                diagnostics.append(
                    .error(
                        "an event has no #id", at: location(position), length: identifier.count + 1,
                        notes: ["the timeline links an event to its paragraph; remove #\(identifier)"]))
            } else if explicitID != nil {
                diagnostics.append(
                    .error("an annotation has at most one #id", at: location(position), length: identifier.count + 1))
            } else if !Slug.isValid(identifier) {
                diagnostics.append(
                    .error(
                        "'#\(identifier)' is not a valid id", at: location(position), length: identifier.count + 1,
                        notes: [
                            "ids are lower-case ASCII words joined by hyphens, e.g. #\(Slug.make(from: identifier).isEmpty ? "my-quote" : Slug.make(from: identifier))"
                        ]))
            } else {
                explicitID = Located(identifier, at: location(position))
            }
        }
        if let statementClass = spanClass?.statementClass, by.isEmpty {
            diagnostics.append(
                .error(
                    "\(statementClass == .quote ? "quote" : "claim") has no speaker", at: location(opener),
                    length: length,
                    notes: ["add by= naming one actor, e.g. {.\(statementClass.rawValue) by=pete-hegseth}"]))
        }
        guard diagnostics.count == errorCount, let spanClass else { return nil }
        let kind: Annotation.Kind
        if let statementClass = spanClass.statementClass {
            guard let speaker = by.first else { return nil }
            kind = .span(
                SpanSyntax(
                    spanClass: statementClass, by: speaker, about: about, explicitID: explicitID, stance: stance,
                    date: date, origin: origin, rating: rating, ratingNote: ratingNote))
        } else {
            kind = .event(EventSyntax(date: date, by: by, about: about))
        }
        let text = children.map(\.plainText).joined()
        let index = annotations.count
        annotations.append(
            Annotation(
                kind: kind, location: location(opener), length: length, text: text, blockAnchor: "",
                context: MentionContext(before: "", text: "", after: "")))
        return MarkdownNode(.annotation(index), children: children, start: opener)
    }

    /// `source=N`, the article's Nth source, or `source=https://…`; nil
    /// with an error for anything else.
    private mutating func origin(of pair: AttributePair) -> CitedSource? {
        let value = pair.value.trimmingWhitespace
        let at = location(pair.valuePosition)
        if value.hasPrefix("https://") || value.hasPrefix("http://") {
            guard !value.contains(" "), let host = URL(string: value)?.host, !host.isEmpty else {
                diagnostics.append(
                    .error(
                        "'source=' is not a web address: '\(value)'", at: at, length: max(1, value.count),
                        notes: ["write the whole address, such as source=https://www.example.org/story"]))
                return nil
            }
            return CitedSource(title: host.hasPrefix("www.") ? String(host.dropFirst(4)) : host, url: value)
        }
        guard let number = Int(value), number >= 1, String(number) == value else {
            diagnostics.append(
                .error(
                    "'source=' is neither a source's number nor a web address: '\(value)'", at: at,
                    length: max(1, value.count),
                    notes: [
                        "name one of the article's sources by its number in 'sources:', source=1, or give the address, source=https://…"
                    ]))
            return nil
        }
        guard let sources else {
            diagnostics.append(
                .error(
                    "'source=\(value)' names a numbered source, but only articles list sources", at: at,
                    length: value.count, notes: ["give the address instead: source=https://…"]))
            return nil
        }
        guard number <= sources.count else {
            let listed =
                sources.isEmpty
                ? "the article lists no sources"
                : "the article lists \(sources.count) source\(sources.count == 1 ? "" : "s")"
            diagnostics.append(
                .error(
                    "'source=\(value)', but \(listed)", at: at, length: value.count,
                    notes: [
                        sources.isEmpty
                            ? "add it to the front matter: 'sources:' then '  - {title: …, url: https://…}'"
                            : "use a number from 1 to \(sources.count), or add the source to 'sources:'"
                    ]))
            return nil
        }
        return sources[number - 1]
    }

    /// The items of a comma-separated attribute, each where it stands.
    private func items(of pair: AttributePair) -> [Located<String>] {
        AttributeValues.items(pair.value).map { item in
            Located(item.text, at: location(pair.valuePosition, plus: item.offset))
        }
    }

    /// `stance=for` or `stance=peace-talks:for,territory:against`; reports
    /// the entries it cannot read.
    private mutating func stanceEntries(of pair: AttributePair) -> [StanceSyntax] {
        let items = AttributeValues.items(pair.value)
        if items.isEmpty {
            diagnostics.append(
                .error(
                    "'stance=' is empty", at: location(pair.keyPosition), length: 7,
                    notes: [
                        "give a stance, one of \(AttributeValues.stanceNames.joined(separator: ", ")): stance=for, or one per topic: stance=peace-talks:for"
                    ]))
        }
        var entries: [StanceSyntax] = []
        for item in items {
            switch AttributeValues.stance(item.text) {
            case .success(let (topic, stance)):
                entries.append(
                    StanceSyntax(
                        topic: topic.map { Located($0.0, at: location(pair.valuePosition, plus: item.offset + $0.1)) },
                        stance: stance))
            case .failure(var problem):
                problem.offset += item.offset
                report(problem, in: pair)
            }
        }
        return entries
    }

    /// A stance needs topics to be about, and is either one for all of them
    /// or one per named topic.
    private mutating func checkStance(_ entries: [StanceSyntax], about: [Located<String>], key: SourcePosition) {
        if about.isEmpty {
            diagnostics.append(
                .error(
                    "'stance=' without 'about=': a stance is taken toward topics", at: location(key), length: 7,
                    notes: ["add the topics, e.g. about=peace-talks stance=for"]))
        } else if entries.contains(where: { $0.topic == nil }), entries.count > 1 {
            diagnostics.append(
                .error(
                    "'stance=' mixes one stance for every topic with stances per topic", at: location(key), length: 7,
                    notes: [
                        "write either stance=against (every about= topic) or stance=peace-talks:for,territory:against (one per topic)"
                    ]))
        }
    }

    private mutating func report(_ problem: AttributeValues.Problem, in pair: AttributePair) {
        diagnostics.append(
            .error(
                problem.message, at: location(pair.valuePosition, plus: problem.offset), length: problem.length,
                notes: problem.notes))
    }

    /// The location `offset` characters after `position` on its line.
    private func location(_ position: SourcePosition, plus offset: Int) -> SourceLocation {
        location(SourcePosition(line: position.line, column: position.column + offset))
    }

    // MARK: Broken markup

    mutating func markReported(_ units: ArraySlice<Unit>) {
        for unit in units { reported.insert(unit.position) }
    }

    /// Annotation markup in one container that formed no link or span, once
    /// links and spans are made: attributes (`{.quote …}`) that close no
    /// span, `[[` and `]]` that make no entity link, and, beside a quote,
    /// claim or event, brackets left unpaired (one of them was probably meant
    /// to open or close it). Each is an error, never published text.
    /// `unpaired` holds the indices of plain brackets the span matching left
    /// without a partner, in order.
    mutating func reportBrokenMarkup(_ units: [Unit], isSyntax: [Bool], unpaired: [Int], holdsSpans: Bool) {
        var covered = isSyntax
        var unpairedOpeners = unpaired.filter { units[$0].isPlain("[") }
        // `\[[` opens brackets the author wants shown; a later `]]` closes them.
        var literalLinkOpeners = 0
        var index = 0
        while index < units.count {
            let unit = units[index]
            guard let scalar = unit.scalar, scalar == "[" || scalar == "]" || scalar == "{" else {
                index += 1
                continue
            }
            if unit.isPlain("{"), !covered[index], !followsEscapedBracket(units, index),
                let className = attributesClass(units, at: index)
            {
                let end = attributesEnd(units, from: index)
                reportStrayAttributes(
                    units, brace: index, end: end, className: className, covered: &covered,
                    unpairedOpeners: &unpairedOpeners)
                index = end + 1
                continue
            }
            if unit.isPlain("]"), !covered[index],
                let className = attributesClass(units, at: index, allowingSpace: false)
            {
                // `[words].claim by=x}`: the attributes lost their `{`.
                let end = attributesEnd(units, from: index)
                for unit in index...end { covered[unit] = true }
                let example = className == "annotation" ? "[“words”]{.quote by=…}" : "[“words”]{.\(className) by=…}"
                reportedError(
                    "annotation attributes after ']' do not start with '{'", units[index...end],
                    notes: ["put '{' right after ']': \(example)"])
                index = end + 1
                continue
            }
            if scalar == "[", index + 1 < units.count, units[index + 1].scalar == "[" {
                var runEnd = index + 1
                while runEnd + 1 < units.count, units[runEnd + 1].scalar == "[" { runEnd += 1 }
                let run = index...runEnd
                if run.contains(where: { !units[$0].isPlain("[") }) {
                    literalLinkOpeners += 1
                } else if run.contains(where: { !isSyntax[$0] }) {
                    reportUnclosedLink(units, run: run, covered: &covered)
                }
                index = runEnd + 1
                continue
            }
            if unit.isPlain("]"), index + 1 < units.count, units[index + 1].isPlain("]"), !isSyntax[index + 1] {
                var runEnd = index + 1
                while runEnd + 1 < units.count, units[runEnd + 1].isPlain("]"), !isSyntax[runEnd + 1] { runEnd += 1 }
                if literalLinkOpeners > 0 {
                    literalLinkOpeners -= 1
                    for unit in index...runEnd { covered[unit] = true }
                } else if !covered[index] {
                    reportStrayLinkCloser(units, run: index...runEnd, covered: &covered)
                }
                index = runEnd + 1
                continue
            }
            index += 1
        }
        guard holdsSpans else { return }
        for bracket in unpaired where !covered[bracket] {
            let scalar = units[bracket].scalar ?? "["
            let partner = scalar == "[" ? "]" : "["
            reportedError(
                "'\(scalar)' has no matching '\(partner)' in this paragraph", units[bracket...bracket],
                notes: [
                    "beside a quote, claim or event every bracket needs its partner, or it may cut the annotation short: add the missing '\(partner)', or write '\\\(scalar)' to show the bracket as text"
                ])
        }
    }

    /// Reports `units[range]` as one error and marks them reported.
    private mutating func reportedError(_ message: String, _ range: ArraySlice<Unit>, notes: [String]) {
        guard let first = range.first, let last = range.last else { return }
        markReported(range)
        diagnostics.append(
            .error(
                message, at: location(first.position),
                length: sourceLength(from: first.position, through: last.position), notes: notes))
    }

    /// True when the unit before `index` is a bracket the author escaped
    /// (`\]{.quote}` is text they want shown).
    private func followsEscapedBracket(_ units: [Unit], _ index: Int) -> Bool {
        guard index > 0, case .scalar(let scalar, let escaped, _, _) = units[index - 1] else { return false }
        return escaped && (scalar == "]" || scalar == "[")
    }

    /// The class named by the attribute list that follows the unit at
    /// `index` (`quote` for `{.quote by=x}`, `annotation` when none is
    /// named), or nil when no attributes follow: after optional spaces there
    /// must be `.name`, `#name`, one of the attributes `by=`, `about=`,
    /// `stance=`, `date=`, or a class that lost its dot (`{claim by=x}`).
    /// Without `allowingSpace` (after a `]`), `.name` must be a known class.
    private func attributesClass(_ units: [Unit], at index: Int, allowingSpace: Bool = true) -> String? {
        var cursor = index + 1
        while allowingSpace, cursor < units.count, units[cursor].scalar == " " { cursor += 1 }
        var word = ""
        let marker = cursor < units.count ? units[cursor].scalar : nil
        if marker == "." || marker == "#" { cursor += 1 }
        while cursor < units.count, let scalar = units[cursor].scalar, scalar.isAlphabetic {
            word.unicodeScalars.append(scalar)
            cursor += 1
        }
        guard !word.isEmpty else { return nil }
        switch marker {
        case "." where !allowingSpace:
            // Straight after a `]` only the classes count: `[1].The` is prose.
            return ["quote", "claim", "event"].contains(word) ? word : nil
        case ".": return ["quote", "claim", "event"].contains(word) ? word : "annotation"
        case "#": return "annotation"
        default:
            let next = cursor < units.count ? units[cursor].scalar : nil
            if ["quote", "claim", "event"].contains(word), next == " " || next == "}" { return word }
            let isAttribute = ["by", "about", "stance", "date"].contains(word)
            return isAttribute && next == "=" ? "annotation" : nil
        }
    }

    /// Index of the `}` that ends the attributes opened at `brace`, else of
    /// the last unit before the line or the text ends.
    private func attributesEnd(_ units: [Unit], from brace: Int) -> Int {
        var cursor = brace
        while cursor + 1 < units.count, let scalar = units[cursor + 1].scalar {
            cursor += 1
            if scalar == "}" { break }
        }
        return cursor
    }

    private mutating func reportStrayAttributes(
        _ units: [Unit], brace: Int, end: Int, className: String, covered: inout [Bool],
        unpairedOpeners: inout [Int]
    ) {
        for unit in brace...end { covered[unit] = true }
        var before = brace - 1
        var crossesLine = false
        while before >= 0, units[before].scalar == " " || units[before].scalar == "\t" || units[before].isSoftBreak {
            crossesLine = crossesLine || units[before].isSoftBreak
            before -= 1
        }
        let example = className == "annotation" ? "[“words”]{.quote by=…}" : "[“words”]{.\(className) by=…}"
        if before >= 0, units[before].isPlain("]"), before < brace - 1 {
            covered[before] = true
            reportedError(
                crossesLine
                    ? "a line break between ']' and '{' parts the \(className) from its attributes"
                    : "a space between ']' and '{' parts the \(className) from its attributes",
                units[before...brace],
                notes: [
                    crossesLine
                        ? "put '{' right after ']', on the same line: \(example)"
                        : "remove the space between ']' and '{': \(example)"
                ])
        } else if before >= 0, units[before].isPlain("]") {
            covered[before] = true
            let closed = units[end].scalar == "}"
            reportedError(
                closed
                    ? "annotation attributes hold formatting, a link or code"
                    : "annotation attributes are not closed with '}'",
                units[before...end],
                notes: [
                    closed
                        ? "write the attributes as plain text: {.quote by=pete-hegseth about=peace-talks}"
                        : "close the attributes with '}' in the same paragraph: \(example)"
                ])
        } else if units[brace + 1].scalar?.isAlphabetic == true, className != "annotation" {
            reportedError(
                "the class in annotation attributes '{\(className) …}' has no '.'", units[brace...end],
                notes: ["write '.\(className)', right after ']{': \(example)"])
        } else {
            // The `[` that was meant to pair with the missing `]`.
            if let opener = unpairedOpeners.last(where: { $0 < brace }) {
                covered[opener] = true
                unpairedOpeners.removeAll { $0 == opener }
            }
            reportedError(
                "attributes '{.\(className == "annotation" ? "…" : className) …}' follow no ']'",
                units[brace...end],
                notes: ["close the \(className) with ']' right before '{': \(example)"])
        }
    }

    /// `[[` that makes no entity link: not closed by `]]` in the paragraph,
    /// closed by a single `]`, or holding more than plain text.
    private mutating func reportUnclosedLink(_ units: [Unit], run: ClosedRange<Int>, covered: inout [Bool]) {
        for unit in run { covered[unit] = true }
        // What follows, up to the next `[` (which bounds the search).
        var cursor = run.upperBound + 1
        var name = ""
        var holdsNode = false
        var closer: Int?
        while cursor < units.count, !units[cursor].isPlain("[") {
            if units[cursor].isPlain("]") {
                closer = cursor
                break
            }
            if let scalar = units[cursor].scalar {
                if name.unicodeScalars.count < 40 { name.unicodeScalars.append(scalar) }
            } else if !units[cursor].isSoftBreak {
                holdsNode = true
            }
            cursor += 1
        }
        name = name.trimmingWhitespace
        let example = "[[\(name.isEmpty || holdsNode ? "Pete Hegseth" : name)]]"
        guard let closer else {
            reportedError(
                "'[[' opens an entity link that is not closed with ']]' in this paragraph", units[run],
                notes: [
                    "close the link with ']]' right after the name, as in [[Pete Hegseth]], or write '\\[\\[' to show the brackets as text"
                ])
            return
        }
        let isDoubled = closer + 1 < units.count && units[closer + 1].isPlain("]")
        let end = isDoubled ? closer + 1 : closer
        for unit in run.lowerBound...end { covered[unit] = true }
        if !isDoubled {
            reportedError(
                "an entity link closed with a single ']'", units[run.lowerBound...end],
                notes: ["close the link with ']]': \(example)"])
        } else if holdsNode {
            reportedError(
                "an entity link holds only plain text, not formatting, code or links", units[run.lowerBound...end],
                notes: ["put the formatting around the link instead: *[[Pete Hegseth]]*"])
        } else {
            reportedError(
                "an entity link '[[…]]' that names nothing", units[run.lowerBound...end],
                notes: ["name an actor or topic: [[Pete Hegseth]], or [[pete-hegseth|the text to show]]"])
        }
    }

    /// `]]` with no `[[` before it in the paragraph.
    private mutating func reportStrayLinkCloser(_ units: [Unit], run: ClosedRange<Int>, covered: inout [Bool]) {
        for unit in run { covered[unit] = true }
        reportedError(
            "']]' closes no entity link: there is no '[[' before it in this paragraph", units[run],
            notes: [
                "open the link with '[[' (as in [[Pete Hegseth]]), remove a ']', or write '\\]\\]' to show the brackets as text"
            ])
    }

    /// The last check, on the finished tree: annotation markup still in its
    /// text would be published as written (the parser never looks inside a
    /// link's text or an image's description), so it is an error instead.
    mutating func reportLeftoverMarkup(in root: MarkdownNode) {
        for leftover in LeftoverMarkup(lines: lines).find(in: root) where !reported.contains(leftover.position) {
            diagnostics.append(
                .error(
                    "'\(leftover.markup)' would be published as written: it forms no annotation here",
                    at: location(leftover.position), length: leftover.markup.unicodeScalars.count,
                    notes: [
                        leftover.isInLink
                            ? "annotations are not made inside a link's text or an image's description: move it out of the link"
                            : "check the brackets and braces around it against the README's Annotations section",
                        "to show it as text, put a backslash before each bracket or brace: \\[\\[, \\]\\], \\{",
                    ]))
        }
    }

    // MARK: Anchors and contexts

    /// Gives every paragraph and heading an anchor (`p-3`, a heading's slug)
    /// and records, for each annotation, its block and the sentence around it.
    mutating func assignAnchors(_ root: inout MarkdownNode) {
        var paragraphCount = 0
        var usedIDs: Set<String> = []
        func visit(_ node: inout MarkdownNode) {
            switch node.kind {
            case .paragraph, .heading:
                let anchor: String
                if case .heading = node.kind {
                    // `p-` and `q-` belong to paragraphs and quotes.
                    var base = Slug.make(from: node.plainText, maxWords: 8)
                    if base.isEmpty { base = "section" }
                    if base.hasPrefix("p-") || base.hasPrefix("q-") { base = "h-" + base }
                    var candidate = base
                    var suffix = 2
                    while usedIDs.contains(candidate) {
                        candidate = "\(base)-\(suffix)"
                        suffix += 1
                    }
                    anchor = candidate
                } else {
                    paragraphCount += 1
                    anchor = "p-\(paragraphCount)"
                }
                usedIDs.insert(anchor)
                recordContexts(in: node, anchor: anchor)
                node.children.insert(MarkdownNode(.anchor(anchor), start: node.start), at: 0)
            default:
                for index in node.children.indices { visit(&node.children[index]) }
            }
        }
        visit(&root)
    }

    private mutating func recordContexts(in block: MarkdownNode, anchor: String) {
        // Most blocks hold no annotation; skip gathering their text.
        func holdsAnnotation(_ node: MarkdownNode) -> Bool {
            switch node.kind {
            case .annotation: return true
            case .htmlInline, .image, .anchor: return false
            default: return node.children.contains(where: holdsAnnotation)
            }
        }
        guard holdsAnnotation(block) else { return }
        var text: [Unicode.Scalar] = []
        var ranges: [(Int, Range<Int>)] = []
        Self.gatherText(block, into: &text, ranges: &ranges)
        for (index, range) in ranges {
            annotations[index].blockAnchor = anchor
            annotations[index].context = Sentences.context(of: range, in: text)
        }
    }

    /// The text a reader sees in `node`, and where each annotation's lies in
    /// it. Static, with inout buffers: a nested function capturing them
    /// would pay an exclusivity check on every append.
    private static func gatherText(
        _ node: MarkdownNode, into text: inout [Unicode.Scalar], ranges: inout [(Int, Range<Int>)]
    ) {
        switch node.kind {
        case .text(let literal), .code(let literal): text += [Unicode.Scalar](scalarsOf: literal)
        case .softBreak, .lineBreak: text.append(" ")
        case .htmlInline, .image, .anchor: break
        case .annotation(let index):
            let start = text.count
            for child in node.children { gatherText(child, into: &text, ranges: &ranges) }
            ranges.append((index, start..<text.count))
        default:
            for child in node.children { gatherText(child, into: &text, ranges: &ranges) }
        }
    }
}
