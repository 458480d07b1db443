import Foundation
import SitegenBase
import SitegenCore
import SitegenServe

/// What `sitegen serve` prints: where it serves, then one line per build
/// (with a clock time, to match it to a save) and the diagnostics of a
/// failed one, as `build` prints them.
public final class ServeLog: @unchecked Sendable {
    /// A piece of the log and where it goes.
    public struct Entry: Equatable, Sendable {
        public var text: String
        /// Problems go to standard error, progress to standard output.
        public var isProblem: Bool
    }

    private let sources: DiagnosticSources
    private let output: String
    private let useColor: Bool
    private let lock = NSLock()
    private var lastWarnings: [Diagnostic] = []

    public init(sources: DiagnosticSources, output: String, useColor: Bool) {
        self.sources = sources
        self.output = output
        self.useColor = useColor
    }

    /// The first lines: the address, and a note when other machines can read the site.
    public static func start(content: String, url: String, host: String) -> [String] {
        var lines = ["Serving \(content)/ at \(url) (Ctrl-C to stop)"]
        if !["127.0.0.1", "::1", "localhost"].contains(host) {
            lines.append("note: listening on \(host): other machines on the network can read the site")
        }
        return lines
    }

    /// What to print for `event`, which happened at `date`.
    public func entries(for event: LiveServer.Event, at date: Date) -> [Entry] {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        let time = formatter.string(from: date)
        var entries: [Entry] = []
        func problem(_ text: String) { if !text.isEmpty { entries.append(Entry(text: text, isProblem: true)) } }
        switch event {
        case .built(let result, let changed, let seconds):
            // File names come from the content folder.
            let trigger = TerminalText.visible(changed, keepLayout: false)
            // Warnings are about the whole site: printed when they change, not on every save.
            if replaceWarnings(with: result.warnings) {
                problem(DiagnosticReport.text(result.warnings, sources: sources, useColor: useColor))
            }
            let files = result.written
            let what =
                trigger == "first build"
                ? "Built \(result.pages) pages into \(output)/"
                : "Rebuilt after \(trigger): \(files.written) files written, \(files.removed) removed"
            entries.append(
                Entry(text: "[\(time)] \(what) in \(BuildSummary.milliseconds(seconds))\n", isProblem: false))
        case .failed(let failure, let changed, let seconds):
            let trigger = TerminalText.visible(changed, keepLayout: false)
            problem(DiagnosticReport.text(failure.diagnostics, sources: sources, useColor: useColor))
            let summary = DiagnosticFormatter.summary(failure.diagnostics)
            let took = BuildSummary.milliseconds(seconds)
            problem(
                trigger == "first build"
                    ? "[\(time)] The first build failed in \(took): \(summary)\n"
                    : "[\(time)] Build failed after \(trigger) in \(took): \(summary); still serving the last good build\n"
            )
        case .overloaded(let message):
            problem("[\(time)] warning: \(message)\n")
        }
        return entries
    }

    /// Keeps `warnings`; true when they differ from the last ones.
    private func replaceWarnings(with warnings: [Diagnostic]) -> Bool {
        lock.withLock {
            defer { lastWarnings = warnings }
            return warnings != lastWarnings
        }
    }
}
