import Foundation
import Testing

extension BrowserTests {
    /// Runs axe-core in the open page; returns its violations as "impact rule: help (where)".
    /// `preload: false`: axe would otherwise fetch the stylesheets again with
    /// XMLHttpRequest, which file:// pages may not do (a console error of
    /// axe's own); only its css-orientation-lock rule reads them, and the
    /// theme has no orientation media queries. `target-size` (WCAG 2.2 AA,
    /// off by default in axe) is switched on: links and buttons big enough to hit.
    private func axeViolations(_ page: Page, axe: String) throws -> [(impact: String, text: String)] {
        try page.evaluate(axe)
        let value = try page.evaluate(
            """
            axe.run(document, {resultTypes: ['violations'], preload: false, rules: {'target-size': {enabled: true}}}).then(result => result.violations.map(v => ({
              impact: v.impact || 'unknown',
              text: v.id + ': ' + v.help + ' (' + v.nodes.length + '×: ' + v.nodes.slice(0, 3).map(node =>
                node.target.join(' ') + (node.failureSummary ? ' — ' + node.failureSummary.replace(/\\s+/g, ' ') : '')
              ).join(' | ') + ')'
            })))
            """, awaitPromise: true)
        return (value as? [[String: Any]] ?? []).map {
            ($0["impact"] as? String ?? "unknown", $0["text"] as? String ?? "?")
        }
    }

    /// axe-core over every generated page (and the search page with results
    /// on it) at desktop width in light and in dark colour scheme, since
    /// contrast differs between them, and at phone width, where the layout
    /// (and so the size of targets) differs.
    @Test func noSeriousOrCriticalAccessibilityViolationsInLightOrDarkScheme() throws {
        let axe = try String(contentsOf: Tools.axeScript(), encoding: .utf8)
        try BrowserSession.run { session in
            let page = session.page

            // A page with known violations, so an axe that finds nothing cannot pass.
            let control = """
                <!DOCTYPE html><html lang="en"><head><title>Control</title></head><body><main>
                <button></button><p style="color:#999;background:#aaa">Too faint to read</p>
                <p><button style="all:unset;display:inline-block;width:8px;height:8px;background:#000" aria-label="One"></button><button
                style="all:unset;display:inline-block;width:8px;height:8px;background:#000" aria-label="Two"></button></p>
                </main></body></html>
                """
            try page.open(
                URL(
                    string: "data:text/html;charset=utf-8,"
                        + (control.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))!)
            let found = try axeViolations(page, axe: axe)
            #expect(
                found.contains { $0.impact == "critical" && $0.text.hasPrefix("button-name:") }
                    && found.contains { $0.impact == "serious" && $0.text.hasPrefix("color-contrast:") }
                    && found.contains { $0.impact == "serious" && $0.text.hasPrefix("target-size:") },
                "axe did not find the control page's violations: \(found)")
            page.startRecording()

            let targets: [(path: String, query: String?)] =
                session.site.pages.map { ($0, nil) } + [("search.html", "q=hegseth")]
            #expect(targets.count > 20, "expected every page of the seed site, found \(targets.count)")
            var failures: [String] = []
            var minor: [String: Set<String>] = [:]
            let passes: [(scheme: String, screen: String, width: Int, height: Int)] = [
                ("light", "desktop", 1280, 800), ("dark", "desktop", 1280, 800), ("light", "phone", 390, 844),
            ]
            for (scheme, screen, width, height) in passes {
                try page.setColorScheme(scheme)
                try page.setViewport(width: width, height: height, mobile: screen == "phone")
                for target in targets {
                    try session.open(target.path, query: target.query)
                    let applied = try page.evaluate("matchMedia('(prefers-color-scheme: \(scheme))').matches")
                    #expect(applied as? Bool == true, "\(scheme) scheme not applied on \(target.path)")
                    let name = target.path + (target.query.map { "?" + $0 } ?? "")
                    for violation in try axeViolations(page, axe: axe) {
                        if violation.impact == "serious" || violation.impact == "critical" {
                            failures.append("\(name) [\(scheme), \(screen)] \(violation.impact) \(violation.text)")
                        } else {
                            minor["\(violation.impact) \(violation.text.prefix { $0 != ":" })", default: []].insert(
                                name)
                        }
                    }
                }
            }
            for (rule, pages) in minor.sorted(by: { $0.key < $1.key }) {
                print("axe (not failing): \(rule) on \(pages.count) pages, e.g. \(pages.sorted().first ?? "")")
            }
            print(
                "axe: \(targets.count) pages × light and dark at desktop width, light at phone width: "
                    + "\(failures.count) serious or critical violations")
            #expect(
                failures.isEmpty,
                "\(failures.count) serious or critical accessibility violations:\n\(failures.joined(separator: "\n"))")
        }
    }
}
