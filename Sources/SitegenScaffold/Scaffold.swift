import Foundation
import SitegenBase
import SitegenLoad

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why `sitegen new` wrote nothing: what is wrong and how to fix it.
public struct ScaffoldError: Error, Equatable, CustomStringConvertible {
    /// What went wrong, so the command can exit with the status the README gives it.
    public enum Cause: Sendable, Equatable {
        /// A name or option that cannot be used as given.
        case usage
        /// A file or entity of that name is already there.
        case exists
        /// The file system refused.
        case io
    }

    public var message: String
    public var notes: [String]
    public var cause: Cause

    public init(_ message: String, notes: [String] = [], cause: Cause) {
        self.message = message
        self.notes = notes
        self.cause = cause
    }

    public var description: String { ([message] + notes.map { "note: \($0)" }).joined(separator: "\n") }
}

/// A file `sitegen new` wrote, by its path in the content folder, with
/// anything worth a second look (a name close to an existing one).
public struct NewFile: Equatable, Sendable {
    public var path: String
    public var warnings: [String]
}

/// `sitegen new article|actor|topic`: one file each in the content folder,
/// never over an existing file, and never a second file for an entity that
/// already has one.
public struct Scaffold: Sendable {
    public var content: URL
    /// The date a new article gets; the caller's clock, so tests can fix it.
    public var today: ContentDate

    public init(content: URL, now: Date = Date(), timeZone: TimeZone = .current) {
        self.content = content
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        let iso = String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
        self.today = ContentDate(iso: iso)!
    }

    // MARK: Commands

    public func newArticle(title: String) throws(ScaffoldError) -> NewFile {
        let title = try Self.checkedText(title, what: "title")
        let slug = try Self.slug(for: title, maxWords: 8)
        try requireContentFolder()
        let path = "articles/\(slug).md"
        let text = """
            ---
            title: \(Self.quoted(title))
            date: \(today.iso)
            # summary: One or two sentences.
            # authors: [Your Name]
            # sources:  # what the article draws on; a quote names one with source=1
            #   - {title: "Interview with …", publisher: "…", date: \(today.iso), url: "https://…"}
            draft: true  # built only with --drafts until you set it to false
            ---
            Write the article here. Link actors and topics with [[Their Name]], and mark
            quotes with [“their words”]{.quote by=speaker about=topic}.

            """
        try create(text, at: path)
        return NewFile(path: path, warnings: [])
    }

    public func newActor(name: String, kind: String, role: String?, affiliation: String?) throws(ScaffoldError)
        -> NewFile
    {
        let name = try Self.checkedText(name, what: "name")
        let role = try role.map { text throws(ScaffoldError) in try Self.checkedText(text, what: "role") }
        guard let actorKind = ActorKind(rawValue: kind.lowercased()) else {
            let options = ActorKind.allCases.map(\.rawValue)
            var notes = ["--kind is one of: \(options.joined(separator: ", "))"]
            if let guess = Suggestions.nearest(to: kind, in: options, limit: 1).first {
                notes.insert("did you mean '\(guess)'?", at: 0)
            }
            throw ScaffoldError("unknown actor kind '\(kind)'", notes: notes, cause: .usage)
        }
        let slug = try Self.slug(for: name)
        try requireContentFolder()
        let existing = existingEntities()
        try refuseExisting(name, slug: slug, kind: .actor, among: existing)
        var lines = ["name: \(Self.quoted(name))", "kind: \(actorKind.rawValue)"]
        if let role { lines.append("role: \(Self.quoted(role))") }
        if let affiliation {
            let actor = try affiliatedActor(affiliation, among: existing.filter { $0.kind == .actor })
            lines.append("affiliation: \(actor.slug)")
        }
        lines.append("# aliases: [Other Name]  # other names that refer to this actor")
        lines.append("# image: {src: assets/\(slug).jpg, alt: \"What the picture shows\", credit: \"Photo: …\"}")
        let path = "actors/\(slug).md"
        try create("---\n" + lines.joined(separator: "\n") + "\n---\n", at: path)
        return NewFile(path: path, warnings: nearMisses(name, kind: .actor, among: existing))
    }

    public func newTopic(title: String) throws(ScaffoldError) -> NewFile {
        let title = try Self.checkedText(title, what: "title")
        let slug = try Self.slug(for: title)
        try requireContentFolder()
        let existing = existingEntities()
        try refuseExisting(title, slug: slug, kind: .topic, among: existing)
        let path = "topics/\(slug).md"
        let text = """
            ---
            title: \(Self.quoted(title))
            # aliases: [other name]
            # summary: One line that says what the topic is about.
            # image: {src: assets/\(slug).png, alt: "What the picture shows", credit: "…"}
            ---

            """
        try create(text, at: path)
        return NewFile(path: path, warnings: nearMisses(title, kind: .topic, among: existing))
    }

    // MARK: Existing entities

