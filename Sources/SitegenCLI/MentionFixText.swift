import SitegenBase
import SitegenMentions

/// What `sitegen check --fix` says it did: one line per link written or
/// skipped, and where the backups are.
public enum MentionFixText {
    public static func lines(_ outcome: MentionFixer.Outcome) -> [String] {
        var lines = outcome.linked.map { mention in
            TerminalText.visible("\(mention.location): linked '\(mention.text)' → \(mention.link)", keepLayout: false)
        }
        lines += outcome.skipped.map { skip in
            TerminalText.visible(
                "\(skip.mention.location): skipped '\(skip.mention.text)': \(skip.reason)", keepLayout: false)
        }
        if let folder = outcome.backupFolder {
            let count = outcome.files.count
            lines.append(
                "Backed up the original\(count == 1 ? "" : "s") of \(count) file\(count == 1 ? "" : "s") in \(folder.path)"
            )
        }
        return lines
    }
}
