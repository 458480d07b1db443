import Foundation
import Testing

@testable import SitegenParse

// Tests for the parser's fast text helpers, each against the slow,
// obviously right form it stands in for.

@Suite("Parser text helpers")
struct ScalarTextTests {
    /// Text with ASCII, two-, three- and four-byte scalars and a CRLF.
    static let samples = ["", "a", "plain words", "é“quote”€😀x", "a\r\nb", "naïve café 🇪🇺 done", "\u{200B} \t x"]

    @Test func stringFromScalarsMatchesTheScalarView() {
        for sample in Self.samples {
            #expect(String(scalars: Array(sample.unicodeScalars)) == sample)
            #expect([Unicode.Scalar](scalarsOf: sample) == Array(sample.unicodeScalars))
        }
    }

    @Test func trimmingMatchesFoundationsWhitespaceSet() {
        for sample in ["  x  ", "\t\u{00A0}x y\u{3000}", "\u{200B}x\u{200B}", "\u{180E}x", "   ", "x\n"] {
            #expect(sample.trimmingWhitespace == sample.trimmingCharacters(in: .whitespaces))
        }
    }

    @Test func collapsingWhitespaceMatchesSplitAndJoin() {
        for sample in ["  a \t b\r\n c ", "a\u{0B}\u{0C}b", "one", "", " é  \u{00A0} x ", "\u{1C}a b"] {
            let expected = sample.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(sample.collapsingWhitespace == expected)
        }
    }

    @Test func alphabeticMatchesTheUnicodeProperty() {
        for value in UInt32(0)..<0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(scalar.isAlphabetic == scalar.properties.isAlphabetic, "U+\(String(value, radix: 16))")
        }
    }

    /// Each bracket or brace at each offset of a 20-byte text, and bytes
    /// one away from them, which must not count.
    @Test func bracketScanFindsEveryOffset() {
        for length in 0...20 {
            #expect(!LeftoverMarkup.holdsBracketOrBrace(String(repeating: "\\", count: length)))
            #expect(!LeftoverMarkup.holdsBracketOrBrace(String(repeating: "z|^_Z", count: length)))
            for offset in 0..<length {
                for mark in ["[", "]", "{"] {
                    var text = Array(repeating: "a", count: length)
                    text[offset] = mark
                    #expect(LeftoverMarkup.holdsBracketOrBrace(text.joined()), "\(mark) at \(offset) of \(length)")
                }
            }
        }
        #expect(!LeftoverMarkup.holdsBracketOrBrace("ÛÝû “quoted” words…"))
    }
}
