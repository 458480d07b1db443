import FlyingFox
import Foundation

/// Answers every request: the live-reload script and event stream at
/// their reserved paths, and otherwise files of the output folder, with
/// the script tag added to HTML pages on the way out.
struct SiteHandler: HTTPHandler {
    let root: URL
    let hub: EventHub
    /// Answer only requests addressed to this machine by name (127.0.0.1,
    /// localhost, [::1]): a web page elsewhere cannot rebind its own host
    /// name to 127.0.0.1 and read the preview (drafts included). Off when
    /// serving on another address was asked for.
    var loopbackOnly = true

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let isHead = request.method == .HEAD
        if loopbackOnly, let host = request.headers[.host], !Self.isLoopbackName(host) {
            return Self.text(
                .forbidden, "Forbidden: sitegen serve answers to 127.0.0.1, localhost and [::1] only.\n",
                head: isHead)
        }
        guard request.method == .GET || isHead else {
            return Self.text(.methodNotAllowed, "Only GET and HEAD are served.\n", extra: [.allow: "GET, HEAD"])
        }
        let rawPath = request.target.path()
        if rawPath == LiveReload.scriptPath {
            return Self.respond(
                .ok, Data(LiveReload.script.utf8), type: "text/javascript; charset=utf-8", head: isHead)
        }
        if rawPath == LiveReload.eventsPath {
            return eventStream(pageBuild: request.query["build"], head: isHead)
        }
        if rawPath.hasPrefix(LiveReload.reservedPrefix) {
            return notFound(head: isHead)
        }
        switch SitePath.resolve(rawPath, in: root) {
        case .file(let url):
            return file(url, status: .ok, head: isHead) ?? notFound(head: isHead)
        case .redirect(let location):
            var response = Self.text(.movedPermanently, "Moved to \(location)\n", extra: [.location: location])
            if isHead { response.payload = .httpBody(HTTPBodySequence()) }
            return response
        case .notFound:
            return notFound(head: isHead)
        case .forbidden:
            return Self.text(.forbidden, "Forbidden: the path leaves the site.\n", head: isHead)
        case .badRequest:
            return Self.text(.badRequest, "Bad request: the path cannot be decoded.\n", head: isHead)
        }
    }

    private func eventStream(pageBuild: String?, head: Bool) -> HTTPResponse {
        let headers: HTTPHeaders = [
            .contentType: "text/event-stream; charset=utf-8",
            .cacheControl: "no-store",
            HTTPHeader("X-Accel-Buffering"): "no",
        ]
        if head { return HTTPResponse(statusCode: .ok, headers: headers) }
        let (stream, subscription) = hub.subscribe(pageBuild: pageBuild)
        return HTTPResponse(
            statusCode: .ok, headers: headers,
            body: HTTPBodySequence(
                from: EventStreamBody(stream: stream, subscription: subscription), suggestedBufferSize: 64 * 1024))
    }

    /// A file of the site; HTML gets the live-reload script tag.
    private func file(_ url: URL, status: HTTPStatusCode, head: Bool) -> HTTPResponse? {
        let type = ContentType.forPath(url.path)
        if ContentType.isHTML(type) {
            // The build's name is taken before the file is read: a rebuild that
            // finishes in between makes the page reload once more, never miss one.
            let build = hub.currentBuild
            guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
            return Self.respond(status, LiveReload.inject(into: data, build: build), type: type, head: head)
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            let size = (attributes[.size] as? NSNumber)?.intValue
        else { return nil }
        if head || size == 0 {
            var response = Self.respond(status, Data(), type: type, head: false)
            response.headers[.contentLength] = String(size)
            return response
        }
        // Large assets are streamed from disk rather than read whole.
        guard let body = try? HTTPBodySequence(file: url, suggestedBufferSize: 64 * 1024) else { return nil }
        return HTTPResponse(statusCode: status, headers: Self.headers(type: type), body: body)
    }

    /// The site's own 404 page (with status 404) when it has one.
    private func notFound(head: Bool) -> HTTPResponse {
        if case .file(let url) = SitePath.resolve("/404.html", in: root),
            let response = file(url, status: .notFound, head: head)
        {
            return response
        }
        let html = "<!doctype html><meta charset=\"utf-8\"><title>Not found</title><h1>Not found</h1>\n"
        return Self.respond(
            .notFound, LiveReload.inject(into: Data(html.utf8), build: hub.currentBuild),
            type: "text/html; charset=utf-8", head: head)
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

    static func headers(type: String) -> HTTPHeaders {
        [
            .contentType: type,
            // A preview is always current: the browser must not keep old pages.
            .cacheControl: "no-store",
            HTTPHeader("X-Content-Type-Options"): "nosniff",
        ]
    }

    static func respond(_ status: HTTPStatusCode, _ body: Data, type: String, head: Bool) -> HTTPResponse {
        var headers = headers(type: type)
        if head {
            headers[.contentLength] = String(body.count)
            return HTTPResponse(statusCode: status, headers: headers, body: Data())
        }
        return HTTPResponse(statusCode: status, headers: headers, body: body)
    }

    static func text(
        _ status: HTTPStatusCode, _ message: String, extra: HTTPHeaders = [:], head: Bool = false
    ) -> HTTPResponse {
        var response = respond(status, Data(message.utf8), type: "text/plain; charset=utf-8", head: head)
        for header in extra.keys { response.headers.setValues(extra.values(for: header), for: header) }
        return response
    }
}

extension HTTPHeader {
    static let allow = HTTPHeader("Allow")
}
