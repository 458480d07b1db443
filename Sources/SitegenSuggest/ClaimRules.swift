import SitegenMentions

/// Reported speech without the speaker's words, proposed as claims: in a
/// sentence with no quotation, `S said that …`, `S insisted that …`,
/// `S ruled out …`, from the verb to the end of the sentence.
///
/// `medium` when a known actor is named right before the verb and `that`
/// follows it; `low` otherwise (a new name, a pronoun, no `that`).
enum ClaimRules {
    struct Claim {
        var range: Range<Int>
        var speaker: Mention.Who
        var rule: String
        var confidence: Confidence
    }

    /// Verbs of reported positions, past tense, and two-word ones.
    static let verbs: Set<String> = [
        "said", "says", "insisted", "insists", "argued", "claimed", "warned", "suggested", "announced", "declared",
        "stressed", "noted", "added", "acknowledged", "admitted", "promised", "pledged", "vowed", "urged",
        "denied", "confirmed", "predicted", "maintained", "reiterated", "conceded",
    ]
    static let phrasalVerbs: Set<String> = ["ruled out", "called for", "pushed for", "warned against"]

    /// Shortest claim, in words after the verb: shorter is rarely a position.
    static let minimumWords = 5

    static func claims(in analysis: BlockAnalysis, rules: SpeakerRules) -> [Claim] {
        guard !analysis.block.isHeading else { return [] }
        let tokens = analysis.tokens
        var claims: [Claim] = []
        for sentence in analysis.sentences where !sentence.isEmpty {
            guard !sentence.contains(where: { tokens[$0].inQuote }),
                !analysis.quotes.contains(where: {
                    $0.range.overlaps(
                        tokens[sentence.lowerBound].range.lowerBound..<tokens[sentence.upperBound - 1].range.upperBound)
                })
            else { continue }
            for verb in sentence {
                let word = tokens[verb].lower
                let next = verb + 1 < sentence.upperBound ? tokens[verb + 1].lower : ""
                let phrasal = phrasalVerbs.contains(word + " " + next)
                guard verbs.contains(word) || phrasal else { continue }
                var back = verb - 1
                while back >= sentence.lowerBound, SpeechVerbs.stepOver.contains(tokens[back].lower) { back -= 1 }
                guard back >= sentence.lowerBound,
                    let mention = analysis.mentions.first(where: { $0.tokens.upperBound == back + 1 }),
                    mention.mayBeSubject,
                    let speaker = rules.resolve(mention, in: analysis, sentence: sentence)
                else { continue }
                let hasThat = next == "that"
                guard hasThat || phrasal, sentence.upperBound - verb - 1 >= minimumWords else { continue }
                var end = tokens[sentence.upperBound - 1].range.upperBound
                // Keep a closing bracket or mark outside, and no final stop inside.
                while end > tokens[verb].range.upperBound, !ActorNames.isWordCharacter(analysis.block.text[end - 1]) {
                    end -= 1
                }
                var confidence: Confidence = .low
                if case .actor = mention.who, hasThat || phrasal { confidence = .medium }
                claims.append(
                    Claim(
                        range: tokens[verb].range.lowerBound..<end, speaker: speaker,
                        rule: phrasal ? "reported-position" : "reported-speech", confidence: confidence))
                break
            }
        }
        return claims
    }
}
