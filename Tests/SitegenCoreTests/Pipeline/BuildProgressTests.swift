import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenCore

/// A build tells its progress as it goes: each stage as it starts, and
/// every page rendered, up to the number the report counts.
@Suite("Build progress")
struct BuildProgressTests {
    private final class Events: @unchecked Sendable {
        let lock = NSLock()
        var all: [BuildProgress.Event] = []
        func add(_ event: BuildProgress.Event) { lock.withLock { all.append(event) } }
    }

    @Test func aBuildReportsEveryStageInOrderAndEveryPage() throws {
        try TestContent.withTemporaryDirectory { root in
            let events = Events()
            var options = SiteBuilder.Options(
                content: TestContent.seedContent, templates: TestContent.seedTemplates,
                output: root.appendingPathComponent("public"))
            options.progress = BuildProgress { events.add($0) }
            let report = try BuildSession(options: options).buildReusingSavedState().get().report

            var stages: [String] = []
            for case .stage(let name) in events.all { stages.append(name) }
            #expect(stages == ["state", "load", "parse", "resolve", "link", "plan", "write", "save"])
            let pages = events.all.compactMap { event -> (done: Int, total: Int)? in
                if case .pages(let done, let total) = event { return (done, total) }
                return nil
            }
            let rendered = report.pages
            #expect(pages.count == rendered + 1, "one event as rendering starts, then one per page")
            #expect(pages.allSatisfy { $0.total == rendered })
            #expect(pages.map(\.done).sorted() == Array(0...rendered))
            // Pages come after planning and before writing.
            let firstPage = try #require(events.all.firstIndex { if case .pages = $0 { true } else { false } })
            let plan = try #require(events.all.firstIndex(of: .stage("plan")))
            let write = try #require(events.all.firstIndex(of: .stage("write")))
            #expect(plan < firstPage && firstPage < write)
        }
    }
}
