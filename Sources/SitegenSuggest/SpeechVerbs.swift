/// Verbs that report speech, in every tense, and the small words the
/// speaker rules step over. English only, and general: nothing here names
/// a person, a place or an article.
enum SpeechVerbs {
    /// Base forms with their other forms, irregular ones spelled out.
    private static let irregular: [String: [String]] = [
        "say": ["says", "said", "saying"],
        "tell": ["tells", "told", "telling"],
        "write": ["writes", "wrote", "written", "writing"],
        "speak": ["speaks", "spoke", "spoken", "speaking"],
        "put": ["puts", "putting"],
    ]

    /// Regular verbs: -s, -ed, -ing are made from these.
    private static let regular = [
        "add", "insist", "warn", "call", "urge", "ask", "declare", "state", "note", "explain", "argue", "claim",
        "stress", "remark", "reply", "respond", "answer", "announce", "acknowledge", "admit", "concede", "comment",
        "conclude", "describe", "emphasise", "emphasize", "predict", "promise", "recall", "repeat", "report",
        "suggest", "tweet", "post", "vow", "pledge", "confirm", "deny", "accuse", "complain", "observe", "quip",
        "joke", "shout", "testify", "label", "brand", "dub", "term", "caution", "assure", "reassure", "reiterate",
        "proclaim", "maintain", "contend", "counter", "retort", "wonder", "muse", "lament", "hail", "thank",
        "tout", "boast", "plead", "demand", "concur", "agree", "echo", "cite", "recount", "insist", "exclaim",
        "mention", "question", "criticise", "criticize", "praise",
        "welcome", "describe", "characterise", "characterize", "dismiss", "reject",
    ]

    /// Every form of every speech verb, lower case.
    static let forms: Set<String> = {
        var forms: Set<String> = []
        for (base, others) in irregular {
            forms.insert(base)
            forms.formUnion(others)
        }
        for base in regular {
            forms.insert(base)
            forms.formUnion(inflections(of: base))
        }
        return forms
    }()

    /// -s, -ed and -ing forms by the usual spelling rules (`urge` →
    /// `urged`, `urging`; `reply` → `replied`; `dub` → `dubbed`).
    static func inflections(of base: String) -> [String] {
        let last = base.last!
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        if base.hasSuffix("e") {
            let stem = String(base.dropLast())
            return [base + "s", base + "d", stem + "ing"]
        }
        if last == "y", let beforeLast = base.dropLast().last, !vowels.contains(beforeLast) {
            let stem = String(base.dropLast())
            return [stem + "ies", stem + "ied", base + "ing"]
        }
        let third =
            base.hasSuffix("s") || base.hasSuffix("sh") || base.hasSuffix("ch") || base.hasSuffix("o")
            ? base + "es" : base + "s"
        // One short syllable ending consonant-vowel-consonant doubles it.
        let letters = Array(base)
        if letters.count == 3, !vowels.contains(letters[0]), vowels.contains(letters[1]),
            !vowels.contains(letters[2]), !["w", "x", "y"].contains(letters[2])
        {
            return [third, base + String(last) + "ed", base + String(last) + "ing"]
        }
        if ["label", "counter", "wonder", "answer", "question", "mention", "echo"].contains(base) {
            return [third, base + "ed", base + "ing", base + "led"]
        }
        return [third, base + "ed", base + "ing"]
    }

    /// Verbs that are nouns too (`a call`, `the report`): only their -ed
    /// and -ing forms count as speech.
    private static let alsoNouns: Set<String> = [
        "call", "report", "answer", "question", "demand", "post", "term", "brand", "label", "note", "comment",
        "promise", "counter", "echo", "tweet", "claim", "reply", "state", "joke", "praise", "welcome", "quip",
        "vow", "pledge", "cite", "point", "muse", "hail", "dub", "remark", "thank", "boast", "concur", "shout",
    ]
    private static let nounForms: Set<String> = {
        var forms: Set<String> = []
        for base in alsoNouns {
            forms.insert(base)
            forms.insert(base + "s")
            forms.insert(base + "es")
            if base.hasSuffix("y") { forms.insert(String(base.dropLast()) + "ies") }
        }
        return forms
    }()

    static func isSpeechVerb(_ word: String) -> Bool { forms.contains(word) && !nounForms.contains(word) }

    /// Participles that follow a clause (`…, saying`, `adding that`): their
    /// speaker is the clause's subject, not a name right before them.
    static func isParticiple(_ word: String) -> Bool { word.hasSuffix("ing") && isSpeechVerb(word) }

    /// Words that may stand between a speaker and the verb: `Hegseth on
    /// Thursday insisted`, `she has repeatedly warned`, `he later added`.
    static let stepOver: Set<String> = [
        "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "also", "later",
        "then", "has", "had", "have", "was", "is", "were", "will", "would", "had", "once", "again", "previously",
        "earlier", "yesterday", "today", "tonight", "last", "week", "month", "year", "this", "morning", "evening",
        "afternoon", "night", "recently", "often", "repeatedly", "has", "since", "himself", "herself",
        "themselves", "just", "already", "further", "separately", "privately", "publicly", "never", "not",
    ]

    /// Subject pronouns and the kind of actor each may stand for.
    /// `the` stands for a description of a person: "the president said".
    static let personPronouns: Set<String> = ["he", "she", "the"]
    static let groupPronouns: Set<String> = ["they", "we"]

    /// Words after which a name is an object, not a speaker: `spoken to
    /// Trump`, `a call with Putin`.
    static let prepositions: Set<String> = [
        "to", "with", "in", "of", "for", "by", "from", "about", "at", "against", "over", "on", "into", "than",
        "between", "among", "toward", "towards", "without", "under", "after", "before", "like", "unlike",
        "including", "behind", "beside", "besides", "via", "per", "upon", "onto",
    ]
}
