import Foundation
import SitegenBase

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one line a long build keeps rewriting on a terminal: the stage, the
/// pages rendered of how many, the time so far. Shown only when standard
/// error is a terminal (never in a pipe, a log or CI), at most ten times a
/// second, and wiped before the build's own summary is printed.
public final class ProgressLine: @unchecked Sendable {
    private let write: @Sendable (String) -> Void
    private let now: @Sendable () -> Double
    private let started: Double
    private let interval: Double
    private let lock = NSLock()
    private var stage = ""
    private var shownAt = -Double.infinity
    private var shown = false

    /// `write` takes what to put on the terminal; `now` is seconds on any
    /// steady clock.
    public init(
        interval: Double = 0.1, now: @escaping @Sendable () -> Double = ProgressLine.monotonicSeconds,
        write: @escaping @Sendable (String) -> Void
    ) {
        self.write = write
        self.now = now
        self.interval = interval
        self.started = now()
    }

    /// A progress line on standard error, or nil when standard error is not
    /// a terminal (or a dumb one), or the user asked for quiet.
    public static func onStandardError(quiet: Bool) -> ProgressLine? {
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        guard !quiet, isatty(STDERR_FILENO) == 1, term != "dumb" else { return nil }
        return ProgressLine { text in FileHandle.standardError.write(Data(text.utf8)) }
    }

    /// What the build reports, as `BuildProgress` passes it on.
    package var progress: BuildProgress { BuildProgress { [self] event in receive(event) } }

    /// Takes one event; shows it when the stage changed or enough time passed.
    package func receive(_ event: BuildProgress.Event) {
        let time = now()
        lock.withLock {
            var text: String
            switch event {
            case .stage(let name):
                stage = name
                text = name
            case .pages(let done, let total):
                stage = "render"
                // The last page is always shown, so the count never stops short.
                guard done == total || time - shownAt >= interval else { return }
                text = "render \(Self.grouped(done))/\(Self.grouped(total)) pages"
            }
            text += String(format: " · %.1f s", time - started)
            shownAt = time
            shown = true
            // Back to the line's start, clear it, then the new text.
            write("\r\u{1B}[K" + text)
        }
    }

    /// Clears the line, so what the build prints next starts on a clean one.
    public func finish() {
        lock.withLock {
            if shown { write("\r\u{1B}[K") }
            shown = false
        }
    }

    static func grouped(_ number: Int) -> String {
        let digits = String(number)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    /// The clock the build's stage times (`Clock`) read.
    public static let monotonicSeconds: @Sendable () -> Double = {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }
}
