import Mustache

/// What a template can find under a name: the closed set of values a view
/// answers with, so a compiled template never casts (`as?` on `Any` was
/// most of swift-mustache's time in sitegen's builds).
///
/// The cases mirror how swift-mustache treats the Swift values sitegen's
/// views used to return: `text` is a `String`, `html` an `HTMLFragment`
/// (escaped by `{{name}}`, as-is by `{{{name}}}`), `list` an array.
public enum MustacheValue: Sendable {
    case text(String)
    case html(String)
    case int(Int)
    case bool(Bool)
    case object(any MustacheObject)
    /// A list, its items converted one by one as a section reaches them:
    /// converting a whole list of views on every lookup boxed each of them.
    case list(any MustacheItems)

    /// The value as swift-mustache sees it, for themes rendered by its
    /// interpreter (a site's own templates).
    public var interpreted: Any {
        switch self {
        case .text(let text): text
        case .html(let html): HTMLFragment(html)
        case .int(let number): number
        case .bool(let flag): flag
        case .object(let object): object
        case .list(let items): (0..<items.count).compactMap { items.item($0)?.interpreted }
        }
    }
}

/// The items of a list, by position.
public protocol MustacheItems: Sendable {
    var count: Int { get }
    func item(_ index: Int) -> MustacheValue?
}

extension Array: MustacheItems where Element: MustacheConvertible {
    public func item(_ index: Int) -> MustacheValue? { self[index].mustacheValue }
}

extension MustacheValue: MustacheConvertible {
    public var mustacheValue: MustacheValue? { self }
}

/// A view: a value that answers the names templates use. Conforming
/// types write `value(named:)` once; swift-mustache's `child(named:)`
/// follows from it, so compiled and interpreted templates read the same
/// answers.
///
/// A view answers `nil` for a name it does not have, and the template
/// then looks the name up in the enclosing view.
public protocol MustacheObject: MustacheParent, MustacheConvertible, Sendable {
    func value(named name: String) -> MustacheValue?
}

extension MustacheObject {
    public func child(named name: String) -> Any? { value(named: name)?.interpreted }
    public var mustacheValue: MustacheValue? { .object(self) }
}

/// HTML the application escaped itself (Markdown bodies, drawings,
/// rendered statements), for `{{{name}}}`.
public struct HTMLFragment: MustacheCustomRenderable, MustacheConvertible, Sendable {
    public let html: String
    public init(_ html: String) { self.html = html }
    public var renderText: String { html }
    public var isNull: Bool { false }
    public var mustacheValue: MustacheValue? { .html(html) }
}

/// A Swift value a view can answer with; `nil` means "no such name here".
public protocol MustacheConvertible: Sendable {
    var mustacheValue: MustacheValue? { get }
}

extension String: MustacheConvertible {
    public var mustacheValue: MustacheValue? { .text(self) }
}

extension Int: MustacheConvertible {
    public var mustacheValue: MustacheValue? { .int(self) }
}

extension Bool: MustacheConvertible {
    public var mustacheValue: MustacheValue? { .bool(self) }
}

extension Optional: MustacheConvertible where Wrapped: MustacheConvertible {
    public var mustacheValue: MustacheValue? { self?.mustacheValue }
}

extension Array: MustacheConvertible where Element: MustacheConvertible {
    public var mustacheValue: MustacheValue? { .list(self) }
}

/// Answers no name: what a template finds where a page has no such part
/// (no affiliation, no "more" link); it is still true in a section.
public struct EmptyView: MustacheObject {
    public init() {}
    public func value(named name: String) -> MustacheValue? { nil }
}
