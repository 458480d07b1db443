import Foundation
import SitegenTestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A headless Chromium driven over the DevTools protocol on a pipe
/// (`--remote-debugging-pipe`): the browser reads commands from its fd 3 and
/// writes answers and events to its fd 4, each a JSON object ended by a NUL
/// byte. Both fds are one end of a socket pair, so no WebSocket, no port and
/// no package are needed.
final class Browser: @unchecked Sendable {
    /// One protocol event, in the order the browser sent it.
    struct Event {
        var method: String
        var params: [String: Any]
        var session: String?
    }

    /// How long to wait for an answer before calling the browser hung. This is
    /// a guard against a test that never ends, not a measure: no assertion
    /// depends on how fast anything is.
    static let patience: TimeInterval = 180

    private let pid: pid_t
    private let socket: Int32
    private let profile: URL
    private let log: URL
    private let condition = NSCondition()
    private var answers: [Int: [String: Any]] = [:]
    private var received: [Event] = []
    private var lastID = 0
    private var disconnected = false
    private var closed = false

    /// Starts `executable` with a fresh profile in a temporary folder.
    init(executable: String) throws {
        profile = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitegen-chromium-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        log = profile.appendingPathComponent("chromium.log")

        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, streamSocketType, 0, &pair) == 0 else {
            throw TestContent.Failure("socketpair failed: \(String(cString: strerror(errno)))")
        }
        // Both ends above fd 4, so the dup2s below cannot clobber one another.
        let ours = fcntl(pair[0], F_DUPFD_CLOEXEC, 10)
        let theirs = fcntl(pair[1], F_DUPFD_CLOEXEC, 10)
        closeDescriptor(pair[0])
        closeDescriptor(pair[1])

        var arguments = [
            executable,
            "--headless",
            "--remote-debugging-pipe",
            "--user-data-dir=\(profile.path)",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-gpu",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-dev-shm-usage",
            "--disable-back-forward-cache",
            "--mute-audio",
            "--hide-scrollbars",
            "--force-color-profile=srgb",
            "about:blank",
        ]
        // Chromium refuses to run its sandbox as root (CI runs as root).
        if geteuid() == 0 { arguments.insert("--no-sandbox", at: 1) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, theirs, 3)
        posix_spawn_file_actions_adddup2(&actions, theirs, 4)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        // Its own process group, so closing ends every helper process it started.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // Chromium leaves folders of its own in TMPDIR when it is killed:
        // inside the profile, they go with it.
        let temporary = profile.appendingPathComponent("tmp", isDirectory: true)
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = temporary.path
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        closeDescriptor(theirs)
        guard status == 0 else {
            closeDescriptor(ours)
            try? FileManager.default.removeItem(at: profile)
            throw TestContent.Failure("could not start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
        socket = ours
        let thread = Thread { [self] in readLoop() }
        thread.name = "chromium-devtools-reader"
        thread.start()
    }

    deinit { close() }

    /// Ends the browser (politely, then its whole process group) and removes its profile.
    func close() {
        condition.lock()
        let wasClosed = closed
        closed = true
        condition.unlock()
        guard !wasClosed else { return }
        _ = try? send("Browser.close", timeout: 10)
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        shutdown(socket, Int32(SHUT_RDWR))
        closeDescriptor(socket)
        try? FileManager.default.removeItem(at: profile)
    }

    /// The last lines Chromium printed, for failure messages.
    var logTail: String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(15).joined(separator: "\n")
    }

    // MARK: Messages

