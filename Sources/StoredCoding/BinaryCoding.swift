import Foundation

/// A value that can be written to and read back from sitegen's build-state
/// file. Not `Codable`: decoding a 10,000-article site's state must take a
/// fraction of a second, and a positional format with shared strings does.
/// Types of the pipeline derive their conformance with `@BinaryCoded`.
///
/// Everything here is `@inlinable`: the conformances are used by other
/// modules, and reading a state is a few million such calls, which must be
/// specialized and inlined there as if written in the same module.
@usableFromInline package protocol BinaryCodable {
    func encode(to writer: inout BinaryWriter)
    init(from reader: inout BinaryReader) throws
}

/// Writes values as bytes: integers as variable-length numbers, each
/// distinct string once in a table (slugs, ids and file names recur
/// thousands of times), everything else in declaration order.
@usableFromInline package struct BinaryWriter {
    @usableFromInline package internal(set) var bytes: [UInt8] = []
    /// False for parts (see `part`): their strings are mostly their own,
    /// and a table per part would cost more than it saves.
    @usableFromInline let sharesStrings: Bool
    @usableFromInline var stringIndex: [String: Int] = [:]
    @usableFromInline var strings: [String] = []
    /// Where the bytes go once they pass `spillSize` (see `spilling`).
    @usableFromInline var spill: BinarySpill?
    @usableFromInline var spillSize = Int.max

    @inlinable
    package init(capacity: Int = 256, sharesStrings: Bool = true) {
        bytes.reserveCapacity(capacity)
        self.sharesStrings = sharesStrings
    }

    @inlinable
    package mutating func write(_ value: Int) {
        // Zig-zag, so small negative numbers stay short.
        var number = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
        while number >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: number) | 0x80)
            number >>= 7
        }
        bytes.append(UInt8(number))
    }

    @inlinable
    package mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    @inlinable
    package mutating func write(_ value: String) {
        guard sharesStrings else {
            var value = value
            value.withUTF8 { utf8 in
                write(utf8.count)
                bytes.append(contentsOf: utf8)
            }
            return
        }
        if let index = stringIndex[value] {
            write(index)
        } else {
            stringIndex[value] = strings.count
            write(strings.count)
            strings.append(value)
        }
    }

    @inlinable
    package mutating func write<T: BinaryCodable>(_ value: T) { value.encode(to: &self) }

    /// A part that is read on its own later (see `StoredMap`): its length,
    /// then its bytes, which carry their own string table.
    @inlinable
    package mutating func writePart(_ part: some Collection<UInt8>) {
        write(part.count)
        bytes.append(contentsOf: part)
        // Parts are the bulk of a big state: past them is where it spills.
        if bytes.count >= spillSize { flush() }
    }

    /// Hands the bytes written so far to `spill` as they pass `size`, so
    /// that a value of hundreds of megabytes is never held whole.
    package mutating func spilling(into spill: BinarySpill, every size: Int) {
        self.spill = spill
        spillSize = size
    }

    /// Hands the bytes written so far to `spill` (none set: keeps them);
    /// the strings stay, as later values may refer to them.
    @usableFromInline
    package mutating func flush() {
        guard let spill else { return }
        spill.take(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// The string table followed by the values.
    @inlinable package var encoded: [UInt8] { stringTable + bytes }

    /// The strings the values refer to, as a reader expects them before
    /// the values (nothing for a part).
    @inlinable package var stringTable: [UInt8] {
        guard sharesStrings else { return [] }
        var table = BinaryWriter(sharesStrings: false)
        table.write(strings.count)
        for string in strings { table.write(string) }
        return table.bytes
    }

    /// One value as a part of its own, strings written in place.
    @inlinable
    package static func part<T: BinaryCodable>(_ value: T) -> [UInt8] {
        var writer = BinaryWriter(sharesStrings: false)
        writer.write(value)
        return writer.encoded
    }
}

/// Where a spilling `BinaryWriter` sends its bytes, in order.
@usableFromInline package protocol BinarySpill: AnyObject {
    func take(_ bytes: [UInt8])
}

/// Reads what a `BinaryWriter` wrote, in the same order.
@usableFromInline package struct BinaryReader: Sendable {
    @usableFromInline package struct Malformed: Error {
        @inlinable package init() {}
    }

    /// The whole file, shared (not copied) by readers of its parts.
    @usableFromInline package let bytes: [UInt8]
    @usableFromInline package internal(set) var offset: Int
    @usableFromInline var end: Int
    /// Nil for a part, whose strings are written in place.
    @usableFromInline var strings: [String]? = []
    /// Where the stored maps read by this reader report values that do not
    /// decode (see `StoredMap`).
    package var damage: StoredDamage?

    package init(_ data: Data) throws {
        let bytes = [UInt8](data)
        try self.init(bytes, range: 0..<bytes.count)
    }

    /// Reads the values in `range` of `bytes`: after a string table, or
    /// for a part (`BinaryWriter.part`), with strings in place.
    package init(_ bytes: [UInt8], range: Range<Int>, part: Bool = false) throws {
        self.bytes = bytes
        offset = range.lowerBound
        end = range.upperBound
        guard !part else {
            strings = nil
            return
        }
        let count = try readCount()
        var strings: [String] = []
        strings.reserveCapacity(count)
        for _ in 0..<count { strings.append(try readInlineString()) }
        self.strings = strings
    }

    @inlinable
    mutating func readInlineString() throws -> String {
        let length = try readCount()
        defer { offset += length }
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }

    /// Reads on in `range`, with the same string table: the saved state
    /// keeps its values in sections, each with its own checksum.
    package mutating func moveTo(_ range: Range<Int>) {
        offset = range.lowerBound
        end = range.upperBound
    }

    /// A reader of plain values (no string table) from `offset` on.
    package static func raw(_ bytes: [UInt8], from offset: Int) -> BinaryReader {
        BinaryReader(bytes: bytes, offset: offset, end: bytes.count)
    }

    private init(bytes: [UInt8], offset: Int, end: Int) {
        self.bytes = bytes
        self.offset = offset
        self.end = end
        strings = nil
    }

    /// The range of the next `count` bytes, skipped.
    @inlinable
    package mutating func skip(_ count: Int) throws -> Range<Int> {
        guard count >= 0, count <= end - offset else { throw Malformed() }
        defer { offset += count }
        return offset..<offset + count
    }

    @inlinable
    package var isAtEnd: Bool { offset == end }

    @inlinable
    package mutating func readInt() throws -> Int {
        var number: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end, shift < 64 else { throw Malformed() }
            let byte = bytes[offset]
            offset += 1
            number |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        // Undoes the zig-zag: a logical shift, then the sign from bit 0.
        return Int(Int64(bitPattern: number >> 1) ^ -Int64(bitPattern: number & 1))
    }

    @inlinable
    package mutating func readBool() throws -> Bool {
        guard offset < end, bytes[offset] <= 1 else { throw Malformed() }
        defer { offset += 1 }
        return bytes[offset] == 1
    }

    @inlinable
    package mutating func readString() throws -> String {
        guard let strings else { return try readInlineString() }
        let index = try readInt()
        guard strings.indices.contains(index) else { throw Malformed() }
        return strings[index]
    }

    @inlinable
    package mutating func read<T: BinaryCodable>(_: T.Type = T.self) throws -> T { try T(from: &self) }

    /// A count about to be read as that many values: never more than the
    /// bytes left, so a damaged file cannot ask for a huge allocation.
    @inlinable
    package mutating func readCount() throws -> Int {
        let count = try readInt()
        guard count >= 0, count <= end - offset else { throw Malformed() }
        return count
    }
}

extension Int: BinaryCodable {
    @inlinable package func encode(to writer: inout BinaryWriter) { writer.write(self) }
    @inlinable package init(from reader: inout BinaryReader) throws { self = try reader.readInt() }
}

/// As an `Int`, so the bytes are the same; a value out of range is malformed.
extension Int32: BinaryCodable {
    @inlinable package func encode(to writer: inout BinaryWriter) { writer.write(Int(self)) }
    @inlinable package init(from reader: inout BinaryReader) throws {
        guard let value = Int32(exactly: try reader.readInt()) else { throw BinaryReader.Malformed() }
        self = value
    }
}

/// As the bit pattern of an `Int` (hashes use all 64 bits).
extension UInt64: BinaryCodable {
    @inlinable package func encode(to writer: inout BinaryWriter) { writer.write(Int(Int64(bitPattern: self))) }
    @inlinable package init(from reader: inout BinaryReader) throws {
        self = UInt64(bitPattern: Int64(try reader.readInt()))
    }
}

extension Bool: BinaryCodable {
    @inlinable package func encode(to writer: inout BinaryWriter) { writer.write(self) }
    @inlinable package init(from reader: inout BinaryReader) throws { self = try reader.readBool() }
}

extension String: BinaryCodable {
    @inlinable package func encode(to writer: inout BinaryWriter) { writer.write(self) }
    @inlinable package init(from reader: inout BinaryReader) throws { self = try reader.readString() }
}

/// A file URL as its path (the state keeps where files are, and reading it
/// back must not depend on how the URL was spelled); any other URL as its
/// absolute string.
extension URL: BinaryCodable {
    @inlinable package func encode(to writer: inout BinaryWriter) {
        writer.write(isFileURL)
        writer.write(isFileURL ? path : absoluteString)
    }

    @inlinable package init(from reader: inout BinaryReader) throws {
        let isFile = try reader.readBool()
        let text = try reader.readString()
        if isFile {
            self = URL(fileURLWithPath: text)
        } else {
            guard let url = URL(string: text) else { throw BinaryReader.Malformed() }
            self = url
        }
    }
}

extension Optional: BinaryCodable where Wrapped: BinaryCodable {
    @inlinable
    package func encode(to writer: inout BinaryWriter) {
        writer.write(self != nil)
        if let value = self { writer.write(value) }
    }

    @inlinable
    package init(from reader: inout BinaryReader) throws {
        self = try reader.readBool() ? try reader.read(Wrapped.self) : nil
    }
}

extension Array: BinaryCodable where Element: BinaryCodable {
    @inlinable
    package func encode(to writer: inout BinaryWriter) {
        writer.write(count)
        for element in self { writer.write(element) }
    }

    @inlinable
    package init(from reader: inout BinaryReader) throws {
        let count = try reader.readCount()
        self = []
        reserveCapacity(count)
        for _ in 0..<count { append(try reader.read(Element.self)) }
    }
}

extension Set: BinaryCodable where Element: BinaryCodable & Comparable {
    /// Sorted, so the same set always gives the same bytes.
    @inlinable package func encode(to writer: inout BinaryWriter) { writer.write(sorted()) }
    @inlinable package init(from reader: inout BinaryReader) throws { self = Set(try reader.read([Element].self)) }
}

extension Dictionary: BinaryCodable where Key: BinaryCodable & Comparable, Value: BinaryCodable {
    /// Sorted by key, so the same dictionary always gives the same bytes.
    /// The pairs are sorted, not the keys: looking each key up again cost
    /// as much as the sort (hashing) in a big site's save.
    @inlinable
    package func encode(to writer: inout BinaryWriter) {
        writer.write(count)
        for (key, value) in sorted(by: { $0.key < $1.key }) {
            writer.write(key)
            writer.write(value)
        }
    }

    @inlinable
    package init(from reader: inout BinaryReader) throws {
        let count = try reader.readCount()
        self = [:]
        reserveCapacity(count)
        for _ in 0..<count {
            let key = try reader.read(Key.self)
            self[key] = try reader.read(Value.self)
        }
    }
}
