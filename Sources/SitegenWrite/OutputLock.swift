import Foundation
import SitegenPlan

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive claim on an output folder, so two sitegen processes never
/// write one site at once (two builds interleaving their commits, or a build
/// with other templates while `serve` rebuilds the same folder).
///
/// The claim is an `flock` on a file beside the output (`OutputLocation.lock`): the
/// kernel drops it when the process ends, however it ends (`kill -9`
/// included), so a crashed build never leaves the folder locked. The file
/// holds the holder's pid and command, for the message another process
/// prints.
public final class OutputLock: @unchecked Sendable {
    /// The command holding the lock.
    public enum Holder: String, Sendable {
        case build, serve
    }

    /// Another process holds the lock.
    public struct Busy: Error, CustomStringConvertible, Sendable {
        public var output: URL
        /// Nil when the holder had not yet written its pid.
        public var pid: Int32?
        public var holder: Holder?

        public var description: String {
            let who = "sitegen \(holder?.rawValue ?? "")".trimmingCharacters(in: .whitespaces)
            let process = pid.map { " (pid \($0))" } ?? ""
            switch holder {
            case .serve:
                return
                    "\(who)\(process) is serving '\(output.path)' and rebuilds it on every save; stop it first, or build into another folder with --output"
            default:
                return
                    "another \(who)\(process) is building '\(output.path)'; wait for it to finish, or build into another folder with --output"
            }
        }
    }

    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    /// Takes the lock for `output`. While another `build` holds it, waits
    /// (calling `waiting` once, with who holds it) and tries again every
    /// 50 ms; a `serve` session holds it for as long as it runs, so that
    /// throws `Busy` at once, and so does a holder when `wait` is false.
    public static func acquire(
        _ output: URL, as holder: Holder, wait: Bool = true, waiting: (Busy) -> Void = { _ in }
    ) throws -> OutputLock {
        let url = OutputLocation(output).lock
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputWriter.Failure.io(
                FileSystemProblem.message("create the folder", folder.path, error, for: output))
        }
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            throw OutputWriter.Failure.io(
                FileSystemProblem.message("create the lock file", url.path, errno, for: output))
        }
        var toldWaiting = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(descriptor)
                throw OutputWriter.Failure.io(FileSystemProblem.message("lock", url.path, code, for: output))
            }
            if code == EINTR { continue }
            let busy = Self.holder(of: url, output: output)
            guard wait, busy.holder != .serve else {
                close(descriptor)
                throw busy
            }
            if !toldWaiting {
                waiting(busy)
                toldWaiting = true
            }
            usleep(50_000)
        }
        let lock = OutputLock(descriptor: descriptor)
        let line = "\(getpid()) \(holder.rawValue)\n"
        _ = ftruncate(descriptor, 0)
        _ = line.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        return lock
    }

    /// Who holds the lock, as its file says.
    private static func holder(of url: URL, output: URL) -> Busy {
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let words = text.split(whereSeparator: \.isWhitespace)
        return Busy(
            output: output.standardizedFileURL, pid: words.first.flatMap { Int32($0) },
            holder: words.dropFirst().first.flatMap { Holder(rawValue: String($0)) })
    }
}
