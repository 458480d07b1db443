import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacrosGenericTestSupport
import Testing

@testable import StoredCodingMacros

/// What `@BinaryCoded` writes for the shapes the saved state uses, and
/// what it refuses.
@Suite struct BinaryCodedMacroTests {
    let macros: [String: MacroSpec] = [
        "BinaryCoded": MacroSpec(
            type: BinaryCodedMacro.self, conformances: ["BinaryCodable", "BinaryCodedFields", "BinaryCodedCases"]),
        "NotCoded": MacroSpec(type: NotCodedMacro.self),
    ]

    func expect(
        _ source: String, expands expanded: String, diagnostics: [DiagnosticSpec] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        assertMacroExpansion(
            source, expandedSource: expanded, diagnostics: diagnostics, macroSpecs: macros,
            indentationWidth: .spaces(4)
        ) { failure in
            Issue.record(
                Comment(rawValue: failure.message),
                sourceLocation: SourceLocation(
                    fileID: failure.location.fileID, filePath: failure.location.filePath,
                    line: failure.location.line, column: failure.location.column))
        }
    }

    @Test func structCodesStoredPropertiesInOrder() {
        expect(
            """
            @BinaryCoded
            public struct Stamp {
                public var size: Int
                let a, b: String
                var racy = false
                var hash: UInt64? { didSet {} }
                static var shared = 0
                var double: Int { size * 2 }
                var both: Int {
                    get { size }
                    set { size = newValue }
                }
                let version = 1
                @NotCoded var folder = ""
                @NotCoded var cache: [Int]?
                func matches() -> Bool { true }
            }
            """,
            expands: """
                public struct Stamp {
                    public var size: Int
                    let a, b: String
                    var racy = false
                    var hash: UInt64? { didSet {} }
                    static var shared = 0
                    var double: Int { size * 2 }
                    var both: Int {
                        get { size }
                        set { size = newValue }
                    }
                    let version = 1
                    var folder = ""
                    var cache: [Int]?
                    func matches() -> Bool { true }
                }

                extension Stamp: BinaryCodable, BinaryCodedFields {
                    @usableFromInline package func encode(to writer: inout BinaryWriter) {
                        writer.write(self.size)
                        writer.write(self.a)
                        writer.write(self.b)
                        writer.write(self.racy)
                        writer.write(self.hash)
                    }
                    @usableFromInline package init(from reader: inout BinaryReader) throws {
                        self.size = try reader.read()
                        self.a = try reader.read()
                        self.b = try reader.read()
                        self.racy = try reader.read()
                        self.hash = try reader.read()
                    }
                    @usableFromInline package static var codedFields: [String] {
                        ["size", "a", "b", "racy", "hash"]
                    }
                    @usableFromInline package static var uncodedFields: [String] {
                        ["version", "folder", "cache"]
                    }
                }
                """)
    }

    @Test func genericStructConformsWhereItsParametersDo() {
        expect(
            """
            @BinaryCoded
            struct Weighted<ID: Hashable> {
                var id: ID
                var weight: Int
            }
            """,
            expands: """
                struct Weighted<ID: Hashable> {
                    var id: ID
                    var weight: Int
                }

                extension Weighted: BinaryCodable, BinaryCodedFields where ID: BinaryCodable {
                    func encode(to writer: inout BinaryWriter) {
                        writer.write(self.id)
                        writer.write(self.weight)
                    }
                    init(from reader: inout BinaryReader) throws {
                        self.id = try reader.read()
                        self.weight = try reader.read()
                    }
                    static var codedFields: [String] {
                        ["id", "weight"]
                    }
                    static var uncodedFields: [String] {
                        []
                    }
                }
                """)
    }

    @Test func enumWritesItsCaseThenItsValues() {
        expect(
            """
            @BinaryCoded
            public indirect enum Kind {
                case document
                case list(ListType, tight: Bool)
                case text(String), softBreak
            }
            """,
            expands: """
                public indirect enum Kind {
                    case document
                    case list(ListType, tight: Bool)
                    case text(String), softBreak

                    @usableFromInline package static var payloadTypes: [Any.Type] {
                        [(ListType).self, (Bool).self, (String).self]
                    }
                }

                extension Kind: BinaryCodable, BinaryCodedCases {
                    @usableFromInline package func encode(to writer: inout BinaryWriter) {
                        switch self {
                        case .document:
                            writer.write(0)
                        case .list(let value0, let value1):
                            writer.write(1)
                            writer.write(value0)
                            writer.write(value1)
                        case .text(let value0):
                            writer.write(2)
                            writer.write(value0)
                        case .softBreak:
                            writer.write(3)
                        }
                    }
                    @usableFromInline package init(from reader: inout BinaryReader) throws {
                        switch try reader.readInt() {
                        case 0:
                            self = .document
                        case 1:
                            self = .list(try reader.read(), tight: try reader.read())
                        case 2:
                            self = .text(try reader.read())
                        case 3:
                            self = .softBreak
                        default:
                            throw BinaryReader.Malformed()
                        }
                    }
                }
                """)
    }

    @Test func rawValueEnumWritesItsCasePosition() {
        expect(
            """
            @BinaryCoded
            fileprivate enum Severity: String {
                case error = "e", warning
            }
            """,
            expands: """
                fileprivate enum Severity: String {
                    case error = "e", warning

                    fileprivate static var payloadTypes: [Any.Type] {
                        []
                    }
                }

                extension Severity: BinaryCodable, BinaryCodedCases {
                    fileprivate func encode(to writer: inout BinaryWriter) {
                        switch self {
                        case .error:
                            writer.write(0)
                        case .warning:
                            writer.write(1)
                        }
                    }
                    fileprivate init(from reader: inout BinaryReader) throws {
                        switch try reader.readInt() {
                        case 0:
                            self = .error
                        case 1:
                            self = .warning
                        default:
                            throw BinaryReader.Malformed()
                        }
                    }
                }
                """)
    }

    @Test func classIsRefused() {
        expect(
            """
            @BinaryCoded
            final class Storage {
                var bytes: [UInt8] = []
            }
            """,
            expands: """
                final class Storage {
                    var bytes: [UInt8] = []
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message:
                        "@BinaryCoded applies to a struct or an enum, not a class; write its BinaryCodable conformance by hand",
                    line: 1, column: 1)
            ])
    }

    @Test func whatCannotBeCodedIsRefused() {
        expect(
            """
            @BinaryCoded
            struct Odd {
                @Clamped var level: Int
                lazy var total = 0
                var (x, y): (Int, Int)
                @NotCoded var folder: String
            }
            """,
            expands: """
                struct Odd {
                    @Clamped var level: Int
                    lazy var total = 0
                    var (x, y): (Int, Int)
                    var folder: String
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message:
                        "@BinaryCoded cannot code a property wrapped by @Clamped; mark it @NotCoded or code the type by hand",
                    line: 3, column: 5),
                DiagnosticSpec(
                    message: "@BinaryCoded cannot code a lazy property; mark it @NotCoded", line: 4, column: 5),
                DiagnosticSpec(
                    message: "@BinaryCoded needs one name per property, not a tuple pattern", line: 5, column: 9),
                DiagnosticSpec(
                    message: "@NotCoded property 'folder' needs a default value, which it has after reading",
                    line: 6, column: 19),
            ])
    }
}
