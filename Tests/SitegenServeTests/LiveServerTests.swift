import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore
@testable import SitegenPlan
@testable import SitegenServe
@testable import SitegenWrite

/// `sitegen serve` end to end: a real server on a free port of 127.0.0.1,
/// real HTTP, real files edited the ways editors edit them. Nothing is
/// timed; waits have generous limits only so a failure cannot hang.
@Suite("serve: the live server over HTTP", .serialized)
struct LiveServerTests {
    struct Site: Sendable {
        var root: URL
        var port: UInt16
        var articleFile: String
        var content: URL { root.appendingPathComponent("Content") }
        var output: URL { root.appendingPathComponent("public") }
        var articleURL: URL { content.appendingPathComponent(articleFile) }
        var articlePage: String {
            "/articles/" + (articleFile as NSString).lastPathComponent.replacingOccurrences(of: ".md", with: ".html")
        }

        func get(_ path: String, method: String = "GET", host: String? = nil) async throws -> HTTPReply {
            let port = port
            return try await ServeTestSupport.offPool {
                try TestConnection.request(port: port, path, method: method, host: host)
            }
        }

        func events(build: String) async throws -> EventStreamReader {
            let port = port
            return try await ServeTestSupport.offPool { try EventStreamReader(port: port, build: build) }
        }
    }

