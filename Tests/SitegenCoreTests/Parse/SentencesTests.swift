import Testing

@testable import SitegenParse

// Tests for `Sentences`, which cuts the sentence around a mention out of a
// block's plain text for "mentioned in" contexts.

/// Context of the first occurrence of `mention` in `text`.
private func context(of mention: String, in text: String) throws -> MentionContext {
    let scalars = Array(text.unicodeScalars)
    let needle = Array(mention.unicodeScalars)
    let start = try #require(
        (0...(scalars.count - needle.count)).first { Array(scalars[$0..<($0 + needle.count)]) == needle },
        "'\(mention)' does not occur in the test text")
    return Sentences.context(of: start..<(start + needle.count), in: scalars)
}

/// `count` words of filler ("w1 w2 w3 …"), no sentence terminators.
private func words(_ count: Int, prefix: String = "w") -> String {
    (1...count).map { "\(prefix)\($0)" }.joined(separator: " ")
}

@Suite("Sentences")
struct SentencesTests {
    @Test func periodEndsSentenceOnBothSides() throws {
        let found = try context(of: "Hegseth", in: "First one here. Then Hegseth spoke in Kyiv. Last one.")
        #expect(found == MentionContext(before: "Then ", text: "Hegseth", after: " spoke in Kyiv."))
    }

