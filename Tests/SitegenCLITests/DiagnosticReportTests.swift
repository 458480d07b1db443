import Foundation
import Testing

@testable import SitegenBase
@testable import SitegenCLI
@testable import SitegenCore

@Suite("Diagnostic report")
struct DiagnosticReportTests {
    let sources = DiagnosticSources(
        content: URL(fileURLWithPath: "/nonexistent-sitegen-content"), templates: nil,
        documents: ["a.md": "one\nHello [[Nobody]]\n"])

    @Test func textShowsTheLineACaretAndACount() {
        let diagnostic = Diagnostic.error(
            "unknown actor 'Nobody'", at: SourceLocation(file: "a.md", line: 2, column: 7), length: 10)
        let text = DiagnosticReport.text([diagnostic], sources: sources, useColor: false)
        #expect(text.hasPrefix("a.md:2:7: error: unknown actor 'Nobody'"))
        #expect(text.contains("Hello [[Nobody]]"))
        #expect(text.contains("^~~~~~~~~"))
        #expect(text.hasSuffix("\n\n1 error\n"))
    }

    @Test func nothingToReportIsEmpty() {
        #expect(DiagnosticReport.text([], sources: sources, useColor: false).isEmpty)
        #expect(DiagnosticReport.json([]).isEmpty)
    }

    @Test func textStopsAtTheLimitAndSaysHowManyMore() {
        let many = (1...(DiagnosticReport.textLimit + 5)).map {
            Diagnostic.warning("w\($0)", at: SourceLocation(file: "a.md", line: 1, column: 1))
        }
        let text = DiagnosticReport.text(many, sources: sources, useColor: false)
        #expect(text.contains("… and 5 more (all of them with --format json)"))
        #expect(text.contains(": warning: w\(DiagnosticReport.textLimit)\n"))
        #expect(!text.contains(": warning: w\(DiagnosticReport.textLimit + 1)\n"))
    }

    @Test func jsonIsOneObjectALine() throws {
        let diagnostics = [
            Diagnostic.error("e", at: SourceLocation(file: "a.md", line: 1, column: 1)),
            Diagnostic.warning("w", at: nil),
        ]
        let lines = DiagnosticReport.json(diagnostics).split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
        }
    }
}