    /// The seed site copied into a temporary folder, served on a free port.
    private func withServer(
        port: UInt16 = 0, idleTimeout: TimeInterval = 15, _ body: (Site, LiveServer) async throws -> Void
    ) async throws {
        try await TestContent.withTemporaryDirectory { root in
            try FileManager.default.copyItem(
                at: TestContent.seedContent, to: root.appendingPathComponent("Content"))
            let articles = try FileManager.default.contentsOfDirectory(
                atPath: root.appendingPathComponent("Content/articles").path)
            let options = SiteBuilder.Options(
                content: root.appendingPathComponent("Content"), templates: TestContent.seedTemplates,
                output: root.appendingPathComponent("public"))
            let server = LiveServer(configuration: .init(site: options, port: port, idleTimeout: idleTimeout))
            let started = try await server.start()
            do {
                guard case .success = started.firstBuild else {
                    throw TestContent.Failure("the first build failed")
                }
                #expect(started.url.absoluteString == "http://127.0.0.1:\(started.port)/")
                let site = Site(
                    root: root, port: started.port, articleFile: "articles/" + (try #require(articles.first)))
                try await body(site, server)
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        }
    }

    private static func buildName(in page: String) throws -> String {
        let marker = "data-sitegen-build=\""
        let start = try #require(page.range(of: marker)).upperBound
        return String(page[start...].prefix { $0 != "\"" })
    }

    private static func append(_ paragraph: String, to text: String) -> String {
        text.trimmingCharacters(in: .newlines) + "\n\n" + paragraph + "\n"
    }

    /// The issue's test: fetch, edit (through a temporary file, and in
    /// place), see the change and the reload event; break the article, see
    /// the error event with file:line:col while the last good page is still
    /// served; fix it, see the reload.
    @Test func editBreakAndFixWhileTheBrowserWatches() async throws {
        try await withServer { site, server in
            let original = try String(contentsOf: site.articleURL, encoding: .utf8)
            let first = try await site.get(site.articlePage)
            #expect(first.status == 200)
            let stream = try await site.events(build: try Self.buildName(in: first.text))
            #expect(stream.status == 200)
            #expect(stream.headers["content-type"] == "text/event-stream; charset=utf-8")

            // 1. Saved as editors with "safe write" do: a temporary file renamed over the article.
            let edited = Self.append("Marker one: saved through a temporary file.", to: original)
            let temporary = site.content.appendingPathComponent(site.articleFile + ".tmp")
            try Data(edited.utf8).write(to: temporary)
            #expect(rename(temporary.path, site.articleURL.path) == 0)
            let reload = try await ServeTestSupport.offPool { try stream.next() }
            #expect(reload?.name == "reload")
            #expect(reload?.data == server.currentBuild)
            let afterRename = try await site.get(site.articlePage)
            #expect(afterRename.text.contains("Marker one: saved through a temporary file."))
            #expect(try Self.buildName(in: afterRename.text) == server.currentBuild)

            // 2. Truncated, then written in two parts, in place.
            let rewritten = Self.append("Marker two: written in place.", to: edited)
            let handle = try FileHandle(forWritingTo: site.articleURL)
            try handle.truncate(atOffset: 0)
            let middle = rewritten.utf8.count / 2
            try handle.write(contentsOf: Data(rewritten.utf8.prefix(middle)))
            try handle.synchronize()
            try handle.write(contentsOf: Data(rewritten.utf8.dropFirst(middle)))
            try handle.close()
            #expect(try await ServeTestSupport.offPool { try stream.next() }?.name == "reload")
            let inPlace = try await site.get(site.articlePage)
            #expect(inPlace.text.contains("Marker two: written in place."))

            // 3. A mistake: an entity nobody knows.
            let broken = Self.append("Broken [[Nobody Anyone Knows]] here.", to: rewritten)
            try Data(broken.utf8).write(to: site.articleURL)
            let failure = try #require(try await ServeTestSupport.offPool { try stream.next() })
            #expect(failure.name == "error")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(failure.data.utf8)) as? [String: Any])
            let diagnostic = try #require((report["diagnostics"] as? [[String: Any]])?.first)
            let brokenLine = broken.components(separatedBy: "\n").firstIndex { $0.hasPrefix("Broken [[") }.map {
                $0 + 1
            }
            #expect(diagnostic["file"] as? String == site.articleFile)
            #expect(diagnostic["line"] as? Int == brokenLine)
            #expect(diagnostic["column"] as? Int == 8)
            let text = try #require(diagnostic["text"] as? String)
            #expect(text.hasPrefix("\(site.articleFile):\(brokenLine ?? 0):8: error:"))
            #expect(text.contains("Broken [[Nobody Anyone Knows]] here."))
            #expect(text.contains("^"))
            // The last good page is still served, and a page that opens now is told at once.
            let stillGood = try await site.get(site.articlePage)
            #expect(stillGood.status == 200)
            #expect(stillGood.text.contains("Marker two: written in place."))
            #expect(!stillGood.text.contains("Nobody Anyone Knows"))
            let late = try await site.events(build: try Self.buildName(in: stillGood.text))
            #expect(try await ServeTestSupport.offPool { try late.next() }?.name == "error")

            // 4. The fix: both pages reload, and the page has it.
            let fixed = Self.append("Fixed: [[Pete Hegseth]] is known.", to: rewritten)
            try Data(fixed.utf8).write(to: site.articleURL)
            #expect(try await ServeTestSupport.offPool { try stream.next() }?.name == "reload")
            #expect(try await ServeTestSupport.offPool { try late.next() }?.name == "reload")
            let good = try await site.get(site.articlePage)
            #expect(good.text.contains("Fixed: <a"))
            #expect(!good.text.contains("Nobody Anyone Knows"))

            // Stopping ends the event streams.
            await server.stop()
            #expect(try await ServeTestSupport.offPool { try stream.next() } == nil)
        }
    }

    /// One connection carries requests in turn, sent one after the other
    /// without waiting (pipelined), until one says `Connection: close`.
    @Test func aConnectionCarriesRequestsInTurn() async throws {
        try await withServer { site, _ in
            let port = site.port
            let (replies, rest) = try await ServeTestSupport.offPool {
                let connection = try TestConnection(port: port)
                let host = "Host: 127.0.0.1:\(port)\r\n"
                try connection.send(
                    "GET /robots.txt HTTP/1.1\r\n\(host)\r\nHEAD / HTTP/1.1\r\n\(host)\r\n"
                        + "GET /robots.txt HTTP/1.1\r\n\(host)Connection: close\r\n\r\n")
                var replies: [HTTPReply] = []
                for method in ["GET", "HEAD", "GET"] {
                    let (status, headers) = try connection.readHead()
                    let length = Int(headers["content-length"] ?? "") ?? -1
                    let body = method == "HEAD" ? Data() : try connection.readBytes(length)
                    replies.append(HTTPReply(status: status, headers: headers, body: body))
                }
                return (replies, try connection.readToEnd())
            }
            let robots = FileManager.default.contents(atPath: site.output.appendingPathComponent("robots.txt").path)
            #expect(replies.map(\.status) == [200, 200, 200])
            #expect(replies[0].body == robots && replies[2].body == robots)
            #expect(replies[0].headers["connection"] == nil)
            #expect(replies[1].headers["content-type"] == "text/html; charset=utf-8")
            #expect(Int(replies[1].headers["content-length"] ?? "") ?? 0 > 0)
            #expect(replies[2].headers["connection"] == "close")
            #expect(rest.isEmpty, "closed after the last")
        }
    }

    /// A connection that sends no complete request in time is closed:
    /// one that sent nothing, one that sent part of a head, one that is
    /// idle after a response. An event stream is not.
    @Test func idleConnectionsAreClosed() async throws {
        try await withServer(idleTimeout: 0.5) { site, server in
            let stream = try await site.events(build: server.currentBuild)
            let port = site.port
            let (status, leftovers) = try await ServeTestSupport.offPool {
                let silent = try TestConnection(port: port)
                let partial = try TestConnection(port: port)
                try partial.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n")
                let served = try TestConnection(port: port)
                try served.send("GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
                let (status, headers) = try served.readHead()
                _ = try served.readBytes(Int(headers["content-length"] ?? "") ?? 0)
                return (status, try [silent, partial, served].map { try $0.readToEnd() })
            }
            #expect(status == 200)
            #expect(leftovers == [Data(), Data(), Data()])
            server.hub.buildSucceeded()
            #expect(try await ServeTestSupport.offPool { try stream.next() }?.name == "reload")
        }
    }

    /// The server runs on a thread of its own, so it answers while every
    /// thread of Swift's cooperative pool is blocked, as synchronous tests
    /// running beside it block them. (On that pool, it left
    /// `editBreakAndFixWhileTheBrowserWatches` without an answer for 30 s
    /// in a full run on two cores.)
    @Test func answersWhileSwiftConcurrencyIsBlocked() async throws {
        try await withServer { site, _ in
            let port = site.port
            let width = ProcessInfo.processInfo.activeProcessorCount
            let started = DispatchSemaphore(value: 0)
            let answered = DispatchSemaphore(value: 0)
            let reply = ReplyBox()
            Thread {
                // All of them, unless other tests hold some threads for over 10 s.
                let deadline = DispatchTime.now() + 10
                for _ in 0..<width { _ = started.wait(timeout: deadline) }
                reply.result = Result { try TestConnection.request(port: port, "/", timeout: 10) }
                for _ in 0..<width { answered.signal() }
            }.start()
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<width {
                    group.addTask { Self.block(started: started, until: answered) }
                }
            }
            let status = try reply.result?.get().status
            #expect(status == 200)
        }
    }

    private static func block(started: DispatchSemaphore, until released: DispatchSemaphore) {
        started.signal()
        released.wait()
    }

    private final class ReplyBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Result<HTTPReply, any Error>?
        var result: Result<HTTPReply, any Error>? {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }

    /// The output folder is what `sitegen build` writes, byte for byte: the
    /// script is only in responses.
    @Test func theOutputIsExactlyABuild() async throws {
        try await withServer { site, _ in
            let page = try await site.get("/")
            #expect(page.text.contains("<script src=\"/__sitegen/live.js\""))
            let clean = site.root.appendingPathComponent("clean")
            let options = SiteBuilder.Options(
                content: site.content, templates: TestContent.seedTemplates, output: clean)
            guard case .success = SiteBuilder(options: options).build() else {
                Issue.record("clean build failed")
                return
            }
            let files = try FileManager.default.subpathsOfDirectory(atPath: clean.path).sorted()
            #expect(try FileManager.default.subpathsOfDirectory(atPath: site.output.path).sorted() == files)
            for file in files {
                // The manifest also records when and where each file was
                // written, which differs between the two folders.
                if file == OutputLocation.manifestName {
                    let manifests = [site.output, clean].map {
                        OutputManifest(contentsOf: $0.appendingPathComponent(file))?.entries
                    }
                    #expect(manifests[0] != nil && manifests[0] == manifests[1])
                    continue
                }
                let served = FileManager.default.contents(atPath: site.output.appendingPathComponent(file).path)
                #expect(
                    served == FileManager.default.contents(atPath: clean.appendingPathComponent(file).path), "\(file)")
            }
        }
    }

    @Test func onlyTheSiteIsServedWithItsTypes() async throws {
        try await withServer { site, _ in
            // Pages, with their types; HTML gets the script, other files are sent as they are.
            let home = try await site.get("/")
            #expect(home.status == 200)
            #expect(home.headers["content-type"] == "text/html; charset=utf-8")
            #expect(home.headers["cache-control"] == "no-store")
            let styles = try FileManager.default.contentsOfDirectory(
                atPath: site.output.appendingPathComponent("static").path)
            let css = try #require(styles.first { $0.hasSuffix(".css") })
            let style = try await site.get("/static/\(css)")
            #expect(style.headers["content-type"] == "text/css; charset=utf-8")
            #expect(
                style.body
                    == FileManager.default.contents(atPath: site.output.appendingPathComponent("static/\(css)").path))
            #expect(try await site.get("/data/graph.json").headers["content-type"] == "application/json")
            #expect(try await site.get("/robots.txt").headers["content-type"] == "text/plain; charset=utf-8")
            let script = try await site.get("/__sitegen/live.js")
            #expect(script.status == 200)
            #expect(script.headers["content-type"] == "text/javascript; charset=utf-8")
            #expect(script.text.contains("EventSource"))

            // Folders: redirected to their slash when they have an index, never listed.
            #expect(try await site.get("/static/").status == 404)
            #expect(try await site.get("/actors/").status == 404)

            // Missing pages get the site's own 404 page, with status 404 and the script.
            let missing = try await site.get("/no-such-page.html")
            #expect(missing.status == 404)
            let notFoundPage = try String(contentsOf: site.output.appendingPathComponent("404.html"), encoding: .utf8)
            #expect(
                missing.text
                    == String(
                        decoding: LiveReload.inject(
                            into: Data(notFoundPage.utf8), build: try Self.buildName(in: missing.text)), as: UTF8.self))
            #expect(try await site.get("/__sitegen/other").status == 404)

            // Nothing outside the folder, however the path is spelled; no hidden files.
            for path in [
                "/../Content/site.yml", "/%2e%2e/Content/site.yml", "/actors/%2E%2E%2F%2E%2E%2FContent%2Fsite.yml",
                "/..%5cContent%5csite.yml",
            ] {
                let reply = try await site.get(path)
                #expect(reply.status == 403, "\(path)")
                #expect(!reply.text.contains("title:"), "\(path)")
            }
            #expect(try await site.get("/index.html%00.css").status == 400)
            #expect(try await site.get("/.sitegen-output").status == 404)

            // Only requests addressed to this machine by name: a page elsewhere
            // that rebinds its host name to 127.0.0.1 reads nothing.
            #expect(try await site.get("/", host: "localhost:\(site.port)").status == 200)
            #expect(try await site.get("/", host: "[::1]:\(site.port)").status == 200)
            #expect(try await site.get("/", host: "attacker.example:\(site.port)").status == 403)
            #expect(try await site.get("/__sitegen/events", host: "attacker.example").status == 403)

            // HEAD has the headers and no body; other methods are refused.
            let head = try await site.get("/", method: "HEAD")
            #expect(head.status == 200)
            #expect(Int(head.headers["content-length"] ?? "") == home.body.count)
            let post = try await site.get("/", method: "POST")
            #expect(post.status == 405)
            #expect(post.headers["allow"] == "GET, HEAD")
        }
    }

