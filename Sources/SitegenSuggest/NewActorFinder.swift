import SitegenLoad

/// Names in prose that no actor answers to: runs of capitalised words
/// (`Sherry Rehman`, `Molwyn Joseph`), without the titles and sentence
/// openers around them (`Climate Minister`, `However`), with the role and
/// affiliation an appositive gives ("Pakistan’s climate minister Sherry
/// Rehman", "Molwyn Joseph, Antigua and Barbuda’s environment minister").
///
/// Only general vocabulary is listed here: titles, function words, words
/// that make a name an organisation's.
enum NameFinder {
    /// Capitalised titles before a name: `Defence Secretary`, `Dr`.
    static let titles: Set<String> = [
        "president", "prime", "minister", "secretary", "chancellor", "governor", "senator", "sen", "rep",
        "representative", "congressman", "congresswoman", "chief", "director", "general", "deputy", "vice", "chair",
        "chairman", "chairwoman", "chairperson", "mayor", "commissioner", "ambassador", "spokesman", "spokeswoman",
        "spokesperson", "dr", "mr", "mrs", "ms", "miss", "prof", "professor", "pope", "king", "queen", "prince",
        "princess", "sir", "dame", "lord", "lady", "ceo", "head", "coach", "captain", "manager", "judge", "justice",
        "attorney", "inspector", "officer", "leader", "executive", "founder", "premier", "foreign", "defence",
        "defense", "finance", "health", "interior", "home", "climate", "environment", "energy", "trade", "economy",
        "treasury", "state", "secretary-general", "director-general", "envoy", "special", "lieutenant", "colonel",
        "major", "sergeant", "admiral", "marshal", "bishop", "archbishop", "rabbi", "imam", "cardinal", "father",
        "reverend", "rev", "senior", "assistant", "associate", "acting", "former", "interim", "commander", "boss",
        "striker", "midfielder", "goalkeeper", "defender", "forward", "sheikh", "emir", "crown", "opposition",
        "labour", "agriculture", "education", "transport", "justice", "development", "economic", "medical",
        "science", "scientific", "national", "security", "adviser", "advisor", "governing", "board", "member",
        "mp", "mep", "sultan", "vice-president", "co-chair", "negotiator", "lead", "top",
    ]

    /// Words that open sentences or clauses and are capitalised only for that.
    static let openers: Set<String> = [
        "the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "you", "in", "on",
        "at", "for", "but", "and", "or", "as", "if", "when", "while", "after", "before", "over", "under", "asked",
        "speaking", "according", "meanwhile", "however", "still", "yet", "so", "now", "then", "there", "here",
        "its", "his", "her", "their", "our", "my", "your", "some", "many", "most", "all", "both", "each", "every",
        "no", "not", "only", "even", "also", "despite", "although", "though", "because", "since", "until", "with",
        "without", "from", "by", "to", "of", "last", "next", "earlier", "later", "today", "yesterday", "tomorrow",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "what",
        "who", "why", "how", "where", "which", "whether", "one", "two", "three", "another", "other", "such",
        "instead", "indeed", "first", "second", "finally", "still", "ahead", "among", "during", "across", "once",
        "several", "few", "more", "less", "new", "just", "officials", "critics", "analysts", "experts", "residents",
        "delegates", "observers", "people", "western", "european", "african", "asian", "american", "british",
        "chinese", "russian", "french", "german", "speaking", "addressing", "responding", "writing", "inside",
        "outside", "around", "nearly", "almost", "about", "within", "yes", "oh", "well", "look", "thank",
    ]

    /// Words that make a run of capitalised words an organisation, an
    /// event or a place rather than a person.
    static let organisationWords: Set<String> = [
        "ministry", "bank", "council", "party", "union", "committee", "agency", "organization", "organisation",
        "association", "federation", "department", "office", "commission", "court", "parliament", "assembly",
        "group", "institute", "university", "fund", "corporation", "company", "inc", "ltd", "club", "league",
        "house", "senate", "congress", "government", "nations", "states", "forum", "conference", "summit",
        "agreement", "treaty", "act", "cup", "games", "championship", "board", "reserve", "authority", "service",
        "services", "network", "times", "post", "news", "press", "alliance", "coalition", "front", "movement",
        "foundation", "trust", "society", "centre", "center", "hospital", "school", "college", "academy", "force",
        "forces", "army", "navy", "police", "command", "programme", "program", "panel", "secretariat", "cabinet",
        "administration", "republic", "kingdom", "islands", "sea", "ocean", "river", "street", "square",
        "airport", "station", "stadium", "arena", "park", "week", "day", "olympics", "prize", "award", "report",
        "index", "cop", "city", "county", "province", "region", "valley", "mountains", "island", "north", "south",
        "east", "west", "fc", "united", "world", "international", "global", "media", "television", "radio",
        "journal", "herald", "review", "daily", "weekly", "monthly", "capital", "markets", "exchange", "system",
        "gate", "wall", "tower", "bridge", "palace", "hall", "church", "cathedral", "museum", "embassy", "ville",
        "road", "avenue", "lane", "beach", "lake", "mountain", "hill", "castle", "building", "plaza", "port",
        "harbour", "harbor", "bay", "strait", "canal", "desert", "forest", "state", "states", "kingdom", "empire",
    ]

