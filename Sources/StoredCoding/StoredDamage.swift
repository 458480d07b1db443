import Foundation

/// The first stored value of a saved state that did not decode, shared by
/// every map read from that state. The state's checksums make this all but
/// impossible; a build that meets one is redone from scratch before it
/// writes anything, rather than render pages without the value.
package final class StoredDamage: @unchecked Sendable {
    private let lock = NSLock()
    private var key: String?

    package init() {}

    package func record(_ key: String) { lock.withLock { self.key = self.key ?? key } }

    /// The key of the first value that did not decode, if any.
    package var firstDamagedKey: String? { lock.withLock { key } }
}
