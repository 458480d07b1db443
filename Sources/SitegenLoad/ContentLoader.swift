import Foundation
import SitegenBase

/// The load stage: reads a content folder into plain values.
///
/// Every problem is collected as a diagnostic; a file with errors is left out
/// of the result so later stages only ever see well-formed sources (an actor
/// or topic file is kept as a `BrokenEntity`, by its names only).
public struct ContentLoader: Sendable {
    public var includeDrafts: Bool

    public init(includeDrafts: Bool = false) {
        self.includeDrafts = includeDrafts
    }

    public struct Output: Sendable {
        public var content: LoadedContent
        public var diagnostics: [Diagnostic]
    }

    public func load(from folder: URL) -> Output {
        var diagnostics: [Diagnostic] = []
        var content = LoadedContent()
        let files = ContentFiles(folder: folder)
        if let problem = files.folderProblem() {
            return Output(content: content, diagnostics: [problem])
        }
        let listing = files.list()
        diagnostics += files.diagnostics(listing)

        if let site = listing.files.first(where: { $0.path == Self.siteFile }) {
            switch readSource(site, from: files) {
            case .success(let file):
                let (site, siteDiagnostics) = Self.siteConfig(from: file)
                content.site = site
                diagnostics += siteDiagnostics
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        } else if !listing.refused.contains(where: { $0.path == Self.siteFile }) {
            // Files only, and no hidden ones (an editor's swap file is not a settings file).
            // A refused site.yml (a link out) has its own error; no second one.
            let fileManager = FileManager.default
            let names = ((try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []).filter { name in
                var isDirectory: ObjCBool = false
                return !name.hasPrefix(".")
                    && fileManager.fileExists(
                        atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
                    && !isDirectory.boolValue
            }
            diagnostics.append(Self.missingSiteFile(besides: names))
        }

        let articles = loadDocuments(
            listing.files(in: "articles"), from: files, diagnostics: &diagnostics, read: Self.article)
        content.articles = articles.loaded.filter { includeDrafts || !$0.draft }
        let actors = loadDocuments(
            listing.files(in: "actors"), from: files, diagnostics: &diagnostics, read: Self.actor)
        content.actors = actors.loaded
        let topics = loadDocuments(
            listing.files(in: "topics"), from: files, diagnostics: &diagnostics, read: Self.topic)
        content.topics = topics.loaded
        content.brokenEntities =
            actors.failed.map { Self.brokenEntity(.actor, path: $0.path, file: $0.file) }
            + topics.failed.map { Self.brokenEntity(.topic, path: $0.path, file: $0.file) }
        let assetPrefix = "assets/".count
        content.assets = listing.files(in: "assets").concurrentMap {
            AssetFile(
                relativePath: String($0.path.dropFirst(assetPrefix)), sourceURL: $0.url,
                size: ImageSize.read(from: $0.url))
        }
        let assetPaths = AssetPaths(content.assets)
        for image in content.actors.compactMap(\.image) + content.topics.compactMap(\.image) {
            diagnostics += assetPaths.problems(with: image)
        }
        return Output(content: content, diagnostics: diagnostics)
    }

    // MARK: Files

    /// Reads and converts `files` (sorted by name), in parallel (files are
    /// independent), keeping their order. Also returns the files that failed
    /// (with their text when it could be read), so references to them are
    /// not reported a second time.
    private func loadDocuments<Document: Sendable>(
        _ files: [ContentFiles.File], from folder: ContentFiles, diagnostics: inout [Diagnostic],
        read: @escaping @Sendable (SourceFile) -> (Document?, [Diagnostic])
    ) -> (loaded: [Document], failed: [(path: String, file: SourceFile?)]) {
        let results = files.concurrentMap { file -> (Document?, SourceFile?, [Diagnostic]) in
            switch readSource(file, from: folder) {
            case .success(let source):
                let (document, fileDiagnostics) = read(source)
                return (document, source, fileDiagnostics)
            case .failure(let diagnostic): return (nil, nil, [diagnostic])
            }
        }
        var loaded: [Document] = []
        var failed: [(path: String, file: SourceFile?)] = []
        for (file, (document, source, fileDiagnostics)) in zip(files, results) {
            diagnostics += fileDiagnostics
            if let document { loaded.append(document) } else { failed.append((file.path, source)) }
        }
        return (loaded, failed)
    }

    /// What is known of an actor or topic file that failed to load: its slug,
    /// and its name or title and aliases as far as the front matter reads
    /// (line by line when it is not valid YAML).
    package static func brokenEntity(_ kind: EntityKind, path: String, file: SourceFile?) -> BrokenEntity {
        let nameKey = kind == .actor ? "name" : "title"
        var names: [String] = []
        if let file {
            switch FrontMatter.parse(file) {
            case .success(let document):
                for key in [nameKey, "aliases", "match_aliases"] {
                    switch document.entries[key]?.value {
                    case .scalar(let value)?: names.append(value)
                    case .list(let items)?:
                        for case .scalar(let value) in items { names.append(value) }
                    default: break
                    }
                }
            case .failure:
                let values = FrontMatter.looseValues(file.text)
                names = (values[nameKey] ?? []) + (values["aliases"] ?? []) + (values["match_aliases"] ?? [])
            }
        }
        let trimmed = names.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return BrokenEntity(kind: kind, slug: slug(forPath: path).0, names: trimmed)
    }

    private func readSource(_ file: ContentFiles.File, from folder: ContentFiles) -> Result<SourceFile, Diagnostic> {
        switch folder.read(file) {
        case .success(let data): return SourceFile.decode(data, path: file.path)
        case .failure(let refusal): return .failure(folder.diagnostic(refusal, at: file.path))
        }
    }

    // MARK: Documents

    package static func slug(for file: SourceFile) -> (String, Diagnostic?) { slug(forPath: file.path) }

    package static func slug(forPath path: String) -> (String, Diagnostic?) {
        let name = (path as NSString).lastPathComponent
        let slug = String(name.dropLast(3))
        if Slug.isValid(slug) { return (slug, nil) }
        return (
            slug,
            .error(
                "file name '\(name)' is not a valid slug", at: SourceLocation(file: path, line: 1, column: 1),
                notes: [
                    "slugs are lower-case ASCII words joined by single hyphens; rename it to '\(Slug.make(from: slug)).md'"
                ])
        )
    }

    /// What every content file starts with: its slug (and an error if the
    /// name is not one) and its front matter; nil with the error when the
    /// front matter cannot be read at all.
    private static func open(_ file: SourceFile) -> (slug: String, document: FrontMatterDocument?, errors: [Diagnostic])
    {
        let (slug, slugError) = slug(for: file)
        switch FrontMatter.parse(file) {
        case .success(let document): return (slug, document, [slugError].compactMap { $0 })
        case .failure(let diagnostic): return (slug, nil, [slugError, diagnostic].compactMap { $0 })
        }
    }

    private static func body(_ file: SourceFile, _ document: FrontMatterDocument) -> DocumentBody {
        DocumentBody(file: file.path, markdown: document.body, firstLine: document.bodyFirstLine)
    }

    public static func article(from file: SourceFile) -> (ArticleSource?, [Diagnostic]) {
        let (slug, document, errors) = open(file)
        guard let document else { return (nil, errors) }
        var reader = FieldReader(file: file.path, entries: document.entries, kindName: "article")
        let title = reader.requiredString("title", example: "\"What was agreed\"")
        let date = reader.requiredDate("date")
        let summary = reader.optionalString("summary", example: "One or two sentences.")
        let draft = reader.bool("draft", default: false)
        let authors = reader.authors()
        let sources = reader.sources()
        let updated = reader.updated(after: date)
        let corrections = reader.corrections(after: date)
        let diagnostics = errors + reader.diagnostics
        guard let title, let date, !diagnostics.hasErrors else { return (nil, diagnostics) }
        let article = ArticleSource(
            slug: slug, file: file.path, title: title, date: date, summary: summary, draft: draft, authors: authors,
            sources: sources, updated: updated, corrections: corrections, extra: reader.extra(),
            body: body(file, document))
        return (article, diagnostics)
    }

    public static func actor(from file: SourceFile) -> (ActorSource?, [Diagnostic]) {
        let (slug, document, errors) = open(file)
        guard let document else { return (nil, errors) }
        var reader = FieldReader(file: file.path, entries: document.entries, kindName: "actor")
        let name = reader.requiredString("name", example: "Pete Hegseth")
        let kindText = reader.requiredString("kind", example: "person")
        let role = reader.optionalString("role", example: "US Secretary of Defence")
        let affiliationText = reader.optionalString("affiliation", example: "united-states")
        let shown = reader.stringList("aliases", example: "Hegseth")
        let matchOnly = reader.stringList("match_aliases", example: "the minister")
        let image = reader.entityImage(folder: "actors")
        let wikidata = reader.wikidataID("wikidata")
        var diagnostics = errors + reader.diagnostics
        var kind: ActorKind?
        if let kindText {
            kind = ActorKind(rawValue: kindText.lowercased())
            if kind == nil {
                let options = ActorKind.allCases.map(\.rawValue)
                var notes = ["kind is one of: \(options.joined(separator: ", "))"]
                if let guess = Suggestions.nearest(to: kindText, in: options, limit: 1).first {
                    notes.insert("did you mean '\(guess)'?", at: 0)
                }
                diagnostics.append(
                    .error(
                        "unknown actor kind '\(kindText)'", at: document.entries["kind"]?.location, length: 4,
                        notes: notes))
            }
        }
        guard let name, let kind, !diagnostics.hasErrors else { return (nil, diagnostics) }
        let affiliation = affiliationText.map { Located($0, at: document.entries["affiliation"]!.location) }
        let actor = ActorSource(
            slug: slug, file: file.path, name: name, kind: kind, role: role, affiliation: affiliation,
            aliases: shown + matchOnly, matchOnlyAliases: matchOnly.map(\.value), image: image,
            extra: reader.extra(), body: body(file, document), wikidata: wikidata)
        return (actor, diagnostics)
    }

    public static func topic(from file: SourceFile) -> (TopicSource?, [Diagnostic]) {
        let (slug, document, errors) = open(file)
        guard let document else { return (nil, errors) }
        var reader = FieldReader(file: file.path, entries: document.entries, kindName: "topic")
        let title = reader.requiredString("title", example: "Peace negotiations")
        let shown = reader.stringList("aliases", example: "peace talks")
        let matchOnly = reader.stringList("match_aliases", example: "the deal")
        let summary = reader.optionalString("summary", example: "One line that says what the topic is about.")
        let image = reader.entityImage(folder: "topics")
        let diagnostics = errors + reader.diagnostics
        guard let title, !diagnostics.hasErrors else { return (nil, diagnostics) }
        let topic = TopicSource(
            slug: slug, file: file.path, title: title, aliases: shown + matchOnly,
            matchOnlyAliases: matchOnly.map(\.value), summary: summary, image: image, extra: reader.extra(),
            body: body(file, document))
        return (topic, diagnostics)
    }

    /// `aliases` as readers see them: the names not also given under
    /// `match_aliases`, each once.
    package static func shown(_ aliases: [Located<String>], without matchOnly: [String]) -> [String] {
        var seen = Set(matchOnly)
        return aliases.map(\.value).filter { seen.insert($0).inserted }
    }

    package static let siteFile = "site.yml"

    /// Without `site.yml` the defaults apply, which is worth a warning; a file
    /// that was meant to be it (`site.yaml`, `Site.yml`) is an error, as its
    /// settings would be silently ignored.
    package static func missingSiteFile(besides names: [String]) -> Diagnostic {
        let meant = names.sorted().first { name in
            let lowered = name.lowercased()
            let stem = (lowered as NSString).deletingPathExtension
            return stem == "site" || stem == "site.yml" || stem == "site.yaml"
                || Suggestions.editDistance(lowered, siteFile) <= 2
        }
        if let meant {
            return .error(
                "'\(meant)' is not read: sitegen takes the site's settings from \(siteFile)",
                at: SourceLocation(file: meant, line: 1, column: 1),
                notes: ["rename it to \(siteFile)"])
        }
        let defaults = SiteConfig()
        return .warning(
            "there is no \(siteFile), so the site has the default title '\(defaults.title)', language '\(defaults.language)', and no description or base_url",
            at: SourceLocation(file: siteFile, line: 1, column: 1),
            notes: [
                "create \(siteFile) in the content folder with lines such as 'title: My explainer', 'description: What this site explains.' and 'language: en'"
            ])
    }

    package static func siteConfig(from file: SourceFile) -> (SiteConfig, [Diagnostic]) {
        switch FrontMatter.parseMapping(file.text, file: file.path, firstLine: 1) {
        case .failure(let diagnostic): return (SiteConfig(), [diagnostic])
        case .success(let mapping):
            var reader = FieldReader(file: file.path, entries: mapping.entries, kindName: "site.yml")
            var site = SiteConfig()
            site.title = reader.requiredString("title", example: "My explainer") ?? site.title
            site.description = reader.optionalString("description", example: "What this site explains.")
            site.language = reader.optionalString("language", example: "en") ?? site.language
            if let base = reader.optionalString("base_url", example: "https://example.org/explainer/") {
                let lowered = base.lowercased()
                if (lowered.hasPrefix("https://") || lowered.hasPrefix("http://")), !base.contains(" "),
                    !base.contains("\""), !base.contains("<")
                {
                    site.baseURL = base.hasSuffix("/") ? base : base + "/"
                } else {
                    reader.diagnostics.append(
                        .error(
                            "base_url must be an absolute http(s) address, not '\(base)'",
                            at: mapping.entries["base_url"]?.location,
                            notes: ["write it as base_url: https://example.org/explainer/"]))
                }
            }
            site.unsafeHTML = reader.bool("unsafe_html", default: false)
            site.smartPunctuation = reader.bool("smart_punctuation", default: false)
            // params stays in `extra`: templates read it as site.params.
            if let params = mapping.entries["params"] {
                switch params.value {
                case .map, .null: break
                case .scalar, .list:
                    reader.diagnostics.append(
                        .error(
                            "'params' must be a mapping of values for the theme, not a \(params.value.typeName)",
                            at: params.location, length: "params".count,
                            notes: ["write it as 'params: {accent_colour: teal}'"]))
                }
            }
            site.extra = reader.extra()
            // The settings table is the one list of keys: help, README and new sites show it.
            assert(
                reader.knownKeys.union(["params"]) == Set(SiteSettings.keys),
                "site.yml reads keys that SiteSettings.all does not list, or the other way round")
            // Every other key is most likely a misspelt setting, which would
            // silently not apply; a theme's values belong under params.
            let settings = SiteSettings.keys
            for key in mapping.keyOrder where !settings.contains(key) {
                var notes = ["the settings are: \(settings.joined(separator: ", ")) (sitegen help site)"]
                if let setting = Suggestions.nearest(to: key, in: settings, limit: 1).first {
                    notes.insert("did you mean '\(setting)'?", at: 0)
                } else {
                    notes.append("a value for the theme goes under params: 'params: {\(key): ...}'")
                }
                reader.diagnostics.append(
                    .warning(
                        "site.yml has no setting '\(key)', so it is only handed to the templates",
                        at: mapping.entries[key]?.location, length: key.count, notes: notes))
            }
            return (site, reader.diagnostics)
        }
    }
}