    /// Lower-case words an appositive role ends with: "climate minister",
    /// "chief economist at the bank".
    static let roleHeads: Set<String> = [
        "minister", "secretary", "president", "spokesman", "spokeswoman", "spokesperson", "chief", "head",
        "director", "leader", "negotiator", "envoy", "adviser", "advisor", "official", "executive", "governor",
        "chair", "chairman", "chairwoman", "economist", "analyst", "scientist", "researcher", "professor", "coach",
        "captain", "manager", "striker", "player", "mayor", "senator", "ambassador", "commissioner", "premier",
        "chancellor", "founder", "ceo", "editor", "reporter", "correspondent", "lawyer", "attorney", "judge",
        "doctor", "nurse", "activist", "campaigner", "delegate", "representative", "officer", "lawmaker",
        "legislator", "strategist", "expert", "researcher", "midfielder", "goalkeeper", "defender", "forward",
        "winger", "champion", "chairperson", "governor", "secretary-general", "director-general", "boss", "member",
        "commander", "general", "candidate", "mp", "mep", "deputy", "specialist", "epidemiologist", "physician",
    ]

    /// Lower-case words between a name's parts: `Ursula von der Leyen`.
    static let connectors: Set<String> = [
        "de", "da", "di", "du", "van", "von", "der", "den", "bin", "al", "la", "le", "dos", "del",
    ]

    /// Names in `tokens` that no known name covers. A single word is a
    /// name only when it is the surname of one named before in the
    /// document (`Rehman` after `Sherry Rehman`): `surnames` maps those.
    static func unknownNames(
        in tokens: [Token], sentences: [Range<Int>], covered: Set<Int>, knownSurnames: [String: Mention.Who]
    ) -> [Mention] {
        var found: [Mention] = []
        var surnames = knownSurnames
        var index = 0
        func usable(_ i: Int) -> Bool { i < tokens.count && !tokens[i].inQuote && !covered.contains(i) }
        while index < tokens.count {
            guard usable(index), tokens[index].isCapitalized else {
                index += 1
                continue
            }
            var end = index + 1
            // A middle initial: `George W. Bush`, `John F. Kennedy`.
            func isInitial(_ i: Int) -> Bool { tokens[i].word.count == 1 && tokens[i].isCapitalized }
            while end < tokens.count, !tokens[end - 1].isPossessive,
                tokens[end].gapBefore == " " || (tokens[end].gapBefore == ". " && isInitial(end - 1) && end - 1 > index)
            {
                if usable(end), tokens[end].isCapitalized {
                    end += 1
                } else if usable(end), connectors.contains(tokens[end].word), end + 1 < tokens.count,
                    usable(end + 1), tokens[end + 1].isCapitalized, tokens[end + 1].gapBefore == " "
                {
                    end += 2
                } else {
                    break
                }
            }
            defer { index = end }
            // The name is the last run of words that are neither titles nor openers.
            var nameStart = end
            while nameStart > index, !isTitleOrOpener(tokens[nameStart - 1]) { nameStart -= 1 }
            guard nameStart < end else { continue }
            let words = tokens[nameStart..<end].map(\.word)
            let written = tokens[nameStart..<end].enumerated().map {
                $0.offset == 0 ? $0.element.word : $0.element.gapBefore + $0.element.word
            }.joined()
            if words.count == 1 {
                if let who = surnames[words[0]] {
                    found.append(Mention(who: who, tokens: nameStart..<end, range: span(tokens, nameStart..<end)))
                }
                continue
            }
            guard words.count <= 4, !words.contains(where: { isAcronym($0) }) else { continue }
            let isOrganisation = words.contains { organisationWords.contains($0.lowercased()) }
            var mention = Mention(
                who: .newName(written), tokens: nameStart..<end,
                range: span(tokens, nameStart..<end), kind: isOrganisation ? .organisation : .person)
            if !isOrganisation {
                describe(&mention, prefix: index..<nameStart, in: tokens)
                surnames[words[words.count - 1]] = surnames[words[words.count - 1]] ?? mention.who
            }
            found.append(mention)
        }
        return found
    }

