import Foundation
import Mustache

/// The theme's Mustache templates, read and compiled once per build.
///
/// Each `NAME.mustache` in the templates folder is a template and a partial
/// called NAME; page templates extend `layout` with `{{<layout}}…{{/layout}}`.
/// Files in the folder's `static/` are copied to the output's `static/`.
public struct TemplateSet: Sendable {
    public static let pageTemplates = ["home", "article", "actor", "topic", "quote", "index"]

    let library: MustacheLibrary
    public let staticFiles: [(OutputPath, URL)]

    public init(library: MustacheLibrary, staticFiles: [(OutputPath, URL)] = []) {
        self.library = library
        self.staticFiles = staticFiles
    }

    /// Loads every template and checks that page templates and the partials
    /// they name exist, so a typo fails the build with the file's name.
    public static func load(from folder: URL) -> Result<TemplateSet, BuildFailure> {
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        var sources: [String: (path: String, text: String)] = [:]
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: folder.path) else {
            return .failure(
                BuildFailure([
                    .error(
                        "templates folder '\(folder.path)' does not exist", at: nil,
                        notes: ["pass --templates DIR, or run sitegen where the Templates folder is"])
                ]))
        }
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let templateName = String(name.dropLast(".mustache".count))
            let path = "\(folder.lastPathComponent)/\(name)"
            guard let data = fileManager.contents(atPath: folder.appendingPathComponent(name).path),
                let text = String(data: data, encoding: .utf8)
            else {
                diagnostics.append(
                    .error("cannot read template", at: SourceLocation(file: path, line: 1, column: 1)))
                continue
            }
            do {
                library.register(try MustacheTemplate(string: text), named: templateName)
                sources[templateName] = (path, text)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(
                    .error(
                        "template does not parse: \(error.error)",
                        at: SourceLocation(
                            file: path, line: error.context.lineNumber, column: error.context.columnNumber)))
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
        diagnostics += missingPartials(sources)
        if diagnostics.hasErrors { return .failure(BuildFailure(diagnostics)) }

        var staticFiles: [(OutputPath, URL)] = []
        let staticFolder = folder.appendingPathComponent("static")
        if let enumerator = fileManager.enumerator(atPath: staticFolder.path) {
            for case let relative as String in enumerator {
                let url = staticFolder.appendingPathComponent(relative)
                var isDirectory: ObjCBool = false
                guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    let path = OutputPath("static/\(relative)")
                else { continue }
                staticFiles.append((path, url))
            }
        }
        return .success(TemplateSet(library: library, staticFiles: staticFiles.sorted { $0.0 < $1.0 }))
    }

    /// `{{> name}}` and `{{< name}}` that name no template, with their line.
    static func missingPartials(_ sources: [String: (path: String, text: String)]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (_, source) in sources.sorted(by: { $0.key < $1.key }) {
            for (lineIndex, line) in source.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
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
                    if !name.hasPrefix("*"), sources[name] == nil {
                        let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                        var notes: [String] = []
                        if let guess = Suggestions.nearest(to: name, in: sources.keys, limit: 1).first {
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

    public func render(_ template: String, _ viewModel: [String: Any]) -> String {
        library.render(viewModel, withTemplate: template) ?? ""
    }
}