    /// Every actor and topic file, by slug and names (as far as a broken file reads).
    package func existingEntities() -> [BrokenEntity] {
        var entities: [BrokenEntity] = []
        for (folder, kind) in [("actors", EntityKind.actor), ("topics", .topic)] {
            let url = content.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".md") && !name.hasPrefix(".") {
                let path = "\(folder)/\(name)"
                let file = (try? Data(contentsOf: url.appendingPathComponent(name)))
                    .flatMap { try? SourceFile.decode($0, path: path).get() }
                entities.append(ContentLoader.brokenEntity(kind, path: path, file: file))
            }
        }
        return entities
    }

    private static func folder(_ kind: EntityKind) -> String { kind == .actor ? "actors" : "topics" }

    private static func describe(_ entity: BrokenEntity) -> String {
        "\(entity.kind == .actor ? "actor" : "topic") '\(entity.names.first ?? entity.slug)' (\(folder(entity.kind))/\(entity.slug).md)"
    }

    /// A name whose slug or any name is already an entity's would make a
    /// second page for it, or a link that cannot tell the two apart.
    private func refuseExisting(_ name: String, slug: String, kind: EntityKind, among existing: [BrokenEntity])
        throws(ScaffoldError)
    {
        let lowered = name.lowercased()
        guard
            let clash = existing.first(where: { $0.kind == kind && $0.slug == slug })
                ?? existing.first(where: { entity in
                    entity.slug == slug || entity.names.contains { $0.lowercased() == lowered }
                })
        else { return }
        throw ScaffoldError(
            "'\(name)' is already the \(Self.describe(clash))",
            notes: [
                "did you mean the existing one? Link to it as [[\(clash.names.first ?? clash.slug)]], or edit its file",
                "if it is someone or something else, give a name that tells the two apart",
            ], cause: .exists)
    }

    /// Names close to the new one: probably the same entity misspelt.
    private func nearMisses(_ name: String, kind: EntityKind, among existing: [BrokenEntity]) -> [String] {
        let candidates = existing.filter { $0.kind == kind }
        var byName: [String: BrokenEntity] = [:]
        for entity in candidates {
            for known in entity.names + [entity.slug] { byName[known] = byName[known] ?? entity }
        }
        guard let guess = Suggestions.nearest(to: name, in: byName.keys.sorted(), limit: 1).first,
            let entity = byName[guess]
        else { return [] }
        return [
            "'\(name)' is close to the existing \(Self.describe(entity)): did you mean '\(guess)'? If so, delete the new file"
        ]
    }

    private func affiliatedActor(_ affiliation: String, among actors: [BrokenEntity]) throws(ScaffoldError)
        -> BrokenEntity
    {
        let lowered = affiliation.lowercased()
        if let actor = actors.first(where: { $0.slug == lowered || $0.names.contains { $0.lowercased() == lowered } }) {
            return actor
        }
        var notes = ["add it first: sitegen new actor \"\(affiliation)\" --kind organisation"]
        let names = actors.flatMap { $0.names + [$0.slug] }
        if let guess = Suggestions.nearest(to: affiliation, in: names, limit: 1).first {
            notes.insert("did you mean '\(guess)'?", at: 0)
        }
        throw ScaffoldError("--affiliation '\(affiliation)' is not an actor of this site", notes: notes, cause: .usage)
    }

    // MARK: Files

    private func requireContentFolder() throws(ScaffoldError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: content.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw ScaffoldError(
                "there is no content folder '\(content.relativePath)'",
                notes: [
                    "run sitegen new in the site's folder (the one that holds Content/), or pass --content FOLDER",
                    "to start a site, run: sitegen new site DIR",
                ], cause: .usage)
        }
    }

    private func create(_ text: String, at path: String) throws(ScaffoldError) {
        let url = content.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw ScaffoldError(
                "cannot make the folder \(url.deletingLastPathComponent().relativePath): \(error.localizedDescription)",
                cause: .io)
        }
        try Self.writeNewFile(Data(text.utf8), to: url)
    }

    /// Creates `url` and writes `data`, failing if anything is already there:
    /// `O_EXCL` makes the check and the creation one step, so no file is ever
    /// overwritten, even by a race.
    package static func writeNewFile(_ data: Data, to url: URL) throws(ScaffoldError) {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = errno
            if reason == EEXIST {
                throw ScaffoldError(
                    "\(url.relativePath) already exists",
                    notes: ["sitegen new never overwrites a file: edit it, or pick another name"], cause: .exists)
            }
            throw ScaffoldError("cannot create \(url.relativePath): \(String(cString: strerror(reason)))", cause: .io)
        }
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return true
        }
        if !written {
            let reason = String(cString: strerror(errno))
            unlink(url.path)
            throw ScaffoldError("cannot write \(url.relativePath): \(reason)", cause: .io)
        }
    }

    // MARK: Text

    /// Names go into YAML and file names: one line, not blank.
    package static func checkedText(_ text: String, what: String) throws(ScaffoldError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            throw ScaffoldError("the \(what) is empty", notes: ["give it in quotes: \"Bus fares\""], cause: .usage)
        }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ScaffoldError(
                "the \(what) holds a line break or another control character", notes: ["give it on one line"],
                cause: .usage)
        }
        return trimmed
    }

    package static func slug(for name: String, maxWords: Int = .max) throws(ScaffoldError) -> String {
        let slug = Slug.make(from: name, maxWords: maxWords)
        guard Slug.isValid(slug) else {
            throw ScaffoldError(
                "'\(name)' has no letters or digits to make a file name from",
                notes: [
                    "file names are lower-case ASCII words joined by hyphens: give a name with some Latin letters or digits"
                ], cause: .usage)
        }
        return slug
    }

    /// A YAML double-quoted scalar: any title reads back as written, colons and quotes included.
    package static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
