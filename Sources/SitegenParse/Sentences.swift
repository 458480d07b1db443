/// Finds the sentence around a span of text, for "mentioned in" contexts.
package enum Sentences {
    /// Longest context kept on either side of the mention, in characters.
    package static let maximumSide = 240

    package static func context(of range: Range<Int>, in text: [Unicode.Scalar]) -> MentionContext {
        let start = sentenceStart(before: range.lowerBound, in: text)
        let end = sentenceEnd(after: range.upperBound, in: text)
        let beforeScalars = text[start..<range.lowerBound]
        let afterScalars = text[range.upperBound..<end]
        var before: String
        if beforeScalars.count > maximumSide {
            before = "…" + String(scalars: beforeScalars.suffix(maximumSide)).drop { $0 != " " }
        } else {
            before = String(scalars: beforeScalars)
        }
        var after: String
        if afterScalars.count > maximumSide {
            let cut = String(scalars: afterScalars.prefix(maximumSide))
            after = (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? cut) + "…"
        } else {
            after = String(scalars: afterScalars)
        }
        return MentionContext(before: before, text: String(scalars: text[range]), after: after)
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
    package static func isAbbreviation(endingAt index: Int, in text: [Unicode.Scalar]) -> Bool {
        guard text[index] == "." else { return false }
        var start = index
        while start > 0, text[start - 1].isAlphabetic || text[start - 1] == "." { start -= 1 }
        let scalars = text[start..<index]
        if scalars.allSatisfy(\.isASCII) {
            // ASCII letters and dots, compared without making a String: each
            // scalar is one character, and equal strings have equal scalars.
            if scalars.count == 1 { return ("A"..."Z").contains(scalars[start]) }
            return asciiAbbreviations.contains { $0.elementsEqual(scalars) }
        }
        let word = String(scalars: scalars)
        if word.count == 1, word.first?.isUppercase == true { return true }
        return abbreviations.contains(word)
    }

    private static let abbreviations = [
        "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Prof", "U.S", "U.K", "e.g", "i.e", "etc",
    ]
    private static let asciiAbbreviations = abbreviations.map { Array($0.unicodeScalars) }
}
