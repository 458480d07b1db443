import FlyingFox
import FlyingSocks
import Foundation

/// The open event streams of the pages in browsers, and what the last
/// build did: after a good build every stream gets `reload`, after a
/// failed one `error` with the diagnostics. A page that connects while the
/// site is broken gets the `error` at once; one that was served by an
/// older build than the current gets `reload` at once.
final class EventHub: @unchecked Sendable {
    private let lock = NSLock()
    private var streams: [UUID: AsyncStream<Data>.Continuation] = [:]
    /// Names this server's builds, so a page from an earlier run of
    /// `sitegen serve` is never mistaken for a current one.
    private let runID = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    private var generation = 0
    private var failure: String?
    private var closed = false

    /// The name of the build whose pages are served now.
    var currentBuild: String { lock.withLock { "\(runID)-\(generation)" } }

    var subscriberCount: Int { lock.withLock { streams.count } }

    /// Opens a stream for a page that was served by `build` (nil: unknown).
    func subscribe(pageBuild: String?) -> (stream: AsyncStream<Data>, subscription: Subscription) {
        let (stream, continuation) = AsyncStream.makeStream(of: Data.self, bufferingPolicy: .bufferingNewest(64))
        let id = UUID()
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        let open = lock.withLock {
            guard !closed else { return false }
            streams[id] = continuation
            continuation.yield(LiveReload.streamOpening)
            if let failure {
                continuation.yield(LiveReload.event("error", data: failure))
            } else if let pageBuild, pageBuild != "\(runID)-\(generation)" {
                continuation.yield(LiveReload.event("reload", data: "\(runID)-\(generation)"))
            }
            return true
        }
        // Outside the lock: finishing calls onTermination, which takes it.
        if !open { continuation.finish() }
        return (stream, Subscription(hub: self, id: id))
    }

    /// A good build: its pages are served from now on.
    func buildSucceeded() {
        lock.withLock {
            generation += 1
            failure = nil
            broadcast(LiveReload.event("reload", data: "\(runID)-\(generation)"))
        }
    }

    /// A failed build; `report` is `LiveReload.errorReport`'s JSON.
    func buildFailed(report: String) {
        lock.withLock {
            failure = report
            broadcast(LiveReload.event("error", data: report))
        }
    }

    /// A comment on every stream, so streams of closed pages are noticed
    /// (their write fails) and dropped.
    func sendHeartbeat() {
        lock.withLock { broadcast(LiveReload.heartbeat) }
    }

    /// Ends every stream; later subscribers get an empty one.
    func close() {
        let open = lock.withLock {
            closed = true
            defer { streams = [:] }
            return Array(streams.values)
        }
        for continuation in open { continuation.finish() }
    }

    private func broadcast(_ data: Data) {
        for continuation in streams.values { continuation.yield(data) }
    }

    fileprivate func remove(_ id: UUID) {
        _ = lock.withLock { streams.removeValue(forKey: id) }
    }

    /// Held by a response body: when the connection ends and the body is
    /// released, the stream is dropped from the hub.
    final class Subscription: Sendable {
        private let hub: EventHub
        private let id: UUID
        init(hub: EventHub, id: UUID) {
            self.hub = hub
            self.id = id
        }
        deinit { hub.remove(id) }
    }
}

/// An event stream as a response body that FlyingFox sends with chunked
/// transfer encoding, one chunk per event as soon as it is yielded.
struct EventStreamBody: AsyncBufferedSequence {
    typealias Element = UInt8
    let stream: AsyncStream<Data>
    let subscription: EventHub.Subscription

    func makeAsyncIterator() -> Iterator {
        Iterator(base: stream.makeAsyncIterator(), subscription: subscription)
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<Data>.Iterator
        let subscription: EventHub.Subscription
        var pending: [UInt8] = []

        mutating func next() async throws -> UInt8? {
            try await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            while pending.isEmpty {
                guard let chunk = await base.next() else { return nil }
                pending = [UInt8](chunk)
            }
            let taken = Swift.min(Swift.max(1, count), pending.count)
            defer { pending.removeFirst(taken) }
            return Array(pending[..<taken])
        }
    }
}