    /// Sends one command and returns its result; throws the protocol's error.
    @discardableResult
    func send(
        _ method: String, _ params: [String: Any] = [:], session: String? = nil, timeout: TimeInterval = patience
    ) throws -> [String: Any] {
        condition.lock()
        lastID += 1
        let id = lastID
        condition.unlock()

        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { sendBytes(socket, $0) }
            if written < 0 {
                if errno == EINTR { continue }
                throw TestContent.Failure("Chromium's pipe is closed (\(method)); its log ends:\n\(logTail)")
            }
            offset += written
        }

        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: timeout)
        while answers[id] == nil && !disconnected {
            if !condition.wait(until: deadline) {
                throw TestContent.Failure(
                    "Chromium did not answer \(method) in \(Int(timeout)) s; its log ends:\n\(logTail)")
            }
        }
        guard let answer = answers.removeValue(forKey: id) else {
            throw TestContent.Failure("Chromium went away during \(method); its log ends:\n\(logTail)")
        }
        if let error = answer["error"] as? [String: Any] {
            throw TestContent.Failure("\(method) failed: \(error["message"] ?? error)")
        }
        return answer["result"] as? [String: Any] ?? [:]
    }

    /// The number of events received so far: a mark to wait for later ones.
    var eventCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return received.count
    }

    /// Events received since `mark` (all of them by default).
    func events(since mark: Int = 0) -> [Event] {
        condition.lock()
        defer { condition.unlock() }
        return Array(received[min(mark, received.count)...])
    }

    /// Waits for the first event named `method` (for `session`) after `mark`.
    @discardableResult
    func waitForEvent(_ method: String, session: String?, after mark: Int) throws -> Event {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: Self.patience)
        var index = mark
        while true {
            while index < received.count {
                let event = received[index]
                if event.method == method && event.session == session { return event }
                index += 1
            }
            if disconnected {
                throw TestContent.Failure("Chromium went away before \(method); its log ends:\n\(logTail)")
            }
            if !condition.wait(until: deadline) {
                throw TestContent.Failure(
                    "no \(method) from Chromium in \(Int(Self.patience)) s; its log ends:\n\(logTail)")
            }
        }
    }

    private func readLoop() {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var scanned = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            buffer.append(contentsOf: chunk[0..<count])
            var start = 0
            while let end = buffer[scanned...].firstIndex(of: 0) {
                deliver(Array(buffer[start..<end]))
                start = end + 1
                scanned = start
            }
            if start > 0 {
                buffer.removeFirst(start)
                scanned = 0
            }
            scanned = buffer.count
        }
        condition.lock()
        disconnected = true
        condition.broadcast()
        condition.unlock()
    }

    private func deliver(_ bytes: [UInt8]) {
        guard let message = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else { return }
        condition.lock()
        if let id = message["id"] as? Int {
            answers[id] = message
        } else if let method = message["method"] as? String {
            received.append(
                Event(
                    method: method, params: message["params"] as? [String: Any] ?? [:],
                    session: message["sessionId"] as? String))
        }
        condition.broadcast()
        condition.unlock()
    }

    // MARK: Tabs

    /// Opens a new tab on about:blank and attaches to it.
    func newPage() throws -> Page {
        let target = try send("Target.createTarget", ["url": "about:blank"])
        let targetID = try unwrap(target["targetId"] as? String)
        let attached = try send("Target.attachToTarget", ["targetId": targetID, "flatten": true])
        let session = try unwrap(attached["sessionId"] as? String)
        let page = Page(browser: self, session: session)
        try page.call("Page.enable")
        try page.call("Runtime.enable")
        try page.call("Network.enable")
        try page.call("Log.enable")
        return page
    }
}

private func unwrap<T>(_ value: T?) throws -> T {
    guard let value else { throw TestContent.Failure("Chromium answered without an expected field") }
    return value
}

// MARK: System calls the class's own method names would shadow

private func closeDescriptor(_ descriptor: Int32) { _ = close(descriptor) }

#if os(Linux)
    private let streamSocketType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    /// `send` without SIGPIPE when the browser has gone away.
    private func sendBytes(_ socket: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        send(socket, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
    }
#else
    private let streamSocketType = SOCK_STREAM
    private func sendBytes(_ socket: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        var on: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        return send(socket, bytes.baseAddress, bytes.count, 0)
    }
#endif
