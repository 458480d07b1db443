import Testing

@testable import SitegenStore

/// The saved state's CRC-32C, by the processor's instruction and by tables.
@Suite("CRC-32C")
struct ChecksumTests {
    private func crc(_ bytes: [UInt8], continuing previous: UInt32 = 0, tables: Bool = false) -> UInt32 {
        bytes.withUnsafeBytes {
            tables ? CRC32C.checksumByTables($0, continuing: previous) : CRC32C.checksum($0, continuing: previous)
        }
    }

    @Test func theStandardCheckValue() {
        // CRC-32C of "123456789" is 0xE3069283 (RFC 3720's check value).
        #expect(crc(Array("123456789".utf8)) == 0xE306_9283)
        #expect(crc(Array("123456789".utf8), tables: true) == 0xE306_9283)
        #expect(crc([]) == 0)
    }

    @Test func theInstructionAndTheTablesAgreeOnEveryLengthAndSplit() {
        #if arch(x86_64)
            // Every x86-64 since 2008 has SSE 4.2: the comparison below must
            // reach the instruction, not compare the tables with themselves.
            #expect(CRC32C.hardware)
        #endif
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 9, 15, 16, 63, 64, 65, 1000, 4099] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let whole = crc(bytes, tables: true)
            #expect(crc(bytes) == whole, "length \(length)")
            let split = length / 3
            let first = crc(Array(bytes[..<split]))
            #expect(crc(Array(bytes[split...]), continuing: first) == whole, "split at \(split) of \(length)")
        }
    }
}
