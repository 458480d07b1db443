import Foundation
import Synchronization
import Testing

@testable import SitegenCLI
@testable import SitegenCore
@testable import SitegenWrite

@Suite("Build summary")
struct BuildSummaryTests {
    func report(_ counts: [String: Int], written: OutputWriter.Summary = .init()) -> SiteBuilder.Report {
        SiteBuilder.Report(
            pageCounts: counts, pages: counts.values.reduce(0, +), files: 0, written: written, warnings: [],
            stageTimes: [("load", 0.0123), ("render", 1.5)])
    }

    @Test func pageKindsAreCountedInWordsInAFixedOrder() {
        let summary = BuildSummary(
            report: report([
                "quote": 15, "article": 1, "actor": 19, "index": 4, "archive": 1, "404": 1, "search": 1, "home": 1,
            ]), mode: nil, output: "public", seconds: 0.2844)
        #expect(
            summary.headline
                == "Built 43 pages (1 article, 19 actors, 15 quotes, 1 archive page, 4 indexes, 1 home, a search page, a 404 page) into public/ in 284 ms"
        )
    }

    @Test func oneIndexAndManyArchivePages() {
        let summary = BuildSummary(report: report(["index": 1, "archive": 3]), mode: nil, output: "out", seconds: 1)
        #expect(summary.headline.contains("(3 archive pages, 1 index)"))
    }

    @Test func aRebuildSaysWhatItChanged() {
        var written = OutputWriter.Summary()
        written.written = 3
        written.unchanged = 50
        let summary = BuildSummary(report: report(["article": 2], written: written), mode: nil, output: "o", seconds: 0)
        #expect(summary.headline.hasSuffix("in 0 ms; 3 files written, 50 unchanged, 0 removed"))
        let fresh = BuildSummary(report: report(["article": 2]), mode: nil, output: "o", seconds: 0)
        #expect(fresh.headline.hasSuffix("in 0 ms"))
    }

    @Test func statsSayHowItBuiltAndTimeEachStage() {
        let saved = BuildSummary(report: report([:]), mode: .incremental(changedFiles: 1), output: "o", seconds: 0)
        #expect(
            saved.statsLines == [
                "  from the saved state: 1 changed file", "  load         12.3 ms", "  render     1500.0 ms",
            ])
        let clean = BuildSummary(report: report([:]), mode: .clean(reason: "no saved state"), output: "o", seconds: 0)
        #expect(clean.statsLines.first == "  from scratch: no saved state")
    }

    @Test func statsSayHowManyCoresAStageKeptBusy() {
        var busy = report([:])
        busy.stageTimes = [
            ("render", StageTime(seconds: 2, processorSeconds: 3.8)),
            ("plan", StageTime(seconds: 0.005, processorSeconds: 0.005)),
        ]
        let summary = BuildSummary(report: busy, mode: nil, output: "o", seconds: 0)
        // Too short a stage says nothing of cores: its ratio is noise.
        #expect(summary.statsLines == ["  render     2000.0 ms  1.9 cores", "  plan          5.0 ms"])
    }

    @Test func statsSayTheLargestMemoryHeldByTheEndOfEachStage() {
        var held = report([:])
        held.stageTimes = [
            ("parse", StageTime(seconds: 2, processorSeconds: 3.8, peakBytes: 600 << 20)),
            ("plan", StageTime(seconds: 0.005, processorSeconds: 0.005, peakBytes: (1200 << 20) + 1)),
        ]
        let summary = BuildSummary(report: held, mode: nil, output: "o", seconds: 0)
        // The column stays put where a short stage says nothing of cores.
        #expect(
            summary.statsLines == [
                "  parse      2000.0 ms  1.9 cores  peak 600 MiB", "  plan          5.0 ms             peak 1200 MiB",
            ])
    }

    @Test func aClockLapSaysThePeakResidentSizeSoFar() throws {
        // What is resident now, in pages (statm), read on both sides of
        // the lap: the peak so far is at least the first, and at least
        // what an earlier lap said.
        func residentBytes() throws -> Int {
            let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
            let pages = try #require(Int(statm.split(separator: " ")[1]))
            return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        }
        var clock = Clock()
        let resident = try residentBytes()
        let first = clock.lap().peakBytes
        let second = clock.lap().peakBytes
        #expect(resident > 0)
        #expect(first >= resident)
        #expect(second >= first)
        // A peak is a few times what is resident, not a thousand.
        #expect(first < resident * 64)
    }

    @Test func aClockLapCountsTheProcessorTimeOfEveryThread() {
        @Sendable func threadSeconds() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let spent = Mutex<Double>(0)
        var clock = Clock()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let start = threadSeconds()
            var spin = 0.0
            while threadSeconds() - start < 0.04 { spin += 1 }
            let own = threadSeconds() - start
            spent.withLock { $0 += own }
            #expect(spin > 0)
        }
        let lap = clock.lap()
        // Both threads' time, which a wall clock alone would not show.
        #expect(lap.processorSeconds >= spent.withLock { $0 } * 0.95)
        #expect(lap.processorSeconds >= 0.076)
    }
}
