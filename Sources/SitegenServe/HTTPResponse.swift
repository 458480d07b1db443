import Foundation

/// The statuses `sitegen serve` answers with.
struct HTTPStatus: Equatable, Sendable {
    var code: Int
    var reason: String

    static let ok = HTTPStatus(code: 200, reason: "OK")
    static let movedPermanently = HTTPStatus(code: 301, reason: "Moved Permanently")
    static let badRequest = HTTPStatus(code: 400, reason: "Bad Request")
    static let forbidden = HTTPStatus(code: 403, reason: "Forbidden")
    static let notFound = HTTPStatus(code: 404, reason: "Not Found")
    static let methodNotAllowed = HTTPStatus(code: 405, reason: "Method Not Allowed")
    static let uriTooLong = HTTPStatus(code: 414, reason: "URI Too Long")
    static let headerFieldsTooLarge = HTTPStatus(code: 431, reason: "Request Header Fields Too Large")
    static let serviceUnavailable = HTTPStatus(code: 503, reason: "Service Unavailable")
    static let httpVersionNotSupported = HTTPStatus(code: 505, reason: "HTTP Version Not Supported")
}

/// A response: a status, header fields, and one of three kinds of body.
struct HTTPResponse {
    enum Body {
        /// Sent as they are, with their length.
        case bytes(Data)
        /// A file, read and sent a piece at a time; `size` is its length when opened.
        case file(FileHandle, size: Int)
        /// Server-sent events, one chunk each, until the hub closes or the page goes.
        case eventStream(EventHub.Subscription)
    }

    var status: HTTPStatus
    var fields: [(name: String, value: String)]
    var body: Body
    /// For HEAD: the header fields of the response to GET, no body.
    var headOnly = false

    init(status: HTTPStatus, fields: [(name: String, value: String)], body: Body, headOnly: Bool = false) {
        self.status = status
        self.fields = fields
        self.body = body
        self.headOnly = headOnly
    }

    /// The status line and header fields, `Content-Length` or chunked
    /// transfer coding included.
    func encodedHead(closing: Bool) -> Data {
        var lines = ["HTTP/1.1 \(status.code) \(status.reason)"]
        lines += fields.map { "\($0.name): \($0.value)" }
        switch body {
        case .bytes(let data): lines.append("Content-Length: \(data.count)")
        case .file(_, let size): lines.append("Content-Length: \(size)")
        case .eventStream: lines.append("Transfer-Encoding: chunked")
        }
        if closing { lines.append("Connection: close") }
        return Data((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }

    /// One chunk of the chunked transfer coding; empty data makes the last.
    static func chunk(_ data: Data) -> Data {
        Data((String(data.count, radix: 16) + "\r\n").utf8) + data + Data("\r\n".utf8)
    }
}
