import Foundation

/// What a running build says of itself: which stage it is in and, while it
/// renders, how many pages of how many are done. A long build on a terminal
/// shows it as one line; stages call it from any thread, and the receiver
/// decides how often to show it.
package final class BuildProgress: @unchecked Sendable {
    package enum Event: Sendable, Equatable {
        case stage(String)
        case pages(done: Int, total: Int)
    }

    private let receive: @Sendable (Event) -> Void
    private let lock = NSLock()
    private var done = 0
    private var total = 0

    package init(_ receive: @escaping @Sendable (Event) -> Void) { self.receive = receive }

    package func stage(_ name: String) { receive(.stage(name)) }

    /// Rendering starts: `total` pages to go.
    package func pages(_ total: Int) {
        lock.withLock { (done, self.total) = (0, total) }
        receive(.pages(done: 0, total: total))
    }

    /// One more page rendered.
    package func pageDone() {
        let counts = lock.withLock {
            done += 1
            return (done, total)
        }
        receive(.pages(done: counts.0, total: counts.1))
    }
}
