/// Text helpers for the parser's hot paths, which work on Unicode scalars.

extension String {
    /// The string of `scalars`, encoded straight into its storage at its
    /// exact UTF-8 size: appending scalars to a String one by one re-checks
    /// its storage for each.
    init<C: Collection<Unicode.Scalar>>(scalars: C) {
        let byteCount = scalars.reduce(0) { $0 + UTF8.width($1) }
        self.init(unsafeUninitializedCapacity: byteCount) { buffer in
            var written = 0
            for scalar in scalars { written = buffer.writeUTF8(scalar, at: written) }
            return written
        }
    }
}

extension UnsafeMutableBufferPointer<UInt8> {
    /// Writes the UTF-8 encoding of `scalar` at `offset`, which must leave
    /// room for it; returns the offset after it.
    func writeUTF8(_ scalar: Unicode.Scalar, at offset: Int) -> Int {
        let value = scalar.value
        if value < 0x80 {
            self[offset] = UInt8(truncatingIfNeeded: value)
            return offset + 1
        } else if value < 0x800 {
            self[offset] = UInt8(truncatingIfNeeded: 0xC0 | value >> 6)
            self[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
            return offset + 2
        } else if value < 0x1_0000 {
            self[offset] = UInt8(truncatingIfNeeded: 0xE0 | value >> 12)
            self[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F)
            self[offset + 2] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
            return offset + 3
        } else {
            self[offset] = UInt8(truncatingIfNeeded: 0xF0 | value >> 18)
            self[offset + 1] = UInt8(truncatingIfNeeded: 0x80 | value >> 12 & 0x3F)
            self[offset + 2] = UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F)
            self[offset + 3] = UInt8(truncatingIfNeeded: 0x80 | value & 0x3F)
            return offset + 4
        }
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespaces)` without Foundation's bridging,
    /// which showed in profiles.
    var trimmingWhitespace: String { self[...].trimmingWhitespace }

    /// `split(whereSeparator: \.isWhitespace).joined(separator: " ")`, on
    /// bytes when the text is ASCII (then each character is one byte, and
    /// the whitespace characters are tab, line feed, VT, FF, return, space).
    var collapsingWhitespace: String {
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            return split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var spaceDue = false
        for byte in utf8 {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                spaceDue = !bytes.isEmpty
            } else {
                if spaceDue { bytes.append(0x20) }
                spaceDue = false
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
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
    /// `properties.isAlphabetic`, answered for ASCII without the property
    /// table (there, the letters are exactly the alphabetic scalars).
    var isAlphabetic: Bool {
        if isASCII { return ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
        return properties.isAlphabetic
    }

    /// A member of Foundation's `CharacterSet.whitespaces`.
    fileprivate var isTrimmedWhitespace: Bool {
        if isASCII { return self == " " || self == "\t" }
        return value == 0x200B || properties.generalCategory == .spaceSeparator
    }
}

extension [Unicode.Scalar] {
    /// `Array(text.unicodeScalars)`, decoded from the string's contiguous
    /// UTF-8 in one pass instead of counting the scalars first and then
    /// copying them through the scalar view's iterator.
    init(scalarsOf text: String) {
        self = text.utf8.withContiguousStorageIfAvailable { Self(decodingValidUTF8: $0) } ?? Array(text.unicodeScalars)
    }

    /// The scalars of `bytes`, which must be valid UTF-8 (a String's are).
    init(decodingValidUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        self.init(unsafeUninitializedCapacity: count) { buffer, initialized in
            var index = 0
            while index < bytes.count {
                let lead = UInt32(bytes[index])
                let value: UInt32
                if lead < 0x80 {
                    value = lead
                    index += 1
                } else if lead < 0xE0 {
                    value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                    index += 2
                } else if lead < 0xF0 {
                    value =
                        (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                    index += 3
                } else {
                    value =
                        (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                        | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                    index += 4
                }
                (buffer.baseAddress! + initialized).initialize(to: Unicode.Scalar(value)!)
                initialized += 1
            }
        }
    }
}
