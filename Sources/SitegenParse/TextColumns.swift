/// Where each character of a text node stands in its source line.
///
/// cmark gives a text node's start and its literal, in which `\[` is `[` and
/// `&amp;` is `&`; walking the literal against the line finds each
/// character's own column, and which ones the author escaped.
package struct TextColumns {
    package let line: [Unicode.Scalar]
    /// Index in `line` of the next character.
    private var index: Int

    /// - Parameters:
    ///   - line: the node's source line, as scalars.
    ///   - column: the node's start column (1-based, in scalars).
    package init(line: [Unicode.Scalar], column: Int) {
        self.line = line
        self.index = column - 1
    }

    /// The column of `text[offset]` and whether it was escaped in the source
    /// (a backslash or an entity reference); call once per character, in order.
    package mutating func next(_ text: [Unicode.Scalar], _ offset: Int) -> (column: Int, escaped: Bool) {
        let scalar = text[offset]
        let column = max(1, index + 1)
        if index >= 0, index < line.count, line[index] == "&", let end = Self.entityEnd(in: line, at: index),
            !Self.isLiteralAmpersand(text, offset, line, index, end)
        {
            // `&#91;` or `&amp;`: one character in the text, several in the source.
            index = end
            return (column, true)
        }
        if index >= 0, index < line.count, line[index] == scalar {
            index += 1
            return (column, false)
        }
        if index >= 0, index + 1 < line.count, line[index] == "\\", line[index + 1] == scalar {
            index += 2
            return (column, true)
        }
        if let width = Self.smartWidth(of: scalar, in: line, at: index) {
            // Smart punctuation: `"` became “, `--` –, `...` …
            index += width
            return (column, false)
        }
        index += 1  // out of step with the source; keep going
        return (column, false)
    }

    /// Index just past an entity reference (`&name;`, `&#123;`, `&#x7b;`) at `index`.
    package static func entityEnd(in line: [Unicode.Scalar], at index: Int) -> Int? {
        var cursor = index + 1
        let limit = min(line.count, index + 34)
        if cursor < limit, line[cursor] == "#" {
            cursor += 1
            if cursor < limit, line[cursor] == "x" || line[cursor] == "X" { cursor += 1 }
        }
        let bodyStart = cursor
        while cursor < limit, line[cursor].properties.isAlphabetic || ("0"..."9").contains(line[cursor]) {
            guard line[cursor].isASCII else { return nil }
            cursor += 1
        }
        guard cursor > bodyStart, cursor < limit, line[cursor] == ";" else { return nil }
        return cursor + 1
    }

    /// An `&` that cmark left as written (`AT&T`, or `&bogus;`): the text
    /// goes on with the same characters as the source.
    package static func isLiteralAmpersand(
        _ text: [Unicode.Scalar], _ offset: Int, _ line: [Unicode.Scalar], _ index: Int, _ end: Int
    ) -> Bool {
        guard text[offset] == "&" else { return false }
        let sourceTail = line[(index + 1)..<end]
        let textTail = text[(offset + 1)...].prefix(sourceTail.count)
        return textTail.elementsEqual(sourceTail)
    }

    /// How many source characters cmark's smart punctuation turned into
    /// `scalar` at `index`, or nil when it made no such change there.
    private static func smartWidth(of scalar: Unicode.Scalar, in line: [Unicode.Scalar], at index: Int) -> Int? {
        func reads(_ text: String) -> Bool {
            let scalars = Array(text.unicodeScalars)
            return index >= 0 && index + scalars.count <= line.count
                && line[index..<(index + scalars.count)].elementsEqual(scalars)
        }
        switch scalar {
        case "“", "”": return reads("\"") ? 1 : nil
        case "‘", "’": return reads("'") ? 1 : nil
        case "—": return reads("---") ? 3 : nil
        case "–": return reads("--") ? 2 : nil
        case "…": return reads("...") ? 3 : nil
        default: return nil
        }
    }
}
