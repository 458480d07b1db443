import Foundation

/// The open event streams of the pages in browsers, and what the last
/// build did: after a good build every stream gets `reload`, after a
/// failed one `error` with the diagnostics. A page that connects while the
/// site is broken gets the `error` at once; one that was served by an
/// older build than the current gets `reload` at once.
final class EventHub: @unchecked Sendable {
    private let lock = NSLock()
    private var subscriptions: [ObjectIdentifier: Subscription] = [:]
    /// Names this server's builds, so a page from an earlier run of
    /// `sitegen serve` is never mistaken for a current one.
    private let runID = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    private var generation = 0
    private var failure: String?
    private var closed = false
    /// Called after events are queued, from whichever thread queued them:
    /// the HTTP server wakes up and sends them.
    private let notify: @Sendable () -> Void

    init(notify: @escaping @Sendable () -> Void = {}) {
        self.notify = notify
    }

    /// The name of the build whose pages are served now.
    var currentBuild: String { lock.withLock { "\(runID)-\(generation)" } }

    var subscriberCount: Int { lock.withLock { subscriptions.count } }

    /// Opens a stream for a page that was served by `build` (nil: unknown).
    /// After `close()` the stream it gives has ended.
    func subscribe(pageBuild: String?) -> Subscription {
        let subscription = Subscription(hub: self)
        lock.withLock {
            guard !closed else {
                subscription.finish()
                return
            }
            subscriptions[ObjectIdentifier(subscription)] = subscription
            subscription.queue(LiveReload.streamOpening)
            if let failure {
                subscription.queue(LiveReload.event("error", data: failure))
            } else if let pageBuild, pageBuild != "\(runID)-\(generation)" {
                subscription.queue(LiveReload.event("reload", data: "\(runID)-\(generation)"))
            }
        }
        return subscription
    }

    /// A good build: its pages are served from now on.
    func buildSucceeded() {
        lock.withLock {
            generation += 1
            failure = nil
            broadcast(LiveReload.event("reload", data: "\(runID)-\(generation)"))
        }
        notify()
    }

    /// A failed build; `report` is `LiveReload.errorReport`'s JSON.
    func buildFailed(report: String) {
        lock.withLock {
            failure = report
            broadcast(LiveReload.event("error", data: report))
        }
        notify()
    }

    /// Ends every stream; later subscribers get an ended one.
    func close() {
        lock.withLock {
            closed = true
            for subscription in subscriptions.values { subscription.finish() }
            subscriptions = [:]
        }
        notify()
    }

    private func broadcast(_ data: Data) {
        for subscription in subscriptions.values { subscription.queue(data) }
    }

    fileprivate func remove(_ subscription: Subscription) {
        _ = lock.withLock { subscriptions.removeValue(forKey: ObjectIdentifier(subscription)) }
    }

    /// One page's stream: the events queued for it, taken by the server
    /// as the connection can send them.
    final class Subscription: @unchecked Sendable {
        /// A page that does not read its stream keeps only the newest events.
        static let queueLimit = 64

        private let lock = NSLock()
        private weak var hub: EventHub?
        private var queued: [Data] = []
        private var ended = false

        fileprivate init(hub: EventHub) {
            self.hub = hub
        }

        fileprivate func queue(_ data: Data) {
            lock.withLock {
                queued.append(data)
                if queued.count > Self.queueLimit { queued.removeFirst() }
            }
        }

        fileprivate func finish() {
            lock.withLock { ended = true }
        }

        /// The events queued since the last call, and whether the stream has ended.
        func take() -> (events: [Data], ended: Bool) {
            lock.withLock {
                defer { queued = [] }
                return (queued, ended)
            }
        }

        /// The page went: no more events for it.
        func cancel() {
            hub?.remove(self)
        }
    }
}
