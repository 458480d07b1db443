import SitegenBase
import SitegenCore

/// Diagnostics as the terminal shows them: compiler-style text with the
/// source line under each, or JSON lines for tools.
public enum DiagnosticReport {
    /// Like a compiler's error limit: the first screens are what an author reads.
    public static let textLimit = 200

    /// The text for standard error: at most `textLimit` diagnostics, a line
    /// saying how many more there are, and the count of errors and warnings.
    /// Empty when there is nothing to report.
    public static func text(_ diagnostics: [Diagnostic], sources: DiagnosticSources, useColor: Bool) -> String {
        guard !diagnostics.isEmpty else { return "" }
        var formatter = DiagnosticFormatter(useColor: useColor, readFile: sources.text(of:))
        let shown = diagnostics.prefix(textLimit)
        var text = shown.map { formatter.format($0) }.joined(separator: "\n\n")
        if diagnostics.count > shown.count {
            text += "\n\n… and \(diagnostics.count - shown.count) more (all of them with --format json)"
        }
        return text + "\n\n\(DiagnosticFormatter.summary(diagnostics))\n"
    }

    /// One JSON object a line; empty when there is nothing to report.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.isEmpty ? "" : diagnostics.map(\.jsonLine).joined(separator: "\n") + "\n"
    }
}
