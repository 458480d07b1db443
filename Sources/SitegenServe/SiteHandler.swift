import Foundation

/// Answers every request: the live-reload script and event stream at
/// their reserved paths, and otherwise files of the output folder, with
/// the script tag added to HTML pages on the way out. Runs on the HTTP
/// server's thread.
struct SiteHandler: Sendable {
    let root: URL
    let hub: EventHub
    /// Answer only requests addressed to this machine by name (127.0.0.1,
    /// localhost, [::1]): a web page elsewhere cannot rebind its own host
    /// name to 127.0.0.1 and read the preview (drafts included). Off when
    /// serving on another address was asked for.
    var loopbackOnly = true

    func respond(to request: HTTPRequestHead) -> HTTPResponse {
        var response = answer(request)
        response.headOnly = request.method == "HEAD"
        return response
    }

    private func answer(_ request: HTTPRequestHead) -> HTTPResponse {
        // The reader lets only requests with exactly one Host through.
        if loopbackOnly, let host = request.value("Host"), !Self.isLoopbackName(host) {
            return Self.text(.forbidden, "Forbidden: sitegen serve answers to 127.0.0.1, localhost and [::1] only.\n")
        }
        guard request.method == "GET" || request.method == "HEAD" else {
            return Self.text(.methodNotAllowed, "Only GET and HEAD are served.\n", extra: [("Allow", "GET, HEAD")])
        }
        let rawPath = request.path
        if rawPath == LiveReload.scriptPath {
            return Self.respond(.ok, Data(LiveReload.script.utf8), type: "text/javascript; charset=utf-8")
        }
        if rawPath == LiveReload.eventsPath {
            let fields = [
                ("Content-Type", "text/event-stream; charset=utf-8"), ("Cache-Control", "no-store"),
                ("X-Accel-Buffering", "no"),
            ]
            if request.method == "HEAD" { return HTTPResponse(status: .ok, fields: fields, body: .bytes(Data())) }
            let subscription = hub.subscribe(pageBuild: request.queryValue("build"))
            return HTTPResponse(status: .ok, fields: fields, body: .eventStream(subscription))
        }
        if rawPath.hasPrefix(LiveReload.reservedPrefix) {
            return notFound()
        }
        switch SitePath.resolve(rawPath, in: root) {
        case .file(let url):
            return file(url, status: .ok) ?? notFound()
        case .redirect(let location):
            return Self.text(.movedPermanently, "Moved to \(location)\n", extra: [("Location", location)])
        case .notFound:
            return notFound()
        case .forbidden:
            return Self.text(.forbidden, "Forbidden: the path leaves the site.\n")
        case .badRequest:
            return Self.text(.badRequest, "Bad request: the path cannot be decoded.\n")
        }
    }

    /// A file of the site; HTML gets the live-reload script tag.
    private func file(_ url: URL, status: HTTPStatus) -> HTTPResponse? {
        let type = ContentType.forPath(url.path)
        if ContentType.isHTML(type) {
            // The build's name is taken before the file is read: a rebuild that
            // finishes in between makes the page reload once more, never miss one.
            let build = hub.currentBuild
            guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
            return Self.respond(status, LiveReload.inject(into: data, build: build), type: type)
        }
        // Other files are sent from disk a piece at a time rather than read whole.
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return nil }
        guard let size = try? handle.seekToEnd(), (try? handle.seek(toOffset: 0)) != nil else {
            try? handle.close()
            return nil
        }
        return HTTPResponse(status: status, fields: Self.fields(type: type), body: .file(handle, size: Int(size)))
    }

    /// The site's own 404 page (with status 404) when it has one.
    private func notFound() -> HTTPResponse {
        if case .file(let url) = SitePath.resolve("/404.html", in: root),
            let response = file(url, status: .notFound)
        {
            return response
        }
        let html = "<!doctype html><meta charset=\"utf-8\"><title>Not found</title><h1>Not found</h1>\n"
        return Self.respond(
            .notFound, LiveReload.inject(into: Data(html.utf8), build: hub.currentBuild),
            type: "text/html; charset=utf-8")
    }

    /// Whether a Host header names this machine: `127.0.0.1`, `localhost`,
    /// `[::1]`, with or without a port.
    static func isLoopbackName(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), let end = name.firstIndex(of: "]") {
            name = String(name[name.index(after: name.startIndex)..<end])
        } else if let colon = name.lastIndex(of: ":") {
            name = String(name[..<colon])
        }
        if name.hasSuffix(".") { name.removeLast() }
        return name == "localhost" || name == "::1" || name.hasSuffix(".localhost")
            || (name.hasPrefix("127.") && name.split(separator: ".").count == 4
                && name.split(separator: ".").allSatisfy { UInt8($0) != nil })
    }

    static func fields(type: String) -> [(name: String, value: String)] {
        [
            ("Content-Type", type),
            // A preview is always current: the browser must not keep old pages.
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
        ]
    }

    static func respond(_ status: HTTPStatus, _ body: Data, type: String) -> HTTPResponse {
        HTTPResponse(status: status, fields: fields(type: type), body: .bytes(body))
    }

    static func text(
        _ status: HTTPStatus, _ message: String, extra: [(name: String, value: String)] = []
    ) -> HTTPResponse {
        var response = respond(status, Data(message.utf8), type: "text/plain; charset=utf-8")
        response.fields += extra
        return response
    }
}
