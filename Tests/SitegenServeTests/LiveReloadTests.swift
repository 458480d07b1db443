import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenCore
@testable import SitegenServe

/// The script tag goes into responses only, before `</body>`; the error
/// event carries the diagnostics as one line of JSON.
@Suite("serve: live reload script, events and error report")
struct LiveReloadTests {
    @Test func theScriptTagGoesBeforeTheLastClosingBody() {
        let page = "<html><body><p>x</p><script>var s = '</body>';</script></body>\n</html>\n"
        let result = String(decoding: LiveReload.inject(into: Data(page.utf8), build: "run-3"), as: UTF8.self)
        #expect(
            result
                == "<html><body><p>x</p><script>var s = '</body>';</script>"
                + "<script src=\"/__sitegen/live.js\" data-sitegen-build=\"run-3\"></script></body>\n</html>\n")
    }

    @Test func closingBodyInAnyCaseAndPagesWithoutOne() {
        let upper = String(decoding: LiveReload.inject(into: Data("<BODY>x</BODY>".utf8), build: "b"), as: UTF8.self)
        #expect(upper == "<BODY>x" + LiveReload.scriptTag(build: "b") + "</BODY>")
        let bare = String(decoding: LiveReload.inject(into: Data("<p>x".utf8), build: "b"), as: UTF8.self)
        #expect(bare == "<p>x" + LiveReload.scriptTag(build: "b"))
        let empty = String(decoding: LiveReload.inject(into: Data(), build: "b"), as: UTF8.self)
        #expect(empty == LiveReload.scriptTag(build: "b"))
    }

    @Test func theBuildNameCannotBreakOutOfItsAttribute() {
        #expect(LiveReload.scriptTag(build: "a\"><script>x") == LiveReload.scriptTag(build: "ascriptx"))
    }

    /// `sitegen build` output never carries the script.
    @Test func buildOutputHasNoReloadScript() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let options = SiteBuilder.Options(
                content: TestContent.seedContent, templates: TestContent.seedTemplates, output: output)
            guard case .success = SiteBuilder(options: options).build() else {
                Issue.record("the seed site did not build")
                return
            }
            let enumerator = try #require(FileManager.default.enumerator(atPath: output.path))
            var pages = 0
            for case let path as String in enumerator {
                guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(path).path)
                else { continue }
                if path.hasSuffix(".html") { pages += 1 }
                #expect(!String(decoding: data, as: UTF8.self).contains("__sitegen"), "\(path)")
            }
            #expect(pages > 10)
        }
    }

    @Test func errorReportIsOneLineOfJSONWithSourceAndCaret() throws {
        let source = "---\ntitle: T\n---\nSaid [[<script>alert(1)</script>]] on\u{2028}Thursday.\n"
        let diagnostics = [
            Diagnostic.error(
                "unknown actor or topic '<script>'", at: SourceLocation(file: "articles/x.md", line: 4, column: 6),
                length: 10, notes: ["did you mean \"Hegseth\"?"]),
            Diagnostic.warning("no location", at: nil),
        ]
        let report = LiveReload.errorReport(diagnostics) { $0 == "articles/x.md" ? source : nil }
        #expect(!report.contains("\n") && !report.contains("\r") && !report.contains("\u{2028}"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        #expect(object["summary"] as? String == "1 error, 1 warning")
        let entries = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(entries.count == 2)
        #expect(entries[0]["file"] as? String == "articles/x.md")
        #expect(entries[0]["line"] as? Int == 4)
        #expect(entries[0]["column"] as? Int == 6)
        #expect(entries[0]["severity"] as? String == "error")
        let text = try #require(entries[0]["text"] as? String)
        #expect(text.hasPrefix("articles/x.md:4:6: error: unknown actor or topic '<script>'"))
        #expect(text.contains("Said [[<script>alert(1)</script>]]"))
        #expect(text.contains("     ^~~~~~~~~"))
        #expect(text.contains("note: did you mean \"Hegseth\"?"))
        #expect(entries[1]["file"] == nil)
    }

    @Test func manyDiagnosticsAreCounted() throws {
        let diagnostics = (1...(LiveReload.overlayLimit + 7)).map {
            Diagnostic.error("e\($0)", at: SourceLocation(file: "a.md", line: $0, column: 1))
        }
        let report = LiveReload.errorReport(diagnostics) { _ in nil }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        #expect((object["diagnostics"] as? [Any])?.count == LiveReload.overlayLimit)
        #expect(object["more"] as? Int == 7)
    }

    /// The overlay is built from text nodes only.
    @Test func theScriptNeverWritesMarkup() {
        #expect(!LiveReload.script.contains("innerHTML"))
        #expect(!LiveReload.script.contains("outerHTML"))
        #expect(!LiveReload.script.contains("insertAdjacentHTML"))
        #expect(!LiveReload.script.contains("document.write"))
        #expect(LiveReload.script.contains("textContent"))
    }
}

