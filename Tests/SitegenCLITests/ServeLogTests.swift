import Foundation
import Testing

@testable import SitegenBase
@testable import SitegenCLI
@testable import SitegenCore
@testable import SitegenServe
@testable import SitegenWrite

@Suite("serve's log")
struct ServeLogTests {
    let log = ServeLog(
        sources: DiagnosticSources(content: URL(fileURLWithPath: "/nonexistent-sitegen-content"), templates: nil),
        output: "public", useColor: false)
    let noon = Date(timeIntervalSince1970: 12 * 3600)

    func built(warnings: [Diagnostic] = [], trigger: String = "first build") -> LiveServer.Event {
        var written = OutputWriter.Summary()
        written.written = 2
        return .built(
            SiteBuilder.Report(
                pageCounts: [:], pages: 59, files: 0, written: written, warnings: warnings, stageTimes: []),
            trigger: trigger, seconds: 0.0314)
    }

    func clock(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: date)
    }

    @Test func onlyOtherMachinesGetANote() {
        #expect(ServeLog.start(content: "Content", url: "http://127.0.0.1:8080/", host: "127.0.0.1").count == 1)
        let open = ServeLog.start(content: "Content", url: "http://0.0.0.0:8080/", host: "0.0.0.0")
        #expect(open.count == 2)
        #expect(open[1].contains("other machines on the network can read the site"))
    }

    @Test func aBuildIsOneTimedLine() {
        let entries = log.entries(for: built(), at: noon)
        #expect(entries == [.init(text: "[\(clock(noon))] Built 59 pages into public/ in 31 ms\n", isProblem: false)])
        let again = log.entries(for: built(trigger: "articles/a.md"), at: noon)
        #expect(
            again.map(\.text) == ["[\(clock(noon))] Rebuilt after articles/a.md: 2 files written, 0 removed in 31 ms\n"]
        )
    }

    /// Warnings are about the whole site: shown when they change, not on every save.
    @Test func warningsAreShownOnceUntilTheyChange() {
        let warning = Diagnostic.warning("unused actor", at: SourceLocation(file: "actors/x.md", line: 1, column: 1))
        #expect(log.entries(for: built(warnings: [warning]), at: noon).filter(\.isProblem).count == 1)
        #expect(log.entries(for: built(warnings: [warning]), at: noon).filter(\.isProblem).isEmpty)
        #expect(log.entries(for: built(warnings: []), at: noon).filter(\.isProblem).isEmpty)
        #expect(log.entries(for: built(warnings: [warning]), at: noon).filter(\.isProblem).count == 1)
    }

    @Test func aFailedSaveKeepsTheLastGoodBuild() {
        let failure = BuildFailure([.error("bad", at: SourceLocation(file: "a.md", line: 1, column: 1))])
        let entries = log.entries(for: .failed(failure, trigger: "a.md", seconds: 0.002), at: noon)
        #expect(entries.allSatisfy { $0.isProblem })
        #expect(
            entries.last?.text
                == "[\(clock(noon))] Build failed after a.md in 2 ms: 1 error; still serving the last good build\n")
        let first = log.entries(for: .failed(failure, trigger: "first build", seconds: 0.002), at: noon)
        #expect(first.last?.text == "[\(clock(noon))] The first build failed in 2 ms: 1 error\n")
    }

    /// A file name from the content folder cannot move the cursor or recolour the terminal.
    @Test func controlCharactersInNamesAreShownEscaped() {
        let entries = log.entries(for: built(trigger: "a\u{1B}[2Jb.md"), at: noon)
        #expect(!entries[0].text.contains("\u{1B}"))
    }
}
