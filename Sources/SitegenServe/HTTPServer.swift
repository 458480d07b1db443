import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An IP address and port to listen on.
enum ListenAddress {
    case ip4(sockaddr_in)
    case ip6(sockaddr_in6)

    /// `127.0.0.1`, `::1`, `[::1]`, `0.0.0.0`…; nil for anything else (names included).
    init?(literal: String, port: UInt16) {
        let bare = literal.hasPrefix("[") && literal.hasSuffix("]") ? String(literal.dropFirst().dropLast()) : literal
        var ip4 = sockaddr_in()
        if inet_pton(AF_INET, bare, &ip4.sin_addr) == 1 {
            ip4.sin_family = sa_family_t(AF_INET)
            ip4.sin_port = port.bigEndian
            self = .ip4(ip4)
            return
        }
        var ip6 = sockaddr_in6()
        if inet_pton(AF_INET6, bare, &ip6.sin6_addr) == 1 {
            ip6.sin6_family = sa_family_t(AF_INET6)
            ip6.sin6_port = port.bigEndian
            self = .ip6(ip6)
            return
        }
        return nil
    }

    var family: Int32 {
        switch self {
        case .ip4: return AF_INET
        case .ip6: return AF_INET6
        }
    }

    func withSockaddr<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        switch self {
        case .ip4(var address):
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    body($0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        case .ip6(var address):
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    body($0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
    }
}

/// The HTTP/1.1 server of `sitegen serve`: one thread of its own (never
/// Swift's cooperative pool, which other work can keep busy), `poll(2)`
/// and non-blocking sockets. It serves what `handler` answers: whole
/// bodies, files a piece at a time, and server-sent event streams.
///
/// Hostile or broken clients cost little: request heads are read in
/// linear time within fixed limits (`HTTPRequestReader`), connections are
/// capped below the open-file limit (at the cap the one idle longest is
/// closed to make room), a connection that sends no complete request or
/// takes no response for `idleTimeout` is closed, and the listener stays
/// open whatever `accept` says.
final class HTTPServer: @unchecked Sendable {
    struct Limits: Sendable {
        /// Connections served at once.
        var connections: Int
        /// The open-file limit `connections` was derived from (for the log).
        var openFiles: Int
        /// Seconds a connection has to send a complete request head (after
        /// it opened or its last response went out), and seconds a
        /// response may go without any byte taken by the client.
        var idleTimeout: TimeInterval = 15
        /// Seconds between comments on event streams, so streams of closed pages are noticed.
        var heartbeatInterval: TimeInterval = 15
        /// Seconds a connection closed after an error is still read from,
        /// so the client reads the response rather than a reset.
        var lingerTimeout: TimeInterval = 2
        /// Bytes of events a page may leave unread before its stream is closed.
        var streamBacklog = 1 << 20

        /// Raises this process's soft open-file limit as far as the hard
        /// one allows (up to 65,536), then keeps room below it: each
        /// connection may hold its socket and a file it sends, and 128
        /// files are left for builds, the watcher and the runtime.
        static func forThisProcess(idleTimeout: TimeInterval) -> Limits {
            var limit = rlimit()
            #if canImport(Glibc)
                let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
            #else
                let resource = RLIMIT_NOFILE
            #endif
            getrlimit(resource, &limit)
            let wanted = min(limit.rlim_max, 65536)
            if limit.rlim_cur < wanted {
                var raised = limit
                raised.rlim_cur = wanted
                if setrlimit(resource, &raised) == 0 { limit = raised }
            }
            let openFiles = Int(limit.rlim_cur)
            return Limits(
                connections: max(8, min(1024, (openFiles - 128) / 2)), openFiles: openFiles, idleTimeout: idleTimeout)
        }
    }

    /// A system call that failed while starting to listen.
    struct SocketFailure: Error {
        var call: String
        var code: Int32
        var message: String { "\(call): \(String(cString: strerror(code)))" }
    }

    typealias Handler = @Sendable (HTTPRequestHead) -> HTTPResponse

    private let notice: @Sendable (String) -> Void

    /// Guards the wake pipe's write end and `stopping`, shared with other threads.
    private let lock = NSLock()
    private var wakeWrite: Int32 = -1
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)
    private var thread: Thread?

    // The rest belongs to the server's thread once it runs.
    private var listener: Int32 = -1
    private var wakeRead: Int32 = -1
    /// Kept open to be closed when `accept` runs out of descriptors: with
    /// it the waiting connection is taken and closed, not left to wake `poll` forever.
    private var spare: Int32 = -1
    /// When the listener is looked at again after `accept` found no descriptor, not even the spare.
    private var acceptResumes: TimeInterval = 0
    private var limits = Limits(connections: 0, openFiles: 0)
    private var handler: Handler = { _ in fatalError("not started") }
    private var connections: [Int32: Connection] = [:]
    private var readBuffer = [UInt8](repeating: 0, count: 16 * 1024)
    private var nextHeartbeat: TimeInterval = 0
    private var shed = ShedCount()

    /// `notice` gets a line for the terminal when connections had to be shed.
    init(notice: @escaping @Sendable (String) -> Void) {
        self.notice = notice
    }

    /// Listens on `address` and starts serving; returns the port (the one
    /// picked when `address` has port 0). Throws `SocketFailure` when it cannot listen.
    func start(on address: ListenAddress, limits: Limits, handler: @escaping Handler) throws -> UInt16 {
        let fd = Self.makeSocket(address.family)
        guard fd >= 0 else { throw SocketFailure(call: "socket", code: errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard address.withSockaddr({ bind(fd, $0, $1) }) == 0 else {
            let code = errno
            close(fd)
            throw SocketFailure(call: "bind", code: code)
        }
        guard listen(fd, SOMAXCONN) == 0 else {
            let code = errno
            close(fd)
            throw SocketFailure(call: "listen", code: code)
        }
        Self.makeNonBlocking(fd)
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            let code = errno
            close(fd)
            throw SocketFailure(call: "pipe", code: code)
        }
        ends.forEach(Self.makeNonBlocking)
        listener = fd
        wakeRead = ends[0]
        lock.withLock { wakeWrite = ends[1] }
        spare = open("/dev/null", O_RDONLY | O_CLOEXEC)
        self.handler = handler
        self.limits = limits
        let port = Self.port(of: fd)

        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "sitegen-serve-http"
        self.thread = thread
        thread.start()
        return port
    }

    /// Makes the server look at its event streams: called after events are queued.
    func wake() {
        lock.withLock {
            guard wakeWrite >= 0 else { return }
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)  // a full pipe wakes the server just as well
        }
    }

    /// Sends what event streams have left (the end of each, after the hub
    /// closed), closes every connection and the listener. Blocks until done.
    func stop() {
        guard thread != nil else { return }
        lock.withLock { stopping = true }
        wake()
        finished.wait()
        thread = nil
        // Both ends at once: a write to a pipe without its reader would raise SIGPIPE.
        lock.withLock {
            close(wakeWrite)
            close(wakeRead)
            wakeWrite = -1
        }
    }

    // MARK: The loop

    private func run() {
        nextHeartbeat = Self.now() + limits.heartbeatInterval
        while true {
            let now = Self.now()
            expire(now)
            if lock.withLock({ stopping }) { break }
            let order = Array(connections.values)
            var fds = [
                pollfd(fd: listener, events: now >= acceptResumes ? Int16(POLLIN) : 0, revents: 0),
                pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            for connection in order {
                var events: Int16 = 0
                if connection.wantsToRead { events |= Int16(POLLIN) }
                if connection.hasOutput { events |= Int16(POLLOUT) }
                fds.append(pollfd(fd: connection.fd, events: events, revents: 0))
            }
            var timeout: Int32 = -1
            if let deadline = nextDeadline() {
                timeout = Int32(max(0, min(60_000, ((deadline - now) * 1000).rounded(.up))))
            }
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0 && errno != EINTR {
                // Out of memory for the moment: try again rather than stop serving.
                usleep(10_000)
                continue
            }
            let after = Self.now()
            if fds[1].revents != 0 {
                var drained = [UInt8](repeating: 0, count: 256)
                while read(wakeRead, &drained, drained.count) > 0 {}
                for connection in order where connection.subscription != nil && !connection.isClosed {
                    advance(connection, now: after)
                }
            }
            for (index, connection) in order.enumerated() where !connection.isClosed {
                let revents = Int32(fds[index + 2].revents)
                if revents & Int32(POLLIN | POLLHUP | POLLERR) != 0 && connection.wantsToRead {
                    receive(connection, now: after)
                } else if revents & Int32(POLLHUP | POLLERR) != 0 && !connection.hasOutput {
                    drop(connection)
                }
                if !connection.isClosed && revents & Int32(POLLOUT | POLLHUP | POLLERR) != 0 && connection.hasOutput {
                    advance(connection, now: after)
                }
            }
            if fds[0].revents != 0 { acceptAll(now: after) }
        }
        finish()
    }

    /// Ends event streams whose hub closed, sends what can go without
    /// waiting, and closes everything.
    private func finish() {
        for connection in connections.values {
            if connection.subscription != nil { pullEvents(connection) }
            _ = flush(connection, now: Self.now())
            drop(connection)
        }
        close(listener)
        if spare >= 0 { close(spare) }
    }

    // MARK: Time

    private func nextDeadline() -> TimeInterval? {
        var next: TimeInterval?
        func consider(_ time: TimeInterval?) {
            if let time { next = min(next ?? time, time) }
        }
        var streams = false
        for connection in connections.values {
            consider(connection.deadline(limits))
            streams = streams || connection.phase == .streaming
        }
        if streams { consider(nextHeartbeat) }
        if shed.total > 0 { consider(shed.nextNotice) }
        if acceptResumes > Self.now() { consider(acceptResumes) }
        return next
    }

    private func expire(_ now: TimeInterval) {
        for connection in connections.values {
            if let deadline = connection.deadline(limits), now >= deadline { drop(connection) }
        }
        if now >= nextHeartbeat {
            nextHeartbeat = now + limits.heartbeatInterval
            for connection in connections.values where connection.phase == .streaming {
                connection.queue(HTTPResponse.chunk(LiveReload.heartbeat))
                advance(connection, now: now)
            }
        }
        if shed.total > 0 && now >= shed.nextNotice {
            notice(shed.message(limits))
            shed = ShedCount(nextNotice: now + 10)
        }
    }

    // MARK: Connections

    private func acceptAll(now: TimeInterval) {
        while true {
            let fd = Self.acceptConnection(listener)
            if fd < 0 {
                switch errno {
                case EINTR, ECONNABORTED, EPROTO: continue
                case EMFILE, ENFILE:
                    guard spare >= 0 else {
                        // Without one the listener would wake poll at once, again and again.
                        acceptResumes = now + 0.1
                        spare = open("/dev/null", O_RDONLY | O_CLOEXEC)
                        return
                    }
                    close(spare)
                    let taken = Self.acceptConnection(listener)
                    if taken >= 0 { close(taken) }
                    spare = open("/dev/null", O_RDONLY | O_CLOEXEC)
                    shed.outOfFiles += 1
                    continue
                default: return  // EAGAIN: none waiting
                }
            }
            Self.makeNonBlocking(fd)
            Self.configureConnection(fd)
            // Streams whose page went away since the last poll free their place first.
            if connections.count >= limits.connections { reapClosedStreams(now: now) }
            if connections.count >= limits.connections {
                if let idle = connections.values.filter({ $0.phase == .awaitingRequest }).min(by: {
                    $0.since < $1.since
                }) {
                    drop(idle)
                    shed.closedIdle += 1
                } else {
                    let message = Data("Service unavailable: too many connections; try again.\n".utf8)
                    let refusal = HTTPResponse(
                        status: .serviceUnavailable, fields: [("Content-Type", "text/plain; charset=utf-8")],
                        body: .bytes(message))
                    _ = Self.sendBytes(fd, [UInt8](refusal.encodedHead(closing: true) + message)[...])
                    close(fd)
                    shed.refused += 1
                    continue
                }
            }
            connections[fd] = Connection(fd: fd, now: now)
        }
    }

    /// Drops event streams whose client has closed, without waiting: a page
    /// that reloads closes its stream just before it opens the next
    /// connection, which must not be refused for a place that is free.
    private func reapClosedStreams(now: TimeInterval) {
        let streams = connections.values.filter { $0.phase == .streaming }
        var fds = streams.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        guard poll(&fds, nfds_t(fds.count), 0) > 0 else { return }
        for (stream, polled) in zip(streams, fds) where polled.revents != 0 && !stream.isClosed {
            receive(stream, now: now)
        }
    }

    private func receive(_ connection: Connection, now: TimeInterval) {
        let count = readBuffer.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, 0) }
        if count < 0 {
            if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR { drop(connection) }
            return
        }
        guard count > 0 else {
            drop(connection)  // the client is done (or gone)
            return
        }
        connection.lastProgress = now
        // Bytes on a stream, or after an error response, are not requests to serve.
        guard connection.phase == .awaitingRequest else { return }
        readBuffer.withUnsafeBytes { connection.reader.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        advance(connection, now: now)
    }

    /// Moves a connection on as far as it goes without waiting: parses the
    /// requests it has received, sends their responses, and when one is
    /// sent goes on to the next (pipelined) one.
    private func advance(_ connection: Connection, now: TimeInterval) {
        while !connection.isClosed {
            switch connection.phase {
            case .awaitingRequest:
                switch connection.reader.next() {
                case .incomplete: return
                case .refused(let status, let message):
                    let response = HTTPResponse(
                        status: status, fields: [("Content-Type", "text/plain; charset=utf-8")],
                        body: .bytes(Data(message.utf8)))
                    begin(response, on: connection, closing: true, now: now)
                case .request(let request):
                    begin(handler(request), on: connection, closing: !request.keepsAlive || request.hasBody, now: now)
                }
            case .responding:
                guard flush(connection, now: now) else { return }
                connection.file.map { try? $0.close() }
                connection.file = nil
                if connection.closesAfterResponse {
                    linger(connection, now: now)
                    return
                }
                connection.phase = .awaitingRequest
                connection.since = now
            case .streaming:
                let ended = pullEvents(connection)
                if connection.hasOutput && connection.pendingOutput > limits.streamBacklog {
                    drop(connection)  // the page does not read its stream
                    return
                }
                guard flush(connection, now: now) else { return }
                if ended { drop(connection) }
                return
            case .lingering:
                return
            }
        }
    }

    private func begin(_ response: HTTPResponse, on connection: Connection, closing: Bool, now: TimeInterval) {
        connection.queue(response.encodedHead(closing: closing))
        connection.closesAfterResponse = closing
        connection.lastProgress = now
        connection.phase = .responding
        switch response.body {
        case .bytes(let data):
            if !response.headOnly { connection.queue(data) }
        case .file(let handle, let size):
            if response.headOnly {
                try? handle.close()
            } else {
                connection.file = handle
                connection.fileRemaining = size
            }
        case .eventStream(let subscription):
            if response.headOnly {
                subscription.cancel()
            } else {
                connection.subscription = subscription
                connection.phase = .streaming
            }
        }
    }

    /// Moves the events queued for a stream into its output; true when the stream has ended.
    @discardableResult
    private func pullEvents(_ connection: Connection) -> Bool {
        guard let subscription = connection.subscription else { return false }
        let (events, ended) = subscription.take()
        for event in events { connection.queue(HTTPResponse.chunk(event)) }
        if ended && !connection.streamEnded {
            connection.streamEnded = true
            connection.queue(HTTPResponse.chunk(Data()))
        }
        return connection.streamEnded
    }

    /// Sends output (and the rest of a file) until done (true) or the
    /// socket is full (false; `poll` says when to go on). False too when
    /// the connection had to be closed.
    private func flush(_ connection: Connection, now: TimeInterval) -> Bool {
        while true {
            if !connection.hasOutput {
                guard let file = connection.file, connection.fileRemaining > 0 else { return true }
                let piece = (try? file.read(upToCount: min(64 * 1024, connection.fileRemaining))) ?? Data()
                guard !piece.isEmpty else {
                    drop(connection)  // the file got shorter: the promised length cannot be sent
                    return false
                }
                connection.fileRemaining -= piece.count
                connection.queue(piece)
            }
            let sent = Self.sendBytes(connection.fd, connection.output[connection.sent...])
            if sent > 0 {
                connection.sent += sent
                connection.lastProgress = now
                if connection.sent == connection.output.count {
                    connection.output.removeAll(keepingCapacity: true)
                    connection.sent = 0
                }
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                return false
            } else if !(sent < 0 && errno == EINTR) {
                drop(connection)
                return false
            }
        }
    }

    /// After a response that ends the connection: no more sending, but
    /// what the client still sends is read (and dropped) for a moment, so
    /// the response is not lost to a reset.
    private func linger(_ connection: Connection, now: TimeInterval) {
        shutdown(connection.fd, Int32(SHUT_WR))
        connection.phase = .lingering
        connection.since = now
    }

    private func drop(_ connection: Connection) {
        guard !connection.isClosed else { return }
        connection.isClosed = true
        connection.subscription?.cancel()
        connection.file.map { try? $0.close() }
        connections[connection.fd] = nil
        close(connection.fd)
    }

    // MARK: Sockets

    static func now() -> TimeInterval {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return TimeInterval(time.tv_sec) + TimeInterval(time.tv_nsec) / 1e9
    }

    private static func makeSocket(_ family: Int32) -> Int32 {
        #if canImport(Glibc)
            return socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
            let fd = socket(family, SOCK_STREAM, 0)
            if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            return fd
        #endif
    }

    /// Accepted sockets are closed on exec too, so a process started
    /// meanwhile cannot keep a client's connection open after it is dropped.
    private static func acceptConnection(_ listener: Int32) -> Int32 {
        let fd = accept(listener, nil, nil)
        if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return fd
    }

    private static func makeNonBlocking(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }

    /// Small event chunks go out at once; a closed peer is an error, not SIGPIPE.
    private static func configureConnection(_ fd: Int32) {
        var yes: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
            setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    private static func sendBytes(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Int {
        #if canImport(Glibc)
            let flags = Int32(MSG_NOSIGNAL)
        #else
            let flags: Int32 = 0
        #endif
        return bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, flags) }
    }

    private static func port(of fd: Int32) -> UInt16 {
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
    }
}

/// One client connection, used only on the server's thread.
private final class Connection {
    enum Phase {
        /// Reading a request head (or waiting for one).
        case awaitingRequest
        /// Sending a response.
        case responding
        /// Sending an event stream.
        case streaming
        /// Closed for sending after an error; reading what is left before closing.
        case lingering
    }

