import SitegenLoad
import SitegenMentions
import SitegenParse

/// A word of a block, outside or inside a quotation.
struct Token {
    var range: Range<Int>
    /// The word as written, without a possessive `’s`.
    var word: String
    var lower: String
    var isCapitalized: Bool
    /// Followed by `’s` / `'s` (or a bare `’` after an s): `Pakistan’s`.
    var isPossessive: Bool
    var inQuote: Bool
    /// The characters between the previous token (or the block's start) and this one.
    var gapBefore: String
}

/// Someone the text names: a known actor, a name no actor answers to, or a pronoun.
struct Mention {
    enum Who: Equatable {
        case actor(String)
        case newName(String)
        case pronoun(String)
    }

    var who: Who
    /// Token indexes of the name.
    var tokens: Range<Int>
    var range: Range<Int>
    var kind: ActorKind?
    var isPossessive = false
    /// Followed straight away by a capitalised word: `UK Defence Secretary`, `NATO Chief`.
    var isModifier = false
    /// After a preposition: `spoke to Trump`, `with Putin`.
    var isObject = false
    /// Role words the name came with (`climate minister`), and what they belong to.
    var role: String?
    var affiliation: String?

    /// Could be the subject of a clause: a speaker.
    var mayBeSubject: Bool { !isPossessive && !isModifier && !isObject }
}

/// One paragraph or heading read for the speaker rules: its quotations,
/// words, sentences and the people it names.
struct BlockAnalysis {
    var block: ProseBlock
    var quotes: [QuoteSpans.Span]
    var tokens: [Token] = []
    /// Token ranges, one per sentence; quotations never split one.
    var sentences: [Range<Int>] = []
    var mentions: [Mention] = []

    init(block: ProseBlock, names: ActorNames, actors: [String: ActorSource], knownSurnames: [String: Mention.Who]) {
        self.block = block
        self.quotes = QuoteSpans.outermost(in: block.text, locked: block.locked)
        tokenize()
        splitSentences()
        findMentions(names: names, actors: actors, knownSurnames: knownSurnames)
    }