    /// A second server on a port in use fails before building anything.
    @Test func aPortInUseIsAClearError() async throws {
        try await withServer { site, _ in
            let output = site.root.appendingPathComponent("second")
            let options = SiteBuilder.Options(
                content: site.content, templates: TestContent.seedTemplates, output: output)
            let second = LiveServer(configuration: .init(site: options, port: site.port))
            await #expect(throws: LiveServer.StartError.portInUse(host: "127.0.0.1", port: site.port)) {
                _ = try await second.start()
            }
            await second.stop()
            #expect(!FileManager.default.fileExists(atPath: output.path))
            #expect(
                LiveServer.StartError.portInUse(host: "127.0.0.1", port: 8080).description
                    == "port 8080 on 127.0.0.1 is already in use (another sitegen serve?); try --port 8081")
        }
    }

    @Test func loopbackNames() {
        for name in [
            "127.0.0.1", "127.0.0.1:8080", "localhost", "LOCALHOST:80", "localhost.", "[::1]:8080", "[::1]",
            "app.localhost:8080", "127.1.2.3:9",
        ] {
            #expect(SiteHandler.isLoopbackName(name), "\(name)")
        }
        for name in [
            "example.org", "127.0.0.1.example.org", "localhost.example.org:8080", "[::2]", "10.0.0.1:8080",
            "0.0.0.0", "127.0.0.256",
        ] {
            #expect(!SiteHandler.isLoopbackName(name), "\(name)")
        }
        #expect(
            LiveServer.isLoopback("127.0.0.1") && LiveServer.isLoopback("::1") && LiveServer.isLoopback("localhost"))
        #expect(!LiveServer.isLoopback("0.0.0.0") && !LiveServer.isLoopback("::"))
    }

    @Test func theAddressToOpen() {
        #expect(LiveServer.url(host: "127.0.0.1", port: 8080).absoluteString == "http://127.0.0.1:8080/")
        #expect(LiveServer.url(host: "::1", port: 8080).absoluteString == "http://[::1]:8080/")
        #expect(LiveServer.url(host: "[::1]", port: 8080).absoluteString == "http://[::1]:8080/")
        #expect(LiveServer.url(host: "0.0.0.0", port: 80).absoluteString == "http://127.0.0.1:80/")
        #expect(LiveServer.url(host: "localhost", port: 1).absoluteString == "http://localhost:1/")
    }

    @Test func hostsMustBeAddresses() {
        #expect(throws: LiveServer.StartError.badHost("example.org")) {
            _ = try LiveServer.address("example.org", port: 8080)
        }
        #expect((try? LiveServer.address("localhost", port: 8080)) != nil)
        #expect((try? LiveServer.address("::1", port: 8080)) != nil)
        #expect((try? LiveServer.address("[::1]", port: 8080)) != nil)
        #expect((try? LiveServer.address("0.0.0.0", port: 8080)) != nil)
    }
}
