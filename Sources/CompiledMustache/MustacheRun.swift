/// The state of one compiled render: the output, the context stack, the
/// inherited block overrides, the indentation of standalone partials and
/// whether `{{name}}` escapes. Generated code (see MustacheCompiler's
/// `SwiftEmitter`) drives it; every rule here is swift-mustache's, so
/// both render the same bytes.
public struct MustacheRun {
    /// A block override from `{{<parent}}{{$name}}…{{/name}}{{/parent}}`.
    public typealias Block = @Sendable (inout MustacheRun) -> Void

    /// Where a template body began and what it changes, restored by `leave`.
    public struct Body {
        let localStart: Int
        let escapes: Bool
    }

    /// A token's start, for indenting its output once it is known not to be empty.
    public struct Token {
        let start: Int
        let indents: Bool
    }

    /// What a partial or block call changed, restored after it.
    public struct Call {
        let indentation: [UInt8]
        let blocks: [String: Block]
        let escapes: Bool
    }

    public private(set) var output: [UInt8] = []
    var stack: [MustacheValue]
    var blocks: [String: Block] = [:]
    var indentation: [UInt8] = []
    var escapes = true
    /// Where the body being rendered began: swift-mustache indents a
    /// token only after a newline written by the same body.
    var localStart = 0

    public init(root: MustacheValue, capacity: Int = 8192) {
        stack = [root]
        output.reserveCapacity(capacity)
    }

    /// The output as text (it is UTF-8 by construction).
    public var text: String { String(decoding: output, as: UTF8.self) }

    // MARK: Bodies and tokens

    public mutating func enter() -> Body {
        let body = Body(localStart: localStart, escapes: escapes)
        localStart = output.count
        return body
    }

    public mutating func leave(_ body: Body) {
        localStart = body.localStart
        escapes = body.escapes
    }

    /// `{{% CONTENT_TYPE: TEXT}}` turns escaping off for the rest of the body.
    public mutating func contentType(_ name: String) {
        escapes = name != "TEXT"
    }

    public func tokenStart() -> Token {
        Token(start: output.count, indents: !indentation.isEmpty && output.count > localStart && output.last == 10)
    }

    public mutating func tokenEnd(_ token: Token) {
        if token.indents && output.count > token.start {
            output.insert(contentsOf: indentation, at: token.start)
        }
    }

    // MARK: Output

