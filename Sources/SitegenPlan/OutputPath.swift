import StoredCoding

/// A file path inside the output folder, relative and normalised.
///
/// Built only from checked parts (slugs, fixed names), and checked again on
/// creation from text, so no path can climb out of the output folder.
@BinaryCoded
public struct OutputPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// For paths built from fixed names and validated slugs.
    /// Checked in debug builds only: these are made for every link on every page.
    package init(trusted rawValue: String) {
        assert(OutputPath.isSafe(rawValue), "unsafe output path \(rawValue)")
        self.rawValue = rawValue
    }

    /// For paths from content (asset names); nil when the path is not safe.
    public init?(_ rawValue: String) {
        guard OutputPath.isSafe(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Relative, no empty, `.` or `..` components, no backslashes, and no
    /// control characters (a newline would split the output's manifest and
    /// journal, which hold one path per line).
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"),
            !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".."
        }
    }

    public var description: String { rawValue }
    public static func < (lhs: OutputPath, rhs: OutputPath) -> Bool { lhs.rawValue < rhs.rawValue }

    package var directoryComponents: [Substring] { rawValue.split(separator: "/").dropLast() }

    /// Every folder the paths lie in, parents included (`a`, `a/b` for `a/b/c.html`).
    package static func folders(of paths: [OutputPath]) -> Set<String> {
        var folders: Set<String> = []
        for path in paths {
            let components = path.directoryComponents
            for depth in components.indices { folders.insert(components[...depth].joined(separator: "/")) }
        }
        return folders
    }

    /// The folder part, `actors/` for `actors/a.html`, "" at the root.
    package var directory: Substring {
        guard let slash = rawValue.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return rawValue[...slash]
    }

    /// The link from this page to `target`, relative so it works from disk:
    /// `actors/a.html` → `topics/b.html` is `../topics/b.html`, and a page in
    /// the same folder is named alone. Works on bytes: it runs for every link
    /// on every page.
    public func relativeURL(to target: OutputPath, fragment: String? = nil) -> String {
        var from = rawValue
        var to = target.rawValue
        let slash = UInt8(ascii: "/")
        let (climbs, shared) = from.withUTF8 { from in
            to.withUTF8 { to in
                // This page's folder ends after its last '/'.
                var folderLength = from.count
                while folderLength > 0, from[folderLength - 1] != slash { folderLength -= 1 }
                // Longest shared folder prefix, ending at a '/'.
                var shared = 0
                var index = 0
                while index < folderLength, index < to.count, from[index] == to[index] {
                    index += 1
                    if to[index - 1] == slash { shared = index }
                }
                var climbs = 0
                for index in shared..<folderLength where from[index] == slash { climbs += 1 }
                return (climbs, shared)
            }
        }
        var url = ""
        url.reserveCapacity(3 * climbs + to.utf8.count - shared + 1 + (fragment?.utf8.count ?? 0))
        for _ in 0..<climbs { url += "../" }
        // `shared` ends at a '/', so it is a character boundary.
        url += to[to.utf8.index(to.utf8.startIndex, offsetBy: shared)...]
        if let fragment, !fragment.isEmpty {
            url += "#"
            url += fragment
        }
        return url
    }

    /// Folders between the output root and this page.
    package var depth: Int {
        var depth = 0
        for byte in rawValue.utf8 where byte == UInt8(ascii: "/") { depth += 1 }
        return depth
    }

    /// `../` repeated to reach the output root from this page ("" at the root).
    public var rootPrefix: String { String(repeating: "../", count: depth) }
}
