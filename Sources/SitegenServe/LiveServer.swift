import Foundation
import SitegenBase
import SitegenCore
import SitegenLink

/// `sitegen serve`: builds the site, serves the output folder over HTTP,
/// watches the content and templates folders, rebuilds what a save
/// affects, and tells open pages to reload (or shows them the errors).
///
/// Rebuilds run on the file watcher's thread, one at a time, so the
/// `BuildSession` (which is not thread-safe) is only ever used from there.
/// Requests are answered on the HTTP server's thread. Neither needs Swift's
/// cooperative pool, so work that keeps the pool busy (synchronous tests
/// running beside it, for one) never delays a page or a reload.
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
        /// Seconds a connection has to send a request (after it opened or
        /// its last response), or to take a response, before it is closed.
        public var idleTimeout: TimeInterval

        public init(
            site: SiteBuilder.Options, host: String = "127.0.0.1", port: UInt16 = 8080,
            quietPeriod: TimeInterval = 0.05, writeHold: TimeInterval = 1.0, idleTimeout: TimeInterval = 15
        ) {
            self.site = site
            self.host = host
            self.port = port
            self.quietPeriod = quietPeriod
            self.writeHold = writeHold
            self.idleTimeout = idleTimeout
        }
    }

    /// What happened, for the terminal.
    public enum Event: Sendable {
        /// A build succeeded; `trigger` says what changed ("first build", file names).
        case built(SiteBuilder.Report, trigger: String, seconds: Double)
        case failed(BuildFailure, trigger: String, seconds: Double)
        /// More connections came than the server keeps open: what it did
        /// about them and how to keep more (at most one every 10 seconds).
        case overloaded(String)
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
    let hub: EventHub
    private let session: BuildSession
    private var watcher: FileWatcher?
    private let server: HTTPServer

    public init(configuration: Configuration, log: @escaping @Sendable (Event) -> Void = { _ in }) {
        self.configuration = configuration
        self.log = log
        self.session = BuildSession(options: configuration.site)
        let server = HTTPServer(notice: { log(.overloaded($0)) })
        self.server = server
        self.hub = EventHub(notify: { server.wake() })
    }

    /// The name of the build whose pages are served now (for tests and tools).
    public var currentBuild: String { hub.currentBuild }

    /// Listens, makes the first build, and starts watching. Throws
    /// `StartError` when it cannot listen or watch; a first build that fails
    /// does not stop it (the browser shows the errors until they are fixed).
    public func start() async throws -> Started {
        let site = configuration.site
        let port = try listen(
            handler: SiteHandler(root: site.output, hub: hub, loopbackOnly: Self.isLoopback(configuration.host)))

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
        let (watcher, server) = (watcher, server)
        // Waiting for the watcher's and the server's threads blocks: not on the cooperative pool.
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                watcher?.stop()
                server.stop()
                continuation.resume()
            }
        }
        self.watcher = nil
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

    static func address(_ host: String, port: UInt16) throws -> ListenAddress {
        guard let address = ListenAddress(literal: host == "localhost" ? "127.0.0.1" : host, port: port) else {
            throw StartError.badHost(host)
        }
        return address
    }

    /// Starts the server; returns the port it listens on, or throws why it cannot.
    private func listen(handler: SiteHandler) throws -> UInt16 {
        let host = configuration.host
        let port = configuration.port
        let address = try Self.address(host, port: port)
        let limits = HTTPServer.Limits.forThisProcess(idleTimeout: configuration.idleTimeout)
        do {
            return try server.start(on: address, limits: limits, handler: handler.respond)
        } catch let failure as HTTPServer.SocketFailure {
            switch (failure.call, failure.code) {
            case ("bind", EADDRINUSE): throw StartError.portInUse(host: host, port: port)
            case ("bind", EACCES): throw StartError.permissionDenied(host: host, port: port)
            case ("bind", EADDRNOTAVAIL): throw StartError.addressNotAvailable(host: host)
            default: throw StartError.cannotListen(failure.message)
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