    public mutating func text(_ text: StaticString) {
        let indents = !indentation.isEmpty && output.count > localStart && output.last == 10
        if indents && text.utf8CodeUnitCount > 0 { output.append(contentsOf: indentation) }
        text.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    /// `{{name}}`: escaped unless the content type is TEXT.
    public mutating func escaped(_ value: MustacheValue?) {
        guard let value else { return }
        let token = tokenStart()
        let text = Self.described(value)
        if escapes { Self.appendEscaped(text, to: &output) } else { output.append(contentsOf: text.utf8) }
        tokenEnd(token)
    }

    /// `{{{name}}}` and `{{&name}}`.
    public mutating func raw(_ value: MustacheValue?) {
        guard let value else { return }
        let token = tokenStart()
        output.append(contentsOf: Self.described(value).utf8)
        tokenEnd(token)
    }

    static func described(_ value: MustacheValue) -> String {
        switch value {
        case .text(let text), .html(let text): text
        case .int(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .object(let object): String(describing: object)
        case .list: String(describing: value.interpreted)
        }
    }

    /// `text` with `& < > " '` escaped, for text and quoted attribute
    /// values: what `{{name}}` writes, and sitegen's escaping everywhere.
    public static func escapedHTML(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        appendEscaped(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Escapes `& < > " '` byte by byte: they are ASCII, so no UTF-8
    /// sequence holds them and this equals escaping scalar by scalar.
    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let replacement: StaticString
                switch bytes[index] {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x22: replacement = "&quot;"
                case 0x27: replacement = "&#39;"
                default: continue
                }
                if index > runStart {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                }
                replacement.withUTF8Buffer { output.append(contentsOf: $0) }
                runStart = index + 1
            }
            if bytes.count > runStart {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            }
        }
    }

    // MARK: Names

    /// A name looked up from the innermost view outwards; `a.b` finds `a`
    /// so, then `b` in it only.
    public func lookup(_ name: String) -> MustacheValue? {
        var index = stack.count - 1
        while index >= 0 {
            if case .object(let object) = stack[index], let found = object.value(named: name) { return found }
            index -= 1
        }
        return nil
    }

    public func lookup(_ first: String, _ rest: String...) -> MustacheValue? {
        Self.follow(rest, from: lookup(first))
    }

    /// `.` is the innermost value.
    public var top: MustacheValue? { stack.last }

    /// `.a.b`: names in the innermost value only.
    public func lookupInTop(_ names: String...) -> MustacheValue? {
        Self.follow(names, from: stack.last)
    }

    static func follow(_ names: [String], from start: MustacheValue?) -> MustacheValue? {
        var value = start
        for name in names {
            guard case .object(let object)? = value else { return nil }
            value = object.value(named: name)
        }
        return value
    }

    // MARK: Sections

    /// The frames a section renders its body with: none for a false or
    /// missing value or an empty list, the enclosing context once for
    /// `true`, each item of a list, or the value itself.
    public struct Frames {
        enum Source {
            case none
            case same
            case one(MustacheValue)
            case items(any MustacheItems, Int)
        }
        var source: Source

        /// `nil` when done; `.some(nil)` renders once with the same context.
        public mutating func next() -> MustacheValue?? {
            switch source {
            case .none: return nil
            case .same:
                source = .none
                return .some(nil)
            case .one(let value):
                source = .none
                return .some(value)
            case .items(let items, var index):
                while index < items.count {
                    let item = items.item(index)
                    index += 1
                    if let item {
                        source = .items(items, index)
                        return .some(item)
                    }
                }
                source = .none
                return nil
            }
        }
    }

    public func frames(_ value: MustacheValue?) -> Frames {
        switch value {
        case nil, .bool(false)?: Frames(source: .none)
        case .bool(true)?: Frames(source: .same)
        case .list(let items)?: Frames(source: items.count == 0 ? .none : .items(items, 0))
        case let value?: Frames(source: .one(value))
        }
    }

    /// `{{^name}}`: the body renders once for a false or missing value or
    /// an empty list (which it pushes, as swift-mustache does), else never.
    public func invertedFrames(_ value: MustacheValue?) -> Frames {
        switch value {
        case nil, .bool(false)?: Frames(source: .same)
        case .list(let items)? where items.count == 0: Frames(source: .one(.list(items)))
        default: Frames(source: .none)
        }
    }

    public mutating func push(_ value: MustacheValue?) {
        if let value { stack.append(value) }
    }

    public mutating func pop(_ value: MustacheValue?) {
        if value != nil { stack.removeLast() }
    }

    // MARK: Partials and blocks

    /// Before `{{>name}}` or `{{<name}}`: the partial's lines are indented
    /// by `indentation` more, outer overrides win over the partial's own,
    /// and the partial escapes again.
    public mutating func enterPartial(indentation more: String?, overrides: [String: Block]?) -> Call {
        let call = Call(indentation: indentation, blocks: blocks, escapes: escapes)
        if let more { indentation += Array(more.utf8) }
        if let overrides { blocks.merge(overrides) { outer, _ in outer } }
        escapes = true
        return call
    }

    public mutating func leaveCall(_ call: Call) {
        indentation = call.indentation
        blocks = call.blocks
        escapes = call.escapes
    }

    /// `{{$name}}…{{/name}}` where it is expanded: the override when there
    /// is one (rendered here, with this context), else `nil` for the default.
    public mutating func enterBlock(indentation more: String?) -> Call {
        let call = Call(indentation: indentation, blocks: blocks, escapes: escapes)
        if let more { indentation += Array(more.utf8) }
        return call
    }

    public func override(_ name: String) -> Block? { blocks[name] }
}
