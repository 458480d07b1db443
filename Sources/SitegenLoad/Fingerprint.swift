import Foundation

/// Size and a 64-bit hash of a file's bytes: enough to tell whether an
/// output file changed since the last build (not a security measure).
public struct Fingerprint: Sendable, Hashable {
    public var size: Int
    public var hash: UInt64

    package init(size: Int, hash: UInt64) {
        self.size = size
        self.hash = hash
    }

    /// Eight bytes at a time, multiply and rotate: fast on large pages.
    package init(bytes: UnsafeRawBufferPointer) {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        let words = bytes.count / 8
        for index in 0..<words {
            let word = bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash = (hash << 31) | (hash >> 33)
        }
        for index in (words * 8)..<bytes.count {
            hash = (hash ^ UInt64(bytes[index])) &* 0xC4CE_B9FE_1A85_EC53
        }
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        self.size = bytes.count
        self.hash = hash
    }
}
