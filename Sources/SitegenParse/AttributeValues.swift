import SitegenBase
import SitegenLoad

/// The values of annotation attributes that are more than a name:
/// comma-separated lists, `stance=` and `date=`. Each reader returns what
/// it found or what is wrong with it, in words an author can act on.
package enum AttributeValues {
    /// A problem with a value: the message, where in the value it starts
    /// (in characters), how long it is, and hints.
    package struct Problem: Error, Equatable {
        package var message: String
        package var offset: Int
        package var length: Int
        package var notes: [String]
    }

    /// The items of a comma-separated value, trimmed, each with its offset
    /// in the value (in characters); empty items are left out.
    package static func items(_ value: String) -> [(text: String, offset: Int)] {
        var result: [(String, Int)] = []
        var offset = 0
        for part in value.split(separator: ",", omittingEmptySubsequences: false) {
            let text = part.trimmingWhitespace
            let leading = part.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count
            if !text.isEmpty { result.append((text, offset + leading)) }
            offset += part.unicodeScalars.count + 1
        }
        return result
    }

    package static let stanceNames = Stance.allCases.map(\.rawValue)

    /// One item of `stance=`: `against`, or `territory:against`. The topic
    /// comes back with its offset in the item.
    package static func stance(_ item: String) -> Result<(topic: (String, Int)?, stance: Stance), Problem> {
        var topic: (String, Int)?
        var word = item
        var wordOffset = 0
        if let colon = item.lastIndex(of: ":") {
            let name = item[..<colon].trimmingWhitespace
            guard !name.isEmpty else {
                return .failure(
                    Problem(
                        message: "'\(item)' names no topic before ':'", offset: 0, length: item.unicodeScalars.count,
                        notes: [
                            "write topic:stance, e.g. stance=peace-talks:for, or one stance for every topic: stance=for"
                        ]
                    ))
            }
            topic = (name, 0)
            wordOffset = item[...colon].unicodeScalars.count
            word = String(item[item.index(after: colon)...])
            let leading = word.unicodeScalars.prefix { $0 == " " }.count
            wordOffset += leading
            word = word.trimmingWhitespace
        }
        guard let stance = Stance(rawValue: word.lowercased()) else {
            var notes = ["a stance is one of: \(stanceNames.joined(separator: ", "))"]
            if let guess = Suggestions.nearest(to: word, in: stanceNames, limit: 1).first {
                notes.insert("did you mean '\(guess)'?", at: 0)
            }
            return .failure(
                Problem(
                    message: word.isEmpty ? "'\(item)' gives no stance after ':'" : "unknown stance '\(word)'",
                    offset: wordOffset, length: max(1, word.unicodeScalars.count), notes: notes))
        }
        return .success((topic, stance))
    }

    package static let ratingNames = ClaimRating.allCases.map(\.rawValue)

    /// `rating=mostly-false`: one of the ratings, in lower case.
    package static func rating(_ text: String) -> Result<ClaimRating, Problem> {
        if let rating = ClaimRating(rawValue: text.lowercased()) { return .success(rating) }
        var notes = ["a rating is one of: \(ratingNames.joined(separator: ", "))"]
        if let guess = Suggestions.nearest(to: text, in: ratingNames, limit: 1).first {
            notes.insert("did you mean '\(guess)'?", at: 0)
        }
        return .failure(
            Problem(
                message: text.isEmpty ? "'rating=' is empty" : "unknown rating '\(text)'", offset: 0,
                length: max(1, text.unicodeScalars.count), notes: notes))
    }

    /// `date=2025-02-12`: a calendar date, written `YYYY-MM-DD` and nothing else.
    package static func date(_ text: String) -> Result<ContentDate, Problem> {
        let scalars = Array(text.unicodeScalars)
        func isDigit(_ index: Int) -> Bool { ("0"..."9").contains(scalars[index]) }
        let wellFormed =
            scalars.count == 10 && scalars[4] == "-" && scalars[7] == "-"
            && [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy(isDigit)
        if wellFormed, let date = ContentDate(iso: text) { return .success(date) }
        var notes = ["write the date as YYYY-MM-DD, e.g. date=2025-02-12"]
        if wellFormed, let year = Int(text.prefix(4)), let month = Int(text.dropFirst(5).prefix(2)) {
            if !(1...12).contains(month) {
                notes.insert("months run from 01 to 12", at: 0)
            } else {
                let name = ContentDate.monthNames[month - 1]
                notes.insert(
                    "\(name) \(year) has \(ContentDate.days(inMonth: month, year: year)) days", at: 0)
            }
        }
        return .failure(
            Problem(
                message: "'\(text)' is not a date", offset: 0, length: max(1, scalars.count), notes: notes))
    }
}
