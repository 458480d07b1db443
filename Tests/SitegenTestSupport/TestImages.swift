import Foundation

/// Small valid image files for tests: real enough for a browser to draw,
/// with the header fields sitegen reads.
public enum TestImages {
    /// A one-colour RGB PNG (zlib with stored blocks, real CRCs).
    public static func png(width: Int, height: Int) -> Data {
        var raw: [UInt8] = []
        for _ in 0..<height { raw += [0] + [UInt8](repeating: 0x80, count: width * 3) }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, raw.count - offset)
            let last: UInt8 = offset + count == raw.count ? 1 : 0
            zlib += [last, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            zlib += raw[offset..<(offset + count)]
            offset += count
        } while offset < raw.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in raw {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        zlib += bigEndian(b << 16 | a)
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 2, 0, 0, 0])
        file += chunk("IDAT", zlib)
        file += chunk("IEND", [])
        return Data(file)
    }

    /// An SVG sized by its viewBox only.
    public static func svg(width: Int, height: Int) -> Data {
        Data(
            """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)">\
            <rect width="\(width)" height="\(height)" fill="#88a"/></svg>
            """.utf8)
    }

    /// A GIF89a header with the logical screen size (enough for sitegen,
    /// not a drawable picture).
    public static func gifHeader(width: Int, height: Int) -> Data {
        Data(Array("GIF89a".utf8) + littleEndian16(width) + littleEndian16(height) + [0, 0, 0])
    }

    /// A JPEG's segments up to its frame header, after `metadataBytes` of
    /// APP1 metadata (EXIF), which can push the size past the first 64 KiB.
    public static func jpegHeader(width: Int, height: Int, metadataBytes: Int = 0) -> Data {
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes += [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        var remaining = metadataBytes
        while remaining > 0 {
            let count = min(remaining, 65_000)
            bytes += [0xFF, 0xE1, UInt8((count + 2) >> 8), UInt8((count + 2) & 0xFF)]
            bytes += [UInt8](repeating: 0x45, count: count)
            remaining -= count
        }
        bytes += [0xFF, 0xC0, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 0xFF)]
        bytes += [UInt8(width >> 8), UInt8(width & 0xFF), 0x03] + [UInt8](repeating: 0, count: 9)
        bytes += [0xFF, 0xD9]
        return Data(bytes)
    }

    private static func littleEndian16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
