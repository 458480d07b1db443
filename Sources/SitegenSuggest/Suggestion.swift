import SitegenBase

/// How sure a rule is of its proposal. `--apply` writes `medium` and up.
public enum Confidence: String, Sendable, Hashable, Comparable, CaseIterable {
    case low, medium, high

    public static func < (a: Confidence, b: Confidence) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One proposed annotation: where it goes, what to write, and which rule
/// proposed it how surely.
public struct Suggestion: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case quote, claim, link, actor
    }

    public var kind: Kind
    /// The span's first character (for `actor`, the name's first mention).
    public var location: SourceLocation
    /// Just past the span's last character.
    public var end: SourcePosition
    /// The exact source text of the span, quote marks included.
    public var text: String
    /// The speaker's slug, for quotes and claims.
    public var by: String?
    /// The actor's slug, for links.
    public var target: String?
    /// For new actors: the name, the kind guessed, the role and affiliation
    /// taken from the words around the name.
    public var name: String?
    public var kindOf: String?
    public var role: String?
    public var affiliation: String?
    /// The rule that proposed it, e.g. `quote-then-speaker`.
    public var rule: String
    public var confidence: Confidence
    /// What goes before and after the span to annotate it (empty for actors,
    /// which are written as files).
    public var opening: String
    public var closing: String

    public init(
        kind: Kind, location: SourceLocation, end: SourcePosition, text: String, rule: String,
        confidence: Confidence, opening: String = "", closing: String = ""
    ) {
        self.kind = kind
        self.location = location
        self.end = end
        self.text = text
        self.rule = rule
        self.confidence = confidence
        self.opening = opening
        self.closing = closing
    }

    public var start: SourcePosition { SourcePosition(line: location.line, column: location.column) }

    /// The annotated text to write in place of the span; for an actor, the
    /// stub file's path.
    public var annotation: String {
        kind == .actor ? "actors/\(target ?? "").md" : opening + text + closing
    }

    /// One JSON object on one line, with exactly the documented keys, in
    /// their documented order; keys that do not apply are null.
    public var json: String {
        func string(_ value: String?) -> String { value.map(Diagnostic.json) ?? "null" }
        let fields: [(String, String)] = [
            ("kind", string(kind.rawValue)), ("file", string(location.file)), ("line", "\(location.line)"),
            ("column", "\(location.column)"), ("end_line", "\(end.line)"), ("end_column", "\(end.column)"),
            ("text", string(text)), ("by", string(by)), ("target", string(kind == .link ? target : nil)),
            ("name", string(name)), ("kind_of", string(kindOf)), ("role", string(role)),
            ("affiliation", string(affiliation)), ("rule", string(rule)), ("confidence", string(confidence.rawValue)),
            ("annotation", string(annotation)),
        ]
        return "{" + fields.map { "\(Diagnostic.json($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// The proposal as `sitegen check` shows a suggestion: the line, a caret
    /// under the span, and what to write.
    public var diagnostic: Diagnostic {
        let length = end.line == location.line ? max(1, end.column - location.column) : text.unicodeScalars.count
        var notes: [String]
        let message: String
        switch kind {
        case .quote, .claim:
            message = "\(kind.rawValue) by \(by ?? "?") (\(rule), \(confidence.rawValue))"
            notes = ["annotate: \(annotation)"]
        case .link:
            message = "link to \(target ?? "?") (\(rule), \(confidence.rawValue))"
            notes = ["link it: \(annotation)"]
        case .actor:
            message = "new \(kindOf ?? "actor") '\(name ?? text)' (\(rule), \(confidence.rawValue))"
            notes = ["write \(annotation)"]
            if let role { notes.append("role: \(role)") }
            if let affiliation { notes.append("affiliation: \(affiliation)") }
        }
        return .suggestion(message, at: location, length: length, notes: notes)
    }
}
