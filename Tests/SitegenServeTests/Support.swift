import Foundation
import SitegenTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A small HTTP client over a plain socket (so tests can send paths no URL
/// library would, and read an event stream as it comes), and a way to block
/// off Swift's cooperative pool. Folders come from `TestContent`.
enum ServeTestSupport {
    /// Runs blocking work (sockets, waiting) on a thread of its own, so it
    /// cannot starve the server's tasks on Swift's small cooperative pool.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try work() })
            }.start()
        }
    }
}
