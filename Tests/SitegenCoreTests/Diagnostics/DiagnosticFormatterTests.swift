import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase

@Suite("Diagnostic formatter")
struct DiagnosticFormatterTests {
    /// Formats `diagnostic` against files given as path → text.
    private func format(_ diagnostic: Diagnostic, files: [String: String], color: Bool = false) -> String {
        var formatter = DiagnosticFormatter(useColor: color) { files[$0] }
        return formatter.format(diagnostic)
    }

    private func at(_ file: String, _ line: Int, _ column: Int) -> SitegenBase.SourceLocation {
        SitegenBase.SourceLocation(file: file, line: line, column: column)
    }

    /// Removes ANSI colour escapes.
    private func stripANSI(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    /// Offset in Characters of the caret in the caret line, and of `needle` in the shown source line.
    private func caretAndNeedle(_ output: String, _ needle: String) throws -> (caret: Int, needle: Int) {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count >= 3, "\(output)")
        let shown = lines[1]
        let carets = lines[2]
        let caret = try #require(carets.firstIndex(of: "^"), "no caret in \(output)")
        let found = try #require(shown.range(of: needle), "'\(needle)' not on the shown line:\n\(output)")
        return (
            carets.distance(from: carets.startIndex, to: caret),
            shown.distance(from: shown.startIndex, to: found.lowerBound)
        )
    }

    // MARK: Layout

