import Foundation

/// Slugs name files and URLs: lower-case ASCII words joined by single hyphens.
/// Because a valid slug has no `/`, `.` or `..`, it can never address a path
/// outside its folder.
public enum Slug {
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 200 else { return false }
        var previousWasHyphen = true  // forbids a leading hyphen
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousWasHyphen = false
            case UInt8(ascii: "-"):
                if previousWasHyphen { return false }
                previousWasHyphen = true
            default:
                return false
            }
        }
        return !previousWasHyphen
    }

    /// Best-effort slug for any text: folds accents, keeps ASCII letters and
    /// digits, joins words with single hyphens. May return "" for text with no
    /// letters or digits.
    public static func make(from text: String, maxWords: Int = .max) -> String {
        // ASCII folds to itself but for case, which the end takes care of;
        // Foundation's folding is most of the cost of a short slug.
        let folded =
            text.utf8.allSatisfy { $0 < 0x80 }
            ? text : text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var words: [String] = []
        var current = ""
        for scalar in folded.unicodeScalars {
            // ASCII letters and digits, compared directly: looking up the
            // Unicode property cost more than the rest of this loop.
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if scalar == "’" || scalar == "'" {
                continue  // "Russia's" -> "russias", not "russia-s"
            } else if !current.isEmpty {
                words.append(current)
                current = ""
                if words.count >= maxWords { break }
            }
        }
        if !current.isEmpty, words.count < maxWords { words.append(current) }
        return words.joined(separator: "-").lowercased()
    }
}
