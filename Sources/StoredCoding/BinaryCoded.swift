/// Derives a struct's or an enum's `BinaryCodable` conformance from its
/// declaration, so a property added later is saved without being listed
/// anywhere else, by code as direct as one would write by hand.
///
/// - A struct writes every stored instance property in declaration order
///   (`let a, b: T` and observed properties included; `static` and
///   computed ones skipped). A property marked `@NotCoded`, or a `let`
///   with a value, is not written and reads back as its default.
/// - An enum writes the case's position (not its raw value), then the
///   case's associated values in order.
/// - A generic type conforms where each generic parameter is `BinaryCodable`.
///
/// Reordering, adding or removing properties or cases changes the format:
/// bump the state's format version with such a change. Classes, actors,
/// property wrappers, `lazy` properties and members inside `#if` are
/// refused with an error.
@attached(
    extension, conformances: BinaryCodable, BinaryCodedFields, BinaryCodedCases,
    names: named(encode(to:)), named(init(from:)), named(codedFields), named(uncodedFields))
@attached(member, names: named(payloadTypes))
package macro BinaryCoded() = #externalMacro(module: "StoredCodingMacros", type: "BinaryCodedMacro")

/// Leaves a property of a `@BinaryCoded` struct out of the saved state: it
/// reads back as its default value (so it needs one). For what a build
/// works out again, such as folders scanned or lookups rebuilt.
@attached(peer)
package macro NotCoded() = #externalMacro(module: "StoredCodingMacros", type: "NotCodedMacro")

/// What `@BinaryCoded` made of a struct's properties, by name: a test
/// compares these with the type's actual stored properties, so a property
/// the macro would miss (one a wrapper or another macro adds) fails it.
package protocol BinaryCodedFields: BinaryCodable {
    /// The properties written, in order.
    static var codedFields: [String] { get }
    /// The properties left out (`@NotCoded`, constants).
    static var uncodedFields: [String] { get }
}

/// What `@BinaryCoded` made of an enum: the types of its cases' associated
/// values, through which the same test reaches the types saved inside them.
package protocol BinaryCodedCases: BinaryCodable {
    static var payloadTypes: [Any.Type] { get }
}
