import Foundation
import SitegenTestSupport
import Testing

/// Issue 12 through the real `sitegen` binary: every broken annotation, in
/// an article, an actor's body and a topic's body, stops `build` (exit 1,
/// nothing written) and fails `check`, with file:line:column, the line, a
/// caret under the broken part and the fix.
@Suite("Broken annotations through the sitegen binary")
struct BrokenAnnotationTests {
    /// Where a broken paragraph goes: a content file and that file's text.
    enum Place: String, CaseIterable, Sendable {
        case article, actor, topic

        var path: String {
            switch self {
            case .article: return "articles/broken.md"
            case .actor: return "actors/vladimir-putin.md"
            case .topic: return "topics/nato-future.md"
            }
        }

        func file(body: String) -> String {
            switch self {
            case .article: return TestContent.article(body: body)
            case .actor: return TestContent.actor(name: "Vladimir Putin", aliases: ["Putin"], body: body)
            case .topic: return TestContent.topic(title: "The future of NATO", body: body)
            }
        }
    }

    static let arguments = BrokenAnnotations.cases.flatMap { broken in Place.allCases.map { (broken, $0) } }

    @Test(arguments: arguments)
    func buildStopsAtTheBrokenPart(_ broken: BrokenAnnotations.Case, in place: Place) throws {
        let text = place.file(body: "Intro line about [[Hegseth]].\n\n" + broken.markdown + "\n")
        try TestContent.withContentFolder(RealBuild.content([place.path: text])) { content in
            let output = content.deletingLastPathComponent().appendingPathComponent("public")
            let result = try SitegenBinary.run(
                [
                    "build", "--content", content.path, "--output", output.path, "--templates",
                    TestContent.seedTemplates.path,
                ])
            #expect(result.status == 1, "stderr: \(result.err)")
            #expect(!FileManager.default.fileExists(atPath: output.path), "a failed build wrote output")
            try expectReport(result.err, of: broken, in: text, file: place.path)
            if place == .article {
                let check = try SitegenBinary.run(
                    ["check", "--content", content.path, "--templates", TestContent.seedTemplates.path])
                #expect(check.status == 1, "check passed: \(check.out)\(check.err)")
                try expectReport(check.err, of: broken, in: text, file: place.path)
            }
        }
    }

    /// One error, as the formatter prints it: location and message, the
    /// line, the caret line and the note with the fix.
    private func expectReport(
        _ stderr: String, of broken: BrokenAnnotations.Case, in text: String, file: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let paragraph = try #require(TestContent.position(of: broken.firstLine, in: text))
        let position = try #require(TestContent.position(of: broken.at, in: broken.markdown))
        let line = paragraph.line + position.line - 1
        let column = position.column + broken.shift
        #expect(
            stderr.contains("\(file):\(line):\(column): error: \(broken.message)"), "\(stderr)",
            sourceLocation: sourceLocation)
        #expect(TestContent.count(": error: ", in: stderr) == 1, "\(stderr)", sourceLocation: sourceLocation)
        // The caret runs under the broken part, to the end of its line at most.
        let shown = broken.firstLine
        let caretCount = min(broken.length, shown.unicodeScalars.count - column + 1)
        let caretLine =
            "    " + String(repeating: " ", count: column - 1) + "^" + String(repeating: "~", count: caretCount - 1)
        #expect(stderr.contains("\n    \(shown)\n\(caretLine)\n"), "\(stderr)", sourceLocation: sourceLocation)
        #expect(stderr.contains("note: "), "\(stderr)", sourceLocation: sourceLocation)
        #expect(stderr.contains(broken.fix), "\(stderr)", sourceLocation: sourceLocation)
    }
}
