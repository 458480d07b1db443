import Foundation
import SitegenWrite

/// Claims an output folder for one sitegen process, so two builds, or a
/// build and `serve`, never mix their pages.
public enum OutputClaim {
    /// The lock on `output`, waiting (and saying so through `waiting`) while
    /// another build holds it. Nil for a folder sitegen may not replace: it
    /// gets no lock file beside it, and the build refuses it with its own
    /// message. Throws when the lock cannot be taken (`serve` holds it).
    public static func claim(
        _ output: String, as holder: OutputLock.Holder, waiting: (String) -> Void
    ) throws -> OutputLock? {
        let url = URL(fileURLWithPath: output)
        guard (try? OutputWriter().checkReplaceable(url.standardizedFileURL.resolvingSymlinksInPath())) != nil
        else { return nil }
        return try OutputLock.acquire(url, as: holder) { busy in
            let pid = busy.pid.map { " (pid \($0))" } ?? ""
            waiting("Waiting for another sitegen build\(pid) to finish writing \(output)/…")
        }
    }
}
