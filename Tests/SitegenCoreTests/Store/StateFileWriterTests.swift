import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenStore

/// The state file is written on a queue of its own while the next bytes
/// are encoded: what reaches the file is what was handed over, in order,
/// and a write that fails is reported, not lost on the other thread.
@Suite("Store: the state file writer")
struct StateFileWriterTests {
    @Test func sectionsReadBackAsWrittenWithTheirChecksums() throws {
        try TestContent.withTemporaryDirectory { root in
            let path = root.appendingPathComponent("state").path
            let writer = try StateFileWriter(creating: path)
            let batches = (0..<40).map { number in
                (0..<(number * 5_000 + 1)).map { UInt8(truncatingIfNeeded: $0 &* number) }
            }
            writer.take([7, 7, 7])
            writer.beginSection()
            for batch in batches[..<20] { writer.take(batch) }
            writer.endSection()
            writer.beginSection()
            for batch in batches[20...] { batch.withUnsafeBytes { writer.append($0) } }
            writer.endSection()
            try writer.finish()

            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(bytes[..<3] == [7, 7, 7])
            let first = try ChecksummedFrame.content(of: bytes, at: 3).get()
            #expect(Array(bytes[first]) == Array(batches[..<20].joined()))
            let second = try ChecksummedFrame.content(of: bytes, at: first.upperBound).get()
            #expect(Array(bytes[second]) == Array(batches[20...].joined()))
            #expect(second.upperBound == bytes.count)
        }
    }

    /// `/dev/full` refuses every write as a full disk does.
    @Test func aWriteThatFailsIsThrownByFinish() throws {
        try #require(FileManager.default.fileExists(atPath: "/dev/full"), "a full device to write to")
        let writer = try StateFileWriter(creating: "/dev/full")
        writer.beginSection()
        writer.take([UInt8](repeating: 1, count: 1 << 20))
        writer.endSection()
        #expect(throws: POSIXError.self) { try writer.finish() }
    }
}
