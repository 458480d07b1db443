import SitegenBase
import StoredCoding

/// An actor's or topic's picture (`image:` in its front matter): a file
/// under `assets/`, with the text that describes it and who made it.
@BinaryCoded
public struct EntityImage: Sendable, Hashable {
    /// Below the content folder, as `LocalPath` reads it: `assets/x.jpg`.
    public var path: String
    /// What the picture shows, for readers who cannot see it; nil when not
    /// given (a warning says so).
    public var alt: String?
    /// Who took or made it: "Photo: Jane Roe / Agency".
    public var credit: String?
    /// Where `image:` is written, for errors about its file.
    public var location: SourceLocation

    public init(path: String, alt: String? = nil, credit: String? = nil, location: SourceLocation) {
        self.path = path
        self.alt = alt
        self.credit = credit
        self.location = location
    }
}

extension FieldReader {
    /// `image:` either a path or `{src, alt, credit}`. Whether the file
    /// exists is checked once the assets are listed (`ContentLoader`).
    package mutating func entityImage(folder: String) -> EntityImage? {
        knownKeys.insert("image")
        guard let entry = entries["image"], entry.value != .null else { return nil }
        let example = "image: {src: assets/portrait.jpg, alt: \"…\", credit: \"Photo: …\"}"
        var source: String?
        var alt: String?
        var credit: String?
        switch entry.value {
        case .scalar(let value): source = value
        case .map(let fields):
            let keys = ["src", "alt", "credit"]
            for name in fields.keys.sorted() where !keys.contains(name) {
                var notes = ["'image' has: \(keys.joined(separator: ", "))"]
                if let guess = Suggestions.nearest(to: name, in: keys, limit: 1).first {
                    notes.insert("did you mean '\(guess)'?", at: 0)
                }
                diagnostics.append(.error("unknown key '\(name)' in 'image'", at: entry.location, notes: notes))
            }
            func text(_ name: String) -> String? {
                switch fields[name] {
                case .scalar(let value)?:
                    let trimmed = value.trimmingCharacters(in: .whitespaces)
                    return trimmed.isEmpty ? nil : trimmed
                case nil, .null?: return nil
                case let other?:
                    diagnostics.append(
                        .error(
                            "'\(name)' in 'image' must be a single text value, not a \(other.typeName)",
                            at: entry.location, notes: ["write it as '\(example)'"]))
                    return nil
                }
            }
            source = text("src")
            alt = text("alt")
            credit = text("credit")
            if source == nil {
                diagnostics.append(
                    .error(
                        "'image' has no src", at: entry.location, length: 5,
                        notes: ["name the picture's file under assets/: '\(example)'"]))
            }
        default:
            diagnostics.append(
                .error(
                    "'image' must be a path or a mapping, not a \(entry.value.typeName)", at: entry.location,
                    length: 5, notes: ["write it as '\(example)'"]))
        }
        guard let source = source?.trimmingCharacters(in: .whitespaces), !source.isEmpty else { return nil }
        guard case .local(let path, _) = LocalPath(source, from: folder) else {
            diagnostics.append(
                .error(
                    "'image' must be a file in the content folder's assets/, not '\(source)'", at: entry.location,
                    length: 5,
                    notes: ["copy the picture into assets/ and write its path there: 'image: assets/portrait.jpg'"]))
            return nil
        }
        return EntityImage(path: path, alt: alt, credit: credit, location: entry.location)
    }
}