    @Test func compilerStyleLocationMessageSourceCaretAndNotes() {
        let diagnostic = Diagnostic.error(
            "unknown actor 'Bob'", at: at("articles/x.md", 2, 5), length: 7,
            notes: ["did you mean 'Rob' (rob)?", "add a file actors/bob.md if this is a new actor"])
        let output = format(diagnostic, files: ["articles/x.md": "first line\nHi, [[Bob]] said\nlast\n"])
        #expect(
            output == """
                articles/x.md:2:5: error: unknown actor 'Bob'
                    Hi, [[Bob]] said
                        ^~~~~~~
                  note: did you mean 'Rob' (rob)?
                  note: add a file actors/bob.md if this is a new actor
                """)
    }

    @Test func warningsAreLabelledAsWarnings() {
        let output = format(
            .warning("quote has no about=", at: at("a.md", 1, 1)), files: ["a.md": "[x]{.quote by=a}"])
        #expect(output.hasPrefix("a.md:1:1: warning: quote has no about=\n"), "\(output)")
    }

    @Test func suggestionsAreLabelledAsSuggestions() {
        let output = format(
            .suggestion("'Trump' names Donald Trump", at: at("a.md", 1, 5), length: 5, notes: ["link it: [[Trump]]"]),
            files: ["a.md": "Say Trump."])
        #expect(
            output
                == "a.md:1:5: suggestion: 'Trump' names Donald Trump\n    Say Trump.\n        ^~~~~\n  note: link it: [[Trump]]"
        )
    }

    @Test func aSpanOfOneHasNoTilde() {
        let output = format(.error("bad", at: at("a.md", 1, 3)), files: ["a.md": "abcdef"])
        #expect(output == "a.md:1:3: error: bad\n    abcdef\n      ^")
    }

    @Test func withoutALocationOnlyTheMessageAndNotes() {
        let output = format(
            .error("templates folder 'x' does not exist", at: nil, notes: ["pass --templates DIR"]), files: [:])
        #expect(output == "error: templates folder 'x' does not exist\n  note: pass --templates DIR")
    }

    @Test func anUnreadableFileSkipsTheSourceLines() {
        let output = format(.error("file is not valid UTF-8 text", at: at("gone.md", 3, 2)), files: [:])
        #expect(output == "gone.md:3:2: error: file is not valid UTF-8 text")
    }

    @Test func aLineBeyondTheFileSkipsTheSourceLines() {
        let output = format(.error("oops", at: at("a.md", 9, 1)), files: ["a.md": "one\ntwo\n"])
        #expect(output == "a.md:9:1: error: oops")
    }

    // MARK: Columns

    @Test(arguments: [
        "“Not a betrayal,” he said of [[Hegset]] today.",
        "Café société: [[Hegset]]",
        "\ttabbed “and” é [[Hegset]]",
        "[[Hegset]] at the start",
    ])
    func theCaretIsUnderTheColumnAfterMultibyteCharacters(_ line: String) throws {
        let column = try #require(TestContent.position(of: "[[Hegset]]", in: line)).column
        let diagnostic = Diagnostic.error("unknown actor or topic 'Hegset'", at: at("a.md", 2, column), length: 10)
        let output = format(diagnostic, files: ["a.md": "---\n\(line)\n"])
        let (caret, needle) = try caretAndNeedle(output, "[[Hegset]]")
        #expect(caret == needle, "\n\(output)")
        let caretLine = output.split(separator: "\n")[2]
        #expect(caretLine.hasSuffix("^" + String(repeating: "~", count: 9)), "\(caretLine)")
    }

    @Test func aColumnJustPastTheEndOfTheLineGetsACaretAfterIt() {
        let output = format(.error("expected '}'", at: at("a.md", 1, 4)), files: ["a.md": "abc\n"])
        #expect(output == "a.md:1:4: error: expected '}'\n    abc\n       ^")
    }

    /// The CLI reads the file as written, so a CRLF file reaches the formatter with its `\r\n`.
    @Test func crlfFilesShowTheRightLineWithoutCarriageReturns() {
        let file = ["a.md": "one\r\ntwo\r\nthree\r\n"]
        #expect(
            format(.error("bad", at: at("a.md", 2, 2), length: 2), files: file)
                == "a.md:2:2: error: bad\n    two\n     ^~")
        #expect(format(.error("bad", at: at("a.md", 1, 1)), files: file) == "a.md:1:1: error: bad\n    one\n    ^")
        #expect(
            format(.error("bad", at: at("a.md", 3, 5)), files: file) == "a.md:3:5: error: bad\n    three\n        ^")
    }

    @Test func loneCarriageReturnsEndLinesToo() {
        let file = ["a.md": "one\rtwo\rthree\n"]
        #expect(format(.error("bad", at: at("a.md", 2, 1)), files: file) == "a.md:2:1: error: bad\n    two\n    ^")
    }

    // MARK: Long lines

    @Test func aLongLineIsWindowedAroundTheColumnWithEllipses() throws {
        let line = String(repeating: "a", count: 299) + "TARGET" + String(repeating: "z", count: 300)
        let diagnostic = Diagnostic.error("here", at: at("a.md", 1, 300), length: 6)
        let output = format(diagnostic, files: ["a.md": line])
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("    …"), "\(lines[1])")
        #expect(lines[1].hasSuffix("…"), "\(lines[1])")
        #expect(lines[1].count <= 4 + DiagnosticFormatter.lineWidth + 2, "shown line is \(lines[1].count) long")
        #expect(lines[1].count >= 4 + 80, "the window is too narrow to read")
        let (caret, needle) = try caretAndNeedle(output, "TARGET")
        #expect(caret == needle, "\n\(output)")
        #expect(lines[2].hasSuffix("^~~~~~"))
    }

    @Test func aLongLineWithTheColumnNearItsStartHasOnlyATrailingEllipsis() throws {
        let line = "xx TARGET " + String(repeating: "b", count: 400)
        let output = format(.error("here", at: at("a.md", 1, 4), length: 6), files: ["a.md": line])
        let lines = output.split(separator: "\n").map(String.init)
        #expect(!lines[1].hasPrefix("    …"))
        #expect(lines[1].hasPrefix("    xx TARGET"))
        #expect(lines[1].hasSuffix("…"))
        let (caret, needle) = try caretAndNeedle(output, "TARGET")
        #expect(caret == needle)
    }

    @Test func aLongLineWithTheColumnNearItsEndHasOnlyALeadingEllipsis() throws {
        let line = String(repeating: "é", count: 400) + " TARGET."
        let column = try #require(TestContent.position(of: "TARGET", in: line)).column
        let output = format(.error("here", at: at("a.md", 1, column), length: 6), files: ["a.md": line])
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("    …"))
        #expect(lines[1].hasSuffix("TARGET."))
        let (caret, needle) = try caretAndNeedle(output, "TARGET")
        #expect(caret == needle, "\n\(output)")
    }

    @Test func aLineOfExactlyTheWidthIsNotWindowed() {
        let line = String(repeating: "c", count: DiagnosticFormatter.lineWidth)
        let output = format(.error("x", at: at("a.md", 1, 100)), files: ["a.md": line])
        #expect(!output.contains("…"))
    }

    // MARK: Colour

    @Test func noEscapesWithoutColour() {
        let diagnostic = Diagnostic.error("bad", at: at("a.md", 1, 1), length: 3, notes: ["a note"])
        let plain = format(diagnostic, files: ["a.md": "abc"])
        #expect(!plain.contains("\u{1B}"))
        let warning = format(.warning("meh", at: at("a.md", 1, 1), notes: ["n"]), files: ["a.md": "abc"])
        #expect(!warning.contains("\u{1B}"))
    }

    @Test func escapesWithColourThatStripToThePlainText() {
        let diagnostic = Diagnostic.error("bad", at: at("a.md", 1, 2), length: 2, notes: ["a note"])
        let plain = format(diagnostic, files: ["a.md": "abc"])
        let coloured = format(diagnostic, files: ["a.md": "abc"], color: true)
        #expect(coloured.contains("\u{1B}["))
        #expect(coloured != plain)
        #expect(stripANSI(coloured) == plain)
        let warning = Diagnostic.warning("meh", at: at("a.md", 1, 1))
        #expect(
            stripANSI(format(warning, files: ["a.md": "abc"], color: true)) == format(warning, files: ["a.md": "abc"]))
    }

    // MARK: Summary and description

    @Test func summaryCountsErrorsAndWarnings() {
        let e = Diagnostic.error("e", at: nil)
        let w = Diagnostic.warning("w", at: nil)
        #expect(DiagnosticFormatter.summary([e]) == "1 error")
        #expect(DiagnosticFormatter.summary([e, e, w]) == "2 errors, 1 warning")
        #expect(DiagnosticFormatter.summary([w, w, w]) == "3 warnings")
        let s = Diagnostic.suggestion("s", at: nil)
        #expect(DiagnosticFormatter.summary([s, e, w, s]) == "1 error, 1 warning, 2 suggestions")
        #expect(DiagnosticFormatter.summary([s]) == "1 suggestion")
        #expect(DiagnosticFormatter.summary([]) == "")
    }

    @Test func descriptionIsTheCompilerLineAndNotes() {
        let diagnostic = Diagnostic.error("bad thing", at: at("a.md", 3, 4), notes: ["try this"])
        #expect(diagnostic.description == "a.md:3:4: error: bad thing\n  note: try this")
    }

    // MARK: JSON

    private func parse(_ line: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func jsonLineHasEveryField() throws {
        let diagnostic = Diagnostic.error(
            "unknown actor or topic 'Hegset'", at: at("articles/x.md", 12, 34), length: 10,
            notes: ["did you mean 'Hegseth' (pete-hegseth)?", "second"])
        let line = diagnostic.jsonLine
        #expect(!line.contains("\n"))
        let object = try parse(line)
        #expect(object["severity"] as? String == "error")
        #expect(object["file"] as? String == "articles/x.md")
        #expect(object["line"] as? Int == 12)
        #expect(object["column"] as? Int == 34)
        #expect(object["length"] as? Int == 10)
        #expect(object["message"] as? String == "unknown actor or topic 'Hegset'")
        #expect(object["notes"] as? [String] == ["did you mean 'Hegseth' (pete-hegseth)?", "second"])
    }

    @Test func jsonLineOfAWarningWithoutALocation() throws {
        let object = try parse(Diagnostic.warning("meh", at: nil).jsonLine)
        #expect(object["severity"] as? String == "warning")
        #expect(object["file"] == nil && object["line"] == nil && object["column"] == nil)
        #expect(object["notes"] as? [String] == [])
    }

    @Test(arguments: [
        #"a "quoted" word"#, #"back\slash \\ and \""#, "new\nline", "cr\r\nlf", "tab\there",
        "controls \u{0}\u{1}\u{7}\u{8}\u{C}\u{1B}\u{1F} end", "separators \u{2028} \u{2029}", "“curly” é 日本 👍🏽",
        "</script><script>alert(1)</script>", "\u{7F} delete",
    ])
    func jsonLineEscapesEverythingAndRoundTrips(_ text: String) throws {
        let diagnostic = Diagnostic.error(text, at: at("articles/\(text).md", 1, 1), notes: [text, "plain"])
        let line = diagnostic.jsonLine
        #expect(!line.contains("\n") && !line.contains("\r"), "raw line break in \(line)")
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 }, "raw control character in \(line)")
        let object = try parse(line)
        #expect(object["message"] as? String == text)
        #expect(object["file"] as? String == "articles/\(text).md")
        #expect(object["notes"] as? [String] == [text, "plain"])
    }

    @Test func reportsListErrorsThenWarningsThenSuggestionsEachByFileAndLine() {
        let found: [Diagnostic] = [
            .suggestion("s", at: at("articles/a.md", 1, 1)),
            .warning("w2", at: at("articles/b.md", 2, 1)),
            .error("e2", at: at("articles/b.md", 9, 1)),
            .warning("w1", at: at("actors/a.md", 1, 1)),
            .error("e1", at: at("articles/b.md", 3, 4)),
            .error("e0", at: nil),
        ]
        #expect(found.sortedForReport().map(\.message) == ["e0", "e1", "e2", "w1", "w2", "s"])
        #expect(BuildFailure(found).diagnostics == found.sortedForReport())
    }
}

