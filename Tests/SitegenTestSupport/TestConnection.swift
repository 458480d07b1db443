import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A parsed HTTP response.
public struct HTTPReply: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data
    public var text: String { String(decoding: body, as: UTF8.self) }

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// One blocking TCP connection to 127.0.0.1, with a deadline on every read.
public final class TestConnection: @unchecked Sendable {
    private let fd: Int32
    private var buffer: [UInt8] = []
    /// Seconds a read may wait: generous, only so a broken server cannot hang the suite.
    public var timeout: TimeInterval = 30

    public init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestContent.Failure("socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw TestContent.Failure("connect to port \(port): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(fd) }

    public func send(_ text: String) throws {
        var bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + sent, $0.count - sent) }
            guard count > 0 else { throw TestContent.Failure("write: \(errno)") }
            sent += count
        }
    }

    /// Sends as much of `bytes` as the server takes before it closes: a
    /// hostile client's request may be refused before it is all sent.
    public func sendWhileOpen(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return }
            sent += count
        }
    }

    /// Whether the server closed the connection without a word (else it
    /// answered something; throws if it did neither within `timeout`).
    public func endsWithoutAnswer() throws -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(timeout * 1000)) > 0 else {
            throw TestContent.Failure("the server neither answered nor closed in \(Int(timeout)) s")
        }
        var byte: UInt8 = 0
        return read(fd, &byte, 1) <= 0
    }

    /// The status code of the response's first line.
    public func status() throws -> Int {
        guard let line = try readLine() else { throw TestContent.Failure("the connection closed without an answer") }
        guard let code = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
            throw TestContent.Failure("not a status line: '\(line)'")
        }
        return code
    }

    /// Reads more bytes into the buffer; false at end of stream.
    private func fill() throws -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(timeout * 1000))
        guard ready > 0 else { throw TestContent.Failure("no answer from the server in \(Int(timeout)) s") }
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        buffer += chunk[0..<count]
        return true
    }

    public func readLine() throws -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = buffer[..<newline]
                buffer.removeFirst(newline + 1)
                return String(decoding: line.last == 13 ? line.dropLast() : line, as: UTF8.self)
            }
            guard try fill() else { return nil }
        }
    }

    public func readBytes(_ count: Int) throws -> Data {
        while buffer.count < count {
            guard try fill() else { throw TestContent.Failure("the connection closed early") }
        }
        defer { buffer.removeFirst(count) }
        return Data(buffer[..<count])
    }

    public func readToEnd() throws -> Data {
        while try fill() {}
        defer { buffer = [] }
        return Data(buffer)
    }

    /// The status line and headers.
    public func readHead() throws -> (status: Int, headers: [String: String]) {
        guard let statusLine = try readLine() else { throw TestContent.Failure("no response") }
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else {
            throw TestContent.Failure("bad status line '\(statusLine)'")
        }
        var headers: [String: String] = [:]
        while let line = try readLine(), !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        return (status, headers)
    }

    /// One chunk of a chunked body (nil after the last).
    public func readChunk() throws -> Data? {
        guard let sizeLine = try readLine(), let size = Int(sizeLine, radix: 16) else {
            throw TestContent.Failure("bad chunk")
        }
        if size == 0 {
            _ = try readLine()
            return nil
        }
        let data = try readBytes(size)
        _ = try readLine()
        return data
    }

    /// Sends one request (`Connection: close`) and reads the whole response.
    public static func request(
        port: UInt16, _ rawPath: String, method: String = "GET", host: String? = nil, timeout: TimeInterval = 30
    ) throws -> HTTPReply {
        let connection = try TestConnection(port: port)
        connection.timeout = timeout
        let host = host ?? "127.0.0.1:\(port)"
        try connection.send("\(method) \(rawPath) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
        let (status, headers) = try connection.readHead()
        var body = Data()
        if method == "HEAD" {
            // No body, whatever Content-Length says.
        } else if headers["transfer-encoding"] == "chunked" {
            while let chunk = try connection.readChunk() { body += chunk }
        } else if let length = headers["content-length"].flatMap(Int.init) {
            body = try connection.readBytes(length)
        } else {
            body = try connection.readToEnd()
        }
        return HTTPReply(status: status, headers: headers, body: body)
    }
}

/// The live-reload event stream, read as a browser's EventSource would.
public final class EventStreamReader: @unchecked Sendable {
    public struct Event: Sendable, Equatable {
        public var name: String
        public var data: String
    }

    private let connection: TestConnection
    private var pending = ""
    public let status: Int
    public let headers: [String: String]

    /// Connects as a page served by `build` and waits for the stream's first
    /// bytes: from then on the server sends this reader every event.
    public init(port: UInt16, build: String) throws {
        connection = try TestConnection(port: port)
        try connection.send(
            "GET /__sitegen/events?build=\(build) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n"
        )
        (status, headers) = try connection.readHead()
        guard let opening = try connection.readChunk() else { throw TestContent.Failure("empty stream") }
        pending = String(decoding: opening, as: UTF8.self)
    }

    /// The next event (comments skipped); nil when the stream ends.
    public func next() throws -> Event? {
        while true {
            while let end = pending.range(of: "\n\n") {
                let block = pending[..<end.lowerBound]
                pending.removeSubrange(..<end.upperBound)
                var name = "message"
                var data: [String] = []
                for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                    if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                    if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
                }
                if !data.isEmpty { return Event(name: name, data: data.joined(separator: "\n")) }
            }
            guard let chunk = try connection.readChunk() else { return nil }
            pending += String(decoding: chunk, as: UTF8.self)
        }
    }

    /// The next event called `name`, passing over others.
    public func next(named name: String) throws -> Event {
        while let event = try next() {
            if event.name == name { return event }
        }
        throw TestContent.Failure("the event stream ended before a '\(name)' event")
    }
}
