import Foundation
import SitegenBase

/// A content file's text, decoded and normalised (no BOM, `\n` line endings).
public struct SourceFile: Sendable, Hashable {
    /// Path relative to the content folder, with `/` separators: `articles/x.md`.
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// Decodes bytes as strict UTF-8. On failure the diagnostic points at the
    /// first byte that is not UTF-8, so the author can find it.
    public static func decode(_ data: Data, path: String) -> Result<SourceFile, Diagnostic> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // CRLF and lone CR become LF so every later stage counts lines one
        // way. Done on bytes: CR never occurs inside a multi-byte UTF-8
        // sequence, and Foundation's string search cost seconds at 10,000 files.
        if bytes.contains(0x0D) { bytes = withLineFeeds(bytes) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(in: bytes)
            return .failure(
                .error(
                    "file is not valid UTF-8 text", at: SourceLocation(file: path, line: line, column: column),
                    notes: ["save the file with UTF-8 encoding"]))
        }
        return .success(SourceFile(path: path, text: text))
    }

    private static func withLineFeeds(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            guard byte == 0x0D else {
                result.append(byte)
                continue
            }
            result.append(0x0A)
            if index < bytes.count, bytes[index] == 0x0A { index += 1 }
        }
        return result
    }

    private static func firstInvalidUTF8(in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            let end = index + length
            if length == 0 || end > bytes.count
                || String(validating: bytes[index..<end], as: UTF8.self) == nil
            {
                let prefix = String(decoding: bytes[lineStart..<index], as: UTF8.self)
                return (line, prefix.unicodeScalars.count + 1)
            }
            if byte == 0x0A {
                line += 1
                lineStart = end
            }
            index = end
        }
        return (line, 1)
    }
}
