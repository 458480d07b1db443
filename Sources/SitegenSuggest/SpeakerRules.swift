import SitegenLoad

/// Who said a quotation, by rules that can be told in a sentence each.
///
/// - `quote-then-speaker`: `“…,” Hegseth said`, `“…,” said Hegseth`, `“…,” he added`.
/// - `speaker-colon`: `Hegseth told reporters: “…”`, `Rehman was blunt: “…”`.
/// - `speaker-verb-quote`: a speech verb before the quotation in its
///   sentence, and its subject: `which Hegseth called “unrealistic”`,
///   `Healey said Ukraine should be “on the frontline”`, `…, saying it “…”`.
/// - `according-to`: `according to Hegseth, …`.
/// - `speaker-verb-after`: a speech verb after the quotation, further on.
/// - `previous-quote`: no speaker in the sentence: the previous quotation's
///   speaker, in the same paragraph or the one before.
///
/// `he`, `she` stand for the nearest person who was the subject of a
/// sentence before (or earlier in the same one); `they`, `we` for the
/// nearest group or organisation.
struct SpeakerRules {
    /// Quotations shorter than this many words are proposed only when a
    /// speech verb goes with them: shorter ones alone are titles and scare
    /// quotes (`the so-called “peace dividend”`).
    static let shortQuoteWords = 4

    /// Each known actor's kind, for speakers named in an earlier block.
    var actorKinds: [String: ActorKind] = [:]
    /// Each known actor's role in lower case, for "the director-general said".
    var actorRoles: [String: String] = [:]

    struct Finding {
        var speaker: Mention.Who
        var rule: String
        var confidence: Confidence
        /// The mention that named the speaker, in its block.
        var mention: Mention?
    }

    /// Subjects of the sentences read so far, latest last, with their kind.
    private(set) var subjects: [(who: Mention.Who, kind: KindOfSpeaker, at: Place)] = []
    /// The last quotation's speaker, the block it was in and where.
    private(set) var lastSpeaker: (who: Mention.Who, block: Int, at: Place)?

    /// Block and token: the order of the document.
    struct Place: Comparable {
        var block: Int
        var token: Int
        static func < (a: Place, b: Place) -> Bool { (a.block, a.token) < (b.block, b.token) }
    }

    enum KindOfSpeaker { case person, group }

    /// Speakers of the quotations of `analysis` (nil where no rule finds
    /// one), reading its sentences in order and remembering their subjects.
    mutating func speakers(in analysis: BlockAnalysis) -> [Finding?] {
        var findings: [Finding?] = Array(repeating: nil, count: analysis.quotes.count)
        for sentence in analysis.sentences.indices {
            let tokens = analysis.sentences[sentence]
            for (index, quote) in analysis.quotes.enumerated()
            where analysis.sentence(atCharacter: quote.range.lowerBound) == sentence {
                var finding = find(quote, sentence: tokens, in: analysis)
                if finding == nil, let last = lastSpeaker, analysis.block.index - last.block <= 1 {
                    let same = last.block == analysis.block.index
                    finding = Finding(
                        speaker: last.who, rule: same ? "previous-quote" : "previous-paragraph-quote",
                        confidence: same ? .medium : .low)
                }
                let start = analysis.tokens.firstIndex { $0.range.lowerBound >= quote.range.lowerBound } ?? 0
                // A short quotation is speech only with a speech verb, or
                // when it opens its sentence right after another quotation.
                if let found = finding, analysis.words(in: quote) < Self.shortQuoteWords {
                    let follows = found.rule == "previous-quote" && analysis.startsSentence(quote)
                    if found.rule.hasPrefix("previous") && !follows { finding = nil }
                }
                if let found = finding {
                    lastSpeaker = (
                        found.speaker, analysis.block.index, Place(block: analysis.block.index, token: start)
                    )
                }
                findings[index] = finding
            }
            if let subject = topic(of: tokens, in: analysis),
                let resolved = resolve(subject, in: analysis, sentence: tokens)
            {
                subjects.append(
                    (
                        resolved, kind(of: subject, resolved: resolved),
                        Place(block: analysis.block.index, token: subject.tokens.lowerBound)
                    ))
            }
        }
        return findings
    }

    // MARK: The rules

