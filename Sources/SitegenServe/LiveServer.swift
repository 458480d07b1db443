import FlyingFox
import FlyingSocks
import Foundation
import SitegenCore

/// `sitegen serve`: builds the site, serves the output folder over HTTP,
/// watches the content and templates folders, rebuilds what a save
/// affects, and tells open pages to reload (or shows them the errors).
///
/// Rebuilds run on the file watcher's thread, one at a time, so the
/// `BuildSession` (which is not thread-safe) is only ever used from there.
public final class LiveServer: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var site: SiteBuilder.Options
        /// An IP address (`127.0.0.1`, `::1`, `0.0.0.0`) or `localhost`.
        public var host: String
        /// 0 picks a free port (see `Started.url`).
        public var port: UInt16
        /// How long no event must come before a rebuild starts.
        public var quietPeriod: TimeInterval
        /// How long a rebuild waits, at most, for a file that was modified and not closed yet.
        public var writeHold: TimeInterval

        public init(
            site: SiteBuilder.Options, host: String = "127.0.0.1", port: UInt16 = 8080,
            quietPeriod: TimeInterval = 0.05, writeHold: TimeInterval = 1.0
        ) {
            self.site = site
            self.host = host
            self.port = port
            self.quietPeriod = quietPeriod
            self.writeHold = writeHold
        }
    }

    /// What happened, for the terminal.
    public enum Event: Sendable {
        /// A build succeeded; `trigger` says what changed ("first build", file names).
        case built(SiteBuilder.Report, trigger: String, seconds: Double)
        case failed(BuildFailure, trigger: String, seconds: Double)
    }

    /// Why serving could not start; each says what to do about it.
    public enum StartError: Error, CustomStringConvertible, Equatable {
        case badHost(String)
        case portInUse(host: String, port: UInt16)
        case permissionDenied(host: String, port: UInt16)
        case addressNotAvailable(host: String)
        case cannotListen(String)
        case cannotWatch(String)

        public var description: String {
            switch self {
            case .badHost(let host):
                return "'\(host)' is not an address to listen on; use an IP address such as 127.0.0.1, ::1 or 0.0.0.0"
            case .portInUse(let host, let port):
                return
                    "port \(port) on \(host) is already in use (another sitegen serve?); try --port \(port == UInt16.max ? 8081 : port + 1)"
            case .permissionDenied(let host, let port):
                return "not allowed to listen on \(host) port \(port) (ports below 1024 need root); try --port 8080"
            case .addressNotAvailable(let host):
                return "\(host) is not an address of this machine; try --host 127.0.0.1"
            case .cannotListen(let message): return "cannot listen: \(message)"
            case .cannotWatch(let message): return message
            }
        }
    }

    /// What `start()` gives back.
    public struct Started: Sendable {
        /// Where the site is served, e.g. `http://127.0.0.1:8080/`.
        public var url: URL
        public var port: UInt16
        /// The result of the first build (the server is running either way).
        public var firstBuild: Result<SiteBuilder.Report, BuildFailure>
    }

    public let configuration: Configuration
    private let log: @Sendable (Event) -> Void
    let hub = EventHub()
    private let session: BuildSession
    private var watcher: FileWatcher?
    private var server: HTTPServer?
    private var serverTask: Task<Void, Never>?
    private var heartbeat: Task<Void, Never>?

    public init(configuration: Configuration, log: @escaping @Sendable (Event) -> Void = { _ in }) {
        self.configuration = configuration
        self.log = log
        self.session = BuildSession(options: configuration.site)
    }

    /// The name of the build whose pages are served now (for tests and tools).
    public var currentBuild: String { hub.currentBuild }

    /// Listens, makes the first build, and starts watching. Throws
    /// `StartError` when it cannot listen or watch; a first build that fails
    /// does not stop it (the browser shows the errors until they are fixed).
    public func start() async throws -> Started {
        let site = configuration.site
        let address = try Self.address(configuration.host, port: configuration.port)
        let server = HTTPServer(
            address: address, timeout: 15, pool: HTTPServer.defaultPool(), logger: .disabled,
            handler: SiteHandler(root: site.output, hub: hub, loopbackOnly: Self.isLoopback(configuration.host)))
        self.server = server
        try await listen(server)
        let port = await Self.port(of: server) ?? configuration.port
        heartbeat = Task { [hub] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 15_000_000_000)
                hub.sendHeartbeat()
            }
        }

        let watcher = FileWatcher(
            content: site.content, templates: site.templates, excluding: [site.output],
            quietPeriod: configuration.quietPeriod, writeHold: configuration.writeHold)
        self.watcher = watcher
        let firstBuild: Result<SiteBuilder.Report, BuildFailure>
        do {
            firstBuild = try await withCheckedThrowingContinuation { continuation in
                do {
                    try watcher.start(
                        first: { [self] in continuation.resume(returning: build(nil)) },
                        onChange: { [self] changes in _ = build(changes) })
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        } catch {
            await stop()
            throw StartError.cannotWatch("\(error)")
        }
        return Started(url: Self.url(host: configuration.host, port: port), port: port, firstBuild: firstBuild)
    }

    /// The address to open in a browser: this machine's when listening on all addresses.
    static func url(host: String, port: UInt16) -> URL {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let shown =
            ["0.0.0.0", "::"].contains(bare) ? "127.0.0.1" : bare.contains(":") ? "[\(bare)]" : bare
        return URL(string: "http://\(shown):\(port)/")!
    }

    /// Ends the event streams, waits for a rebuild that is running, and
    /// closes the server.
    public func stop() async {
        hub.close()
        heartbeat?.cancel()
        if let watcher {
            // Waiting for the watcher's thread blocks: not on the cooperative pool.
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().async {
                    watcher.stop()
                    continuation.resume()
                }
            }
        }
        if let server { await server.stop(timeout: 1) }
        serverTask?.cancel()
        watcher = nil
        server = nil
    }

    // MARK: Building

    /// A build or rebuild on the watcher's thread; tells the pages and the terminal.
    private func build(_ changes: ChangeSet?) -> Result<SiteBuilder.Report, BuildFailure> {
        let started = DispatchTime.now().uptimeNanoseconds
        let result: Result<SiteBuilder.Report, BuildFailure>
        if let changes, !changes.needsFullBuild {
            result = session.rebuild(changed: changes.contentPaths.sorted())
        } else {
            result = session.build()
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let trigger = Self.describe(changes)
        switch result {
        case .success(let report):
            hub.buildSucceeded()
            log(.built(report, trigger: trigger, seconds: seconds))
        case .failure(let failure):
            hub.buildFailed(report: LiveReload.errorReport(failure.diagnostics, readFile: readSource))
            log(.failed(failure, trigger: trigger, seconds: seconds))
        }
        return result
    }

    static func describe(_ changes: ChangeSet?) -> String {
        guard let changes else { return "first build" }
        if changes.full { return "files changed" }
        var names = changes.contentPaths.sorted()
        if changes.templates { names.insert("templates", at: 0) }
        if names.count > 3 { return names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) more" }
        return names.joined(separator: ", ")
    }

    /// A diagnostic's file, for the overlay's source lines, read by the
    /// rules the command line reads it by (`DiagnosticSources`).
    private func readSource(_ path: String) -> String? {
        DiagnosticSources(content: configuration.site.content, templates: configuration.site.templates).text(of: path)
    }

    // MARK: Listening

    /// Whether listening on `host` keeps the site to this machine.
    static func isLoopback(_ host: String) -> Bool {
        SiteHandler.isLoopbackName(host.hasPrefix("[") || !host.contains(":") ? host : "[\(host)]")
    }

    static func address(_ host: String, port: UInt16) throws -> any SocketAddress {
        let literal = host == "localhost" ? "127.0.0.1" : host
        if let address = try? sockaddr_in.inet(ip4: literal, port: port) { return address }
        let ip6 = literal.hasPrefix("[") && literal.hasSuffix("]") ? String(literal.dropFirst().dropLast()) : literal
        if let address = try? sockaddr_in6.inet6(ip6: ip6, port: port) { return address }
        throw StartError.badHost(host)
    }

    private static func port(of server: HTTPServer) async -> UInt16? {
        switch await server.listeningAddress {
        case .ip4(_, let port)?, .ip6(_, let port)?: return port
        default: return nil
        }
    }

    /// Starts the server and returns once it listens, or throws why it cannot.
    private func listen(_ server: HTTPServer) async throws {
        let host = configuration.host
        let port = configuration.port
        let gate = Gate()
        serverTask = Task {
            do {
                try await server.run()
                gate.open(.failure(StartError.cannotListen("the server stopped")))
            } catch SocketError.failed(let type, let code, let message) where type == "Bind" {
                switch code {
                case EADDRINUSE: gate.open(.failure(StartError.portInUse(host: host, port: port)))
                case EACCES: gate.open(.failure(StartError.permissionDenied(host: host, port: port)))
                case EADDRNOTAVAIL: gate.open(.failure(StartError.addressNotAvailable(host: host)))
                default: gate.open(.failure(StartError.cannotListen(message)))
                }
            } catch {
                gate.open(.failure(StartError.cannotListen(error.localizedDescription)))
            }
        }
        Task {
            do {
                try await server.waitUntilListening(timeout: 30)
                gate.open(.success(()))
            } catch {
                gate.open(.failure(StartError.cannotListen("not listening after 30 s")))
            }
        }
        try await gate.wait()
    }

    /// Resumes its waiter with the first result it is given.
    private final class Gate: @unchecked Sendable {
        private let lock = NSLock()
        private var result: Result<Void, any Error>?
        private var waiter: CheckedContinuation<Void, any Error>?

        func open(_ value: Result<Void, any Error>) {
            let waiter: CheckedContinuation<Void, any Error>? = lock.withLock {
                guard result == nil else { return nil }
                result = value
                defer { self.waiter = nil }
                return self.waiter
            }
            waiter?.resume(with: value)
        }

        func wait() async throws {
            try await withCheckedThrowingContinuation { continuation in
                let ready: Result<Void, any Error>? = lock.withLock {
                    if result == nil { waiter = continuation }
                    return result
                }
                if let ready { continuation.resume(with: ready) }
            }
        }
    }
}

