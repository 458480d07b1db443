import SwiftCompilerPlugin
import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxBuilder
import SwiftSyntaxMacros

/// `@BinaryCoded`: writes a type's `BinaryCodable` conformance from its
/// declaration, so that a property added later is saved without anyone
/// remembering to list it, and the code is what a person would write by
/// hand (no `Codable` containers, no keys), so it reads as fast.
///
/// A struct: every stored instance property in declaration order, except
/// those marked `@NotCoded` (which keep their default value) and `let`
/// constants with a value. An enum: the case's position, then its
/// associated values in order.
public struct BinaryCodedMacro: ExtensionMacro, MemberMacro {
    /// An enum's `payloadTypes`, inside its body: there the types of its
    /// cases are found by the names they are written with, which an
    /// extension of a nested type does not see (`ListType` in `MarkdownNode.Kind`).
    public static func expansion(
        of node: AttributeSyntax,
        providingMembersOf declaration: some DeclGroupSyntax,
        conformingTo protocols: [TypeSyntax],
        in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        guard let enumDecl = declaration.as(EnumDeclSyntax.self) else { return [] }
        var types: [String] = []
        for type in enumCases(of: enumDecl).flatMap(\.types) where !types.contains(type) { types.append(type) }
        let list = "[" + types.map { "(\($0)).self" }.joined(separator: ", ") + "]"
        let access = memberAccess(of: declaration.modifiers)
        return ["\(raw: access)static var payloadTypes: [Any.Type] { \(raw: list) }"]
    }

    public static func expansion(
        of node: AttributeSyntax,
        attachedTo declaration: some DeclGroupSyntax,
        providingExtensionsOf type: some TypeSyntaxProtocol,
        conformingTo protocols: [TypeSyntax],
        in context: some MacroExpansionContext
    ) throws -> [ExtensionDeclSyntax] {
        let access = memberAccess(of: declaration.modifiers)
        let members: String
        let conformances: String
        if let structDecl = declaration.as(StructDeclSyntax.self) {
            guard let fields = storedFields(of: structDecl, in: context) else { return [] }
            members = structMembers(fields, access: access)
            conformances = "BinaryCodable, BinaryCodedFields"
        } else if let enumDecl = declaration.as(EnumDeclSyntax.self) {
            members = enumMembers(enumCases(of: enumDecl), access: access)
            conformances = "BinaryCodable, BinaryCodedCases"
        } else {
            context.diagnose(
                Diagnostic(node: node, message: BinaryCodedMessage.notStructOrEnum(kind: kindName(of: declaration))))
            return []
        }
        let generics = genericParameters(of: declaration)
        let whereClause =
            generics.isEmpty ? "" : " where " + generics.map { "\($0): BinaryCodable" }.joined(separator: ", ")
        let source = "extension \(type.trimmedDescription): \(conformances)\(whereClause) {\n\(members)}"
        return [try ExtensionDeclSyntax(SyntaxNodeString(stringLiteral: source))]
    }

    /// The generated members are seen wherever the protocol is: `package`
    /// at most, as `BinaryWriter` and `BinaryReader` are, and for a type
    /// seen outside its module `@usableFromInline`, as the protocol is (its
    /// standard conformances are inlined into the modules that use them).
    static func memberAccess(of modifiers: DeclModifierListSyntax) -> String {
        for modifier in modifiers {
            switch modifier.name.tokenKind {
            case .keyword(.public), .keyword(.open), .keyword(.package): return "@usableFromInline package "
            case .keyword(.private), .keyword(.fileprivate): return "fileprivate "
            default: continue
            }
        }
        return ""
    }

    static func kindName(of declaration: some DeclGroupSyntax) -> String {
        switch declaration.kind {
        case .classDecl: return "a class"
        case .actorDecl: return "an actor"
        case .protocolDecl: return "a protocol"
        case .extensionDecl: return "an extension"
        default: return "this declaration"
        }
    }

    static func genericParameters(of declaration: some DeclGroupSyntax) -> [String] {
        let clause =
            declaration.as(StructDeclSyntax.self)?.genericParameterClause
            ?? declaration.as(EnumDeclSyntax.self)?.genericParameterClause
        return clause?.parameters.map(\.name.text) ?? []
    }