@Suite("serve: event hub")
struct EventHubTests {
    private func texts(_ events: [Data]) -> [String] {
        events.map { String(decoding: $0, as: UTF8.self) }
    }

    private let opening = String(decoding: LiveReload.streamOpening, as: UTF8.self)

    @Test func aPageFromAnOlderBuildIsToldToReloadAtOnce() {
        let hub = EventHub()
        hub.buildSucceeded()
        let current = hub.currentBuild
        let upToDate = hub.subscribe(pageBuild: current)
        let stale = hub.subscribe(pageBuild: "old-0")
        #expect(texts(upToDate.take().events) == [opening])
        #expect(texts(stale.take().events) == [opening, "event: reload\ndata: \(current)\n\n"])
        #expect(upToDate.take().events.isEmpty, "taken events are not given twice")
    }

    @Test func failuresReachOpenAndNewPagesUntilTheNextGoodBuild() {
        let hub = EventHub()
        hub.buildSucceeded()
        let open = hub.subscribe(pageBuild: hub.currentBuild)
        let build = hub.currentBuild
        hub.buildFailed(report: "{\"summary\":\"1 error\"}")
        #expect(hub.currentBuild == build, "a failed build serves no new pages")
        let late = hub.subscribe(pageBuild: build)
        hub.buildSucceeded()
        let error = "event: error\ndata: {\"summary\":\"1 error\"}\n\n"
        let reload = "event: reload\ndata: \(hub.currentBuild)\n\n"
        #expect(texts(open.take().events) == [opening, error, reload])
        #expect(texts(late.take().events) == [opening, error, reload])
    }

    /// Every event wakes the server; a page that reads nothing keeps only the newest.
    @Test func eventsWakeTheServerAndUnreadOnesAreBounded() {
        let wakes = Counter()
        let hub = EventHub(notify: { wakes.increment() })
        let page = hub.subscribe(pageBuild: nil)
        for _ in 0..<100 { hub.buildSucceeded() }
        #expect(wakes.value == 100)
        let events = page.take().events
        #expect(events.count == EventHub.Subscription.queueLimit)
        #expect(texts(events).last == "event: reload\ndata: \(hub.currentBuild)\n\n")
    }

    @Test func closingEndsEveryStreamAndCancelledOnesUnsubscribe() {
        let hub = EventHub()
        let gone = hub.subscribe(pageBuild: nil)
        #expect(hub.subscriberCount == 1)
        gone.cancel()
        #expect(hub.subscriberCount == 0)
        let kept = hub.subscribe(pageBuild: nil)
        hub.close()
        let (events, ended) = kept.take()
        #expect(texts(events) == [opening])
        #expect(ended)
        let afterClose = hub.subscribe(pageBuild: nil).take()
        #expect(afterClose.events.isEmpty && afterClose.ended, "a closed hub sends nothing")
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
