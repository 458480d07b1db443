import Foundation
import Testing

/// The seed site, built fresh, open in a fresh headless Chromium: the shared
/// set-up of every browser test, and the checks every one of them ends with.
struct BrowserSession {
    var site: SeedSite
    var browser: Browser
    var page: Page

    /// Builds the seed site, starts Chromium on a new tab, runs `body`, and
    /// then checks what the tab did throughout: every request stayed inside
    /// the site's folder, and nothing went to the console as an error.
    static func run(withPictures: Bool = false, _ body: (BrowserSession) throws -> Void) throws {
        let chromium = try Tools.chromium()
        try SeedSite.withBuilt(withPictures: withPictures) { site in
            let browser = try Browser(executable: chromium)
            defer { browser.close() }
            let page = try browser.newPage()
            let session = BrowserSession(site: site, browser: browser, page: page)
            try body(session)
            session.expectOnlyLocalRequests()
            session.expectNoProblems()
        }
    }

    /// The file:// URL of a page of the built site.
    func url(_ path: String) -> URL { site.url(path) }

    /// Opens a page of the built site by its output-relative path (with an optional query).
    func open(_ path: String, query: String? = nil) throws {
        var url = site.url(path)
        if let query, var components = URLComponents(url: url, resolvingAgainstBaseURL: false) {
            components.query = query
            url = components.url ?? url
        }
        try page.open(url)
    }

    /// The output-relative path of a file:// URL inside the site, or nil for anything else.
    func sitePath(of address: String) -> String? {
        guard let url = URL(string: address), url.isFileURL else { return nil }
        let root = site.root.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : nil
    }

    /// Requests of the tab that were neither a file inside the site's folder nor a data: URL.
    var outsideRequests: [String] {
        page.requestedURLs.filter { !$0.hasPrefix("data:") && sitePath(of: $0) == nil }
    }

    /// Every request the tab made is a file inside the site's folder, or a data: URL.
    func expectOnlyLocalRequests(sourceLocation: SourceLocation = #_sourceLocation) {
        let outside = outsideRequests
        #expect(
            outside.isEmpty,
            "requests that left the site's folder \(site.root.path):\n\(outside.joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        // The record is real: pages asked for their stylesheet.
        let requested = page.requestedURLs
        #expect(
            requested.contains { sitePath(of: $0)?.hasPrefix("static/style.") == true },
            "no request for the stylesheet was recorded; recorded: \(requested)", sourceLocation: sourceLocation)
    }

    /// No console error, uncaught exception, error log entry or failed load.
    func expectNoProblems(sourceLocation: SourceLocation = #_sourceLocation) {
        let problems = page.problems
        #expect(
            problems.isEmpty, "the browser reported:\n\(problems.joined(separator: "\n"))",
            sourceLocation: sourceLocation)
    }
}