extension LiveServer {
    /// For the command line: starts, hands what started to `started` (which
    /// returns false to stop at once), then serves until SIGINT or SIGTERM
    /// and stops cleanly. A second signal while stopping quits at once.
    /// Blocks the calling thread: not for use from async code.
    public func runUntilInterrupted(started: @escaping @Sendable (Started) -> Bool) throws {
        let interrupted = DispatchSemaphore(value: 0)
        let signals = SignalCounter()
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if signals.increment() > 1 { exit(130) }
                FileHandle.standardError.write(Data("\nStopping (Ctrl-C again to quit at once)…\n".utf8))
                interrupted.signal()
            }
            source.resume()
            sources.append(source)
        }
        defer { sources.forEach { $0.cancel() } }

        let outcome = Box<Result<Started, any Error>>()
        let ready = DispatchSemaphore(value: 0)
        Task {
            do { outcome.value = .success(try await start()) } catch { outcome.value = .failure(error) }
            ready.signal()
        }
        ready.wait()
        switch outcome.value! {
        case .failure(let error): throw error
        case .success(let info):
            if started(info) { interrupted.wait() }
        }
        let stopped = DispatchSemaphore(value: 0)
        Task {
            await stop()
            stopped.signal()
        }
        stopped.wait()
    }

    private final class SignalCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func increment() -> Int {
            lock.withLock {
                count += 1; return count
            }
        }
    }

    private final class Box<Value>: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Value?
        var value: Value? {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }
}
