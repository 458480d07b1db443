/// Text helpers for the parser's hot paths, which work on Unicode scalars.

extension String {
    /// The string of `scalars`, encoded to UTF-8 in one buffer: appending
    /// scalars to a String one by one re-checks its storage for each.
    init<S: Sequence<Unicode.Scalar>>(scalars: S) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.underestimatedCount)
        for scalar in scalars { bytes.appendUTF8(scalar) }
        self = String(decoding: bytes, as: UTF8.self)
    }
}

extension [UInt8] {
    /// Appends the UTF-8 encoding of `scalar`, with no closure: one that
    /// captures the buffer costs a dynamic exclusivity check per byte.
    mutating func appendUTF8(_ scalar: Unicode.Scalar) {
        let value = scalar.value
        if value < 0x80 {
            append(UInt8(truncatingIfNeeded: value))
        } else if value < 0x800 {
            append(UInt8(truncatingIfNeeded: 0xC0 | value >> 6))
            append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        } else if value < 0x1_0000 {
            append(UInt8(truncatingIfNeeded: 0xE0 | value >> 12))
            append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
            append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        } else {
            append(UInt8(truncatingIfNeeded: 0xF0 | value >> 18))
            append(UInt8(truncatingIfNeeded: 0x80 | value >> 12 & 0x3F))
            append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
            append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        }
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespaces)` without Foundation's bridging,
    /// which showed in profiles.
    var trimmingWhitespace: String { self[...].trimmingWhitespace }
}

extension Substring {
    /// `trimmingCharacters(in: .whitespaces)` without Foundation's bridging:
    /// the same set, tab, the space separators (Zs) and U+200B, which
    /// Foundation's table also counts as whitespace.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isTrimmedWhitespace }),
            let last = scalars.lastIndex(where: { !$0.isTrimmedWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}

extension Unicode.Scalar {
    /// A member of Foundation's `CharacterSet.whitespaces`.
    fileprivate var isTrimmedWhitespace: Bool {
        if isASCII { return self == " " || self == "\t" }
        return value == 0x200B || properties.generalCategory == .spaceSeparator
    }
}
