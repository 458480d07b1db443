import SitegenBase

/// Finds annotation markup that is still text in a parsed document: `[[`,
/// `]]`, `{.quote`, `{.claim` and `{.event` outside code, raw HTML and
/// autolinks. Published, it would show the author's markup to readers, so
/// the parser reports each as an error.
///
/// What a backslash or an entity reference escapes does not count, and
/// neither does a `]]` that closes an escaped `\[[`.
package struct LeftoverMarkup {
    package struct Found {
        package var markup: String
        package var position: SourcePosition
        /// In a link's text or an image's description, where the parser
        /// makes no annotations.
        package var isInLink: Bool
    }

    /// Source lines as scalars, to tell escaped characters apart.
    package let lines: [[Unicode.Scalar]]

    package static let attributeClasses = ["quote", "claim", "event"]

    package func find(in root: MarkdownNode) -> [Found] {
        var found: [Found] = []
        visit(root, isInLink: false, into: &found)
        return found
    }

    private func visit(_ node: MarkdownNode, isInLink: Bool, into found: inout [Found]) {
        switch node.kind {
        case .code, .codeBlock, .htmlBlock, .htmlInline: return
        case .link(let destination, _) where isAutolink(node, destination: destination): return
        case .link where !isInLink, .image where !isInLink:
            // One error per link: its `[[` and `]]` are one mistake.
            var inLink: [Found] = []
            visit(node, isInLink: true, into: &inLink)
            found += inLink.prefix(1)
            return
        default: break
        }
        scan(node.children, isInLink: isInLink, into: &found)
        for child in node.children { visit(child, isInLink: isInLink, into: &found) }
    }

    /// `<https://…>` is a link whose text is its destination.
    private func isAutolink(_ node: MarkdownNode, destination: String) -> Bool {
        guard node.children.count == 1, case .text(let text) = node.children[0].kind else { return false }
        return destination == text || destination == "mailto:" + text
    }

    /// Scans one container's text children as one run of characters; any
    /// other child breaks it, since `[` `*x*` `[` shows no `[[`.
    private func scan(_ children: [MarkdownNode], isInLink: Bool, into found: inout [Found]) {
        var previous: (scalar: Unicode.Scalar, escaped: Bool, position: SourcePosition)?
        // Whether the run of brackets `previous` ends has been counted (`[[[` is one `[[`).
        var runCounted = false
        var literalLinkOpeners = 0
        for child in children {
            guard case .text(let literal) = child.kind, Self.holdsBracketOrBrace(literal) else {
                previous = nil
                continue
            }
            let line = child.start.line >= 1 && child.start.line <= lines.count ? lines[child.start.line - 1] : []
            let scalars = [Unicode.Scalar](scalarsOf: literal)
            var columns = TextColumns(line: line, column: child.start.column)
            for offset in scalars.indices {
                let scalar = scalars[offset]
                let (column, escaped) = columns.next(scalars, offset)
                let position = SourcePosition(line: child.start.line, column: column)
                let before = previous
                previous = (scalar, escaped, position)
                guard let before, before.scalar == scalar, scalar == "[" || scalar == "]" else {
                    runCounted = false
                    let followsEscapedBracket = before.map { $0.escaped && "[]".unicodeScalars.contains($0.scalar) }
                    if scalar == "{", !escaped, followsEscapedBracket != true,
                        let name = attributeClass(scalars, after: offset + 1)
                    {
                        found.append(Found(markup: "{." + name, position: position, isInLink: isInLink))
                    }
                    continue
                }
                if runCounted { continue }
                runCounted = true
                if scalar == "[", before.escaped || escaped {
                    literalLinkOpeners += 1
                } else if scalar == "]", literalLinkOpeners > 0 {
                    literalLinkOpeners -= 1
                } else if !before.escaped, !escaped {
                    let markup = String(repeating: String(scalar), count: 2)
                    found.append(Found(markup: markup, position: before.position, isInLink: isInLink))
                }
            }
        }
    }

    /// Whether `text` has a `[`, `]` or `{`: a byte scan, since most text
    /// has none, over the contiguous bytes when the string has them.
    package static func holdsBracketOrBrace(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(holdsBracketOrBrace) ?? text.utf8.contains(where: isBracketOrBrace)
    }

    private static func isBracketOrBrace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "{")
    }

    /// Eight bytes at a time: the scan runs over every text node twice.
    private static func holdsBracketOrBrace(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        // Nonzero exactly when some byte of `word` is zero.
        func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & (ones &* 0x80) != 0 }
        var index = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if hasZeroByte(word ^ (ones &* 0x5B)) || hasZeroByte(word ^ (ones &* 0x5D))
                    || hasZeroByte(word ^ (ones &* 0x7B))
                {
                    return true
                }
                index += 8
            }
        }
        while index < bytes.count {
            if isBracketOrBrace(bytes[index]) { return true }
            index += 1
        }
        return false
    }

    /// `quote` when `{` at `offset - 1` is followed (after spaces) by `.quote`, and so on.
    private func attributeClass(_ scalars: [Unicode.Scalar], after offset: Int) -> String? {
        var cursor = offset
        while cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
        guard cursor < scalars.count, scalars[cursor] == "." else { return nil }
        let rest = String(String.UnicodeScalarView(scalars[(cursor + 1)...].prefix(5)))
        return Self.attributeClasses.first { rest.hasPrefix($0) }
    }
}
