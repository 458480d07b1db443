import CChecksum

/// CRC-32C (Castagnoli), the checksum of every section of the saved state
/// and of every record in its log. It finds every damage of up to 32 bits
/// in a row for sure, and other damage but for one chance in four billion.
/// Computed by the processor's instruction where it has one (SSE 4.2),
/// else eight bytes a step through eight tables ("slicing by 8").
package enum CRC32C {
    /// Eight tables of 256 entries, one after the other: entry `i` of
    /// table `k` is the CRC of byte `i` followed by `k` zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            tables[byte] = crc
        }
        for table in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[(table - 1) * 256 + byte]
                tables[table * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xff)]
            }
        }
        return tables
    }()

    /// The CRC of `bytes`; with `continuing`, the CRC of the bytes that
    /// gave it followed by `bytes`.
    /// Whether the processor's CRC-32C instruction does the work (CChecksum).
    package static let hardware = sitegen_crc32c_hardware_available() != 0

    package static func checksum(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
        guard hardware, let start = bytes.baseAddress else { return checksumByTables(bytes, continuing: previous) }
        return ~sitegen_crc32c_hardware(~previous, start, bytes.count)
    }

    /// The same by eight tables, eight bytes at a time, where the processor has no instruction for it.
    package static func checksumByTables(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
        tables.withUnsafeBufferPointer { table in
            var crc = ~previous
            var offset = 0
            let count = bytes.count
            while offset + 8 <= count {
                let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                let low = UInt32(truncatingIfNeeded: word) ^ crc
                let high = UInt32(truncatingIfNeeded: word >> 32)
                crc =
                    table[7 * 256 + Int(low & 0xff)] ^ table[6 * 256 + Int((low >> 8) & 0xff)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xff)] ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(high & 0xff)] ^ table[2 * 256 + Int((high >> 8) & 0xff)]
                    ^ table[256 + Int((high >> 16) & 0xff)] ^ table[Int(high >> 24)]
                offset += 8
            }
            while offset < count {
                crc = table[Int((crc ^ UInt32(bytes[offset])) & 0xff)] ^ (crc >> 8)
                offset += 1
            }
            return ~crc
        }
    }

    package static func checksum(_ bytes: [UInt8], _ range: Range<Int>, continuing previous: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { checksum(UnsafeRawBufferPointer(rebasing: $0[range]), continuing: previous) }
    }
}

/// A run of bytes behind its length and a CRC-32C of both (eight and four
/// bytes, little-endian): how the saved state stores each section and its
/// log each record, so that damage is found before anything is decoded.
package enum ChecksummedFrame {
    package static let headerSize = 12

    /// The twelve bytes that go before `content`.
    package static func header(for content: [UInt8], _ range: Range<Int>) -> [UInt8] {
        var header = withUnsafeBytes(of: UInt64(range.count).littleEndian) { Array($0) }
        let crc = CRC32C.checksum(content, range, continuing: CRC32C.checksum(header, 0..<8))
        withUnsafeBytes(of: crc.littleEndian) { header += $0 }
        return header
    }

    /// Why a frame cannot be used.
    package enum Damage: Error {
        case cutShort, checksum
    }

    /// The range of the content of the frame at `offset` in `bytes`, after
    /// checking its checksum unless `verify` is false.
    package static func content(of bytes: [UInt8], at offset: Int, verify: Bool = true) -> Result<Range<Int>, Damage> {
        guard offset >= 0, bytes.count - offset >= headerSize else { return .failure(.cutShort) }
        let (length, stored) = bytes.withUnsafeBytes { raw in
            (
                UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
                UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self))
            )
        }
        let start = offset + headerSize
        guard length <= UInt64(bytes.count - start) else { return .failure(.cutShort) }
        let range = start..<start + Int(length)
        guard verify else { return .success(range) }
        let crc = CRC32C.checksum(bytes, range, continuing: CRC32C.checksum(bytes, offset..<offset + 8))
        return crc == stored ? .success(range) : .failure(.checksum)
    }
}
