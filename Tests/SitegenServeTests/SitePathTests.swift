import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenServe

/// Which file a request path reaches: only files inside the served folder,
/// never a listing, never through `..` however it is spelled.
@Suite("serve: request paths and content types")
struct SitePathTests {
    /// A served folder with pages, a folder with and one without an index,
    /// the writer's hidden manifest, and symbolic links in and out.
    private func withSite(_ body: (URL) throws -> Void) throws {
        try TestContent.withTemporaryDirectory { root in
            let site = root.appendingPathComponent("public")
            let files = [
                "index.html": "home",
                "a.html": "a",
                "dir/index.html": "dir",
                "dir with space/index.html": "spaced",
                "evil.example/index.html": "not a host",
                "empty/.keep": "",
                ".sitegen-output": "manifest",
            ]
            for (path, text) in files {
                let url = site.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            try Data("secret".utf8).write(to: root.appendingPathComponent("secret.txt"))
            try FileManager.default.createSymbolicLink(
                atPath: site.appendingPathComponent("link-out").path, withDestinationPath: "../secret.txt")
            try FileManager.default.createSymbolicLink(
                atPath: site.appendingPathComponent("folder-out").path, withDestinationPath: root.path)
            try FileManager.default.createSymbolicLink(
                atPath: site.appendingPathComponent("link-in.html").path, withDestinationPath: "a.html")
            try body(site)
        }
    }

    private func file(_ site: URL, _ path: String) -> SitePath.Resolution {
        .file(site.appendingPathComponent(path).resolvingSymlinksInPath())
    }

    @Test func pagesAndFolderIndexes() throws {
        try withSite { site in
            #expect(SitePath.resolve("/", in: site) == file(site, "index.html"))
            #expect(SitePath.resolve("/a.html", in: site) == file(site, "a.html"))
            #expect(SitePath.resolve("/dir/", in: site) == file(site, "dir/index.html"))
            #expect(SitePath.resolve("/dir%20with%20space/", in: site) == file(site, "dir with space/index.html"))
            // An absolute-form request target is served by its path.
            #expect(SitePath.resolve("http://127.0.0.1:8080/a.html", in: site) == file(site, "a.html"))
        }
    }

    @Test func foldersWithoutTheirSlashRedirectAndAreNeverListed() throws {
        try withSite { site in
            #expect(SitePath.resolve("/dir", in: site) == .redirect("/dir/"))
            #expect(SitePath.resolve("/dir%20with%20space", in: site) == .redirect("/dir%20with%20space/"))
            // Built from the path's parts: never a redirect to another host.
            #expect(SitePath.resolve("//evil.example", in: site) == .redirect("/evil.example/"))
            #expect(SitePath.resolve("/empty/", in: site) == .notFound)
            #expect(SitePath.resolve("/empty", in: site) == .notFound)
            #expect(SitePath.resolve("/missing.html", in: site) == .notFound)
            #expect(SitePath.resolve("/a.html/", in: site) == .notFound)
        }
    }

    @Test func traversalIsRefusedHoweverItIsSpelled() throws {
        try withSite { site in
            for path in [
                "/../secret.txt", "/dir/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                "/dir/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/..%5csecret.txt", "/dir\\..\\a.html",
                "/./a.html",
            ] {
                #expect(SitePath.resolve(path, in: site) == .forbidden, "\(path)")
            }
            // Twice-encoded dots are just a file name nobody has.
            #expect(SitePath.resolve("/%252e%252e/secret.txt", in: site) == .notFound)
        }
    }

    @Test func malformedPathsAreBadRequests() throws {
        try withSite { site in
            for path in ["/a.html%00.png", "/%zz", "/%", "a.html", "", "/%ff%fe"] {
                #expect(SitePath.resolve(path, in: site) == .badRequest, "\(path)")
            }
        }
    }

    @Test func hiddenFilesAndLinksOutOfTheSiteAreNotServed() throws {
        try withSite { site in
            #expect(SitePath.resolve("/.sitegen-output", in: site) == .notFound)
            #expect(SitePath.resolve("/empty/.keep", in: site) == .notFound)
            #expect(SitePath.resolve("/link-out", in: site) == .forbidden)
            #expect(SitePath.resolve("/folder-out/secret.txt", in: site) == .forbidden)
            #expect(SitePath.resolve("/link-in.html", in: site) == file(site, "a.html"))
        }
    }

    @Test func aMissingSiteServesNothing() {
        let missing = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)")
        #expect(SitePath.resolve("/", in: missing) == .notFound)
    }

    @Test func contentTypes() {
        let expected = [
            "index.html": "text/html; charset=utf-8",
            "static/style.9654e486.css": "text/css; charset=utf-8",
            "search-index.js": "text/javascript; charset=utf-8",
            "data/graph.json": "application/json",
            "feed.xml": "application/xml",
            "sitemap.xml": "application/xml",
            "robots.txt": "text/plain; charset=utf-8",
            "assets/logo.svg": "image/svg+xml",
            "assets/PHOTO.JPG": "image/jpeg",
            "assets/photo.jpeg": "image/jpeg",
            "assets/a.png": "image/png",
            "assets/a.webp": "image/webp",
            "static/font.woff2": "font/woff2",
            "site.zip": "application/zip",
            "assets/no-extension": "application/octet-stream",
            "assets/.hidden": "application/octet-stream",
            "assets/a.unknown": "application/octet-stream",
        ]
        for (path, type) in expected {
            #expect(ContentType.forPath(path) == type, "\(path)")
        }
    }
}
