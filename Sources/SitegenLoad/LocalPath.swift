import Foundation

/// Where a relative path in content points, in the content folder: so
/// `assets/map.png` means the same file in an article, an actor's page, a
/// topic's page and a quote's, wherever the page that shows it lands.
///
/// A path is read from the content folder (`assets/map.png`, or
/// `/assets/map.png`); one that starts with `./` or `../` from the folder
/// of the file it is written in (`../assets/map.png` in an article).
package enum LocalPath: Equatable, Sendable {
    /// An address (`https:`, `mailto:`), a fragment (`#p-3`) or nothing:
    /// left as written.
    case external
    /// A path in the content folder: `path` without a leading `/`, with
    /// `.` and `..` worked out and percent escapes decoded (how the file is
    /// named); `canonical` is the destination to store, `/path` as written
    /// plus any query and fragment.
    case local(path: String, canonical: String)
    /// `..` climbs above the content folder.
    case outside

    /// - Parameter folder: the folder, below the content folder, of the
    ///   file the path is written in (`articles`), or "" for the top.
    package init(_ destination: String, from folder: String) {
        guard let first = destination.first, first != "#", first != "?", !destination.hasPrefix("//"),
            !Self.hasScheme(destination)
        else {
            self = .external
            return
        }
        let suffixStart = destination.firstIndex { $0 == "?" || $0 == "#" } ?? destination.endIndex
        let written = destination[..<suffixStart]
        let suffix = destination[suffixStart...]
        var segments: [Substring] = []
        if written.hasPrefix("./") || written.hasPrefix("../") || written == "." || written == ".." {
            segments = folder.split(separator: "/")
        }
        for segment in written.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else {
                    self = .outside
                    return
                }
                segments.removeLast()
            default: segments.append(segment)
            }
        }
        let joined = segments.joined(separator: "/")
        let trailing = written.hasSuffix("/") && !joined.isEmpty ? "/" : ""
        self = .local(
            path: (joined.removingPercentEncoding ?? joined) + trailing,
            canonical: "/" + joined + trailing + suffix)
    }

    /// `scheme:` as RFC 3986 spells one: a letter, then letters, digits,
    /// `+`, `-` or `.`, before the first `:` (and before any `/`).
    private static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), let first = text.first, first.isASCII, first.isLetter else {
            return false
        }
        return text[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }
}
