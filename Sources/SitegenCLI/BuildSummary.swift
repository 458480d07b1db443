import Foundation
import SitegenCore

/// What `sitegen build` says when it has built: one line with the pages by
/// kind and the time, and with `--stats` how it built and each stage's time.
public struct BuildSummary {
    public var report: SiteBuilder.Report
    public var mode: BuildMode?
    /// The output folder as the user named it.
    public var output: String
    public var seconds: Double

    public init(report: SiteBuilder.Report, mode: BuildMode?, output: String, seconds: Double) {
        self.report = report
        self.mode = mode
        self.output = output
        self.seconds = seconds
    }

    /// Page kinds in the order the summary names them.
    static let kindOrder = [
        "article", "actor", "topic", "quote", "archive", "index", "home", "timeline", "corrections", "connections",
        "search",
        "404",
    ]

    /// "Built 59 pages (1 article, 19 actors, …) into public/ in 284 ms", and
    /// what a rebuild changed.
    public var headline: String {
        let counts = Self.kindOrder.compactMap { kind in report.pageCounts[kind].map { Self.phrase(count: $0, kind) } }
        let files = report.written
        let changes =
            files.unchanged == 0 && files.removed == 0
            ? "" : "; \(files.written) files written, \(files.unchanged) unchanged, \(files.removed) removed"
        return
            "Built \(report.pages) pages (\(counts.joined(separator: ", "))) into \(output)/ in \(Self.milliseconds(seconds))\(changes)"
    }

    /// How the build started (from scratch or the saved state) and the time
    /// of each stage, one line each.
    public var statsLines: [String] {
        var lines: [String] = []
        switch mode {
        case .clean(let reason): lines.append("  from scratch: \(reason)")
        case .incremental(let count):
            lines.append("  from the saved state: \(count) changed \(Self.plural(count, "file"))")
        case nil: break
        }
        for (stage, time) in report.stageTimes {
            var line =
                "  \(stage.padding(toLength: 8, withPad: " ", startingAt: 0)) \(String(format: "%8.1f", time.seconds * 1000)) ms"
            // Cores kept busy, where the stage was long enough to say.
            if time.processorSeconds > 0, time.seconds >= 0.01 {
                line += String(format: "  %.1f cores", time.cores)
            } else if time.peakBytes > 0 {
                line += String(repeating: " ", count: 11)
            }
            if time.peakBytes > 0 { line += "  peak \((time.peakBytes + (1 << 19)) >> 20) MiB" }
            lines.append(line)
        }
        return lines
    }

    /// "1 article", "2 indexes", "a search page": one kind's count in words.
    static func phrase(count: Int, _ kind: String) -> String {
        switch kind {
        case "index": return "\(count) \(count == 1 ? "index" : "indexes")"
        case "archive": return "\(count) archive \(plural(count, "page"))"
        case "404": return "a 404 page"
        case "search": return "a search page"
        case "timeline": return "a timeline page"
        case "corrections": return "a corrections page"
        case "connections": return "a connections page"
        default: return "\(count) \(plural(count, kind))"
        }
    }

    static func plural(_ count: Int, _ noun: String) -> String { count == 1 ? noun : noun + "s" }

    static func milliseconds(_ seconds: Double) -> String { String(format: "%.0f ms", seconds * 1000) }
}