    let fd: Int32
    var phase = Phase.awaitingRequest
    var reader = HTTPRequestReader()
    /// Bytes to send, of which `sent` went out.
    var output: [UInt8] = []
    var sent = 0
    var file: FileHandle?
    var fileRemaining = 0
    var subscription: EventHub.Subscription?
    var streamEnded = false
    var closesAfterResponse = false
    /// When the current phase began (waiting for a request, lingering).
    var since: TimeInterval
    /// When a byte last went in either direction.
    var lastProgress: TimeInterval
    var isClosed = false

    init(fd: Int32, now: TimeInterval) {
        self.fd = fd
        since = now
        lastProgress = now
    }

    var hasOutput: Bool { sent < output.count }
    var pendingOutput: Int { output.count - sent }
    var wantsToRead: Bool { phase != .responding }

    func queue(_ data: Data) { output.append(contentsOf: data) }

    func deadline(_ limits: HTTPServer.Limits) -> TimeInterval? {
        switch phase {
        case .awaitingRequest: return since + limits.idleTimeout
        case .responding: return lastProgress + limits.idleTimeout
        case .streaming: return hasOutput ? lastProgress + limits.idleTimeout : nil
        case .lingering: return since + limits.lingerTimeout
        }
    }
}

/// Connections the server could not keep, counted between two log lines.
private struct ShedCount {
    var nextNotice: TimeInterval = 0
    var closedIdle = 0
    var refused = 0
    var outOfFiles = 0

    var total: Int { closedIdle + refused + outOfFiles }

    func message(_ limits: HTTPServer.Limits) -> String {
        func new(_ count: Int) -> String { count == 1 ? "1 new connection" : "\(count) new connections" }
        var parts: [String] = []
        if closedIdle == 1 { parts.append("closed the connection idle longest to make room for a new one") }
        if closedIdle > 1 {
            parts.append("closed the \(closedIdle) connections idle longest to make room for new ones")
        }
        if refused > 0 { parts.append("refused \(new(refused)) with 503, as every open one is busy") }
        if outOfFiles > 0 { parts.append("dropped \(new(outOfFiles)), as no file descriptor was left") }
        return "too many connections: \(parts.joined(separator: "; ")). sitegen serve keeps at most "
            + "\(limits.connections) open, as \(limits.openFiles) open files are allowed; "
            + "raise that limit (ulimit -n) to keep more."
    }
}
