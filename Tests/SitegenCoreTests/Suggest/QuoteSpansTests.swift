import Testing

@testable import SitegenSuggest

/// Pairing quotation marks: kinds, nesting, straight marks and apostrophes.
@Suite("Suggest: quotation marks")
struct QuoteSpansTests {
    /// The outermost quotations of `text`, as their text.
    static func quotes(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return QuoteSpans.outermost(in: scalars).map { String(String.UnicodeScalarView(scalars[$0.range])) }
    }

    @Test(arguments: [
        ("He said “not a betrayal” today.", ["“not a betrayal”"]),
        ("He said \"not a betrayal\" today.", ["\"not a betrayal\""]),
        ("He said ‘not a betrayal’ today.", ["‘not a betrayal’"]),
        ("He said 'not a betrayal' today.", ["'not a betrayal'"]),
        ("Il a dit « Je vous ai compris ! » hier.", ["« Je vous ai compris ! »"]),
        ("Sie sagte: „Wir schaffen das.“ Dann ging sie.", ["„Wir schaffen das.“"]),
    ])
    func eachKindOfMarkPairs(text: String, expected: [String]) {
        #expect(Self.quotes(text) == expected)
    }

    @Test func nestedQuotationsArePartOfTheOuterOne() {
        let text = "“I take pride in the words „Ich bin ein Berliner!“” he said, and “he said ‘no’ twice.”"
        #expect(Self.quotes(text) == ["“I take pride in the words „Ich bin ein Berliner!“”", "“he said ‘no’ twice.”"])
        let all = QuoteSpans.find(in: Array(text.unicodeScalars))
        #expect(all.filter { $0.depth == 1 }.count == 2)
    }

    @Test func apostrophesAreNotQuotationMarks() {
        #expect(Self.quotes("Russia’s war, let’s go, the allies’ plan and rock ’n’ roll.").isEmpty)
        #expect(Self.quotes("Russia's war, don't go, it's the Jones' car.").isEmpty)
        // British single quotes holding apostrophes.
        #expect(
            Self.quotes("He said: 'Please don't call me arrogant, but I'm European champion.' Then left.") == [
                "'Please don't call me arrogant, but I'm European champion.'"
            ])
        #expect(Self.quotes("A ‘phase out’ of Russia’s coal") == ["‘phase out’"])
    }

    @Test func aQuotationLeftOpenRunsToTheParagraphsEnd() {
        let scalars = Array("He said: “The first paragraph of a long quote goes on ".unicodeScalars)
        let spans = QuoteSpans.outermost(in: scalars)
        #expect(spans.count == 1)
        #expect(spans.first?.runsOn == true)
        #expect(
            spans.first.map { String(String.UnicodeScalarView(scalars[$0.range])) }
                == "“The first paragraph of a long quote goes on")
    }

    @Test func lockedMarksAreNotRead() {
        let scalars = Array("A “code” mark".unicodeScalars)
        var locked = Array(repeating: false, count: scalars.count)
        locked[2] = true
        #expect(QuoteSpans.outermost(in: scalars, locked: locked).isEmpty)
    }

    @Test func speechVerbsComeInEveryTense() {
        for verb in [
            "say", "says", "said", "saying", "told", "urged", "urging", "replied", "dubbed", "wrote", "written",
            "called", "insists",
        ] {
            #expect(SpeechVerbs.isSpeechVerb(verb), "\(verb)")
        }
        for noun in ["call", "report", "the", "peace", "claim"] {
            #expect(!SpeechVerbs.isSpeechVerb(noun), "\(noun)")
        }
    }
}
