import Foundation
import SitegenBase

/// Text written around a span of a file, keeping the span itself: `[[` and
/// `]]` around a name (`check --fix`), `[` and `]{.quote by=…}` around a
/// quote (`suggest --apply`). Only ever inserts, so no word is lost.
package struct SpanWrap: Sendable, Hashable {
    /// The span's first character and just past its last, as diagnostics count them.
    package var start: SourcePosition
    package var end: SourcePosition
    /// What the file must still read there (white space folded), else the
    /// wrap is skipped: the file changed since it was proposed.
    package var text: String
    package var opening: String
    package var closing: String

    package init(start: SourcePosition, end: SourcePosition, text: String, opening: String, closing: String) {
        self.start = start
        self.end = end
        self.text = text
        self.opening = opening
        self.closing = closing
    }

    /// `data` with `wraps` written, the indexes of the wraps written, and
    /// those skipped with the reason. Positions count scalars after any
    /// byte order mark, with lines ending at `\n`, `\r\n` or `\r`. Spans may
    /// nest (a link inside a quote) but not cross; the byte order mark and
    /// line endings are kept.
    package static func apply(_ wraps: [SpanWrap], to data: Data) -> (
        Data?, applied: [Int], skipped: [(index: Int, reason: String)]
    ) {
        var bytes = [UInt8](data)
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let hasByteOrderMark = bytes.starts(with: byteOrderMark)
        if hasByteOrderMark { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return (nil, [], wraps.indices.map { ($0, "the file is no longer UTF-8 text") })
        }
        let scalars = Array(text.unicodeScalars)
        let lineStarts = Self.lineStarts(scalars)
        func offset(_ position: SourcePosition) -> Int? {
            guard position.line >= 1, position.line <= lineStarts.count, position.column >= 1 else { return nil }
            let start = lineStarts[position.line - 1]
            let lineEnd = position.line < lineStarts.count ? lineStarts[position.line] : scalars.count
            let offset = start + position.column - 1
            return offset <= lineEnd ? offset : nil
        }
        var taken: [Range<Int>] = []
        var chosen: [(index: Int, range: Range<Int>)] = []
        var skipped: [(index: Int, reason: String)] = []
        for (index, wrap) in wraps.enumerated() {
            let place = "\(wrap.start.line):\(wrap.start.column)"
            guard let start = offset(wrap.start), let end = offset(wrap.end), start < end else {
                skipped.append((index, "the file has no \(place) any more"))
                continue
            }
            let written = String(
                String.UnicodeScalarView(ActorNames.folded(String(String.UnicodeScalarView(scalars[start..<end])))))
            guard written == String(String.UnicodeScalarView(ActorNames.folded(wrap.text))),
                !scalars[start].properties.isWhitespace, !scalars[end - 1].properties.isWhitespace
            else {
                skipped.append(
                    (
                        index,
                        "the file does not read '\(wrap.text)' at \(place) (it was changed since, or it is written with escapes); do it by hand"
                    ))
                continue
            }
            let range = start..<end
            guard !taken.contains(where: { $0 == range || Self.cross($0, range) }) else {
                skipped.append((index, "it overlaps another span written here"))
                continue
            }
            taken.append(range)
            chosen.append((index, range))
        }
        guard !chosen.isEmpty else { return (nil, [], skipped) }
        // At one offset: closings before openings; an inner span closes
        // first and an outer one opens first.
        var insertions: [(offset: Int, text: String, rank: (Int, Int))] = []
        for (index, range) in chosen {
            insertions.append((range.lowerBound, wraps[index].opening, (1, -range.upperBound)))
            insertions.append((range.upperBound, wraps[index].closing, (0, -range.lowerBound)))
        }
        insertions.sort { ($0.offset, $0.rank.0, $0.rank.1) < ($1.offset, $1.rank.0, $1.rank.1) }
        var result = String.UnicodeScalarView()
        var cursor = 0
        for insertion in insertions {
            result.append(contentsOf: scalars[cursor..<insertion.offset])
            result.append(contentsOf: insertion.text.unicodeScalars)
            cursor = insertion.offset
        }
        result.append(contentsOf: scalars[cursor...])
        let output = (hasByteOrderMark ? byteOrderMark : []) + Array(String(result).utf8)
        return (Data(output), chosen.map(\.index).sorted(), skipped)
    }

    /// Two spans that share characters without one holding the other.
    private static func cross(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        a.overlaps(b) && !(a.lowerBound <= b.lowerBound && b.upperBound <= a.upperBound)
            && !(b.lowerBound <= a.lowerBound && a.upperBound <= b.upperBound)
    }

    /// Index of each line's first scalar.
    package static func lineStarts(_ scalars: [Unicode.Scalar]) -> [Int] {
        var starts = [0]
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == "\r", index < scalars.count, scalars[index] == "\n" { index += 1 }
            if scalar == "\n" || scalar == "\r" { starts.append(index) }
        }
        return starts
    }
}
