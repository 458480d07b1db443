/// One node of a parsed template. The tree is the one swift-mustache's
/// parser builds (same text splits, same standalone-line rules), so code
/// generated from it renders the same bytes as swift-mustache does.
public indirect enum TemplateNode: Equatable {
    case text(String)
    case variable(name: String, escaped: Bool)
    case section(name: String, body: [TemplateNode])
    case invertedSection(name: String, body: [TemplateNode])
    /// `{{$name}}…{{/name}}` inside `{{<parent}}`: an override.
    case blockDefinition(name: String, body: [TemplateNode])
    /// `{{$name}}default{{/name}}` anywhere else: where a block goes.
    case blockExpansion(name: String, body: [TemplateNode], indentation: String)
    /// `{{>name}}` (overrides `nil`) or `{{<name}}…{{/name}}`; `*name` is dynamic.
    case partial(name: String, dynamic: Bool, indentation: String?, overrides: [Override]?)
    case contentType(String)

    public struct Override: Equatable {
        public let name: String
        public let body: [TemplateNode]
    }
}

/// Why a template cannot be compiled, with its position.
public struct TemplateError: Error, CustomStringConvertible {
    public let message: String
    public let line: Int
    public let column: Int
    public var description: String { "\(line):\(column): \(message)" }
}

/// Parses Mustache text into `TemplateNode`s by swift-mustache's rules:
/// text is split after each newline, a line holding only a section,
/// comment, partial, block or delimiter tag (and blanks) is removed whole,
/// and `{{<parent}}` holds only block overrides. Lambdas and transforms
/// (`{{first(list)}}`) are not compiled: they are reported as errors.
public struct TemplateParser {
    private let characters: [Character]
    private var position = 0

    public static func parse(_ text: String) throws -> [TemplateNode] {
        var parser = TemplateParser(characters: Array(text))
        return try parser.parseBody(State())
    }

    private init(characters: [Character]) { self.characters = characters }

    private struct State {
        var sectionName: String?
        var newLine = true
        var inInheritance = false
        var inheritanceTopLevel = false
        var start: [Character] = ["{", "{"]
        var end: [Character] = ["}", "}"]
        var inheritanceIndent: [Character]?

        func section(_ name: String, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.inheritanceTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func inheritance(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.newLine = true
            state.inInheritance = true
            state.inheritanceTopLevel = true
            return state
        }
    }

    // MARK: Reading

    private var atEnd: Bool { position >= characters.count }
    private var current: Character { atEnd ? "\0" : characters[position] }

    private mutating func readWhile(_ predicate: (Character) -> Bool) -> [Character] {
        let start = position
        while !atEnd, predicate(characters[position]) { position += 1 }
        return Array(characters[start..<position])
    }

    private mutating func read(_ sequence: [Character]) -> Bool {
        guard position + sequence.count <= characters.count,
            Array(characters[position..<position + sequence.count]) == sequence
        else { return false }
        position += sequence.count
        return true
    }

    private func error(_ message: String) -> TemplateError {
        var line = 1
        var column = 1
        for character in characters[..<min(position, characters.count)] {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return TemplateError(message: message, line: line, column: column)
    }

    /// Text up to the next newline or opening delimiter (which is consumed).
    private mutating func readText(_ state: State) -> String {
        var text = ""
        while !atEnd {
            let character = characters[position]
            if character == "\n" || character == "\r\n" { break }
            if character == state.start[0] {
                if read(state.start) { break }
                text.append(character)
                position += 1
                continue
            }
            text.append(character)
            position += 1
        }
        return text
    }

    /// A standalone tag: nothing but blanks follows it on its line, and the
    /// newline is consumed with them.
    private mutating func standalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if atEnd { return true }
        var probe = position
        while probe < characters.count, characters[probe] == " " || characters[probe] == "\t" { probe += 1 }
        let next: Character = probe < characters.count ? characters[probe] : "\0"
        guard next.isNewline else { return false }
        position = probe + 1
        return true
    }