    private func find(_ quote: QuoteSpans.Span, sentence: Range<Int>, in analysis: BlockAnalysis) -> Finding? {
        let tokens = analysis.tokens
        let after = sentence.first { tokens[$0].range.lowerBound >= quote.range.upperBound && !tokens[$0].inQuote }
        let before = sentence.last { tokens[$0].range.upperBound <= quote.range.lowerBound && !tokens[$0].inQuote }

        // “…,” S said / “…,” said S
        if let after,
            analysis.text(quote.range.upperBound..<tokens[after].range.lowerBound).allSatisfy({ " ,—–-:;".contains($0) }
            )
        {
            if let mention = mention(startingAt: after, in: analysis), mention.mayBeSubject || isPronoun(mention) {
                var verb = mention.tokens.upperBound
                while verb < sentence.upperBound, SpeechVerbs.stepOver.contains(tokens[verb].lower),
                    verb - mention.tokens.upperBound < 2
                {
                    verb += 1
                }
                if verb < sentence.upperBound, SpeechVerbs.isSpeechVerb(tokens[verb].lower) {
                    return finding(mention, rule: "quote-then-speaker", sure: true, in: analysis, sentence: sentence)
                }
            }
            if SpeechVerbs.isSpeechVerb(tokens[after].lower),
                let mention = firstSubject(from: after + 1, within: sentence, limit: 8, in: analysis)
            {
                return finding(mention, rule: "quote-then-speaker", sure: true, in: analysis, sentence: sentence)
            }
        }
        // S said: “…” / S was blunt: “…”
        if let before {
            let gap = analysis.text(tokens[before].range.upperBound..<quote.range.lowerBound)
            if gap.contains(":") {
                if let verb = (sentence.lowerBound...before).last(where: { isVerb(tokens[$0]) }),
                    let found = subjectOfVerb(verb, sentence: sentence, in: analysis)
                {
                    return finding(
                        found.mention, rule: "speaker-colon", sure: found.adjacent, in: analysis, sentence: sentence)
                }
                // No verb: the person named last before the colon ("a recording of de Gaulle in 1958:").
                if let mention = analysis.mentions.last(where: {
                    $0.tokens.upperBound <= before + 1 && $0.tokens.lowerBound >= sentence.lowerBound
                        && !$0.isPossessive && kind(of: $0, resolved: $0.who) == .person
                }) {
                    return finding(mention, rule: "speaker-colon", sure: false, in: analysis, sentence: sentence)
                }
            }
        }
        // in S’s words
        for mention in analysis.mentions where mention.isPossessive && sentence.contains(mention.tokens.lowerBound) {
            let next = mention.tokens.upperBound
            if next < sentence.upperBound, ["words", "view"].contains(tokens[next].lower),
                mention.tokens.lowerBound > 0,
                tokens[mention.tokens.lowerBound - 1].lower == "in"
            {
                return finding(mention, rule: "in-words", sure: false, in: analysis, sentence: sentence)
            }
        }
        // according to S
        for index in sentence where index + 2 < sentence.upperBound && !tokens[index].inQuote {
            if tokens[index].lower == "according", tokens[index + 1].lower == "to",
                let mention = firstSubject(from: index + 2, within: sentence, limit: 6, in: analysis)
            {
                return finding(mention, rule: "according-to", sure: false, in: analysis, sentence: sentence)
            }
        }
        // S verb … “…”
        if let before, let verb = (sentence.lowerBound...before).last(where: { isVerb(tokens[$0]) }),
            let found = subjectOfVerb(verb, sentence: sentence, in: analysis)
        {
            let close = before - verb <= 1
            return finding(
                found.mention, rule: "speaker-verb-quote", sure: found.adjacent && close, in: analysis,
                sentence: sentence)
        }
        // “…” … S verb
        if let after, let verb = (after..<sentence.upperBound).first(where: { isVerb(tokens[$0]) }),
            let found = subjectOfVerb(verb, sentence: sentence, in: analysis)
                ?? firstSubject(from: verb + 1, within: sentence, limit: 6, in: analysis).map({ ($0, false) })
        {
            return finding(found.mention, rule: "speaker-verb-after", sure: false, in: analysis, sentence: sentence)
        }
        return nil
    }

    private func isVerb(_ token: Token) -> Bool {
        !token.inQuote && SpeechVerbs.isSpeechVerb(token.lower)
    }

    private func isPronoun(_ mention: Mention) -> Bool {
        if case .pronoun = mention.who { return true }
        return false
    }

    /// The speaker of a speech verb: the name or pronoun right before it
    /// (over `on Thursday`, `has`, `also`), else the sentence's subject.
    /// A participle (`…, saying`) takes the sentence's subject.
    private func subjectOfVerb(_ verb: Int, sentence: Range<Int>, in analysis: BlockAnalysis) -> (
        mention: Mention, adjacent: Bool
    )? {
        let tokens = analysis.tokens
        if !SpeechVerbs.isParticiple(tokens[verb].lower) {
            var back = verb - 1
            while back >= sentence.lowerBound,
                SpeechVerbs.stepOver.contains(tokens[back].lower)
                    || tokens[back].lower.hasSuffix("ly") && !tokens[back].isCapitalized
            {
                back -= 1
            }
            if back >= sentence.lowerBound, let mention = mention(endingAt: back, in: analysis),
                mention.mayBeSubject || isPronoun(mention)
            {
                return (mention, true)
            }
        }
        guard let subject = subject(of: sentence, before: verb, in: analysis) else { return nil }
        return (subject, false)
    }

    /// The first name or pronoun of the sentence before `limit` that can be a subject.
    private func subject(of sentence: Range<Int>, before limit: Int, in analysis: BlockAnalysis) -> Mention? {
        analysis.mentions.first {
            $0.tokens.lowerBound >= sentence.lowerBound && $0.tokens.lowerBound < limit
                && ($0.mayBeSubject || isPronoun($0)) && !analysis.tokens[$0.tokens.lowerBound].inQuote
        }
    }