    /// A struct's properties: those coded, in declaration order, and those
    /// left out. Nil when one cannot be handled (diagnosed).
    static func storedFields(
        of structDecl: StructDeclSyntax, in context: some MacroExpansionContext
    ) -> (coded: [String], uncoded: [String])? {
        var coded: [String] = []
        var uncoded: [String] = []
        var problems: [Diagnostic] = []
        func fail(_ node: some SyntaxProtocol, _ message: BinaryCodedMessage) {
            problems.append(Diagnostic(node: node, message: message))
        }
        for member in structDecl.memberBlock.members {
            if member.decl.is(IfConfigDeclSyntax.self) {
                fail(member.decl, .conditionalMembers)
                continue
            }
            guard let variable = member.decl.as(VariableDeclSyntax.self) else { continue }
            let modifiers = variable.modifiers.map(\.name.tokenKind)
            if modifiers.contains(.keyword(.static)) || modifiers.contains(.keyword(.class)) { continue }
            let isConstant = variable.bindingSpecifier.tokenKind == .keyword(.let)
            var notCoded = false
            for attribute in variable.attributes {
                guard let attribute = attribute.as(AttributeSyntax.self) else { continue }
                let name = attribute.attributeName.trimmedDescription
                if name == "NotCoded" || name.hasSuffix(".NotCoded") {
                    notCoded = true
                } else if name.first?.isUppercase == true {
                    // A property wrapper stores something else under `_name`.
                    fail(attribute, .propertyWrapper(name))
                }
            }
            if modifiers.contains(.keyword(.lazy)) && !notCoded {
                fail(variable, .lazy)
                continue
            }
            for binding in variable.bindings {
                if let accessors = binding.accessorBlock, isComputed(accessors) { continue }
                guard let name = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.trimmedDescription
                else {
                    fail(binding.pattern, .pattern)
                    continue
                }
                // `let x = 1` is the same in every value: nothing to save.
                if isConstant && binding.initializer != nil {
                    uncoded.append(name)
                } else if notCoded {
                    if binding.initializer == nil && !isOptional(binding, in: variable) {
                        fail(binding, .notCodedWithoutDefault(name))
                    }
                    uncoded.append(name)
                } else {
                    coded.append(name)
                }
            }
        }
        for problem in problems { context.diagnose(problem) }
        return problems.isEmpty ? (coded, uncoded) : nil
    }

    /// True for `{ … }` and `{ get … set … }`; false for observers alone.
    static func isComputed(_ accessors: AccessorBlockSyntax) -> Bool {
        switch accessors.accessors {
        case .getter: return true
        case .accessors(let list):
            return list.contains { !["willSet", "didSet"].contains($0.accessorSpecifier.text) }
        }
    }

    /// A `var` of optional type starts as nil without an initializer.
    static func isOptional(_ binding: PatternBindingSyntax, in variable: VariableDeclSyntax) -> Bool {
        guard variable.bindingSpecifier.tokenKind == .keyword(.var) else { return false }
        // `var a, b: T?`: the type is written on the last binding.
        let typed = variable.bindings.drop { $0.id != binding.id }.first { $0.typeAnnotation != nil }
        guard let type = typed?.typeAnnotation?.type else { return false }
        return type.is(OptionalTypeSyntax.self) || type.is(ImplicitlyUnwrappedOptionalTypeSyntax.self)
            || type.trimmedDescription.hasPrefix("Optional<")
    }

