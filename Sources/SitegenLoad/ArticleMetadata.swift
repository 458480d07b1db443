import SitegenBase
import StoredCoding

/// A publication an article draws on (`sources:` in its front matter),
/// listed at the article's foot; a quote or claim names one with
/// `source=N`.
///
/// Its fields are kept out of line, so that it is 8 bytes where it is
/// held: every quote and claim, and every reference to one, has room for
/// its source, and a big site copies hundreds of thousands of those.
public struct CitedSource: Sendable, Hashable {
    /// Never changed once made; a change makes new fields.
    final class Fields: Sendable {
        let title: String
        let url: String?
        let publisher: String?
        let date: ContentDate?

        init(title: String, url: String?, publisher: String?, date: ContentDate?) {
            self.title = title
            self.url = url
            self.publisher = publisher
            self.date = date
        }
    }

    private var fields: Fields

    public init(title: String, url: String? = nil, publisher: String? = nil, date: ContentDate? = nil) {
        fields = Fields(title: title, url: url, publisher: publisher, date: date)
    }

    public var title: String {
        get { fields.title }
        set { self = CitedSource(title: newValue, url: url, publisher: publisher, date: date) }
    }

    /// Absolute http(s) address, when the source is online.
    public var url: String? {
        get { fields.url }
        set { self = CitedSource(title: title, url: newValue, publisher: publisher, date: date) }
    }

    public var publisher: String? {
        get { fields.publisher }
        set { self = CitedSource(title: title, url: url, publisher: newValue, date: date) }
    }

    public var date: ContentDate? {
        get { fields.date }
        set { self = CitedSource(title: title, url: url, publisher: publisher, date: newValue) }
    }

    public static func == (lhs: CitedSource, rhs: CitedSource) -> Bool {
        lhs.title == rhs.title && lhs.url == rhs.url && lhs.publisher == rhs.publisher && lhs.date == rhs.date
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(title)
        hasher.combine(url)
        hasher.combine(publisher)
        hasher.combine(date)
    }
}

extension CitedSource: BinaryCodable {
    @usableFromInline package func encode(to writer: inout BinaryWriter) {
        writer.write(title)
        writer.write(url)
        writer.write(publisher)
        writer.write(date)
    }

    @usableFromInline package init(from reader: inout BinaryReader) throws {
        self.init(
            title: try reader.read(String.self), url: try reader.read(String?.self),
            publisher: try reader.read(String?.self), date: try reader.read(ContentDate?.self))
    }
}

/// A correction to an article after it was published (`corrections:`).
@BinaryCoded
public struct Correction: Sendable, Hashable {
    public var date: ContentDate
    public var text: String

    public init(date: ContentDate, text: String) {
        self.date = date
        self.text = text
    }
}

extension FieldReader {
    /// `authors:` one name or a list of names (an actor's slug or name links
    /// the byline to the actor's page).
    package mutating func authors() -> [String] {
        knownKeys.insert("authors")
        guard let entry = entries["authors"], entry.value != .null else { return [] }
        if case .scalar = entry.value {
            return optionalString("authors", example: "Jane Doe").map { [$0] } ?? []
        }
        return stringList("authors", example: "Jane Doe, John Roe").map(\.value)
    }

    /// `sources:` a list of `{title, url, publisher, date}`; title required.
    package mutating func sources() -> [CitedSource] {
        mappings("sources", keys: ["title", "url", "publisher", "date"], example: "{title: …, url: https://…}") {
            item, fields, location in
            guard let title = fields.text("title") else {
                return (
                    nil,
                    [
                        .error(
                            "source \(item) has no title", at: location,
                            notes: ["give each source a title: '- {title: \"Interview with …\", publisher: …}'"])
                    ]
                )
            }
            var errors: [Diagnostic] = []
            let url = fields.text("url")
            if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.contains(" ") {
                errors.append(
                    .error(
                        "source \(item)'s url '\(url)' is not an absolute http(s) address", at: location,
                        notes: ["write the whole address, such as 'url: https://www.example.org/story'"]))
            }
            let date = fields.date("date", label: "source \(item)", at: location, errors: &errors)
            return (
                CitedSource(title: title, url: url, publisher: fields.text("publisher"), date: date), errors
            )
        }
    }

