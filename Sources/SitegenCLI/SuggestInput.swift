import Foundation
import SitegenBase
import SitegenCore
import SitegenLoad
import SitegenSuggest

/// What `sitegen suggest` reads besides the document: its name, proposals
/// saved by an earlier run, and the check after `--apply`.
public enum SuggestInput {
    /// The file's path in the content folder, when it is inside it.
    public static func name(of file: URL, content: URL) -> String? {
        let folder = content.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        let path = file.standardizedFileURL.resolvingSymlinksInPath().path
        return path.hasPrefix(folder) ? String(path.dropFirst(folder.count)) : nil
    }

    public struct BadProposal: Error, CustomStringConvertible {
        public var line: Int
        public var description: String { "line \(line) is not a proposal of `sitegen suggest --format json`" }
    }

    /// Proposals from JSON lines as `--format json` prints them.
    public static func proposals(_ text: String) throws -> [Suggestion] {
        var result: [Suggestion] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let kind = (object["kind"] as? String).flatMap(Suggestion.Kind.init(rawValue:)),
                let file = object["file"] as? String, let line = object["line"] as? Int,
                let column = object["column"] as? Int, let endLine = object["end_line"] as? Int,
                let endColumn = object["end_column"] as? Int, let text = object["text"] as? String,
                let rule = object["rule"] as? String,
                let confidence = (object["confidence"] as? String).flatMap(Confidence.init(rawValue:)),
                let annotation = object["annotation"] as? String
            else { throw BadProposal(line: number + 1) }
            var opening = ""
            var closing = ""
            if kind != .actor {
                guard let range = annotation.range(of: text) else { throw BadProposal(line: number + 1) }
                opening = String(annotation[..<range.lowerBound])
                closing = String(annotation[range.upperBound...])
            }
            var suggestion = Suggestion(
                kind: kind, location: SourceLocation(file: file, line: line, column: column),
                end: SourcePosition(line: endLine, column: endColumn), text: text, rule: rule, confidence: confidence,
                opening: opening, closing: closing)
            suggestion.by = object["by"] as? String
            suggestion.target = object["target"] as? String
            suggestion.name = object["name"] as? String
            suggestion.kindOf = object["kind_of"] as? String
            suggestion.role = object["role"] as? String
            suggestion.affiliation = object["affiliation"] as? String
            if kind == .actor, suggestion.target == nil, let name = suggestion.name {
                suggestion.target = Slug.make(from: name)
            }
            result.append(suggestion)
        }
        return result
    }

    /// The errors after `--apply`: the whole content when the file is in
    /// it, else the file alone against the content's names.
    public static func check(file: URL, name: String, content: URL) -> [Diagnostic] {
        if Self.name(of: file, content: content) != nil {
            let options = SiteBuilder.Options(
                content: content, templates: content.appendingPathComponent("Templates"),
                output: URL(fileURLWithPath: "/nonexistent"),
                builtInTheme: true)
            if case .failure(let failure) = SiteBuilder(options: options).check() { return failure.diagnostics.errors }
            return []
        }
        guard let data = FileManager.default.contents(atPath: file.path),
            case .success(let source) = SourceFile.decode(data, path: name)
        else { return [.error("cannot read '\(name)' back", at: nil)] }
        let (markdown, firstLine) = RenderInput.markdown(of: source)
        return SiteBuilder.renderFragment(
            markdown, file: name, firstLine: firstLine, sources: RenderInput.sources(of: source), content: content
        ).1.errors
    }
}
