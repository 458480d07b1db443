import Foundation

/// Prints diagnostics like a compiler: location, message, the source line
/// with a caret under the span, then notes.
public struct DiagnosticFormatter {
    public var useColor: Bool
    /// Reads a file's text by its content-relative path (nil when unreadable
    /// or not a source: see `DiagnosticSources`).
    public var readFile: (String) -> String?
    private var cache: [String: [Substring]] = [:]

    public init(useColor: Bool, readFile: @escaping (String) -> String?) {
        self.useColor = useColor
        self.readFile = readFile
    }

    /// Colour on a terminal, none when piped or when `NO_COLOR` is set.
    public static func wantsColor(fileDescriptor: Int32 = 2) -> Bool {
        isatty(fileDescriptor) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    private func paint(_ text: String, _ code: String) -> String {
        useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Characters of a source line shown under a diagnostic.
    package static let lineWidth = 120

    public mutating func format(_ diagnostic: Diagnostic) -> String {
        var lines: [String] = []
        let label: String
        switch diagnostic.severity {
        case .error: label = paint("error:", "1;31")
        case .warning: label = paint("warning:", "1;35")
        case .suggestion: label = paint("suggestion:", "1;34")
        }
        // Everything that comes from content is printed with its control
        // characters escaped, so a file cannot drive the terminal.
        var head = ""
        if let location = diagnostic.location {
            head += paint(TerminalText.visible("\(location):", keepLayout: false), "1") + " "
        }
        head += "\(label) \(paint(TerminalText.visible(diagnostic.message), "1"))"
        lines.append(head)
        if let location = diagnostic.location, let line = sourceLine(location.file, location.line) {
            // What each scalar shows as: a tab one space, a control character its escape.
            let shownScalars = line.unicodeScalars.map { $0 == "\t" ? " " : TerminalText.visible($0) }
            let column = min(max(0, location.column - 1), shownScalars.count)
            // Long lines (a whole paragraph) show a window around the column.
            let windowStart = shownScalars.count > Self.lineWidth ? max(0, column - Self.lineWidth / 3) : 0
            let windowEnd = min(shownScalars.count, windowStart + Self.lineWidth)
            let lead = windowStart > 0 ? "…" : ""
            let tail = windowEnd < shownScalars.count ? "…" : ""
            lines.append("    \(lead)\(shownScalars[windowStart..<windowEnd].joined())\(tail)")
            func width(_ range: Range<Int>) -> Int { shownScalars[range].reduce(0) { $0 + $1.unicodeScalars.count } }
            let caretEnd = min(windowEnd, column + min(diagnostic.length, max(1, windowEnd - column)))
            let caretCount = max(1, width(column..<max(column, caretEnd)))
            let padding = String(repeating: " ", count: lead.count + width(windowStart..<column))
            lines.append("    \(padding)\(paint("^" + String(repeating: "~", count: max(0, caretCount - 1)), "1;32"))")
        }
        for note in diagnostic.notes { lines.append("  \(paint("note:", "1;36")) \(TerminalText.visible(note))") }
        return lines.joined(separator: "\n")
    }

    private mutating func sourceLine(_ file: String, _ line: Int) -> String? {
        if cache[file] == nil {
            guard let text = readFile(file) else { return nil }
            cache[file] = sourceLines(text)
        }
        guard let lines = cache[file], line >= 1, line <= lines.count else { return nil }
        return String(lines[line - 1])
    }

    /// `2 errors, 1 warning, 3 suggestions`.
    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let counts: [(Diagnostic.Severity, String)] = [
            (.error, "error"), (.warning, "warning"), (.suggestion, "suggestion"),
        ]
        return counts.compactMap { severity, word in
            let count = diagnostics.filter { $0.severity == severity }.count
            return count > 0 ? plural(count, word) : nil
        }.joined(separator: ", ")
    }
}
