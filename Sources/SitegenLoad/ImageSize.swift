import Foundation
import StoredCoding

/// An image's width and height in CSS pixels, read from the file's header
/// (PNG, GIF, JPEG, WebP, SVG) so pages can reserve its space before it
/// loads. No image library: only the few bytes each format puts first.
@BinaryCoded
public struct ImageSize: Sendable, Hashable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// File extensions that `read` knows, lower-case.
    package static let extensions: Set<String> = ["png", "gif", "jpg", "jpeg", "webp", "svg"]

    /// The size of the image at `url`, or nil when it is not an image in a
    /// known format or its header does not say.
    package static func read(from url: URL) -> ImageSize? {
        guard extensions.contains(url.pathExtension.lowercased()),
            let handle = try? FileHandle(forReadingFrom: url)
        else { return nil }
        defer { try? handle.close() }
        // The header formats fit in the first bytes; a JPEG's size comes
        // after its metadata segments, which are skipped by seeking.
        guard let head = try? handle.read(upToCount: 64 * 1024), !head.isEmpty else { return nil }
        let bytes = [UInt8](head)
        if let size = png(bytes) ?? gif(bytes) ?? webp(bytes) { return size }
        if bytes.starts(with: [0xFF, 0xD8]) { return jpeg(handle) }
        return svg(bytes)
    }

    private static func bigEndian(_ bytes: [UInt8], _ at: Int, _ count: Int) -> Int {
        (at..<(at + count)).reduce(0) { $0 << 8 | Int(bytes[$1]) }
    }

    private static func littleEndian(_ bytes: [UInt8], _ at: Int, _ count: Int) -> Int {
        (at..<(at + count)).reversed().reduce(0) { $0 << 8 | Int(bytes[$1]) }
    }

    private static func valid(_ width: Int, _ height: Int) -> ImageSize? {
        width > 0 && height > 0 ? ImageSize(width: width, height: height) : nil
    }

    /// PNG: the IHDR chunk comes first, width and height as 32-bit big-endian.
    package static func png(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.count >= 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            bytes[12...15].elementsEqual("IHDR".utf8)
        else { return nil }
        return valid(bigEndian(bytes, 16, 4), bigEndian(bytes, 20, 4))
    }

    /// GIF87a/89a: the logical screen size, 16-bit little-endian.
    package static func gif(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.count >= 10, bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8))
        else { return nil }
        return valid(littleEndian(bytes, 6, 2), littleEndian(bytes, 8, 2))
    }

    /// WebP: a RIFF container whose first chunk is lossy (VP8), lossless
    /// (VP8L) or extended (VP8X), each storing the size its own way.
    package static func webp(_ bytes: [UInt8]) -> ImageSize? {
        guard bytes.count >= 30, bytes.starts(with: Array("RIFF".utf8)), bytes[8...11].elementsEqual("WEBP".utf8)
        else { return nil }
        switch String(decoding: bytes[12...15], as: UTF8.self) {
        case "VP8 ":
            // After the frame tag and the start code 9D 01 2A: 14-bit sizes.
            guard bytes[23] == 0x9D, bytes[24] == 0x01, bytes[25] == 0x2A else { return nil }
            return valid(littleEndian(bytes, 26, 2) & 0x3FFF, littleEndian(bytes, 28, 2) & 0x3FFF)
        case "VP8L":
            guard bytes[20] == 0x2F else { return nil }
            let bits = littleEndian(bytes, 21, 4)
            return valid((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            return valid(littleEndian(bytes, 24, 3) + 1, littleEndian(bytes, 27, 3) + 1)
        default: return nil
        }
    }

    /// JPEG: walks the segments to the first start-of-frame marker, which
    /// holds height then width; metadata before it (EXIF, thumbnails) can
    /// be large, so each segment is skipped by seeking past it.
    package static func jpeg(_ handle: FileHandle) -> ImageSize? {
        var offset: UInt64 = 2
        // A real file reaches its frame within a few dozen segments.
        for _ in 0..<1024 {
            guard (try? handle.seek(toOffset: offset)) != nil,
                let data = try? handle.read(upToCount: 9), data.count >= 4
            else { return nil }
            let header = [UInt8](data)
            guard header[0] == 0xFF else { return nil }
            let marker = header[1]
            if marker == 0xFF {  // fill byte
                offset += 1
                continue
            }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) {
                offset += 2
                continue
            }
            let length = bigEndian(header, 2, 2)
            // Start of frame: C0–CF, except DHT (C4), JPG (C8) and DAC (CC).
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard header.count >= 9 else { return nil }
                return valid(bigEndian(header, 7, 2), bigEndian(header, 5, 2))
            }
            guard length >= 2, marker != 0xD9, marker != 0xDA else { return nil }
            offset += 2 + UInt64(length)
        }
        return nil
    }

    /// SVG: the root element's `width` and `height` when both are plain
    /// numbers or pixels, else the `viewBox`'s.
    package static func svg(_ bytes: [UInt8]) -> ImageSize? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let open = text.range(of: "<svg"),
            let close = text[open.upperBound...].firstIndex(of: ">")
        else { return nil }
        let tag = text[open.upperBound..<close]
        func attribute(_ name: String) -> String? {
            var search = tag[...]
            while let found = search.range(of: name) {
                defer { search = search[found.upperBound...] }
                // A whole attribute name, not the end of another (stroke-width).
                if found.lowerBound > tag.startIndex,
                    !tag[tag.index(before: found.lowerBound)].isWhitespace
                {
                    continue
                }
                var rest = tag[found.upperBound...].drop { $0.isWhitespace }
                guard rest.first == "=" else { continue }
                rest = rest.dropFirst().drop { $0.isWhitespace }
                guard let quote = rest.first, quote == "\"" || quote == "'" else { continue }
                rest = rest.dropFirst()
                guard let end = rest.firstIndex(of: quote) else { return nil }
                return String(rest[..<end])
            }
            return nil
        }
        func pixels(_ value: String?) -> Int? {
            guard var value = value?.trimmingCharacters(in: .whitespaces) else { return nil }
            if value.hasSuffix("px") { value.removeLast(2) }
            guard let number = Double(value), number.isFinite, number > 0, number < 1e7 else { return nil }
            return Int(number.rounded())
        }
        if let width = pixels(attribute("width")), let height = pixels(attribute("height")) {
            return valid(width, height)
        }
        let box = (attribute("viewBox") ?? "").split { $0 == " " || $0 == "," }.compactMap { Double($0) }
        guard box.count == 4, (0..<1e7).contains(box[2]), (0..<1e7).contains(box[3]) else { return nil }
        return valid(Int(box[2].rounded()), Int(box[3].rounded()))
    }
}
