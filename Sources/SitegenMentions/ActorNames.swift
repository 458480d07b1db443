import SitegenLoad

/// Every actor's name and aliases, indexed by first word, for finding them in
/// prose in one pass: each word of a text is looked up once, and only the
/// names that start with it are compared.
///
/// Matching is case-sensitive (the alias "US" is not the word "us") and by
/// whole words; a space in a name matches any run of white space, a line
/// break included, and `'` matches `’`.
package struct ActorNames: Sendable {
    package struct Name: Sendable, Hashable {
        /// White space folded to single spaces.
        package var scalars: [Unicode.Scalar]
        package var actor: String
    }

    /// Names by their first word, longest first, so "Pete Hegseth" wins over "Pete".
    private var byFirstWord: [String: [Name]] = [:]
    /// First characters of every name: most words start with none of them,
    /// and are passed over without building a key.
    private var asciiStarts: (UInt64, UInt64) = (0, 0)
    private var otherStarts: Set<Unicode.Scalar> = []

    /// Names shared by two actors are left out: neither could be suggested.
    /// So are names that cannot be written inside `[[…]]` (with brackets) or
    /// that do not start with a letter or digit.
    package init(actors: [ActorSource]) {
        var owners: [[Unicode.Scalar]: Set<String>] = [:]
        for actor in actors {
            for name in [actor.name] + actor.aliases.map(\.value) {
                let scalars = Self.folded(name)
                guard let first = scalars.first, Self.isWordCharacter(first),
                    !scalars.contains(where: { $0 == "[" || $0 == "]" })
                else { continue }
                owners[scalars.map(Self.plainApostrophe), default: []].insert(actor.slug)
            }
        }
        for actor in actors {
            for name in [actor.name] + actor.aliases.map(\.value) {
                let scalars = Self.folded(name)
                guard let slugs = owners[scalars.map(Self.plainApostrophe)], slugs == [actor.slug] else { continue }
                let key = String(String.UnicodeScalarView(scalars.prefix(while: Self.isWordCharacter)))
                let entry = Name(scalars: scalars, actor: actor.slug)
                if byFirstWord[key]?.contains(entry) == true { continue }
                byFirstWord[key, default: []].append(entry)
                addStart(scalars[0])
            }
        }
        for key in byFirstWord.keys { byFirstWord[key]?.sort { $0.scalars.count > $1.scalars.count } }
    }

    package var isEmpty: Bool { byFirstWord.isEmpty }

    private mutating func addStart(_ scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0..<64: asciiStarts.0 |= 1 << UInt64(scalar.value)
        case 64..<128: asciiStarts.1 |= 1 << UInt64(scalar.value - 64)
        default: otherStarts.insert(scalar)
        }
    }

    private func mayStartName(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<64: return asciiStarts.0 & (1 << UInt64(scalar.value)) != 0
        case 64..<128: return asciiStarts.1 & (1 << UInt64(scalar.value - 64)) != 0
        default: return otherStarts.contains(scalar)
        }
    }

    /// Names found in `text`, left to right, none overlapping; at each place
    /// the longest name that matches.
    package func matches(in text: [Unicode.Scalar]) -> [(range: Range<Int>, name: Name)] {
        var found: [(range: Range<Int>, name: Name)] = []
        var index = 0
        scan: while index < text.count {
            let scalar = text[index]
            guard Self.isWordCharacter(scalar) else {
                index += 1
                continue
            }
            var wordEnd = index + 1
            while wordEnd < text.count, Self.isWordCharacter(text[wordEnd]) { wordEnd += 1 }
            let startsWord = index == 0 || !Self.isWordCharacter(text[index - 1])
            if startsWord, mayStartName(scalar),
                let candidates = byFirstWord[String(String.UnicodeScalarView(text[index..<wordEnd]))]
            {
                for name in candidates {
                    if let end = Self.match(name.scalars, in: text, at: index) {
                        found.append((index..<end, name))
                        index = end
                        continue scan
                    }
                }
            }
            index = wordEnd
        }
        return found
    }

    /// End of `name` in `text` starting at `start`, if it is there as whole words.
    private static func match(_ name: [Unicode.Scalar], in text: [Unicode.Scalar], at start: Int) -> Int? {
        var position = start
        for scalar in name {
            if scalar == " " {
                guard position < text.count, text[position].properties.isWhitespace else { return nil }
                while position < text.count, text[position].properties.isWhitespace { position += 1 }
                continue
            }
            guard position < text.count, plainApostrophe(text[position]) == plainApostrophe(scalar) else { return nil }
            position += 1
        }
        if let last = name.last, isWordCharacter(last), position < text.count, isWordCharacter(text[position]) {
            return nil
        }
        return position
    }

    /// Letters, digits and combining marks: what a word is made of.
    package static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
            default: return false
            }
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    package static func plainApostrophe(_ scalar: Unicode.Scalar) -> Unicode.Scalar { scalar == "’" ? "'" : scalar }

    /// The name's scalars with runs of white space made one space, trimmed.
    package static func folded(_ name: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        var pendingSpace = false
        for scalar in name.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.append(scalar)
        }
        return result
    }
}
