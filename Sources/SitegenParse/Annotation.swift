import SitegenBase
import SitegenLoad
import StoredCoding

/// `[[target|label]]` as written.
@BinaryCoded
public struct EntityLinkSyntax: Sendable, Hashable {
    /// The target without a kind prefix, e.g. `georgia` for `[[actor:georgia]]`.
    public var target: String
    public var kind: EntityKind?
}

/// `[…]{.quote by=… about=… #id}` or `.claim`, as written.
@BinaryCoded
public struct SpanSyntax: Sendable, Hashable {
    @BinaryCoded
    public enum Class: String, Sendable, Hashable, CaseIterable {
        case quote, claim
    }

    public var spanClass: Class
    public var by: Located<String>
    public var about: [Located<String>]
    public var explicitID: Located<String>?
    /// `stance=`: the speaker's position toward the `about=` topics.
    public var stance: [StanceSyntax] = []
    /// `date=`: when it was said, if not on the article's date.
    public var date: Located<ContentDate>?
    /// `source=N` (the article's Nth source) or `source=https://…`: where
    /// the words first appeared.
    public var origin: CitedSource?
    /// `rating=` (claims only): how a fact-check rated the claim.
    public var rating: ClaimRating? = nil
    /// `rating_note=`: why it was rated so, in a sentence.
    public var ratingNote: String? = nil
}

/// A speaker's position toward a topic.
@BinaryCoded
public enum Stance: String, Sendable, Hashable, CaseIterable, Comparable {
    case `for`, against, mixed, neutral

    public static func < (a: Stance, b: Stance) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One entry of `stance=`: `against` (toward every `about=` topic, when
/// `topic` is nil) or `territory:against` (toward that topic only).
@BinaryCoded
public struct StanceSyntax: Sendable, Hashable {
    public var topic: Located<String>?
    public var stance: Stance
}

/// `[…]{.event date=… by=… about=…}`, as written: something that happened.
@BinaryCoded
public struct EventSyntax: Sendable, Hashable {
    /// When it happened, if not on the article's date.
    public var date: Located<ContentDate>?
    /// Actors involved besides those linked in the text.
    public var by: [Located<String>]
    public var about: [Located<String>]
}

/// The sentence around an annotation, split so a page can highlight it.
@BinaryCoded
public struct MentionContext: Sendable, Hashable {
    public var before: String
    public var text: String
    public var after: String

    public init(before: String, text: String, after: String) {
        self.before = before
        self.text = text
        self.after = after
    }

    /// The whole sentence, as written.
    public var sentence: String { before + text + after }
}

/// An annotation found in a document's text.
@BinaryCoded
public struct Annotation: Sendable, Hashable {
    @BinaryCoded
    public enum Kind: Sendable, Hashable {
        case entityLink(EntityLinkSyntax)
        case span(SpanSyntax)
        case event(EventSyntax)
    }

    public var kind: Kind
    /// Where the opening bracket stands in the file.
    public var location: SourceLocation
    /// Characters from the opening bracket to the closing one.
    public var length: Int
    /// What the reader sees: the label of a link, the words of a quote.
    public var text: String
    /// Anchor of the paragraph or heading that holds the annotation.
    public var blockAnchor: String
    public var context: MentionContext
}

/// The parse stage's result for one Markdown body.
@BinaryCoded
public struct ParsedDocument: Sendable, Hashable {
    /// The cmark tree with annotations in place and anchor nodes on blocks.
    public var root: MarkdownNode
    public var annotations: [Annotation]
    public var diagnostics: [Diagnostic]

    /// A body with nothing in it: a stand-in where only references count.
    package static let empty = ParsedDocument(root: MarkdownNode(.document), annotations: [], diagnostics: [])
}