    static func structMembers(_ fields: (coded: [String], uncoded: [String]), access: String) -> String {
        let writes = fields.coded.map { "        writer.write(self.\($0))\n" }.joined()
        let reads = fields.coded.map { "        self.\($0) = try reader.read()\n" }.joined()
        func list(_ names: [String]) -> String { "[" + names.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        return """
                \(access)func encode(to writer: inout BinaryWriter) {
            \(writes)    }
                \(access)init(from reader: inout BinaryReader) throws {
            \(reads)    }
                \(access)static var codedFields: [String] { \(list(fields.coded)) }
                \(access)static var uncodedFields: [String] { \(list(fields.uncoded)) }

            """
    }

    typealias EnumCase = (name: String, labels: [String?], types: [String])

    /// Each case's name and its associated values' labels (nil: none) and types.
    static func enumCases(of enumDecl: EnumDeclSyntax) -> [EnumCase] {
        enumDecl.memberBlock.members.flatMap { member -> [EnumCase] in
            guard let caseDecl = member.decl.as(EnumCaseDeclSyntax.self) else { return [] }
            return caseDecl.elements.map { element in
                let parameters = element.parameterClause?.parameters.map { $0 } ?? []
                let labels = parameters.map { parameter -> String? in
                    guard let label = parameter.firstName, label.tokenKind != .wildcard else { return nil }
                    return label.text
                }
                return (element.name.text, labels, parameters.map(\.type.trimmedDescription))
            }
        }
    }

    static func enumMembers(_ cases: [EnumCase], access: String) -> String {
        var encode = ""
        var decode = ""
        for (tag, enumCase) in cases.enumerated() {
            let values = enumCase.labels.indices.map { "value\($0)" }
            if values.isEmpty {
                encode += "        case .\(enumCase.name):\n            writer.write(\(tag))\n"
                decode += "        case \(tag): self = .\(enumCase.name)\n"
            } else {
                let bound = values.map { "let \($0)" }.joined(separator: ", ")
                encode += "        case .\(enumCase.name)(\(bound)):\n            writer.write(\(tag))\n"
                encode += values.map { "            writer.write(\($0))\n" }.joined()
                let arguments = enumCase.labels.map { label in
                    (label.map { "\($0): " } ?? "") + "try reader.read()"
                }
                decode += "        case \(tag): self = .\(enumCase.name)(\(arguments.joined(separator: ", ")))\n"
            }
        }
        return """
                \(access)func encode(to writer: inout BinaryWriter) {
                    switch self {
            \(encode)        }
                }
                \(access)init(from reader: inout BinaryReader) throws {
                    switch try reader.readInt() {
            \(decode)        default: throw BinaryReader.Malformed()
                    }
                }

            """
    }
}

/// `@NotCoded`: leaves a property of a `@BinaryCoded` struct out of the
/// saved bytes; it reads back as its default value. Generates nothing.
public struct NotCodedMacro: PeerMacro {
    public static func expansion(
        of node: AttributeSyntax,
        providingPeersOf declaration: some DeclSyntaxProtocol,
        in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] { [] }
}

enum BinaryCodedMessage: DiagnosticMessage {
    case notStructOrEnum(kind: String)
    case conditionalMembers
    case propertyWrapper(String)
    case lazy
    case pattern
    case notCodedWithoutDefault(String)

    var message: String {
        switch self {
        case .notStructOrEnum(let kind):
            "@BinaryCoded applies to a struct or an enum, not \(kind); write its BinaryCodable conformance by hand"
        case .conditionalMembers:
            "@BinaryCoded cannot tell which properties an #if block declares; move them out of it"
        case .propertyWrapper(let name):
            "@BinaryCoded cannot code a property wrapped by @\(name); mark it @NotCoded or code the type by hand"
        case .lazy:
            "@BinaryCoded cannot code a lazy property; mark it @NotCoded"
        case .pattern:
            "@BinaryCoded needs one name per property, not a tuple pattern"
        case .notCodedWithoutDefault(let name):
            "@NotCoded property '\(name)' needs a default value, which it has after reading"
        }
    }

    var diagnosticID: MessageID {
        let id: String =
            switch self {
            case .notStructOrEnum: "notStructOrEnum"
            case .conditionalMembers: "conditionalMembers"
            case .propertyWrapper: "propertyWrapper"
            case .lazy: "lazy"
            case .pattern: "pattern"
            case .notCodedWithoutDefault: "notCodedWithoutDefault"
            }
        return MessageID(domain: "StoredCodingMacros", id: id)
    }

    var severity: DiagnosticSeverity { .error }
}

@main
struct StoredCodingMacrosPlugin: CompilerPlugin {
    let providingMacros: [Macro.Type] = [BinaryCodedMacro.self, NotCodedMacro.self]
}