    private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let partialCharacters = Set(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    private mutating func parseName(_ state: State) throws -> String {
        _ = readWhile(\.isWhitespace)
        let nameStart = position
        let name = String(readWhile { Self.nameCharacters.contains($0) })
        _ = readWhile(\.isWhitespace)
        guard read(state.end) else { throw error("a tag is not closed") }
        if name.contains("(") || name.contains(")") {
            position = nameStart
            throw error("transforms such as '\(name)' are not compiled; the theme needs swift-mustache for them")
        }
        return name
    }

    private mutating func parsePartialName(_ state: State) throws -> String {
        _ = readWhile(\.isWhitespace)
        let name = String(readWhile { Self.partialCharacters.contains($0) })
        _ = readWhile(\.isWhitespace)
        guard read(state.end) else { throw error("a partial tag is not closed") }
        return name
    }

    // MARK: Bodies

    private mutating func parseBody(_ initial: State) throws -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = initial
        var blanks = ""
        func flushBlanks() {
            if !blanks.isEmpty {
                nodes.append(.text(blanks))
                blanks = ""
            }
        }
        while !atEnd {
            if state.newLine {
                let whitespace = readWhile { $0 == " " || $0 == "\t" }
                if state.inInheritance && !state.inheritanceTopLevel {
                    if let indent = state.inheritanceIndent {
                        blanks = String(whitespace.dropFirst(indent.count))
                    } else {
                        state.inheritanceIndent = whitespace
                    }
                } else {
                    blanks = String(whitespace)
                }
            }
            let text = readText(state)
            if current.isNewline {
                nodes.append(.text(blanks + text + String(current)))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(blanks + text))
                blanks = ""
                state.newLine = false
            }
            if atEnd { break }
            var nextNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let name = try parseName(state)
                if standalone(state) {
                    nextNewLine = true
                } else {
                    flushBlanks()
                }
                let body = try parseBody(state.section(name, newLine: nextNewLine))
                nodes.append(inverted ? .invertedSection(name: name, body: body) : .section(name: name, body: body))
            case "/":
                position += 1
                let name = try parseName(state)
                guard name == state.sectionName else {
                    throw error("'\(name)' closes a section that is not open")
                }
                if !standalone(state) { flushBlanks() }
                return nodes
            case "!":
                position += 1
                try skipComment(state)
                nextNewLine = standalone(state)
            case "{":
                flushBlanks()
                position += 1
                let name = try parseName(state)
                guard current == "}" else { throw error("a triple mustache is not closed with }}}") }
                position += 1
                nodes.append(.variable(name: name, escaped: false))
            case "&":
                flushBlanks()
                position += 1
                nodes.append(.variable(name: try parseName(state), escaped: false))
            case ">":
                position += 1
                _ = readWhile(\.isWhitespace)
                var dynamic = false
                if current == "*" {
                    position += 1
                    dynamic = true
                }
                let name = try parsePartialName(state)
                if !blanks.isEmpty { nodes.append(.text(blanks)) }
                if standalone(state) {
                    nextNewLine = true
                    nodes.append(.partial(name: name, dynamic: dynamic, indentation: blanks, overrides: nil))
                } else {
                    nodes.append(.partial(name: name, dynamic: dynamic, indentation: nil, overrides: nil))
                }
                blanks = ""
            case "<":
                position += 1
                _ = readWhile(\.isWhitespace)
                let sectionName = try parsePartialName(state)
                let dynamic = sectionName.first == "*"
                let name = dynamic ? String(sectionName.dropFirst()) : sectionName
                if !blanks.isEmpty { nodes.append(.text(blanks)) }
                if standalone(state) { nextNewLine = true }
                let body = try parseBody(state.inheritance(sectionName))
                var overrides: [TemplateNode.Override] = []
                for node in body {
                    switch node {
                    case .blockDefinition(let block, let blockBody):
                        // A later definition of the same block replaces an earlier one.
                        overrides.removeAll { $0.name == block }
                        overrides.append(.init(name: block, body: blockBody))
                    case .text: continue
                    default: throw error("only {{$block}} overrides may stand inside {{<\(name)}}")
                    }
                }
                nodes.append(.partial(name: name, dynamic: dynamic, indentation: blanks, overrides: overrides))
                blanks = ""
            case "$":
                position += 1
                let name = try parseName(state)
                if state.inheritanceTopLevel {
                    if standalone(state) { nextNewLine = true }
                    let body = try parseBody(state.section(name, newLine: nextNewLine))
                    nodes.append(.blockDefinition(name: name, body: body))
                } else {
                    if !blanks.isEmpty { nodes.append(.text(blanks)) }
                    if standalone(state) { nextNewLine = true }
                    let body = try parseBody(state.section(name, newLine: nextNewLine))
                    nodes.append(.blockExpansion(name: name, body: body, indentation: blanks))
                    blanks = ""
                }
            case "=":
                position += 1
                state = try parseDelimiters(state)
                nextNewLine = standalone(state)
            case "%":
                position += 1
                nodes.append(try parsePragma(state))
                nextNewLine = standalone(state)
            default:
                flushBlanks()
                nodes.append(.variable(name: try parseName(state), escaped: true))
            }
            state.newLine = nextNewLine
        }
        if state.sectionName != nil { throw error("a section is opened but never closed") }
        return nodes
    }

    private mutating func skipComment(_ state: State) throws {
        while !atEnd {
            if read(state.end) { return }
            position += 1
        }
        throw error("a comment is not closed")
    }

    private mutating func parseDelimiters(_ state: State) throws -> State {
        _ = readWhile(\.isWhitespace)
        let start = readWhile { !$0.isWhitespace }
        _ = readWhile(\.isWhitespace)
        let end = readWhile { $0 != "=" && !$0.isWhitespace }
        _ = readWhile(\.isWhitespace)
        guard !atEnd, !start.isEmpty, !end.isEmpty, read(["="]), read(state.end) else {
            throw error("the delimiter change {{=… =}} is not valid")
        }
        var next = state
        next.start = start
        next.end = end
        next.inheritanceTopLevel = false
        return next
    }

    private mutating func parsePragma(_ state: State) throws -> TemplateNode {
        let word = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
        _ = readWhile(\.isWhitespace)
        let variable = String(readWhile { word.contains($0) })
        _ = readWhile(\.isWhitespace)
        guard read([":"]) else { throw error("a pragma is written {{% NAME: VALUE}}") }
        _ = readWhile(\.isWhitespace)
        let value = String(readWhile { word.contains($0) })
        _ = readWhile(\.isWhitespace)
        guard read(state.end), variable == "CONTENT_TYPE", !value.isEmpty else {
            throw error("the only pragma is {{% CONTENT_TYPE: HTML}} (or TEXT)")
        }
        return .contentType(value)
    }
}
