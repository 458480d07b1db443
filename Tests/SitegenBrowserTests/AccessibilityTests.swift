import Foundation
import Testing

/// axe-core over every generated page of the seed site (and the search page
/// with results on it), in headless Chromium: at desktop width in light and in
/// dark colour scheme, since contrast differs between them, and at phone
/// width in both, where the layout (and so the size of targets) differs. Each pass
/// has its own browser, so the passes can run side by side.
@Suite("axe-core in headless Chromium")
struct AccessibilityTests {
    struct Pass: Sendable, CustomTestStringConvertible {
        var scheme: String
        var screen: String
        var width: Int
        var height: Int
        var testDescription: String { "\(scheme) scheme, \(screen) (\(width) px)" }
    }

    static let passes = [
        Pass(scheme: "light", screen: "desktop", width: 1280, height: 800),
        Pass(scheme: "dark", screen: "desktop", width: 1280, height: 800),
        Pass(scheme: "light", screen: "phone", width: 390, height: 844),
        Pass(scheme: "dark", screen: "phone", width: 390, height: 844),
    ]

    /// Runs axe-core in the open page; returns its violations as "rule: help (where)" with their impact.
    /// `preload: false`: axe would otherwise fetch the stylesheets again with
    /// XMLHttpRequest, which file:// pages may not do (a console error of
    /// axe's own); only its css-orientation-lock rule reads them, and the
    /// theme has no orientation media queries. `target-size` (WCAG 2.2 AA,
    /// off by default in axe) is switched on: links and buttons big enough to hit.
    private func axeViolations(_ page: Page, axe: String) throws -> [(impact: String, text: String)] {
        try page.evaluate(axe)
        let value = try page.evaluate(
            """
            axe.run(document, {resultTypes: ['violations'], preload: false, rules: {'target-size': {enabled: true}}})
              .then(result => result.violations.map(v => ({
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

    /// A page with known violations, so an axe that finds nothing cannot pass.
    private func expectViolationsInControlPage(_ page: Page, axe: String) throws {
        let control = """
            <!DOCTYPE html><html lang="en"><head><title>Control</title></head><body><main>
            <button></button><p style="color:#999;background:#aaa">Too faint to read</p>
            <p><button style="all:unset;display:inline-block;width:8px;height:8px;background:#000" aria-label="One">
            </button><button style="all:unset;display:inline-block;width:8px;height:8px;background:#000" aria-label="Two">
            </button></p></main></body></html>
            """
        let encoded = control.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        try page.open(try #require(URL(string: "data:text/html;charset=utf-8," + encoded)))
        let found = try axeViolations(page, axe: axe)
        for (impact, rule) in [
            ("critical", "button-name:"), ("serious", "color-contrast:"), ("serious", "target-size:"),
        ] {
            #expect(
                found.contains { $0.impact == impact && $0.text.hasPrefix(rule) },
                "axe did not find the control page's \(rule) \(impact) violation: \(found)")
        }
    }

    @Test(arguments: passes)
    func noSeriousOrCriticalViolations(_ pass: Pass) throws {
        let axe = try String(contentsOf: Tools.axeScript(), encoding: .utf8)
        try BrowserSession.run(withPictures: true) { session in
            let page = session.page
            try page.setColorScheme(pass.scheme)
            try page.setViewport(width: pass.width, height: pass.height, mobile: pass.screen == "phone")
            try expectViolationsInControlPage(page, axe: axe)
            page.startRecording()

            let targets: [(path: String, query: String?)] =
                session.site.pages.map { ($0, nil) } + [("search.html", "q=hegseth")]
            #expect(targets.count > 20, "expected every page of the seed site, found \(targets.count)")
            var failures: [String] = []
            var minor: [String: Set<String>] = [:]
            for target in targets {
                try session.open(target.path, query: target.query)
                let applied = try page.evaluate("matchMedia('(prefers-color-scheme: \(pass.scheme))').matches")
                #expect(applied as? Bool == true, "\(pass.scheme) scheme not applied on \(target.path)")
                let name = target.path + (target.query.map { "?" + $0 } ?? "")
                for violation in try axeViolations(page, axe: axe) {
                    if violation.impact == "serious" || violation.impact == "critical" {
                        failures.append("\(name): \(violation.impact) \(violation.text)")
                    } else {
                        minor["\(violation.impact) \(violation.text.prefix { $0 != ":" })", default: []].insert(name)
                    }
                }
            }
            for (rule, pages) in minor.sorted(by: { $0.key < $1.key }) {
                print(
                    "axe [\(pass.testDescription)] not failing: \(rule) on \(pages.count) pages, e.g. \(pages.min() ?? "")"
                )
            }
            print(
                "axe [\(pass.testDescription)]: \(targets.count) pages, "
                    + "\(failures.count) serious or critical violations")
            #expect(
                failures.isEmpty,
                "\(failures.count) serious or critical accessibility violations (\(pass.testDescription)):\n\(failures.joined(separator: "\n"))"
            )
        }
    }
}