    private static func span(_ tokens: [Token], _ range: Range<Int>) -> Range<Int> {
        tokens[range.lowerBound].range.lowerBound..<tokens[range.upperBound - 1].range.upperBound
    }

    private static func isTitleOrOpener(_ token: Token) -> Bool {
        titles.contains(token.lower) || openers.contains(token.lower) || isAcronym(token.word)
            || token.isPossessive
    }

    static func isAcronym(_ word: String) -> Bool {
        word.count >= 2 && word.allSatisfy { $0.isUppercase || $0.isNumber }
    }

    /// Role and affiliation from the words before the name (`Pakistan’s
    /// climate minister`, `UK Defence Secretary`) or the appositive after
    /// it (`, Antigua and Barbuda’s environment minister,`).
    private static func describe(_ mention: inout Mention, prefix: Range<Int>, in tokens: [Token]) {
        var roleWords = tokens[prefix].filter { titles.contains($0.lower) }.map(\.word)
        var affiliation: String? = tokens[prefix].first { !titles.contains($0.lower) && !openers.contains($0.lower) }?
            .word
        // Lower-case role words right before: "climate minister Sherry Rehman".
        var back = prefix.lowerBound
        var lowerRole: [String] = []
        while back > 0, lowerRole.count < 4, tokens[back].gapBefore == " ", !tokens[back - 1].isCapitalized,
            !tokens[back - 1].inQuote, !openers.contains(tokens[back - 1].lower),
            !SpeechVerbs.isSpeechVerb(tokens[back - 1].lower)
        {
            lowerRole.insert(tokens[back - 1].word, at: 0)
            back -= 1
        }
        if let head = lowerRole.last, roleHeads.contains(head.lowercased()) {
            roleWords = lowerRole + roleWords
            if back > 0, tokens[back - 1].isPossessive, tokens[back].gapBefore == " " {
                affiliation = tokens[back - 1].word
            }
        } else if prefix.isEmpty, back == prefix.lowerBound, back > 0, tokens[back - 1].isPossessive,
            tokens[back].gapBefore == " ", !roleWords.isEmpty
        {
            affiliation = tokens[back - 1].word
        }
        // "NATO Chief Mark Rutte", "Germany’s Defence Minister": a capitalised word right before the title.
        if affiliation == nil, !roleWords.isEmpty, prefix.lowerBound > 0, tokens[prefix.lowerBound].gapBefore == " ",
            tokens[prefix.lowerBound - 1].isCapitalized, !openers.contains(tokens[prefix.lowerBound - 1].lower)
        {
            affiliation = tokens[prefix.lowerBound - 1].word
        }
        if roleWords.isEmpty {
            appositive(&mention, in: tokens)
        } else {
            mention.role = roleWords.joined(separator: " ")
            mention.affiliation = affiliation
        }
    }

    /// ", Antigua and Barbuda’s environment minister," or ", the chief economist at the bank,".
    private static func appositive(_ mention: inout Mention, in tokens: [Token]) {
        var index = mention.tokens.upperBound
        guard index < tokens.count, tokens[index].gapBefore.trimmingCharacters() == "," else { return }
        var words: [Token] = []
        while index < tokens.count, words.count < 10 {
            let token = tokens[index]
            if !words.isEmpty, !token.gapBefore.allSatisfy({ $0 == " " }) { break }
            if token.inQuote || SpeechVerbs.isSpeechVerb(token.lower) { return }
            words.append(token)
            index += 1
        }
        if words.first.map({ ["the", "a", "an"].contains($0.lower) }) == true { words.removeFirst() }
        guard words.contains(where: { roleHeads.contains($0.lower) }) else { return }
        if let possessive = words.firstIndex(where: \.isPossessive) {
            mention.affiliation = words[...possessive].map(\.word).joined(separator: " ")
            mention.role = words[(possessive + 1)...].map(\.word).joined(separator: " ")
        } else {
            mention.role = words.map(\.word).joined(separator: " ")
        }
        if mention.role?.isEmpty == true { mention.role = nil }
    }
}

extension String {
    /// Without white space at either end.
    func trimmingCharacters() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