    @Test func mentionAtStartAndEndOfText() throws {
        #expect(
            try context(of: "Hegseth", in: "Hegseth spoke.")
                == MentionContext(before: "", text: "Hegseth", after: " spoke."))
        #expect(
            try context(of: "Hegseth", in: "It was Hegseth")
                == MentionContext(before: "It was ", text: "Hegseth", after: ""))
    }

    @Test func textWithoutTerminatorIsOneSentence() throws {
        let found = try context(of: "NATO", in: "allies of NATO met again")
        #expect(found == MentionContext(before: "allies of ", text: "NATO", after: " met again"))
    }

    @Test(arguments: [
        "The U.S. envoy",
        "The U.K. envoy",
        "Mr. Smith and the envoy",
        "Dr. Jones and the envoy",
        "Sen. Vance and the envoy",
        "J. Smith and the envoy",
        "Allies, e.g. Poland and the envoy",
    ])
    func abbreviationsDoNotEndSentences(opening: String) throws {
        let text = "Earlier text. \(opening) met Hegseth in Kyiv. After that."
        let found = try context(of: "Hegseth", in: text)
        #expect(found.before == "\(opening) met ")
        #expect(found.after == " in Kyiv.")
    }

    @Test func abbreviationAfterTheMentionDoesNotEndTheSentence() throws {
        let found = try context(of: "Hegseth", in: "Before. Hegseth met U.S. allies and Mr. Smith today. After.")
        #expect(found.after == " met U.S. allies and Mr. Smith today.")
    }

    @Test func decimalPointDoesNotEndSentence() throws {
        let found = try context(of: "Hegseth", in: "Before. Spending rose 3.5 percent, Hegseth said. After.")
        #expect(found.before == "Spending rose 3.5 percent, ")
        #expect(found.after == " said.")
    }

    @Test func questionAndExclamationMarksEndSentences() throws {
        let found = try context(of: "Hegseth", in: "Will it end? Hegseth thinks so! Others disagree.")
        #expect(found == MentionContext(before: "", text: "Hegseth", after: " thinks so!"))
        let repeated = try context(of: "Hegseth", in: "Really?! Hegseth said no?! Then more.")
        #expect(repeated == MentionContext(before: "", text: "Hegseth", after: " said no?!"))
    }

    @Test func closingQuotesAndParenthesesEndSentences() throws {
        let curly = try context(of: "Hegseth", in: "He said “we are done.” Hegseth disagreed. Later.")
        #expect(curly.before == "")
        #expect(curly.after == " disagreed.")

        let straight = try context(of: "Hegseth", in: "He said \"we are done.\" Hegseth disagreed. Later.")
        #expect(straight.before == "")

        let paren = try context(of: "Hegseth", in: "(It was late.) Hegseth left. Later.")
        #expect(paren.before == "")

        let quoteAfter = try context(of: "Hegseth", in: "Before. Hegseth said “never!” Then more.")
        #expect(quoteAfter.after == " said “never!”")
    }

    @Test func contextKeepsMentionVerbatim() throws {
        // The mention itself may contain terminators; it is never split.
        let found = try context(
            of: "“We will win. Always.”", in: "Before. He said “We will win. Always.” to troops. After.")
        #expect(found == MentionContext(before: "He said ", text: "“We will win. Always.”", after: " to troops."))
    }

    @Test func longBeforeIsCutAtAWordWithEllipsis() throws {
        let long = words(120)  // far more than maximumSide characters
        let text = "Earlier. \(long) Hegseth spoke."
        let found = try context(of: "Hegseth", in: text)
        let full = long + " "
        #expect(found.before.hasPrefix("…"))
        #expect(found.before.unicodeScalars.count <= Sentences.maximumSide + 1)
        #expect(found.before.unicodeScalars.count > Sentences.maximumSide / 2)
        // What is kept is the end of the real text, starting at a word boundary.
        let kept = found.before.dropFirst().drop { $0 == " " }
        #expect(full.hasSuffix(kept))
        #expect(full.hasSuffix(" " + kept))
        #expect(found.after == " spoke.")
    }

    @Test func longAfterIsCutAtAWordWithEllipsis() throws {
        let long = words(120)
        let text = "Earlier. Hegseth \(long). Later."
        let found = try context(of: "Hegseth", in: text)
        let full = " " + long + "."
        #expect(found.before == "")
        #expect(found.after.hasSuffix("…"))
        #expect(found.after.unicodeScalars.count <= Sentences.maximumSide + 1)
        #expect(found.after.unicodeScalars.count > Sentences.maximumSide / 2)
        let kept = String(found.after.dropLast())
        #expect(full.hasPrefix(kept))
        #expect(full.hasPrefix(kept + " "))
    }

    @Test func contextsUpToTheLimitAreNotCut() throws {
        // Exactly maximumSide characters on each side.
        let filler = String(repeating: "a", count: Sentences.maximumSide - 1)
        let found = try context(of: "Hegseth", in: filler + " Hegseth " + filler)
        #expect(found.before == filler + " ")
        #expect(found.after == " " + filler)
        #expect(!found.before.contains("…"))
        #expect(!found.after.contains("…"))
    }

    @Test func aSentenceDoesNotEndInsideTheNextQuotation() throws {
        // The case: the context after a mention ran into the quotation
        // and stopped at its first full stop.
        let found = try context(
            of: "Hegseth", in: "Before. Asked, Hegseth said: “Probably. You take a win when you can.” Later.")
        #expect(found.after == " said: “Probably. You take a win when you can.”")
        let straight = try context(
            of: "Hegseth", in: "Before. Asked, Hegseth said: \"Probably. You take a win.\" Later.")
        #expect(straight.after == " said: \"Probably. You take a win.\"")
        let guillemets = try context(of: "Lecornu", in: "Lecornu a dit : « Non. Jamais. » Ensuite.")
        #expect(guillemets.after == " a dit : « Non. Jamais. »")
        let single = try context(of: "Healey", in: "Healey called it ‘a threat. Real.’ Then left.")
        #expect(single.after == " called it ‘a threat. Real.’")
    }

    @Test func aSentenceDoesNotStartInsideTheQuotationBefore() throws {
        let found = try context(of: "Hegseth", in: "Before. “Probably. You take a win,” Hegseth said. After.")
        #expect(found.before == "“Probably. You take a win,” ")
        #expect(found.after == " said.")
        let straight = try context(of: "Hegseth", in: "Before. \"No. Never,\" Hegseth said. After.")
        #expect(straight.before == "\"No. Never,\" ")
    }

    @Test func aQuotationThatEndsTheSentenceStillEndsIt() throws {
        // The terminator inside the marks ends the sentence once they close.
        let found = try context(of: "Hegseth", in: "Hegseth said “we are done.” Then more. And more.")
        #expect(found.after == " said “we are done.”")
        // Apostrophes are not quotation marks.
        let apostrophes = try context(of: "Russia", in: "Russia’s allies’ doubts grew. Then more.")
        #expect(apostrophes.after == "’s allies’ doubts grew.")
    }

    @Test func aQuotationLeftOpenRunsToTheEndOfTheText() throws {
        // News style leaves a quote open when it runs on into the next paragraph.
        let found = try context(of: "Hegseth", in: "Hegseth said: “We will. We must. Later.")
        #expect(found.after == " said: “We will. We must. Later.")
    }

    @Test func aMentionInsideAQuotationKeepsItsOwnSentence() throws {
        let found = try context(of: "NATO", in: "He said: “We back NATO. We always will.” Then he left.")
        #expect(found.after == ".")
        #expect(found.before == "He said: “We back ")
    }

    @Test func wordsThatEndTheirSentenceEndTheContext() throws {
        let found = try context(of: "“Probably. Yes.”", in: "Asked, he said: “Probably. Yes.” Later he left.")
        #expect(found == MentionContext(before: "Asked, he said: ", text: "“Probably. Yes.”", after: ""))
        // Not so when the sentence goes on after them.
        let on = try context(of: "“Probably.”", in: "He said “Probably.”, then left. Later.")
        #expect(on.after == ", then left.")
    }
}
