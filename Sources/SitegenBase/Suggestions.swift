/// Nearest-name suggestions for unknown targets, in the spirit of
/// swift-argument-parser's "did you mean" hints.
package enum Suggestions {
    /// Levenshtein distance over Unicode scalars; small inputs only.
    package static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidates closest to `word`, best first, within a distance that
    /// scales with the word's length: one edit for words of up to four
    /// characters, else a third of the length (at least 2).
    package static func nearest(to word: String, in candidates: some Sequence<String>, limit: Int = 3)
        -> [String]
    {
        let needle = word.lowercased()
        // Short words allow one edit; longer ones a third of their length.
        let threshold = needle.count <= 4 ? 1 : Swift.max(2, needle.count / 3)
        var scored: [(String, Int)] = []
        for candidate in candidates {
            let lowered = candidate.lowercased()
            var distance = editDistance(needle, lowered)
            // A candidate that starts with or contains the word is a good hint too.
            if distance > threshold, lowered.hasPrefix(needle) || needle.hasPrefix(lowered),
                Swift.min(needle.count, lowered.count) >= 3
            {
                distance = threshold
            }
            if distance <= threshold, distance < needle.count { scored.append((candidate, distance)) }
        }
        scored.sort { ($0.1, $0.0) < ($1.1, $1.0) }
        var seen = Set<String>()
        return scored.map(\.0).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }
}
