import Foundation
import SitegenCore
import Testing

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
        try ServeTestSupport.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let options = SiteBuilder.Options(
                content: ServeTestSupport.seedContent, templates: ServeTestSupport.seedTemplates, output: output)
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
    private func firstEvents(_ stream: AsyncStream<Data>, count: Int) async -> [String] {
        var result: [String] = []
        for await chunk in stream {
            result.append(String(decoding: chunk, as: UTF8.self))
            if result.count == count { break }
        }
        return result
    }

    @Test func aPageFromAnOlderBuildIsToldToReloadAtOnce() async {
        let hub = EventHub()
        hub.buildSucceeded()
        let current = hub.currentBuild
        let (upToDate, first) = hub.subscribe(pageBuild: current)
        let (stale, second) = hub.subscribe(pageBuild: "old-0")
        hub.sendHeartbeat()
        #expect(
            await firstEvents(upToDate, count: 2) == [
                String(decoding: LiveReload.streamOpening, as: UTF8.self), ": keep-alive\n\n",
            ])
        #expect(
            await firstEvents(stale, count: 2) == [
                String(decoding: LiveReload.streamOpening, as: UTF8.self), "event: reload\ndata: \(current)\n\n",
            ])
        withExtendedLifetime((first, second)) {}
    }

    @Test func failuresReachOpenAndNewPagesUntilTheNextGoodBuild() async {
        let hub = EventHub()
        hub.buildSucceeded()
        let (open, first) = hub.subscribe(pageBuild: hub.currentBuild)
        let build = hub.currentBuild
        hub.buildFailed(report: "{\"summary\":\"1 error\"}")
        #expect(hub.currentBuild == build, "a failed build serves no new pages")
        let (late, second) = hub.subscribe(pageBuild: build)
        hub.buildSucceeded()
        let error = "event: error\ndata: {\"summary\":\"1 error\"}\n\n"
        let reload = "event: reload\ndata: \(hub.currentBuild)\n\n"
        let opening = String(decoding: LiveReload.streamOpening, as: UTF8.self)
        #expect(await firstEvents(open, count: 3) == [opening, error, reload])
        #expect(await firstEvents(late, count: 3) == [opening, error, reload])
        withExtendedLifetime((first, second)) {}
    }

    @Test func closingEndsEveryStreamAndDroppedBodiesUnsubscribe() async {
        let hub = EventHub()
        // The response body holds the subscription: when the connection ends
        // and the body goes, so does the stream.
        var subscription: EventHub.Subscription?
        let dropped: AsyncStream<Data> = {
            let (stream, held) = hub.subscribe(pageBuild: nil)
            subscription = held
            return stream
        }()
        #expect(hub.subscriberCount == 1)
        subscription = nil
        #expect(hub.subscriberCount == 0)
        withExtendedLifetime((dropped, subscription)) {}
        let (stream, kept) = hub.subscribe(pageBuild: nil)
        hub.close()
        var chunks = 0
        for await _ in stream { chunks += 1 }
        #expect(chunks == 1)  // the opening, then the end
        let (afterClose, _) = hub.subscribe(pageBuild: nil)
        for await _ in afterClose { Issue.record("a closed hub sends nothing") }
        withExtendedLifetime(kept) {}
    }
}
