import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenServe

@Suite("serve: reading request heads")
struct HTTPRequestReaderTests {
    /// Feeds `text` to a reader `piece` bytes at a time and collects what it gives.
    private func outcomes(_ text: String, piece: Int = .max) -> [HTTPRequestReader.Outcome] {
        var reader = HTTPRequestReader()
        var results: [HTTPRequestReader.Outcome] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + piece)
            bytes[start..<end].withUnsafeBytes { reader.append($0) }
            start = end
            while case let outcome = reader.next(), outcome != .incomplete {
                results.append(outcome)
                if case .refused = outcome { return results }
            }
        }
        return results
    }

    private func request(_ text: String) throws -> HTTPRequestHead {
        let results = outcomes(text)
        guard results.count == 1, case .request(let head) = results[0] else {
            throw TestContent.Failure("not one request: \(results)")
        }
        return head
    }

    private func refusal(_ text: String) -> Int? {
        guard case .refused(let status, _)? = outcomes(text).last else { return nil }
        return status.code
    }

    @Test func aHeadInOnePieceOrByteByByteAndPipelinedOnes() throws {
        let two =
            "GET /a.html?build=x-1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAccept:  text/html \r\n\r\n"
            + "HEAD /b HTTP/1.1\r\nHost: localhost\r\n\r\n"
        for piece in [1, 7, Int.max] {
            let results = outcomes(two, piece: piece)
            #expect(results.count == 2, "pieces of \(piece)")
            guard results.count == 2, case .request(let first) = results[0], case .request(let second) = results[1]
            else { continue }
            #expect(first.method == "GET" && first.target == "/a.html?build=x-1" && first.version == "HTTP/1.1")
            #expect(
                first.fields == [
                    .init(name: "Host", value: "127.0.0.1:8080"), .init(name: "Accept", value: "text/html"),
                ])
            #expect(first.path == "/a.html" && first.queryValue("build") == "x-1")
            #expect(second.method == "HEAD" && second.value("host") == "localhost")
        }
        // Bare LF line ends, and empty lines before the request line.
        let bare = try request("\r\n\nGET / HTTP/1.1\nHost: 127.0.0.1\n\n")
        #expect(bare.target == "/" && bare.value("Host") == "127.0.0.1")
    }

    @Test func theRequestLineMayHave8KiB() throws {
        // "GET " + path + " HTTP/1.1" is 8 KiB exactly.
        let path = "/" + String(repeating: "a", count: 8 * 1024 - 14)
        #expect(try request("GET \(path) HTTP/1.1\r\nHost: h\r\n\r\n").target == path)
        #expect(refusal("GET \(path)a HTTP/1.1\r\nHost: h\r\n\r\n") == 414)
        // Refused as soon as the line is too long, without waiting for its end.
        #expect(refusal("GET /" + String(repeating: "a", count: 9000)) == 414)
    }

    @Test func headerFieldsMayHave64KiB() throws {
        // Field lines with their line ends: "Host: h\r\n" (9 bytes) and "X: …\r\n".
        let filler = 64 * 1024 - 9 - 5
        let fits = "GET / HTTP/1.1\r\nHost: h\r\nX: \(String(repeating: "b", count: filler))\r\n\r\n"
        #expect(try request(fits).value("X")?.count == filler)
        #expect(outcomes(fits, piece: 1).count == 1, "the limit holds however the bytes come")
        guard case .request? = outcomes(fits, piece: 1).first else {
            Issue.record("refused")
            return
        }
        #expect(try request(fits.replacingOccurrences(of: "\r\n", with: "\n")).value("X")?.count == filler)
        let over = "GET / HTTP/1.1\r\nHost: h\r\nX: \(String(repeating: "b", count: filler + 1))\r\n\r\n"
        #expect(refusal(over) == 431)
        #expect(refusal("GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "b", count: 70_000)) == 431)
        let many = (0..<6000).map { "X-\($0): \($0)\r\n" }.joined()
        #expect(refusal("GET / HTTP/1.1\r\nHost: h\r\n\(many)\r\n") == 431)
    }

    @Test func exactlyOneHost() throws {
        #expect(refusal("GET / HTTP/1.1\r\n\r\n") == 400)
        #expect(refusal("GET / HTTP/1.0\r\n\r\n") == 400)
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n") == 400)
        #expect(refusal("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n") == 400)
        guard case .refused(_, let message)? = outcomes("GET / HTTP/1.1\r\n\r\n").last else { return }
        #expect(message == "Bad request: a request needs exactly one Host header.\n")
    }

    @Test func malformedHeadsAreRefused() {
        for text in [
            "GET /\r\nHost: h\r\n\r\n",  // no version
            "GET  / HTTP/1.1\r\nHost: h\r\n\r\n",  // two spaces
            "G(T / HTTP/1.1\r\nHost: h\r\n\r\n",  // not a method
            "GET / HTTP/1.1\r\nHost: h\r\nX-Folded: a\r\n b\r\n\r\n",  // obsolete line folding
            "GET / HTTP/1.1\r\nHost : h\r\n\r\n",  // space before the colon
            "GET / HTTP/1.1\r\nHost: h\r\nno colon\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1, 2\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
            "GET / FTP/1.1\r\nHost: h\r\n\r\n",
        ] {
            #expect(refusal(text) == 400, "\(text)")
        }
        #expect(refusal("GET / HTTP/2.0\r\nHost: h\r\n\r\n") == 505)
    }

    @Test func keepingAliveAndBodies() throws {
        #expect(try request("GET / HTTP/1.1\r\nHost: h\r\n\r\n").keepsAlive)
        #expect(try !request("GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, Close\r\n\r\n").keepsAlive)
        #expect(try !request("GET / HTTP/1.0\r\nHost: h\r\n\r\n").keepsAlive)
        #expect(try !request("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n").hasBody)
        #expect(try request("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\n").hasBody)
        #expect(try request("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n").hasBody)
        #expect(try request("GET /?a=1&build=x%2D1+2 HTTP/1.1\r\nHost: h\r\n\r\n").queryValue("build") == "x-1 2")
        #expect(try request("GET /?a=1 HTTP/1.1\r\nHost: h\r\n\r\n").queryValue("build") == nil)
    }
}