    /// The first name that can be a subject from token `start` on, over
    /// possessives and role words (`said Pakistan’s climate minister Sherry Rehman`).
    private func firstSubject(from start: Int, within sentence: Range<Int>, limit: Int, in analysis: BlockAnalysis)
        -> Mention?
    {
        guard start < sentence.upperBound else { return nil }
        let end = min(sentence.upperBound, start + limit)
        for mention in analysis.mentions where mention.tokens.lowerBound >= start && mention.tokens.lowerBound < end {
            if mention.isPossessive || mention.isModifier { continue }
            return mention
        }
        return nil
    }

    private func mention(startingAt token: Int, in analysis: BlockAnalysis) -> Mention? {
        analysis.mentions.first { $0.tokens.lowerBound == token }
    }

    private func mention(endingAt token: Int, in analysis: BlockAnalysis) -> Mention? {
        analysis.mentions.first { $0.tokens.upperBound == token + 1 }
    }

    /// A finding for `mention`, its pronoun resolved. Known actors named
    /// next to the verb are `high`; new names and pronouns `medium`.
    private func finding(
        _ mention: Mention, rule: String, sure: Bool, in analysis: BlockAnalysis, sentence: Range<Int>
    ) -> Finding? {
        guard let who = resolve(mention, in: analysis, sentence: sentence) else { return nil }
        var confidence: Confidence = .medium
        if sure, case .actor = mention.who { confidence = .high }
        return Finding(speaker: who, rule: rule, confidence: confidence, mention: mention)
    }

    // MARK: Pronouns

    /// A name stands for itself; `he`/`she` for the latest person who was
    /// a subject (earlier in this sentence first), `they`/`we` for the
    /// latest group or organisation.
    func resolve(_ mention: Mention, in analysis: BlockAnalysis, sentence: Range<Int>) -> Mention.Who? {
        guard case .pronoun(let pronoun) = mention.who else { return mention.who }
        let wanted: KindOfSpeaker = SpeechVerbs.personPronouns.contains(pronoun) ? .person : .group
        // "the director-general": the one actor whose role says so, unless
        // a person was the subject earlier in this paragraph.
        let inParagraph = subjects.last { $0.kind == .person }.map { $0.at.block == analysis.block.index } ?? false
        if pronoun == "the", !inParagraph {
            let head = analysis.tokens[mention.tokens.upperBound - 1].lower
            let holders = actorRoles.filter { _, role in
                role.split(whereSeparator: { !$0.isLetter && $0 != "-" }).contains { $0 == head }
            }
            if holders.count == 1, let slug = holders.first?.key { return .actor(slug) }
        }
        if let earlier = analysis.mentions.first(where: {
            $0.tokens.lowerBound >= sentence.lowerBound && $0.tokens.upperBound <= mention.tokens.lowerBound
                && $0.mayBeSubject && !isPronoun($0) && kind(of: $0, resolved: $0.who) == wanted
        }) {
            return earlier.who
        }
        let subject = subjects.last { $0.kind == wanted }
        // The speaker of the latest quotation, when it came after that subject.
        if wanted == .person, let last = lastSpeaker, subject.map({ $0.at < last.at }) ?? true,
            case .person = kindOfWho(last.who, in: analysis)
        {
            return last.who
        }
        return subject?.who
    }

    /// What a sentence is about, for pronouns later: its subject, else the
    /// first person it names at all (`it was the turn of Mike Ryan`,
    /// `Klopp’s reputation rests on…`).
    private func topic(of sentence: Range<Int>, in analysis: BlockAnalysis) -> Mention? {
        if let subject = subject(of: sentence, before: sentence.upperBound, in: analysis),
            kind(of: subject, resolved: subject.who) == .person,
            resolve(subject, in: analysis, sentence: sentence) != nil
        {
            return subject
        }
        return analysis.mentions.first {
            sentence.contains($0.tokens.lowerBound) && !isPronoun($0) && kind(of: $0, resolved: $0.who) == .person
                && !analysis.tokens[$0.tokens.lowerBound].inQuote
        } ?? subject(of: sentence, before: sentence.upperBound, in: analysis)
    }

    /// Persons are people; everyone else speaks as a group.
    private func kindOfWho(_ who: Mention.Who, in analysis: BlockAnalysis) -> KindOfSpeaker {
        if let mention = analysis.mentions.first(where: { $0.who == who }) { return kind(of: mention, resolved: who) }
        if case .actor(let slug) = who, let kind = actorKinds[slug] { return kind == .person ? .person : .group }
        return .person
    }

    private func kind(of mention: Mention, resolved: Mention.Who) -> KindOfSpeaker {
        if case .pronoun(let pronoun) = mention.who {
            return SpeechVerbs.personPronouns.contains(pronoun) ? .person : .group
        }
        switch mention.kind {
        case .person?, nil: return .person
        default: return .group
        }
    }
}
