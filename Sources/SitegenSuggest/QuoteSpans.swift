import SitegenMentions

/// Text between paired quotation marks: “…”, "…", ‘…’, '…', «…» and „…“,
/// nested in any order.
///
/// Straight marks open at the start of a word and close at the end of one.
/// A single mark (`’`, `'`) inside a word or after one is an apostrophe
/// (`Russia’s`, `let’s`, `allies’`) unless a single quote is open and the
/// mark ends a word there. Marks in locked text (code, existing
/// annotations) are not read.
enum QuoteSpans {
    struct Span: Equatable {
        /// From the opening mark to just past the closing one.
        var range: Range<Int>
        /// Quotes inside another quote have depth 1 and more.
        var depth: Int
        /// An opening mark left open when the paragraph ended: the span
        /// runs to the paragraph's end (a quote continued in the next one).
        var runsOn: Bool = false

        var inner: Range<Int> { (range.lowerBound + 1)..<(runsOn ? range.upperBound : range.upperBound - 1) }
    }

    /// Every quotation, outermost and nested, in order of their opening mark.
    static func find(in text: [Unicode.Scalar], locked: [Bool]? = nil) -> [Span] {
        var stack: [(mark: Unicode.Scalar, at: Int)] = []
        var spans: [Span] = []
        func close(matching opener: (Unicode.Scalar) -> Bool, at index: Int) -> Bool {
            guard let position = stack.lastIndex(where: { opener($0.mark) }) else { return false }
            let open = stack[position]
            // Marks opened inside and never closed were apostrophes or strays.
            stack.removeSubrange(position...)
            spans.append(Span(range: open.at..<(index + 1), depth: stack.count))
            return true
        }
        for index in text.indices {
            if let locked, locked[index] { continue }
            let mark = text[index]
            let before: Unicode.Scalar? = index > 0 ? text[index - 1] : nil
            let after: Unicode.Scalar? = index + 1 < text.count ? text[index + 1] : nil
            let opensWord = isOpeningContext(before) && after.map { !$0.properties.isWhitespace } ?? false
            let closesWord =
                before.map { !$0.properties.isWhitespace } ?? false && !(after.map(ActorNames.isWordCharacter) ?? false)
            switch mark {
            case "“":
                // „…“: the German pair closes with this mark.
                if stack.last?.mark == "„" {
                    _ = close(matching: { $0 == "„" }, at: index)
                } else {
                    stack.append((mark, index))
                }
            case "”":
                _ = close(matching: { $0 == "“" || $0 == "„" }, at: index)
            case "«", "„":
                stack.append((mark, index))
            case "»":
                _ = close(matching: { $0 == "«" }, at: index)
            case "‘":
                if opensWord { stack.append((mark, index)) }
            case "’":
                if closesWord, stack.contains(where: { $0.mark == "‘" }) {
                    _ = close(matching: { $0 == "‘" }, at: index)
                }
            case "\"":
                if closesWord, stack.contains(where: { $0.mark == "\"" }) {
                    _ = close(matching: { $0 == "\"" }, at: index)
                } else if opensWord {
                    stack.append((mark, index))
                }
            case "'":
                if closesWord, stack.contains(where: { $0.mark == "'" }) {
                    _ = close(matching: { $0 == "'" }, at: index)
                } else if opensWord {
                    stack.append((mark, index))
                }
            default:
                continue
            }
        }
        // A double opening mark still open at the end of the paragraph: a
        // quote that goes on in the next paragraph, as news style writes it.
        if let open = stack.first, "“„«\"".unicodeScalars.contains(open.mark) {
            var end = text.count
            while end > open.at + 1, text[end - 1].properties.isWhitespace { end -= 1 }
            if end > open.at + 1 {
                spans.append(Span(range: open.at..<end, depth: 0, runsOn: true))
            }
        }
        return spans.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// The outermost quotations only: nested ones are part of them.
    static func outermost(in text: [Unicode.Scalar], locked: [Bool]? = nil) -> [Span] {
        find(in: text, locked: locked).filter { $0.depth == 0 }
    }

    /// Before an opening mark: the start, white space, or an opening bracket or dash.
    private static func isOpeningContext(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return true }
        return scalar.properties.isWhitespace || "([{—–-/“‘«„\"'".unicodeScalars.contains(scalar)
    }

}
