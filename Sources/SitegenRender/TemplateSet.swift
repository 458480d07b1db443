import CompiledMustache
import Foundation
import Mustache
import SitegenBase
import SitegenLoad
import SitegenPlan

/// The theme's Mustache templates, read and compiled once per build.
///
/// Each `NAME.mustache` in the templates folder is a template and a partial
/// called NAME; page templates extend `layout` with `{{<layout}}…{{/layout}}`.
/// Files in the folder's `static/` are copied to the output's `static/`.
public struct TemplateSet: Sendable {
    public static let pageTemplates = ["home", "article", "actor", "topic", "quote", "index"]

    package let library: MustacheLibrary
    /// Whether the templates are exactly the built-in theme's, so pages
    /// render through `CompiledTheme` (the same bytes, several times
    /// faster); any template of a site's own goes through swift-mustache,
    /// and with it every other, since partials call each other.
    package private(set) var usesCompiledTheme: Bool
    /// The theme's static files: copies of a folder's files, or the bytes of built-in ones.
    public let staticFiles: [(OutputPath, OutputFile.Contents)]
    /// The theme's static files by name (`style.css`) to the path they are
    /// written to, which carries a hash of their bytes (`static/style.1a2b3c4d.css`)
    /// so hosts can cache them forever: a changed file gets a new name.
    public let staticPaths: [String: OutputPath]

    public init(
        library: MustacheLibrary, staticFiles: [(OutputPath, OutputFile.Contents)] = [],
        staticPaths: [String: OutputPath] = [:], usesCompiledTheme: Bool = false
    ) {
        self.library = library
        self.usesCompiledTheme = usesCompiledTheme
        self.staticFiles = staticFiles
        self.staticPaths = staticPaths
    }

    /// Where a static file of the theme is written (`style.css` → `static/style.1a2b3c4d.css`).
    public func staticPath(_ name: String) -> OutputPath {
        staticPaths[name] ?? OutputPath(trusted: "static/\(name)")
    }

