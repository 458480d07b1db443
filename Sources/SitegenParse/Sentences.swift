/// Finds the sentence around a span of text, for "mentioned in" contexts.
package enum Sentences {
    /// Longest context kept on either side of the mention, in characters.
    package static let maximumSide = 240

    package static func context(of range: Range<Int>, in text: [Unicode.Scalar]) -> MentionContext {
        let start = sentenceStart(before: range.lowerBound, in: text)
        let end = sentenceEnd(after: range.upperBound, in: text)
        var before = String(String.UnicodeScalarView(text[start..<range.lowerBound]))
        var after = String(String.UnicodeScalarView(text[range.upperBound..<end]))
        let mention = String(String.UnicodeScalarView(text[range]))
        if before.unicodeScalars.count > maximumSide {
            before =
                "…" + String(String.UnicodeScalarView(before.unicodeScalars.suffix(maximumSide))).drop { $0 != " " }
        }
        if after.unicodeScalars.count > maximumSide {
            let cut = String(String.UnicodeScalarView(after.unicodeScalars.prefix(maximumSide)))
            after = (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? cut) + "…"
        }
        return MentionContext(before: before, text: mention, after: after)
    }

    private static func isTerminator(_ s: Unicode.Scalar) -> Bool { s == "." || s == "!" || s == "?" }
    private static func isCloser(_ s: Unicode.Scalar) -> Bool {
        s == "”" || s == "’" || s == "\"" || s == "'" || s == ")" || s == "]"
    }

    /// Index just after the previous sentence's end (terminator, closers, space).
    package static func sentenceStart(before position: Int, in text: [Unicode.Scalar]) -> Int {
        var index = position - 1
        while index > 0 {
            if text[index] == " ", index > 0 {
                var back = index - 1
                while back > 0, isCloser(text[back]) { back -= 1 }
                if isTerminator(text[back]), !isAbbreviation(endingAt: back, in: text) { return index + 1 }
            }
            index -= 1
        }
        return 0
    }

    package static func sentenceEnd(after position: Int, in text: [Unicode.Scalar]) -> Int {
        var index = max(position, 0)
        while index < text.count {
            if isTerminator(text[index]), !isAbbreviation(endingAt: index, in: text) {
                var end = index + 1
                while end < text.count, isCloser(text[end]) || isTerminator(text[end]) { end += 1 }
                if end == text.count || text[end] == " " { return end }
            }
            index += 1
        }
        return text.count
    }

    /// "U.S." or "Mr." should not end a sentence: a single capital before the
    /// dot, or a known short title.
    private static func isAbbreviation(endingAt index: Int, in text: [Unicode.Scalar]) -> Bool {
        guard text[index] == "." else { return false }
        var start = index
        while start > 0, text[start - 1].properties.isAlphabetic || text[start - 1] == "." { start -= 1 }
        let word = String(String.UnicodeScalarView(text[start..<index]))
        if word.count == 1, word.first?.isUppercase == true { return true }
        return ["Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Prof", "U.S", "U.K", "e.g", "i.e", "etc"]
            .contains(word)
    }
}
