import Foundation
import SitegenBase
import StoredCoding
import Yams

/// A YAML value from front matter, with where it was written.
@BinaryCoded
public indirect enum FrontMatterValue: Sendable, Hashable {
    case scalar(String)
    case list([FrontMatterValue])
    case map([String: FrontMatterValue])
    case null
}

/// One front-matter key with its value and the position of the key.
public struct FrontMatterEntry: Sendable, Hashable {
    public var value: FrontMatterValue
    public var location: SourceLocation
    /// Positions of list items, when the value is a list (for errors on one alias).
    public var itemLocations: [SourceLocation]
}

/// A document split into its front matter and Markdown body.
public struct FrontMatterDocument: Sendable {
    public var entries: [String: FrontMatterEntry]
    /// Keys in the order the author wrote them.
    public var keyOrder: [String]
    public var body: String
    /// The file line on which the body's first line stands.
    public var bodyFirstLine: Int
    /// Whether the file had a `---` block at all.
    public var hasFrontMatter: Bool
}

public enum FrontMatter {
    /// Values that aliases may expand to before the front matter is refused;
    /// bounds the "billion laughs" expansion of YAML anchors.
    package static let maximumValueCount = 10_000

    /// Splits `---` front matter from the body and parses it as YAML.
    public static func parse(_ file: SourceFile) -> Result<FrontMatterDocument, Diagnostic> {
        let text = file.text
        guard text.hasPrefix("---\n") || text == "---" else {
            return .success(
                FrontMatterDocument(
                    entries: [:], keyOrder: [], body: text, bodyFirstLine: 1, hasFrontMatter: false))
        }
        // Find the closing fence: a line that is exactly `---` (or `...`).
        var lineNumber = 1
        var yamlLines: [Substring] = []
        var closingLine: Int?
        var bodyStart = text.endIndex
        var cursor = text.index(text.startIndex, offsetBy: 4, limitedBy: text.endIndex) ?? text.endIndex
        while cursor < text.endIndex {
            let lineEnd = text[cursor...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[cursor..<lineEnd]
            lineNumber += 1
            if line == "---" || line == "..." {
                closingLine = lineNumber
                bodyStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
                break
            }
            yamlLines.append(line)
            cursor = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
        }
        guard let closingLine else {
            return .failure(
                .error(
                    "front matter starts with '---' on line 1 but has no closing '---' line",
                    at: SourceLocation(file: file.path, line: 1, column: 1), length: 3,
                    notes: ["add a line containing only '---' after the last front-matter key"]))
        }
        let yaml = yamlLines.joined(separator: "\n")
        let mapping: YAMLMapping
        switch parseMapping(yaml, file: file.path, firstLine: 2) {
        case .success(let parsed): mapping = parsed
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        let entries = mapping.entries
        let keyOrder = mapping.keyOrder
        return .success(
            FrontMatterDocument(
                entries: entries, keyOrder: keyOrder, body: String(text[bodyStart...]),
                bodyFirstLine: closingLine + 1, hasFrontMatter: true))
    }

    /// Top-level `key: value` lines of front matter, read without a YAML
    /// parser: enough to learn the names of a file whose YAML is broken.
    /// A value loses one pair of surrounding quotes; a list (`[a, b]`, or
    /// `- item` lines under the key) gives one value per item.
    package static func looseValues(_ text: String) -> [String: [String]] {
        var values: [String: [String]] = [:]
        let lines = sourceLines(text)
        guard lines.first == "---" else { return values }
        var listKey: String?
        for line in lines.dropFirst() {
            if line == "---" || line == "..." { break }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let key = listKey, line.first == " " || line.first == "-", trimmed.hasPrefix("- ") {
                values[key, default: []].append(unquoted(trimmed.dropFirst(2)))
                continue
            }
            listKey = nil
            guard line.first?.isLetter == true, let colon = line.range(of: ":") else { continue }
            let key = String(line[..<colon.lowerBound])
            let value = line[colon.upperBound...].trimmingCharacters(in: .whitespaces)
            if value.isEmpty {
                listKey = key
            } else if value.hasPrefix("[") || value.hasPrefix("{") {
                // Only a whole one-line list is read; anything else is no name.
                guard value.hasPrefix("["), value.hasSuffix("]") else { continue }
                values[key] = value.dropFirst().dropLast().split(separator: ",").map(unquoted)
            } else {
                values[key] = [unquoted(Substring(value))]
            }
        }
        return values
    }

    /// `'a'` or `"a"` as `a`; anything else trimmed as it is.
    private static func unquoted(_ text: Substring) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 2, let first = trimmed.first, first == "'" || first == "\"", trimmed.last == first {
            return String(trimmed.dropFirst().dropLast())
        }
        return trimmed
    }

    /// Keys and values of a YAML mapping, in the author's order.
    public struct YAMLMapping: Sendable {
        public var entries: [String: FrontMatterEntry] = [:]
        public var keyOrder: [String] = []
    }

    /// Parses YAML text whose first line is `firstLine` of `file` into a mapping.
    public static func parseMapping(_ yaml: String, file: String, firstLine: Int) -> Result<YAMLMapping, Diagnostic> {
        let offset = firstLine - 1
        let node: Node?
        do {
            // The encoding named, not `.default`, which reads the process's
            // environment on every call (0.4 s of CPU at 10,000 articles).
            node = try Yams.compose(yaml: yaml, .default, .default, .utf8)
        } catch let error as YamlError {
            return .failure(yamlDiagnostic(error, yaml: yaml, file: file, lineOffset: offset))
        } catch {
            return .failure(
                .error("not valid YAML: \(error)", at: SourceLocation(file: file, line: firstLine, column: 1)))
        }
        var result = YAMLMapping()
        guard let node else { return .success(result) }
        guard case .mapping(let mapping) = node else {
            return .failure(
                .error(
                    "expected 'key: value' lines, found a single value",
                    at: location(of: node, file: file, lineOffset: offset),
                    notes: ["write one 'key: value' pair per line, e.g. title: My title"]))
        }
        var budget = maximumValueCount
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else { continue }
            let keyLocation = location(of: keyNode, file: file, lineOffset: offset)
            guard let value = convert(valueNode, budget: &budget) else {
                return .failure(
                    .error(
                        "YAML expands to more than \(maximumValueCount) values; anchors and aliases are limited",
                        at: keyLocation, notes: ["write the values out instead of repeating aliases"]))
            }
            var itemLocations: [SourceLocation] = []
            if case .sequence(let sequence) = valueNode {
                itemLocations = sequence.map { location(of: $0, file: file, lineOffset: offset) }
            }
            if result.entries[key] == nil { result.keyOrder.append(key) }
            result.entries[key] = FrontMatterEntry(value: value, location: keyLocation, itemLocations: itemLocations)
        }
        return .success(result)
    }

