/// Finds the sentence around a span of text, for "mentioned in" contexts.
package enum Sentences {
    /// Longest context kept on either side of the mention, in characters.
    package static let maximumSide = 240

    package static func context(of range: Range<Int>, in text: [Unicode.Scalar]) -> MentionContext {
        let start = sentenceStart(before: range.lowerBound, in: text)
        let end = endsSentence(range, in: text) ? range.upperBound : sentenceEnd(after: range.upperBound, in: text)
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

    /// Whether the span's own words end its sentence: “… when you can.”
    /// followed by the end or a capital (“We will win.” to troops goes on).
    private static func endsSentence(_ range: Range<Int>, in text: [Unicode.Scalar]) -> Bool {
        if range.upperBound < text.count {
            guard text[range.upperBound] == " ", range.upperBound + 1 < text.count,
                text[range.upperBound + 1].properties.isUppercase
            else { return false }
        }
        var back = range.upperBound - 1
        while back > range.lowerBound, isCloser(text[back]) { back -= 1 }
        return back >= range.lowerBound && isTerminator(text[back]) && !isAbbreviation(endingAt: back, in: text)
    }

    private static func isTerminator(_ s: Unicode.Scalar) -> Bool { s == "." || s == "!" || s == "?" }
    private static func isCloser(_ s: Unicode.Scalar) -> Bool {
        s == "”" || s == "’" || s == "\"" || s == "'" || s == ")" || s == "]"
    }

    /// What a quotation mark does where it stands: opens a quotation, closes
    /// one, or neither (an apostrophe, or a straight mark that cannot tell).
    private enum QuoteMark { case opens, closes, neither }

    private static func isSpaceOrOpening(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\n" || s == "\t" || s == "(" || s == "[" || s == "—" || s == "–" || s == "“" || s == "‘"
            || s == "«" || s == "„"
    }

    /// Double marks (curly, straight, « », „) always pair; single curly marks
    /// pair only when `‘` opened one, since `’` is mostly an apostrophe.
    /// Straight marks open after a space or an opening bracket, else close.
    private static func quoteMark(at index: Int, in text: [Unicode.Scalar]) -> QuoteMark {
        switch text[index] {
        case "“", "«", "„", "‘": return .opens
        case "”", "»": return .closes
        case "\"":
            return index == 0 || isSpaceOrOpening(text[index - 1]) ? .opens : .closes
        default: return .neither
        }
    }

    /// Index just after the previous sentence's end (terminator, closers,
    /// space). A terminator inside a quotation that closes before `position`
    /// ends no sentence: “Probably. You take a win,” Hegseth said.
    package static func sentenceStart(before position: Int, in text: [Unicode.Scalar]) -> Int {
        var index = position - 1
        // Quotations closed between here and `position` and not yet opened.
        var open = 0
        while index > 0 {
            if text[index] == " ", open == 0 {
                var back = index - 1
                while back > 0, isCloser(text[back]) { back -= 1 }
                if isTerminator(text[back]), !isAbbreviation(endingAt: back, in: text) { return index + 1 }
            }
            // Single curly marks are left out: `’` is mostly an apostrophe.
            switch quoteMark(at: index, in: text) {
            case .closes: open += 1
            case .opens where text[index] != "‘": open = max(0, open - 1)
            default: break
            }
            index -= 1
        }
        return 0
    }

    /// Index just past the sentence's end (terminator and closers). A
    /// terminator inside a quotation opened after `position` ends no
    /// sentence: said: “Probably. You take a win when you can.”
    package static func sentenceEnd(after position: Int, in text: [Unicode.Scalar]) -> Int {
        var index = max(position, 0)
        // Quotations opened after `position` and not yet closed.
        var open = 0
        var singleOpen = 0
        func close(_ index: Int) {
            switch text[index] {
            case "’": if singleOpen > 0, index + 1 == text.count || !text[index + 1].isAlphabetic { singleOpen -= 1 }
            default: if quoteMark(at: index, in: text) == .closes { open = max(0, open - 1) }
            }
        }
        while index < text.count {
            if isTerminator(text[index]), !isAbbreviation(endingAt: index, in: text) {
                var end = index + 1
                while end < text.count, isCloser(text[end]) || isTerminator(text[end]) {
                    close(end)
                    end += 1
                }
                if open == 0, singleOpen == 0, end == text.count || text[end] == " " { return end }
                index = end
                continue
            }
            switch quoteMark(at: index, in: text) {
            case .opens: if text[index] == "‘" { singleOpen += 1 } else { open += 1 }
            case .closes:
                open = max(0, open - 1)
                // French spacing puts a space before the closing mark: « Non. »
                var back = index - 1
                while back > position, text[back] == " " || text[back] == "\u{00A0}" || text[back] == "\u{202F}" {
                    back -= 1
                }
                if open == 0, singleOpen == 0, back > position, back < index - 1, isTerminator(text[back]),
                    !isAbbreviation(endingAt: back, in: text), index + 1 == text.count || text[index + 1] == " "
                {
                    return index + 1
                }
            case .neither: close(index)
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
