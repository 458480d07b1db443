import StoredCoding

/// Something sitegen has to tell an author about their content.
@BinaryCoded
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    @BinaryCoded
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
        /// Advice that is never a problem, such as an unlinked mention:
        /// only `sitegen check` gives it, and `--strict` does not fail on it.
        case suggestion
    }

    public var severity: Severity
    public var location: SourceLocation?
    /// How many characters the offending span covers (for the caret line).
    public var length: Int
    public var message: String
    /// Follow-up hints such as "did you mean 'Hegseth' (pete-hegseth)?".
    public var notes: [String]

    public init(
        _ severity: Severity, _ message: String, at location: SourceLocation?,
        length: Int = 1, notes: [String] = []
    ) {
        self.severity = severity
        self.location = location
        self.length = max(1, length)
        self.message = message
        self.notes = notes
    }

    public static func error(
        _ message: String, at location: SourceLocation?, length: Int = 1, notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(.error, message, at: location, length: length, notes: notes)
    }

    public static func warning(
        _ message: String, at location: SourceLocation?, length: Int = 1, notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(.warning, message, at: location, length: length, notes: notes)
    }

    public static func suggestion(
        _ message: String, at location: SourceLocation?, length: Int = 1, notes: [String] = []
    ) -> Diagnostic {
        Diagnostic(.suggestion, message, at: location, length: length, notes: notes)
    }

    /// `file:line:column: error: message`, then one `note:` line per note.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(severity.rawValue): \(message)"
        for note in notes { text += "\n  note: \(note)" }
        return text
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errors: [Diagnostic] { filter { $0.severity == .error } }

    /// The order every report uses, text and JSON alike: errors, then
    /// warnings, then suggestions, so the mistake to fix comes first; within
    /// each, by file, line, column, then message (problems with no file first).
    public func sortedForReport() -> [Diagnostic] {
        sorted { a, b in
            if a.severity != b.severity { return a.severity.reportRank < b.severity.reportRank }
            switch (a.location, b.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return true
            case (_?, nil): return false
            default: return a.message < b.message
            }
        }
    }
}

extension Diagnostic {
    /// One JSON object per diagnostic, for editors and CI annotations:
    /// `{"severity":"error","file":"articles/x.md","line":3,"column":5,…}`.
    public var jsonLine: String {
        var fields: [String] = ["\"severity\":\(Self.json(severity.rawValue))"]
        if let location {
            fields.append("\"file\":\(Self.json(location.file))")
            fields.append("\"line\":\(location.line)")
            fields.append("\"column\":\(location.column)")
            fields.append("\"length\":\(length)")
        }
        fields.append("\"message\":\(Self.json(message))")
        fields.append("\"notes\":[\(notes.map(Self.json).joined(separator: ","))]")
        return "{\(fields.joined(separator: ","))}"
    }

    /// A JSON string literal, escaping quotes, backslashes and control characters.
    package static func json(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

extension Diagnostic.Severity {
    /// Place in a report: what fails the build before what does not.
    package var reportRank: Int {
        switch self {
        case .error: return 0
        case .warning: return 1
        case .suggestion: return 2
        }
    }
}

/// Thrown when a build cannot go on; carries every diagnostic found so far,
/// in report order (whoever prints them, CLI or live preview).
public struct BuildFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sortedForReport() }
}
