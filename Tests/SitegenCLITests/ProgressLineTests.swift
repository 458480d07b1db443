import Foundation
import Testing

@testable import SitegenBase
@testable import SitegenCLI

/// The progress line a long build shows on a terminal: one line rewritten
/// in place, at most ten times a second, and gone before the summary.
@Suite("Progress line")
struct ProgressLineTests {
    /// A clock the test moves, and what the line wrote.
    private final class Terminal: @unchecked Sendable {
        var time = 100.0
        var written: [String] = []
    }

    private func line(_ terminal: Terminal) -> ProgressLine {
        ProgressLine(now: { terminal.time }, write: { terminal.written.append($0) })
    }

    @Test func eachStageShowsAtOnceWithTheTimeSoFar() {
        let terminal = Terminal()
        let progress = line(terminal)
        terminal.time += 0.25
        progress.receive(.stage("parse"))
        terminal.time += 0.01
        progress.receive(.stage("resolve"))
        #expect(terminal.written == ["\r\u{1B}[Kparse · 0.2 s", "\r\u{1B}[Kresolve · 0.3 s"])
    }

    @Test func pagesShowAtMostTenTimesASecondAndTheLastAlways() {
        let terminal = Terminal()
        let progress = line(terminal)
        progress.receive(.pages(done: 0, total: 12_345))
        terminal.time += 0.05
        progress.receive(.pages(done: 1, total: 12_345))  // too soon
        terminal.time += 0.06
        progress.receive(.pages(done: 1_000, total: 12_345))
        terminal.time += 0.01
        progress.receive(.pages(done: 12_345, total: 12_345))  // the last, however soon
        #expect(
            terminal.written == [
                "\r\u{1B}[Krender 0/12,345 pages · 0.0 s",
                "\r\u{1B}[Krender 1,000/12,345 pages · 0.1 s",
                "\r\u{1B}[Krender 12,345/12,345 pages · 0.1 s",
            ])
    }

    @Test func finishingClearsTheLineOnlyWhenSomethingWasShown() {
        let terminal = Terminal()
        let progress = line(terminal)
        progress.finish()
        #expect(terminal.written.isEmpty)
        progress.receive(.stage("write"))
        progress.finish()
        #expect(terminal.written.last == "\r\u{1B}[K")
    }

    /// The events a build sends reach the line through `progress`.
    @Test func theBuildsProgressFeedsTheLine() {
        let terminal = Terminal()
        let line = line(terminal)
        let progress = line.progress
        progress.stage("plan")
        progress.pages(2)
        terminal.time += 1
        progress.pageDone()
        progress.pageDone()
        // "0/2" came too soon after "plan"; the next pages a second later.
        #expect(terminal.written.count == 3)
        #expect(terminal.written.last == "\r\u{1B}[Krender 2/2 pages · 1.0 s")
    }

    @Test(arguments: [(0, "0"), (999, "999"), (1_000, "1,000"), (111_263, "111,263"), (1_234_567, "1,234,567")])
    func countsAreGroupedByThousands(number: Int, text: String) {
        #expect(ProgressLine.grouped(number) == text)
    }
}