    /// `style.css` and its bytes → `style.1a2b3c4d.css`.
    package static func hashedName(_ name: String, contents: Data) -> String {
        let fingerprint = contents.withUnsafeBytes { Fingerprint(bytes: $0) }
        let hash = String(String(fingerprint.hash, radix: 16).suffix(8))
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "\(name).\(hash)" }
        return "\(name[..<dot]).\(hash)\(name[dot...])"
    }

    /// Where a theme's files come from: a folder that is the whole theme
    /// (`--templates DIR`), or the built-in theme with a site's own files
    /// laid over it, file by file (`Templates/` when it exists).
    public enum Source: Sendable, Equatable {
        case folder(URL)
        case builtIn(overrides: URL)
    }

    /// How diagnostics name the built-in theme's files (`built-in theme/layout.mustache`).
    public static let builtInLabel = "built-in theme/"

    /// One file of the theme: its path in the theme (`layout.mustache`),
    /// the name diagnostics give it, its bytes and how it reaches the output.
    package struct ThemeFile {
        package var path: String
        package var label: String
        package var contents: Result<Data, ContentFiles.Refusal>
        package var output: (Data) -> OutputFile.Contents
    }

    /// Loads every template and checks that page templates and the partials
    /// they name exist, so a typo fails the build with the file's name.
    public static func load(from folder: URL) -> Result<TemplateSet, BuildFailure> {
        load(.folder(folder))
    }

    /// Loads a theme from `source`: the built-in theme's files are named
    /// `built-in theme/NAME` in diagnostics, a folder's by the folder.
    public static func load(_ source: Source) -> Result<TemplateSet, BuildFailure> {
        var themeFiles: [String: ThemeFile] = [:]
        var diagnostics: [Diagnostic] = []
        let folder: URL
        switch source {
        case .folder(let url):
            folder = url
        case .builtIn(let overrides):
            folder = overrides
            for file in BuiltInTheme.files {
                themeFiles[file.path] = ThemeFile(
                    path: file.path, label: builtInLabel + file.path, contents: .success(file.contents),
                    output: { .bytes($0) })
            }
        }
        // The folder's files, by the rules content files are read by; a
        // site without its own templates uses the built-in theme alone.
        let files = ContentFiles(folder: folder, layout: .templates)
        var folderMissing = false
        if case .builtIn = source, !FileManager.default.fileExists(atPath: folder.path) { folderMissing = true }
        if !folderMissing {
            if let problem = files.folderProblem() { return .failure(BuildFailure([problem])) }
            let listing = files.list()
            diagnostics += listing.refused.map {
                files.diagnostic($0.refusal, at: "\(folder.lastPathComponent)/\($0.path)")
            }
            for file in listing.files {
                themeFiles[file.path] = ThemeFile(
                    path: file.path, label: "\(folder.lastPathComponent)/\(file.path)", contents: files.read(file),
                    output: { _ in .copy(file.url) })
            }
        }
        return load(themeFiles.values.sorted { $0.path < $1.path }, diagnostics: diagnostics)
    }

    package static func load(_ themeFiles: [ThemeFile], diagnostics earlier: [Diagnostic]) -> Result<
        TemplateSet, BuildFailure
    > {
        _ = registration
        var diagnostics = earlier
        var library = MustacheLibrary()
        var sources: [String: (path: String, text: String)] = [:]
        var templateNames: Set<String> = []
        for file in themeFiles where !file.path.contains("/") {
            let name = file.path
            let templateName = String(name.dropLast(".mustache".count))
            templateNames.insert(templateName)
            let path = file.label
            guard case .success(let data) = file.contents, let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(
                    .error("cannot read template", at: SourceLocation(file: path, line: 1, column: 1)))
                continue
            }
            do {
                // Every template escapes with sitegen's HTML escaping (see
                // FastHTMLContentType); the pragma goes on line 1 so line
                // numbers in errors stay the author's.
                let source = FastHTMLContentType.pragma + text
                library.register(try MustacheTemplate(string: source), named: templateName)
                sources[templateName] = (path, text)
            } catch let error as MustacheTemplate.ParserError {
                let line = error.context.lineNumber
                let column = error.context.columnNumber - (line == 1 ? FastHTMLContentType.pragma.count : 0)
                diagnostics.append(
                    .error(
                        "template does not parse: \(Self.explain(error.error))",
                        at: SourceLocation(file: path, line: line, column: max(1, column)),
                        notes: ["sections open with {{#name}} and close with {{/name}}; partials are {{>name}}"]))
            } catch {
                diagnostics.append(
                    .error("template does not parse: \(error)", at: SourceLocation(file: path, line: 1, column: 1)))
            }
        }
        for page in pageTemplates
        where sources[page] == nil
            && !diagnostics.contains(where: { $0.location?.file.hasSuffix("/\(page).mustache") ?? false })
        {
            diagnostics.append(
                .error(
                    "the theme has no '\(page).mustache' template", at: nil,
                    notes: ["every theme needs: \(pageTemplates.map { $0 + ".mustache" }.joined(separator: ", "))"]))
        }
        // A template that failed to parse exists; only its own error is reported.
        diagnostics += missingPartials(sources, known: templateNames)
        if diagnostics.hasErrors { return .failure(BuildFailure(diagnostics)) }

        var staticFiles: [(OutputPath, OutputFile.Contents)] = []
        var staticPaths: [String: OutputPath] = [:]
        for file in themeFiles where file.path.hasPrefix("static/") {
            guard case .success(let contents) = file.contents else { continue }
            let relative = String(file.path.dropFirst("static/".count))
            let folderPart = (relative as NSString).deletingLastPathComponent
            let name = hashedName((relative as NSString).lastPathComponent, contents: contents)
            guard let path = OutputPath("static/" + (folderPart.isEmpty ? "" : folderPart + "/") + name) else {
                continue
            }
            staticFiles.append((path, file.output(contents)))
            staticPaths[relative] = path
        }
        return .success(
            TemplateSet(
                library: library, staticFiles: staticFiles.sorted { $0.0 < $1.0 }, staticPaths: staticPaths,
                usesCompiledTheme: isBuiltIn(themeFiles)))
    }

    /// Whether `themeFiles` hold the built-in theme's templates and no others.
    static func isBuiltIn(_ themeFiles: [ThemeFile]) -> Bool {
        let builtIn = BuiltInTheme.files.filter { !$0.path.contains("/") }
        let templates = themeFiles.filter { !$0.path.contains("/") }
        guard builtIn.count == templates.count else { return false }
        let texts = Dictionary(builtIn.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first })
        return templates.allSatisfy { file in
            guard case .success(let data) = file.contents else { return false }
            return texts[file.path] == data
        }
    }

    /// The same theme rendered by swift-mustache alone (for the tests that
    /// hold the compiled theme to its output).
    package var interpreted: TemplateSet {
        var copy = self
        copy.usesCompiledTheme = false
        return copy
    }

    /// `{{> name}}` and `{{< name}}` that name no template, with their line.
    package static func missingPartials(_ sources: [String: (path: String, text: String)], known: Set<String>)
        -> [Diagnostic]
    {
        var diagnostics: [Diagnostic] = []
        for (_, source) in sources.sorted(by: { $0.key < $1.key }) {
            for (lineIndex, line) in sourceLines(source.text).enumerated() {
                var rest = line[...]
                while let open = rest.range(of: "{{") {
                    let afterOpen = rest[open.upperBound...]
                    guard let marker = afterOpen.first, marker == ">" || marker == "<",
                        let close = afterOpen.range(of: "}}")
                    else {
                        rest = afterOpen
                        continue
                    }
                    let name = afterOpen[afterOpen.index(after: afterOpen.startIndex)..<close.lowerBound]
                        .trimmingCharacters(in: .whitespaces)
                    if !name.hasPrefix("*"), !known.contains(name) {
                        let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                        var notes: [String] = []
                        if let guess = Suggestions.nearest(to: name, in: known, limit: 1).first {
                            notes.append("did you mean '\(guess)'?")
                        }
                        notes.append(
                            "partials are the .mustache files in the templates folder, named without the extension")
                        diagnostics.append(
                            .error(
                                "template '\(name)' does not exist",
                                at: SourceLocation(file: source.path, line: lineIndex + 1, column: column),
                                length: name.count + 5, notes: notes))
                    }
                    rest = afterOpen[close.upperBound...]
                }
            }
        }
        return diagnostics
    }

    /// swift-mustache's parser errors in plain words.
    package static func explain(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "a section is closed with a different name than it was opened with"
        case .unfinishedName?: return "a tag is not closed with }}"
        case .expectedSectionEnd?: return "a section is opened but never closed"
        case .invalidSetDelimiter?: return "the delimiter change {{=… =}} is not valid"
        case .transformAppliedToInheritanceSection?: return "a transform cannot apply to an inheritance section"
        case .illegalTokenInsideInheritSection?, .textInsideInheritSection?:
            return "only {{$block}} overrides may stand inside {{<parent}}…{{/parent}}"
        case .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?: return "the pragma {{% … }} is not recognised"
        default: return "\(error)"
        }
    }

    /// Escapes like Mustache's HTML content type (`& < > " '`) without its
    /// per-character dictionary lookups, which dominated large builds.
    package struct FastHTMLContentType: MustacheContentType {
        package static let name = "SITEGEN_HTML"
        package static let pragma = "{{% CONTENT_TYPE: \(name)}}"
        package func escapeText(_ text: String) -> String { HTML.escape(text) }
    }

    /// Registers the content type with swift-mustache once per process.
    private static let registration: Void = {
        MustacheContentTypes.register(FastHTMLContentType(), named: FastHTMLContentType.name)
    }()

    /// Whether the theme has a template (optional ones such as `404`).
    public func has(_ template: String) -> Bool { library.getTemplate(named: template) != nil }

    /// `view` is one of the views in `Views.swift` and `PageViews.swift`.
    package func render(_ template: String, _ view: any MustacheObject) -> String {
        if usesCompiledTheme { return CompiledTheme.render(template, .object(view)) ?? "" }
        return library.render(view, withTemplate: template) ?? ""
    }
}