@Suite("Diagnostic formatter: control characters")
struct DiagnosticFormatterControlCharacterTests {
    private func at(_ file: String, _ line: Int, _ column: Int) -> SitegenBase.SourceLocation {
        SitegenBase.SourceLocation(file: file, line: line, column: column)
    }

    @Test func controlCharactersAreEscapedEverywhereAndTheCaretFollows() {
        let line = "\u{1B}]0;title\u{07} and \u{9B}2J [[X]]"
        let column = line.unicodeScalars.count - 4
        var formatter = DiagnosticFormatter(useColor: false) { _ in line }
        let output = formatter.format(
            .error(
                "unknown 'X\u{1B}c'", at: at("a\u{1B}.md", 1, column), length: 5,
                notes: ["rename \u{202E}it\nor not"]))
        let lines = output.components(separatedBy: "\n")
        #expect(lines[0] == "a\\u{1B}.md:1:\(column): error: unknown 'X\\u{1B}c'")
        #expect(lines[1] == "    \\u{1B}]0;title\\u{7} and \\u{9B}2J [[X]]")
        let link = lines[1].distance(from: lines[1].startIndex, to: lines[1].range(of: "[[X]]")!.lowerBound)
        #expect(lines[2] == String(repeating: " ", count: link) + "^~~~~")
        #expect(lines[3...] == ["  note: rename \\u{202E}it", "or not"])
        #expect(!output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func plainTextIsLeftAsItIs() {
        #expect(TerminalText.visible("Café “quoted”\tand\nmore") == "Café “quoted”\tand\nmore")
        #expect(TerminalText.visible("a\nb\r", keepLayout: false) == "a\\u{A}b\\u{D}")
    }
}