    /// `corrections:` a list of `{date, text}`, both required.
    package mutating func corrections(after published: ContentDate?) -> [Correction] {
        mappings("corrections", keys: ["date", "text"], example: "{date: 2025-02-14, text: …}") {
            item, fields, location in
            var errors: [Diagnostic] = []
            if fields.values["date"] == nil {
                errors.append(
                    .error(
                        "correction \(item) has no date", at: location,
                        notes: ["say when it was corrected: '- {date: 2025-02-14, text: …}'"]))
            }
            let text = fields.text("text")
            if text == nil {
                errors.append(
                    .error(
                        "correction \(item) has no text", at: location,
                        notes: ["say what was corrected: '- {date: 2025-02-14, text: \"An earlier version …\"}'"]))
            }
            let date = fields.date("date", label: "correction \(item)", at: location, errors: &errors)
            if let date, let published, date < published {
                errors.append(
                    .error(
                        "correction \(item) is dated \(date.iso), before the article's date \(published.iso)",
                        at: location, notes: ["a correction comes after publication; check its date"]))
            }
            guard let date, let text, errors.isEmpty else { return (nil, errors) }
            return (Correction(date: date, text: text), errors)
        }
    }

    /// `updated:` a date, not before the article's own.
    package mutating func updated(after published: ContentDate?) -> ContentDate? {
        guard let text = optionalString("updated", example: "2025-02-14") else { return nil }
        let location = entries["updated"]?.location
        guard let date = ContentDate(iso: text) else {
            diagnostics.append(
                .error(
                    "'updated' is not a date: '\(text)'", at: location, length: 7,
                    notes: ["write an ISO 8601 date such as 'updated: 2025-02-14'"]))
            return nil
        }
        if let published, date < published {
            diagnostics.append(
                .error(
                    "'updated' is \(date.iso), before the article's date \(published.iso)", at: location, length: 7,
                    notes: ["an article is updated after it is published; check the date"]))
            return nil
        }
        return date
    }

    /// The fields of one mapping in a list, read as text.
    package struct MappingFields {
        package let values: [String: FrontMatterValue]
        package let key: String

        func text(_ name: String) -> String? {
            guard case .scalar(let value)? = values[name] else { return nil }
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }

        func date(
            _ name: String, label: String, at location: SourceLocation, errors: inout [Diagnostic]
        ) -> ContentDate? {
            guard let text = text(name) else { return nil }
            if let date = ContentDate(iso: text) { return date }
            errors.append(
                .error(
                    "\(label)'s \(name) is not a date: '\(text)'", at: location,
                    notes: ["write an ISO 8601 date such as '\(name): 2025-02-13'"]))
            return nil
        }
    }

    /// Reads `key` as a list of mappings, each with only `keys`, each
    /// turned into a value by `make` (given its 1-based number); every
    /// problem is an error at the item's line.
    private mutating func mappings<T>(
        _ key: String, keys: [String], example: String,
        _ make: (Int, MappingFields, SourceLocation) -> (T?, [Diagnostic])
    ) -> [T] {
        var result: [T] = []
        let items = listItems(key, note: "write each on its own line: '\(key):' then '  - \(example)'")
        for (index, (item, location)) in items.enumerated() {
            guard case .map(let values) = item else {
                diagnostics.append(
                    .error(
                        "item \(index + 1) of '\(key)' must be a mapping, not a \(item.typeName)", at: location,
                        notes: ["write it as '- \(example)'"]))
                continue
            }
            var problems: [Diagnostic] = []
            for name in values.keys.sorted() where !keys.contains(name) {
                var notes = ["each item of '\(key)' has: \(keys.joined(separator: ", "))"]
                if let guess = Suggestions.nearest(to: name, in: keys, limit: 1).first {
                    notes.insert("did you mean '\(guess)'?", at: 0)
                }
                problems.append(
                    .error("unknown key '\(name)' in item \(index + 1) of '\(key)'", at: location, notes: notes))
            }
            for name in keys {
                if let value = values[name], value != .null, case .scalar = value {
                } else if let value = values[name],
                    value != .null
                {
                    problems.append(
                        .error(
                            "'\(name)' in item \(index + 1) of '\(key)' must be a single text value, not a \(value.typeName)",
                            at: location, notes: ["write it as '- \(example)'"]))
                }
            }
            let (value, errors) = make(index + 1, MappingFields(values: values, key: key), location)
            problems += errors
            diagnostics += problems
            if let value, problems.isEmpty { result.append(value) }
        }
        return result
    }
}
