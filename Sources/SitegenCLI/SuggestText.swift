import SitegenBase
import SitegenSuggest

/// What `sitegen suggest` says: its proposals as JSON lines, the summary
/// under the text form, and what `--apply` wrote and skipped.
public enum SuggestText {
    /// One JSON object a line, as documented.
    public static func json(_ suggestions: [Suggestion]) -> String {
        suggestions.map { $0.json + "\n" }.joined()
    }

    /// "12 proposals: 9 quotes, 1 claim, 1 link, 1 new actor (7 high, 4 medium, 1 low)".
    public static func summary(_ suggestions: [Suggestion]) -> String {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        guard !suggestions.isEmpty else { return "Nothing to suggest" }
        let kinds: [(Suggestion.Kind, String)] = [
            (.quote, "quote"), (.claim, "claim"), (.link, "link"), (.actor, "new actor"),
        ]
        let counts = kinds.compactMap { kind, word in
            let count = suggestions.filter { $0.kind == kind }.count
            return count == 0 ? nil : plural(count, word)
        }
        let confidences = Confidence.allCases.reversed().compactMap { confidence in
            let count = suggestions.filter { $0.confidence == confidence }.count
            return count == 0 ? nil : "\(count) \(confidence.rawValue)"
        }
        return
            "\(plural(suggestions.count, "proposal")): \(counts.joined(separator: ", ")) (\(confidences.joined(separator: ", ")))"
    }

    /// One line per proposal written or skipped, then where the original is.
    public static func lines(_ outcome: SuggestionApplier.Outcome) -> [String] {
        var lines = outcome.applied.map { suggestion in
            let what =
                suggestion.kind == .actor
                ? "wrote \(suggestion.annotation) for '\(suggestion.name ?? "")'"
                : "annotated \(suggestion.kind.rawValue) → \(suggestion.annotation)"
            return TerminalText.visible("\(suggestion.location): \(what)", keepLayout: false)
        }
        lines += outcome.skipped.map { skip in
            TerminalText.visible(
                "\(skip.suggestion.location): skipped \(skip.suggestion.kind.rawValue) '\(skip.suggestion.text)': \(skip.reason)",
                keepLayout: false)
        }
        if let folder = outcome.backupFolder {
            lines.append("Backed up the original of 1 file in \(folder.path)")
        }
        return lines
    }
}
