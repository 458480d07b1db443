import Foundation
import SitegenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `sitegen serve`, the real binary, against clients no browser would be:
/// huge request lines and headers, more idle connections than it may open
/// files, requests without exactly one Host. Each time it answers at once
/// and keeps serving. Reads wait 30 s at most, only so a failure cannot hang.
@Suite("sitegen serve against hostile clients", .serialized)
struct ServeHostileClientTests {
    /// `sitegen serve` of the seed site on a free port of 127.0.0.1, under
    /// `ulimit -n openFiles` when given, and the port it serves on.
    private static func serve(_ root: URL, openFiles: Int? = nil) throws -> (BackgroundSitegen, UInt16) {
        let serve = try BackgroundSitegen(
            [
                "serve", "--content", TestContent.seedContent.path, "--templates", TestContent.seedTemplates.path,
                "--output", root.appendingPathComponent("public").path, "--port", "0",
            ], in: root, name: "serve", openFiles: openFiles)
        return (serve, try serve.servedPort())
    }

    private static func status(port: UInt16, _ request: String) throws -> Int {
        try status(port: port, Array(request.utf8))
    }

    private static func status(port: UInt16, _ request: [UInt8]) throws -> Int {
        let connection = try TestConnection(port: port)
        connection.sendWhileOpen(request)
        return try connection.status()
    }

    private static func get(_ port: UInt16) throws -> Int {
        try status(port: port, "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
    }

    /// Request lines are limited to 8 KiB and header fields to 64 KiB, and
    /// a request over either is answered at once: one a web page sends
    /// (a 1 MB URL) cannot stall the server.
    @Test func longRequestLinesAndHeadersAreRefusedAtOnce() throws {
        try TestContent.withTemporaryDirectory { root in
            let (serve, port) = try Self.serve(root)
            defer { serve.stop() }
            let host = "Host: 127.0.0.1:\(port)\r\n"
            // "GET /" + path + " HTTP/1.1" is 8 KiB exactly: served (a missing page).
            let longest = "/" + String(repeating: "a", count: 8 * 1024 - 14)
            #expect(try Self.status(port: port, "GET \(longest) HTTP/1.1\r\n\(host)\r\n") == 404)
            for size in [8 * 1024, 64 * 1024, 1024 * 1024] {
                let path = "/" + String(repeating: "a", count: size)
                #expect(try Self.status(port: port, "GET \(path) HTTP/1.1\r\n\(host)\r\n") == 414, "\(size)")
                #expect(try Self.get(port) == 200, "served after a \(size)-byte request line")
            }
            for size in [64 * 1024, 1024 * 1024] {
                let field = "X-Filler: " + String(repeating: "b", count: size) + "\r\n"
                #expect(try Self.status(port: port, "GET / HTTP/1.1\r\n\(host)\(field)\r\n") == 431, "\(size)")
                #expect(try Self.get(port) == 200, "served after a \(size)-byte header")
            }
            // Many fields adding up to more than 64 KiB are just as many bytes.
            let fields = (0..<2000).map { "X-Field-\($0): \(String(repeating: "c", count: 30))\r\n" }.joined()
            #expect(try Self.status(port: port, "GET / HTTP/1.1\r\n\(host)\(fields)\r\n") == 431)
            #expect(serve.stop() == 0)
        }
    }

    /// 1,100 idle connections under `ulimit -n 1024`: the server keeps as
    /// many as its limit allows, closes the ones idle longest to make room,
    /// says so in the terminal, and still answers a browser.
    @Test func moreIdleConnectionsThanOpenFilesDoNotStopTheServer() throws {
        try Self.allowOpenFiles(1300)
        try TestContent.withTemporaryDirectory { root in
            let (serve, port) = try Self.serve(root, openFiles: 1024)
            defer { serve.stop() }
            var idle: [TestConnection] = []
            for _ in 0..<1100 { idle.append(try TestConnection(port: port)) }
            #expect(try Self.get(port) == 200)
            var said = ""
            for _ in 0..<300 where !said.contains("too many connections") {
                Thread.sleep(forTimeInterval: 0.1)
                said = serve.err
            }
            #expect(said.contains("warning: too many connections: closed "))
            #expect(said.contains("sitegen serve keeps at most 448 open, as 1024 open files are allowed"))
            // The one idle longest was closed.
            #expect(try idle[0].endsWithoutAnswer())
            idle = []
            #expect(try Self.get(port) == 200)
            #expect(serve.process.isRunning)
            #expect(serve.stop() == 0)
        }
    }

    /// Under `ulimit -n 200` it keeps (200 - 128) / 2 = 36 connections. When
    /// all are pages' event streams, which are never closed to make room, a
    /// new connection gets 503 at once, and the terminal is told.
    @Test func whenEveryConnectionIsBusyANewOneGets503() throws {
        try TestContent.withTemporaryDirectory { root in
            let (serve, port) = try Self.serve(root, openFiles: 200)
            defer { serve.stop() }
            let request = "GET /__sitegen/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n"
            var streams: [TestConnection] = []
            for _ in 0..<36 {
                let stream = try TestConnection(port: port)
                stream.sendWhileOpen(Array(request.utf8))
                #expect(try stream.status() == 200)
                streams.append(stream)
            }
            #expect(try TestConnection(port: port).status() == 503)
            var said = ""
            for _ in 0..<300 where !said.contains("too many connections") {
                Thread.sleep(forTimeInterval: 0.1)
                said = serve.err
            }
            #expect(
                said.contains(
                    "warning: too many connections: refused 1 new connection with 503, as every open one is busy. "
                        + "sitegen serve keeps at most 36 open, as 200 open files are allowed"))
            streams = []
            // The pages are gone; their places are free within moments (a
            // browser's next request would retry, as this does for 5 s).
            var answer = try Self.get(port)
            for _ in 0..<50 where answer != 200 {
                Thread.sleep(forTimeInterval: 0.1)
                answer = try Self.get(port)
            }
            #expect(answer == 200)
            #expect(serve.stop() == 0)
        }
    }

    /// RFC 9112 §3.2: a request has exactly one Host header; browsers never send another kind.
    @Test func requestsWithoutExactlyOneHostAreRefused() throws {
        try TestContent.withTemporaryDirectory { root in
            let (serve, port) = try Self.serve(root)
            defer { serve.stop() }
            #expect(try Self.status(port: port, "GET / HTTP/1.1\r\n\r\n") == 400)
            #expect(try Self.status(port: port, "GET / HTTP/1.0\r\n\r\n") == 400)
            #expect(try Self.status(port: port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: 127.0.0.1\r\n\r\n") == 400)
            #expect(try Self.status(port: port, "GET / HTTP/1.1\r\nhost: 127.0.0.1\r\nHOST: localhost\r\n\r\n") == 400)
            #expect(try Self.status(port: port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") == 200)
            #expect(try Self.status(port: port, "GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n") == 200)
            #expect(serve.stop() == 0)
        }
    }

    /// This test process opens many sockets: raise its own soft limit.
    private static func allowOpenFiles(_ count: Int) throws {
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        if limit.rlim_cur < rlim_t(count) && limit.rlim_max >= rlim_t(count) {
            limit.rlim_cur = rlim_t(count)
            setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        }
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        guard limit.rlim_cur >= rlim_t(count) else {
            throw TestContent.Failure("this test opens \(count) files; the hard limit is \(limit.rlim_max)")
        }
    }
}
