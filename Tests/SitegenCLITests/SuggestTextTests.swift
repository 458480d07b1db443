import Foundation
import Testing

@testable import SitegenBase
@testable import SitegenCLI
@testable import SitegenSuggest

/// What `sitegen suggest` prints besides the proposals: the summary, the
/// lines of `--apply`, and proposals read back from JSON.
@Suite("Suggest text")
struct SuggestTextTests {
    static func quote(_ confidence: Confidence = .high) -> Suggestion {
        var suggestion = Suggestion(
            kind: .quote, location: SourceLocation(file: "articles/a.md", line: 5, column: 1),
            end: SourcePosition(line: 5, column: 12), text: "“Say it,”", rule: "quote-then-speaker",
            confidence: confidence, opening: "[", closing: "]{.quote by=pete-hegseth}")
        suggestion.by = "pete-hegseth"
        return suggestion
    }

    @Test func theSummaryCountsKindsAndConfidences() {
        #expect(SuggestText.summary([]) == "Nothing to suggest")
        #expect(
            SuggestText.summary([Self.quote(), Self.quote(.low)])
                == "2 proposals: 2 quotes (1 high, 1 low)")
    }

    @Test func applyLinesSayWhatWasWrittenAndSkipped() {
        var outcome = SuggestionApplier.Outcome()
        outcome.applied = [Self.quote()]
        outcome.skipped = [.init(suggestion: Self.quote(.medium), reason: "no speaker was found")]
        outcome.backupFolder = URL(fileURLWithPath: "/site/.sitegen-backup/20250213-142501")
        #expect(
            SuggestText.lines(outcome) == [
                "articles/a.md:5:1: annotated quote → [“Say it,”]{.quote by=pete-hegseth}",
                "articles/a.md:5:1: skipped quote '“Say it,”': no speaker was found",
                "Backed up the original of 1 file in /site/.sitegen-backup/20250213-142501",
            ])
    }

    @Test func proposalsReadBackFromTheirJSON() throws {
        let read = try SuggestInput.proposals(Self.quote().json + "\n\n")
        #expect(read == [Self.quote()])
        #expect(throws: SuggestInput.BadProposal.self) { try SuggestInput.proposals("{\"kind\": \"quote\"}") }
    }
}
