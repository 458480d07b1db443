import SitegenBase

/// Reads typed front-matter fields and records an error for each one that is
/// missing or of the wrong type, so one pass reports every problem in a file.
package struct FieldReader {
    package let file: String
    package let entries: [String: FrontMatterEntry]
    package let kindName: String
    package var diagnostics: [Diagnostic] = []
    package var knownKeys: Set<String> = []

    package init(file: String, entries: [String: FrontMatterEntry], kindName: String) {
        self.file = file
        self.entries = entries
        self.kindName = kindName
    }

    private var fileStart: SourceLocation { SourceLocation(file: file, line: 1, column: 1) }

    package mutating func requiredString(_ key: String, example: String) -> String? {
        knownKeys.insert(key)
        guard let entry = entries[key], entry.value != .null else {
            diagnostics.append(
                .error(
                    "\(kindName) is missing the required front-matter key '\(key)'", at: fileStart,
                    notes: ["add a line such as '\(key): \(example)' to the front matter"]))
            return nil
        }
        return string(entry, key: key, example: example)
    }

    package mutating func optionalString(_ key: String, example: String) -> String? {
        knownKeys.insert(key)
        guard let entry = entries[key], entry.value != .null else { return nil }
        return string(entry, key: key, example: example)
    }

    private mutating func string(_ entry: FrontMatterEntry, key: String, example: String) -> String? {
        guard case .scalar(let value) = entry.value else {
            diagnostics.append(
                .error(
                    "'\(key)' must be a single text value, not a \(entry.value.typeName)", at: entry.location,
                    length: key.count, notes: ["write it as '\(key): \(example)'"]))
            return nil
        }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            diagnostics.append(
                .error(
                    "'\(key)' is empty", at: entry.location, length: key.count,
                    notes: ["write it as '\(key): \(example)'"]))
            return nil
        }
        return trimmed
    }

    /// The items of list `key`, each with its position; an error unless it
    /// is a list (`note` says how to write one).
    package mutating func listItems(_ key: String, note: String) -> [(FrontMatterValue, SourceLocation)] {
        knownKeys.insert(key)
        guard let entry = entries[key], entry.value != .null else { return [] }
        guard case .list(let items) = entry.value else {
            diagnostics.append(
                .error(
                    "'\(key)' must be a list, not a \(entry.value.typeName)", at: entry.location, length: key.count,
                    notes: [note]))
            return []
        }
        return items.enumerated().map { index, item in
            (item, index < entry.itemLocations.count ? entry.itemLocations[index] : entry.location)
        }
    }

    package mutating func stringList(_ key: String, example: String) -> [Located<String>] {
        var result: [Located<String>] = []
        for (item, location) in listItems(key, note: "write it as '\(key): [\(example)]'") {
            guard case .scalar(let value) = item, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                diagnostics.append(
                    .error(
                        "each item of '\(key)' must be a non-empty text value", at: location,
                        notes: ["write it as '\(key): [\(example)]'"]))
                continue
            }
            result.append(Located(value.trimmingCharacters(in: .whitespaces), at: location))
        }
        return result
    }

    package mutating func bool(_ key: String, default defaultValue: Bool) -> Bool {
        knownKeys.insert(key)
        guard let entry = entries[key], entry.value != .null else { return defaultValue }
        if case .scalar(let value) = entry.value {
            switch value.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        diagnostics.append(
            .error(
                "'\(key)' must be true or false", at: entry.location, length: key.count,
                notes: ["write it as '\(key): true' or '\(key): false'"]))
        return defaultValue
    }

    package mutating func requiredDate(_ key: String) -> ContentDate? {
        guard let text = requiredString(key, example: "2025-02-13") else { return nil }
        if let date = ContentDate(iso: text) { return date }
        diagnostics.append(
            .error(
                "'\(key)' is not a date: '\(text)'", at: entries[key]?.location ?? fileStart, length: key.count,
                notes: ["write an ISO 8601 date such as '\(key): 2025-02-13'"]))
        return nil
    }

    /// `wikidata: Q7747`: a Wikidata item's id, `Q` and digits; nothing is
    /// fetched, the id only becomes a link. An error for anything else,
    /// with the id it most likely means (a pasted address, a lower-case
    /// `q`, digits without their `Q`).
    package mutating func wikidataID(_ key: String) -> String? {
        guard let value = optionalString(key, example: "Q7747"), let entry = entries[key] else { return nil }
        if Self.isWikidataID(value) { return value }
        var notes = ["a Wikidata item id is Q and digits, the end of its address: https://www.wikidata.org/wiki/Q7747"]
        let tail = value.split(separator: "/").last.map(String.init) ?? value
        let guess = tail.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } ? "Q" + tail : tail.uppercased()
        if Self.isWikidataID(guess) { notes.insert("did you mean '\(key): \(guess)'?", at: 0) }
        diagnostics.append(
            .error(
                "'\(key)' is not a Wikidata item id: '\(value)'", at: entry.location, length: key.count, notes: notes))
        return nil
    }

    /// `Q` and ASCII digits, the first of them not 0.
    package static func isWikidataID(_ text: String) -> Bool {
        let digits = text.unicodeScalars.dropFirst()
        return text.hasPrefix("Q") && !digits.isEmpty && digits.first != "0"
            && digits.allSatisfy { ("0"..."9").contains($0) }
    }

    /// Keys the schema does not know: kept and handed to templates.
    package func extra() -> [String: FrontMatterValue] {
        entries.filter { !knownKeys.contains($0.key) }.mapValues(\.value)
    }
}

extension FrontMatterValue {
    package var typeName: String {
        switch self {
        case .scalar: return "text value"
        case .list: return "list"
        case .map: return "mapping"
        case .null: return "empty value"
        }
    }
}