    func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(block.text[range])) }

    func quote(containing index: Int) -> QuoteSpans.Span? { quotes.first { $0.range.contains(index) } }

    func words(in quote: QuoteSpans.Span) -> Int {
        tokens.filter { quote.inner.contains($0.range.lowerBound) }.count
    }

    /// Whether `quote` opens its sentence: `“…,” he said. “More.”`
    func startsSentence(_ quote: QuoteSpans.Span) -> Bool {
        guard let first = tokens.firstIndex(where: { $0.range.lowerBound >= quote.range.lowerBound }) else {
            return false
        }
        return sentences.contains { $0.lowerBound == first }
    }

    func sentence(ofToken index: Int) -> Int? { sentences.firstIndex { $0.contains(index) } }

    /// The sentence holding character `index` (the first token at or after it).
    func sentence(atCharacter index: Int) -> Int? {
        guard let token = tokens.firstIndex(where: { $0.range.upperBound > index }) else {
            return sentences.indices.last
        }
        return sentence(ofToken: token)
    }

    // MARK: Words

    private mutating func tokenize() {
        let text = block.text
        var index = 0
        var gapStart = 0
        while index < text.count {
            guard ActorNames.isWordCharacter(text[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < text.count {
                if ActorNames.isWordCharacter(text[index]) {
                    index += 1
                } else if "’'-‐".unicodeScalars.contains(text[index]), index + 1 < text.count,
                    ActorNames.isWordCharacter(text[index + 1]), index > start
                {
                    index += 1
                } else {
                    break
                }
            }
            var scalars = Array(text[start..<index])
            var possessive = false
            if scalars.count > 2, scalars[scalars.count - 1] == "s", ["’", "'"].contains(scalars[scalars.count - 2]) {
                scalars.removeLast(2)
                possessive = true
            } else if index < text.count, text[index] == "’", scalars.last == "s",
                index + 1 == text.count || !ActorNames.isWordCharacter(text[index + 1])
            {
                possessive = quote(containing: index).map { $0.range.upperBound - 1 != index } ?? true
            }
            let word = String(String.UnicodeScalarView(scalars))
            let first = scalars[0]
            tokens.append(
                Token(
                    range: start..<index, word: word, lower: word.lowercased(),
                    isCapitalized: first.properties.isUppercase || first.properties.changesWhenLowercased,
                    isPossessive: possessive, inQuote: quote(containing: start) != nil,
                    gapBefore: String(String.UnicodeScalarView(text[gapStart..<start]))))
            gapStart = index
        }
    }

    // MARK: Sentences

    /// Sentences end at `.`, `!` or `?` (not an abbreviation) before white
    /// space. A quotation is read whole; one that ends a sentence inside
    /// its marks (`…peace.”`) ends the sentence too unless what follows
    /// goes on in lower case or attributes it (`“Why?” Rehman asked.`).
    private mutating func splitSentences() {
        guard !tokens.isEmpty else { return }
        var breaks: Set<Int> = []  // token indexes that start a sentence
        let text = block.text
        var index = 0
        while index < text.count {
            if let quote = quotes.first(where: { $0.range.lowerBound == index }) {
                index = quote.range.upperBound
                var last = quote.range.upperBound - 2
                while last > quote.range.lowerBound, Self.isCloser(text[last]) { last -= 1 }
                if last > quote.range.lowerBound, Self.isTerminator(text[last]),
                    let next = tokens.firstIndex(where: { $0.range.lowerBound >= index }),
                    !continuesAfterQuote(at: next)
                {
                    breaks.insert(next)
                }
                continue
            }
            if Self.isTerminator(text[index]), !Sentences.isAbbreviation(endingAt: index, in: text),
                quote(containing: index) == nil
            {
                var end = index + 1
                while end < text.count, Self.isCloser(text[end]) || Self.isTerminator(text[end]) { end += 1 }
                if end == text.count || text[end].properties.isWhitespace,
                    let next = tokens.firstIndex(where: { $0.range.lowerBound >= end })
                {
                    breaks.insert(next)
                }
                index = end
                continue
            }
            index += 1
        }
        var start = 0
        for cut in breaks.sorted() where cut > start {
            sentences.append(start..<cut)
            start = cut
        }
        sentences.append(start..<tokens.count)
    }

    /// After a quotation that ends with its own full stop: lower case, or
    /// a speech verb within the next three words, continues the sentence.
    private func continuesAfterQuote(at token: Int) -> Bool {
        if !tokens[token].isCapitalized { return true }
        for offset in 0..<3 where token + offset < tokens.count {
            let candidate = tokens[token + offset]
            if candidate.inQuote || candidate.gapBefore.contains(where: { ".!?".contains($0) }) && offset > 0 {
                break
            }
            if SpeechVerbs.isSpeechVerb(candidate.lower) { return true }
        }
        return false
    }

    private static func isTerminator(_ s: Unicode.Scalar) -> Bool { s == "." || s == "!" || s == "?" }
    private static func isCloser(_ s: Unicode.Scalar) -> Bool {
        "”’\"')]»“".unicodeScalars.contains(s)
    }

    // MARK: Names

    private mutating func findMentions(
        names: ActorNames, actors: [String: ActorSource], knownSurnames: [String: Mention.Who]
    ) {
        var covered = Set<Int>()
        func tokenRange(_ range: Range<Int>) -> Range<Int>? {
            guard let first = tokens.firstIndex(where: { $0.range.upperBound > range.lowerBound }),
                tokens[first].range.lowerBound >= range.lowerBound
            else { return nil }
            var last = first
            while last + 1 < tokens.count, tokens[last + 1].range.lowerBound < range.upperBound { last += 1 }
            return first..<(last + 1)
        }
        var found: [Mention] = []
        for linked in block.linkedActors {
            guard let span = tokenRange(linked.range) else { continue }
            found.append(Mention(who: .actor(linked.actor), tokens: span, range: linked.range))
        }
        for (range, name) in names.matches(in: block.text) where quote(containing: range.lowerBound) == nil {
            guard !block.linkedActors.contains(where: { $0.range.overlaps(range) }), let span = tokenRange(range)
            else { continue }
            found.append(Mention(who: .actor(name.actor), tokens: span, range: range))
        }
        for mention in found { covered.formUnion(mention.tokens) }
        found += NameFinder.unknownNames(
            in: tokens, sentences: sentences, covered: covered, knownSurnames: knownSurnames)
        for (index, token) in tokens.enumerated() where !token.inQuote && !covered.contains(index) {
            // "the president", "the former chancellor": a person named before.
            if token.lower == "the",
                let head = (index + 1...index + 2).first(where: {
                    $0 < tokens.count && NameFinder.roleHeads.contains(tokens[$0].lower) && !tokens[$0].inQuote
                }), (index + 1..<head).allSatisfy({ !tokens[$0].isCapitalized && !covered.contains($0) }),
                head + 1 >= tokens.count || !(tokens[head + 1].isCapitalized && tokens[head + 1].gapBefore == " "),
                !tokens[head].isPossessive
            {
                found.append(
                    Mention(
                        who: .pronoun("the"), tokens: index..<(head + 1),
                        range: token.range.lowerBound..<tokens[head].range.upperBound))
                continue
            }
            if token.lower != "the", SpeechVerbs.personPronouns.contains(token.lower) {
                found.append(Mention(who: .pronoun(token.lower), tokens: index..<(index + 1), range: token.range))
            } else if SpeechVerbs.groupPronouns.contains(token.lower) {
                found.append(Mention(who: .pronoun(token.lower), tokens: index..<(index + 1), range: token.range))
            }
        }
        for index in found.indices {
            var mention = found[index]
            let last = tokens[mention.tokens.upperBound - 1]
            mention.isPossessive = last.isPossessive
            if mention.tokens.upperBound < tokens.count {
                let next = tokens[mention.tokens.upperBound]
                mention.isModifier =
                    next.isCapitalized && next.gapBefore == " " && !next.inQuote && !last.isPossessive
                    && !SpeechVerbs.isSpeechVerb(next.lower)
            }
            if mention.tokens.lowerBound > 0 {
                let previous = tokens[mention.tokens.lowerBound - 1]
                let gap = tokens[mention.tokens.lowerBound].gapBefore
                mention.isObject =
                    SpeechVerbs.prepositions.contains(previous.lower) && gap.allSatisfy { $0 == " " }
            }
            if case .actor(let slug) = mention.who { mention.kind = mention.kind ?? actors[slug]?.kind }
            if case .pronoun = mention.who { mention.isModifier = false }
            found[index] = mention
        }
        mentions = found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
