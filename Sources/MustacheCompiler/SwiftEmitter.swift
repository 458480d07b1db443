/// Turns parsed templates into Swift: one function per template, each a
/// straight run of calls on `MustacheRun` (CompiledMustache), with
/// partials as direct calls and block overrides as closures. Names are
/// still looked up by string at run time, up the context stack, so a
/// compiled template answers exactly what swift-mustache would.
public struct SwiftEmitter {
    /// The templates of one library (a theme folder), by name.
    public let templates: [(name: String, nodes: [TemplateNode])]
    /// The enum the functions live in (`CompiledTheme`).
    public let namespace: String
    /// `package` or `public` or `internal`.
    public let access: String

    public init(templates: [(name: String, nodes: [TemplateNode])], namespace: String, access: String) {
        self.templates = templates.sorted { $0.name < $1.name }
        self.namespace = namespace
        self.access = access
    }

    private var functionNames: [String: String] {
        var names: [String: String] = [:]
        for (index, template) in templates.enumerated() {
            let cleaned = template.name.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
            names[template.name] = "template\(index)_\(cleaned)"
        }
        return names
    }

    /// The enum, without imports.
    public func source() -> String {
        var lines: [String] = []
        let functions = functionNames
        lines.append("\(access) enum \(namespace) {")
        lines.append("    /// Renders template `name` with `root` at the bottom of the context")
        lines.append("    /// stack; `nil` when there is no such template.")
        lines.append("    \(access) static func render(_ name: String, _ root: MustacheValue) -> String? {")
        lines.append("        var run = MustacheRun(root: root)")
        lines.append("        guard render(named: name, &run) else { return nil }")
        lines.append("        return run.text")
        lines.append("    }")
        lines.append("")
        lines.append("    static func render(named name: String, _ run: inout MustacheRun) -> Bool {")
        lines.append("        switch name {")
        for template in templates {
            lines.append("        case \(Self.literal(template.name)): \(functions[template.name]!)(&run)")
        }
        lines.append("        default: return false")
        lines.append("        }")
        lines.append("        return true")
        lines.append("    }")
        for template in templates {
            lines.append("")
            lines.append("    static func \(functions[template.name]!)(_ run: inout MustacheRun) {")
            body(template.nodes, indent: 2, into: &lines)
            lines.append("    }")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private func body(_ nodes: [TemplateNode], indent: Int, into lines: inout [String]) {
        let pad = String(repeating: "    ", count: indent)
        lines.append(pad + "do {")
        lines.append(pad + "    let body = run.enter()")
        for node in nodes { self.node(node, indent: indent + 1, into: &lines) }
        lines.append(pad + "    run.leave(body)")
        lines.append(pad + "}")
    }

    private func node(_ node: TemplateNode, indent: Int, into lines: inout [String]) {
        let pad = String(repeating: "    ", count: indent)
        switch node {
        case .text(let text):
            lines.append(pad + "run.text(\(Self.literal(text)))")
        case .variable(let name, let escaped):
            lines.append(pad + "run.\(escaped ? "escaped" : "raw")(\(Self.lookup(name)))")
        case .section(let name, let nodes), .invertedSection(let name, let nodes):
            let frames = if case .section = node { "frames" } else { "invertedFrames" }
            lines.append(pad + "do {")
            lines.append(pad + "    let token = run.tokenStart()")
            lines.append(pad + "    var frames = run.\(frames)(\(Self.lookup(name)))")
            lines.append(pad + "    while let frame = frames.next() {")
            lines.append(pad + "        run.push(frame)")
            body(nodes, indent: indent + 2, into: &lines)
            lines.append(pad + "        run.pop(frame)")
            lines.append(pad + "    }")
            lines.append(pad + "    run.tokenEnd(token)")
            lines.append(pad + "}")
        case .blockDefinition:
            // Only inside `{{<parent}}`, where the parser collects them.
            break
        case .blockExpansion(let name, let nodes, let indentation):
            lines.append(pad + "do {")
            lines.append(pad + "    let token = run.tokenStart()")
            lines.append(pad + "    let call = run.enterBlock(indentation: \(Self.literal(indentation)))")
            lines.append(pad + "    if let block = run.override(\(Self.literal(name))) {")
            lines.append(pad + "        block(&run)")
            lines.append(pad + "    } else {")
            body(nodes, indent: indent + 2, into: &lines)
            lines.append(pad + "    }")
            lines.append(pad + "    run.leaveCall(call)")
            lines.append(pad + "    run.tokenEnd(token)")
            lines.append(pad + "}")
        case .partial(let name, let dynamic, let indentation, let overrides):
            let target: String
            if dynamic {
                target = "if case .text(let partial)? = \(Self.lookup(name)) { _ = render(named: partial, &run) }"
            } else if let function = functionNames[name] {
                target = "\(function)(&run)"
            } else {
                // swift-mustache renders a partial it does not have as nothing.
                return
            }
            lines.append(pad + "do {")
            lines.append(pad + "    let token = run.tokenStart()")
            let indentArgument = indentation.map(Self.literal) ?? "nil"
            if let overrides {
                lines.append(pad + "    let overrides: [String: MustacheRun.Block] = [")
                for override in overrides.sorted(by: { $0.name < $1.name }) {
                    lines.append(pad + "        \(Self.literal(override.name)): { (run: inout MustacheRun) in")
                    body(override.body, indent: indent + 3, into: &lines)
                    lines.append(pad + "        },")
                }
                if overrides.isEmpty { lines.append(pad + "        :") }
                lines.append(pad + "    ]")
                lines.append(
                    pad + "    let call = run.enterPartial(indentation: \(indentArgument), overrides: overrides)")
            } else {
                lines.append(pad + "    let call = run.enterPartial(indentation: \(indentArgument), overrides: nil)")
            }
            lines.append(pad + "    \(target)")
            lines.append(pad + "    run.leaveCall(call)")
            lines.append(pad + "    run.tokenEnd(token)")
            lines.append(pad + "}")
        case .contentType(let name):
            lines.append(pad + "run.contentType(\(Self.literal(name)))")
        }
    }

    /// `.` the innermost value, `.a.b` names in it only, `a.b` `a` up the
    /// stack and then `b` in it.
    static func lookup(_ name: String) -> String {
        let parts = name.split(separator: ".").map { literal(String($0)) }
        if name == "." || parts.isEmpty { return "run.top" }
        if name.first == "." { return "run.lookupInTop(\(parts.joined(separator: ", ")))" }
        return "run.lookup(\(parts.joined(separator: ", ")))"
    }

    /// A Swift string literal for `text`.
    public static func literal(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