    private static func convert(_ node: Node, budget: inout Int) -> FrontMatterValue? {
        budget -= 1
        if budget < 0 { return nil }
        switch node {
        case .scalar(let scalar):
            if node.tag == Tag(.null) { return .null }
            return .scalar(scalar.string)
        case .sequence(let sequence):
            var items: [FrontMatterValue] = []
            for item in sequence {
                guard let value = convert(item, budget: &budget) else { return nil }
                items.append(value)
            }
            return .list(items)
        case .mapping(let mapping):
            var map: [String: FrontMatterValue] = [:]
            for (key, value) in mapping {
                guard let converted = convert(value, budget: &budget) else { return nil }
                map[key.string ?? ""] = converted
            }
            return .map(map)
        case .alias:
            return .null
        }
    }

    package static let genericYAMLAdvice =
        "write one 'key: value' per line; put a value in double quotes when it holds ':', '#', or starts with a quote or bracket, e.g. title: \"A: B\""

    /// Advice that fits what is wrong with one `key: value` line, if it shows
    /// one of the usual mistakes: an apostrophe that ends a single-quoted
    /// value early, or a `: ` inside an unquoted value.
    package static func yamlAdvice(forLine line: Substring) -> String? {
        guard let colon = line.range(of: ": ") else { return nil }
        let key = line[..<colon.lowerBound].trimmingCharacters(in: .whitespaces)
        let value = line[colon.upperBound...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, !value.isEmpty else { return nil }
        if value.hasPrefix("'") {
            var words = value.dropFirst()
            if words.hasSuffix("'") { words = words.dropLast() }
            guard words.contains("'"), !words.contains("''") else { return nil }
            return
                "the apostrophe in \(key)'s value ends the single-quoted text early: use double quotes, \(key): \"\(words)\", or write the apostrophe twice, \(key): '\(words.replacingOccurrences(of: "'", with: "''"))'"
        }
        if value.hasPrefix("\"") {
            var words = value.dropFirst()
            if words.hasSuffix("\"") { words = words.dropLast() }
            guard words.contains("\""), !words.contains("\\\"") else { return nil }
            return
                "the '\"' inside \(key)'s value ends the double-quoted text early: write it as \\\", or use single quotes, \(key): '\(words.replacingOccurrences(of: "'", with: "''"))'"
        }
        guard !value.hasPrefix("["), !value.hasPrefix("{"), value.contains(": ") || value.hasSuffix(":") else {
            return nil
        }
        let quoted =
            value.contains("\"")
            ? "'\(value.replacingOccurrences(of: "'", with: "''"))'" : "\"\(value)\""
        return
            "a ':' followed by a space inside an unquoted value reads as a new key: quote the value, \(key): \(quoted)"
    }

    private static func location(of node: Node, file: String, lineOffset: Int) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
    }

    private static func yamlDiagnostic(_ error: YamlError, yaml: String, file: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "not valid YAML: \(problem)"
            if let context { message += " (\(context.text))" }
            let lines = sourceLines(yaml)
            // The mistake is on the line the parser stopped at, or the one
            // before when it only noticed at the start of the next key.
            let candidates = [mark.line, mark.line - 1].filter { $0 >= 1 && $0 <= lines.count }.map { lines[$0 - 1] }
            let advice = candidates.lazy.compactMap(yamlAdvice).first ?? genericYAMLAdvice
            return .error(
                message, at: SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column),
                notes: [advice])
        default:
            return .error(
                "not valid YAML: \(error)", at: SourceLocation(file: file, line: 1 + lineOffset, column: 1))
        }
    }
}
