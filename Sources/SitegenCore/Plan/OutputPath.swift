/// A file path inside the output folder, relative and normalised.
///
/// Built only from checked parts (slugs, fixed names), and checked again on
/// creation from text, so no path can climb out of the output folder.
public struct OutputPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// For paths built from fixed names and validated slugs.
    init(trusted rawValue: String) {
        precondition(OutputPath.isSafe(rawValue), "unsafe output path \(rawValue)")
        self.rawValue = rawValue
    }

    /// For paths from content (asset names); nil when the path is not safe.
    public init?(_ rawValue: String) {
        guard OutputPath.isSafe(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Relative, no empty, `.` or `..` components, no backslashes or NULs.
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
    }

    public var description: String { rawValue }
    public static func < (lhs: OutputPath, rhs: OutputPath) -> Bool { lhs.rawValue < rhs.rawValue }

    var directoryComponents: [Substring] { rawValue.split(separator: "/").dropLast() }

    /// The link from this page to `target`, relative so it works from disk:
    /// `actors/a.html` → `topics/b.html` is `../topics/b.html`.
    public func relativeURL(to target: OutputPath, fragment: String? = nil) -> String {
        let from = directoryComponents
        let to = target.rawValue.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        var parts = Array(repeating: "..", count: from.count - common)
        parts += to[common...].map(String.init)
        var url = parts.joined(separator: "/")
        if let fragment, !fragment.isEmpty { url += "#" + fragment }
        return url
    }

    /// `../` repeated to reach the output root from this page ("" at the root).
    public var rootPrefix: String { String(repeating: "../", count: directoryComponents.count) }
}
