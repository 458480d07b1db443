import Foundation

/// A request's first line and header fields, as `sitegen serve` reads
/// them. It serves files only, so it never reads a request body.
struct HTTPRequestHead: Equatable, Sendable {
    struct Field: Equatable, Sendable {
        var name: String
        var value: String
    }

    var method: String
    /// As sent, still percent-encoded: `/articles/x.html?build=1`.
    var target: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    var version: String
    var fields: [Field]

    /// Every value of the field `name` (any case), in the order sent.
    func values(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    func value(_ name: String) -> String? { values(name).first }

    /// The target's path, without the query.
    var path: String { String(target.prefix { $0 != "?" }) }

    /// The value of `name` in the target's query, percent-decoded.
    func queryValue(_ name: String) -> String? {
        guard let mark = target.firstIndex(of: "?") else { return nil }
        for pair in target[target.index(after: mark)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0].replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            if key == name {
                let value = parts.count > 1 ? String(parts[1]) : ""
                return value.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
        }
        return nil
    }

    /// Whether the connection may carry another request after this one's response.
    var keepsAlive: Bool {
        let connection = values("Connection").flatMap { $0.split(separator: ",") }.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        return version == "HTTP/1.1" && !connection.contains("close")
    }

    /// Whether a body follows the head. None is read: the connection is closed after the response.
    var hasBody: Bool {
        !values("Transfer-Encoding").isEmpty || values("Content-Length").contains { $0 != "0" }
    }
}

/// Collects a connection's bytes until a request head is complete. Every
/// byte is looked at once (a head of n bytes costs O(n), however it
/// arrives), and a head may not exceed the usual limits: 8 KiB for the
/// request line (else 414) and 64 KiB for the header fields (else 431).
struct HTTPRequestReader {
    static let requestLineLimit = 8 * 1024
    static let headerFieldsLimit = 64 * 1024

    enum Outcome: Equatable {
        /// More bytes are needed.
        case incomplete
        case request(HTTPRequestHead)
        /// Not a request this server takes: answer with `status` and close.
        case refused(HTTPStatus, String)
    }

    /// Bytes received and not yet taken as a request.
    private var buffer: [UInt8] = []
    /// Where the request line ends (the index of its LF), once seen.
    private var requestLineEnd: Int?
    /// Where the header line being read starts.
    private var lineStart = 0
    /// How far the buffer has been searched.
    private var scanned = 0

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
    }

    /// The next request when its head is complete (its bytes are then taken
    /// from the buffer; any that follow stay for the next one).
    mutating func next() -> Outcome {
        if requestLineEnd == nil {
            // Empty lines before a request line are ignored (RFC 9112 §2.2).
            let blanks = buffer.prefix { $0 == 13 || $0 == 10 }.count
            if blanks > 0 {
                buffer.removeFirst(blanks)
                scanned = 0
            }
            while scanned < buffer.count && buffer[scanned] != 10 { scanned += 1 }
            let lineLength = scanned > 0 && buffer[scanned - 1] == 13 ? scanned - 1 : scanned
            if lineLength > Self.requestLineLimit { return Self.uriTooLong }
            guard scanned < buffer.count else { return .incomplete }
            requestLineEnd = scanned
            scanned += 1
            lineStart = scanned
        }
        // The head ends with an empty line.
        while scanned < buffer.count {
            if buffer[scanned] == 10 {
                if scanned == lineStart || (scanned == lineStart + 1 && buffer[lineStart] == 13) {
                    return take(headEnd: scanned + 1)
                }
                lineStart = scanned + 1
            }
            scanned += 1
        }
        // One byte more may be the CR of the empty line that ends the head.
        return fieldsSize(upTo: buffer.count) > Self.headerFieldsLimit + 1 ? Self.fieldsTooLarge : .incomplete
    }

    private static let uriTooLong = Outcome.refused(
        .uriTooLong, "URI too long: request lines are limited to \(requestLineLimit / 1024) KiB.\n")
    private static let fieldsTooLarge = Outcome.refused(
        .headerFieldsTooLarge,
        "Request header fields too large: they are limited to \(headerFieldsLimit / 1024) KiB.\n")

    /// The bytes of header fields before `end` (the final empty line is not counted).
    private func fieldsSize(upTo end: Int) -> Int { end - (requestLineEnd! + 1) }

    /// Parses the head `buffer[..<headEnd]` and removes it from the buffer.
    private mutating func take(headEnd: Int) -> Outcome {
        let fieldsEnd = lineStart
        defer {
            buffer.removeFirst(headEnd)
            requestLineEnd = nil
            scanned = 0
        }
        if fieldsSize(upTo: fieldsEnd) > Self.headerFieldsLimit { return Self.fieldsTooLarge }
        let lines = buffer[..<fieldsEnd].split(separator: 10, omittingEmptySubsequences: false).dropLast().map {
            line in line.last == 13 ? line.dropLast() : line
        }
        return Self.parse(requestLine: lines[0], fieldLines: lines.dropFirst())
    }

    private static func badRequest(_ why: String) -> Outcome {
        .refused(.badRequest, "Bad request: \(why).\n")
    }

    private static func parse(requestLine: ArraySlice<UInt8>, fieldLines: ArraySlice<ArraySlice<UInt8>>) -> Outcome {
        let parts = requestLine.split(separator: 32, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }),
            parts[0].allSatisfy(isTokenByte), parts[1].allSatisfy({ $0 > 32 && $0 != 127 })
        else {
            return badRequest("the request line is not 'METHOD /path HTTP/1.1'")
        }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version.hasPrefix("HTTP/") else {
            return badRequest("the request line is not 'METHOD /path HTTP/1.1'")
        }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return .refused(.httpVersionNotSupported, "HTTP version not supported: use HTTP/1.1.\n")
        }
        var fields: [HTTPRequestHead.Field] = []
        for line in fieldLines {
            // Folded lines (obsolete) and names with spaces are how requests are smuggled: refused (RFC 9112 §5).
            guard let colon = line.firstIndex(of: 58), colon > line.startIndex,
                line[line.startIndex..<colon].allSatisfy(isTokenByte)
            else {
                return badRequest("a header line is not 'Name: value'")
            }
            let value = line[(colon + 1)...].drop { $0 == 32 || $0 == 9 }
            fields.append(
                .init(
                    name: String(decoding: line[..<colon], as: UTF8.self),
                    value: String(decoding: value, as: UTF8.self).trimmingCharacters(in: .whitespaces)))
        }
        let head = HTTPRequestHead(
            method: String(decoding: parts[0], as: UTF8.self), target: String(decoding: parts[1], as: UTF8.self),
            version: version, fields: fields)
        // RFC 9112 §3.2: a request without exactly one Host is refused.
        guard head.values("Host").count == 1 else {
            return badRequest("a request needs exactly one Host header")
        }
        let lengths = Set(head.values("Content-Length"))
        guard lengths.count <= 1, lengths.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else {
            return badRequest("Content-Length is not one number")
        }
        return .request(head)
    }

    /// The characters of a method or field name (RFC 9110 §5.6.2).
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 48...57, 65...90, 97...122: return true
        default: return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
