import SitegenBase

/// The exit statuses `sitegen` documents in `--help` and the README, so
/// scripts can tell a content mistake from a usage or I/O one.
public enum ExitStatus {
    public static let success: Int32 = 0
    public static let contentErrors: Int32 = 1
    public static let usage: Int32 = 2
    public static let internalError: Int32 = 3

    /// The status of a failed build or check: 1 when an error (or, with
    /// `strict`, a warning) points into a file the author can fix, 3 when
    /// every blocking problem is about the file system or sitegen itself.
    public static func of(_ failure: BuildFailure, strict: Bool) -> Int32 {
        let blocking = failure.diagnostics.filter { $0.severity == .error || strict }
        return blocking.contains { $0.location != nil } ? contentErrors : internalError
    }
}
