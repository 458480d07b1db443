import SitegenBase

/// An actor named in prose by a document that never links to that actor:
/// the first such mention, which `sitegen check` suggests linking and
/// `sitegen check --fix` links.
public struct UnlinkedMention: Sendable, Hashable {
    /// Where the name's first character stands.
    public var location: SourceLocation
    /// Just past the name's last character, in the same file (on a later
    /// line when the name runs over a line break).
    public var end: SourcePosition
    /// The name as the reader sees it, white space folded: `Hegseth`.
    public var text: String
    public var actor: String
    public var actorName: String
    /// What goes before the name to link it, `[[` or `[[pete-hegseth|`;
    /// `]]` goes after it.
    public var linkOpening: String
    /// Later unlinked mentions of the same actor in the same document.
    public var otherMentions: Int
    /// "article" or "file", for the message.
    public var documentNoun: String

    /// The annotation to write in place of the name.
    public var link: String { linkOpening + text + "]]" }

    /// A suggestion, never a warning: `--strict` does not fail on it.
    public var diagnostic: Diagnostic {
        var notes = ["link it: \(link)"]
        if otherMentions > 0 {
            notes.append(
                "\(otherMentions) later mention\(otherMentions == 1 ? "" : "s") of \(actorName) in this \(documentNoun) \(otherMentions == 1 ? "is" : "are") unlinked too; one link is enough"
            )
        }
        return .suggestion(
            "'\(text)' names \(actorName), but nothing in this \(documentNoun) links there", at: location,
            length: text.unicodeScalars.count, notes: notes)
    }
}
