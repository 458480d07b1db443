import Foundation
import StoredCoding

/// The saved state going to its file as it is encoded: each section is a
/// `ChecksummedFrame` whose header is written last, once the section's
/// length is known and its checksum read back from the page cache. A big
/// site's state (300 MB at 10,000 articles) is never held whole, which
/// made saving the build's peak in memory.
///
/// The bytes go to the file on a queue of their own, so that encoding the
/// next batch goes on while the kernel copies the last one (copying into
/// the page cache was a quarter of a big site's save).
final class StateFileWriter: BinarySpill, @unchecked Sendable {
    private let descriptor: Int32
    /// Where the next bytes go; advanced when they are handed over.
    private var end = 0
    private var sectionStart = 0
    private let writing = DispatchQueue(label: "sitegen.state-file")
    /// Batches handed over and not yet written, at most: bounds the memory
    /// held when encoding runs ahead of the disk.
    private let waiting = DispatchSemaphore(value: 2)
    /// The first failure, set on the writing queue; later writes are
    /// skipped and `finish` throws it.
    private var failure: Error?

    init(creating path: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    deinit {
        writing.sync {}
        Foundation.close(descriptor)
    }

    func take(_ bytes: [UInt8]) {
        let offset = end
        end += bytes.count
        waiting.wait()
        writing.async { [self] in
            defer { waiting.signal() }
            bytes.withUnsafeBytes { write($0, at: offset) }
        }
    }

    func append(_ bytes: UnsafeRawBufferPointer) { take(Array(bytes)) }

    /// On the writing queue.
    private func write(_ bytes: UnsafeRawBufferPointer, at start: Int) {
        guard failure == nil, var next = bytes.baseAddress else { return }
        var left = bytes.count
        var offset = start
        while left > 0 {
            let written = pwrite(descriptor, next, left, off_t(offset))
            guard written > 0 else {
                if written < 0, errno == EINTR { continue }
                failure = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                return
            }
            offset += written
            left -= written
            next += written
        }
    }

    /// Leaves room for the header of the section that starts here.
    func beginSection() {
        sectionStart = end
        [UInt8](repeating: 0, count: ChecksummedFrame.headerSize).withUnsafeBytes { append($0) }
    }

    /// Writes the header of the section begun last, over the room left for it.
    func endSection() {
        writing.sync {}  // the section is in the file
        guard failure == nil else { return }
        let contentStart = sectionStart + ChecksummedFrame.headerSize
        var header = withUnsafeBytes(of: UInt64(end - contentStart).littleEndian) { Array($0) }
        var crc = CRC32C.checksum(header, 0..<8)
        var chunk = [UInt8](repeating: 0, count: 1 << 22)
        var offset = contentStart
        while offset < end {
            let got = chunk.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress, min($0.count, end - offset), off_t(offset))
            }
            guard got > 0 else {
                failure = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                return
            }
            crc = CRC32C.checksum(chunk, 0..<got, continuing: crc)
            offset += got
        }
        withUnsafeBytes(of: crc.littleEndian) { header += $0 }
        let written = header.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(sectionStart)) }
        if written != header.count { failure = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    /// Throws the first failure, if any.
    func finish() throws {
        writing.sync {}
        if let failure { throw failure }
    }
}
