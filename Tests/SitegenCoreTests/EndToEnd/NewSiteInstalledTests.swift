import Foundation
import SitegenTestSupport
import Testing

/// The README's Quick start for a new user, as one test: the `make dist`
/// tarball unpacked into a bare folder, under a minimal environment (no
/// toolchain), makes a new site, builds it with no flag and serves it.
@Suite("New site from the `make dist` tarball")
struct NewSiteInstalledTests {
    /// `SITEGEN_DIST` (set by `make test`), else the newest
    /// `sitegen-*-linux-*.tar.gz` `make dist` left in the repository.
    static func tarball() throws -> URL {
        if let given = ProcessInfo.processInfo.environment["SITEGEN_DIST"], !given.isEmpty {
            return URL(fileURLWithPath: given)
        }
        let root = TestContent.repositoryRoot()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        let name = try #require(
            names.filter { $0.hasPrefix("sitegen-") && $0.hasSuffix(".tar.gz") }.sorted().last,
            "no sitegen-VERSION-linux-ARCH.tar.gz: run `make dist` (make test does)")
        return root.appendingPathComponent(name)
    }

    @Test func theUnpackedTarballMakesBuildsAndServesANewSite() throws {
        let tarball = try Self.tarball()
        try TestContent.withTemporaryDirectory { root in
            let bare = root.appendingPathComponent("bare")
            try FileManager.default.createDirectory(at: bare, withIntermediateDirectories: true)
            let unpack = try SitegenBinary.run(
                ["-xzf", tarball.path, "-C", bare.path, "--strip-components=1"], stdinData: Data(),
                program: URL(fileURLWithPath: "/bin/tar"))
            try #require(unpack.status == 0, "tar: \(unpack.err)")
            let binary = bare.appendingPathComponent("bin/sitegen")
            #expect(
                FileManager.default.fileExists(atPath: bare.appendingPathComponent("share/man/man1/sitegen.1.gz").path))
            let environment = ["PATH": "/usr/bin:/bin", "HOME": root.path, "LANG": "C"]

            let new = try InstalledBinaryTests.run(binary, ["new", "site", "demo"], environment: environment, in: bare)
            #expect(new.status == 0, "stderr: \(new.err)")
            #expect(new.out.contains("demo/Content/site.yml"))
            let demo = bare.appendingPathComponent("demo")

            let build = try InstalledBinaryTests.run(binary, ["build"], environment: environment, in: demo)
            #expect(build.status == 0, "stderr: \(build.err)")
            #expect(build.err.isEmpty, "a new site builds with no warning: \(build.err)")
            let output = demo.appendingPathComponent("public")
            let index = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
            #expect(index.contains("<title>Riverton&#39;s free buses, explained</title>"))
            #expect(index.contains("Riverton makes buses free for under-18s"))
            for page in ["index.html", "articles/riverton-buses-free-for-under-18s.html", "actors/ana-ruiz.html"] {
                for link in try Self.brokenLinks(in: page, of: output) {
                    Issue.record("\(page) links to missing \(link)")
                }
            }

            try Self.expectServes(binary, in: demo, environment: environment, root: root)
        }
    }

    /// Relative links of `page` (in `site`) whose file is not there.
    static func brokenLinks(in page: String, of site: URL) throws -> [String] {
        let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
        let links = TestContent.captures(#"(?:href|src)="([^"]*)""#, in: html)
        #expect(links.count > 5, "\(page) has links")
        let folder = site.appendingPathComponent(page).deletingLastPathComponent()
        return links.filter { link in
            if link.isEmpty || link.hasPrefix("#") || link.contains("://") || link.hasPrefix("mailto:") { return false }
            let path = String(link.prefix { $0 != "#" && $0 != "?" })
            var target = folder.appendingPathComponent(path).standardizedFileURL
            if path.hasSuffix("/") || path.isEmpty { target = target.appendingPathComponent("index.html") }
            return !FileManager.default.fileExists(atPath: target.path)
        }
    }

    /// `sitegen serve --port 0` answers GET / with the home page and stops on SIGINT.
    static func expectServes(_ binary: URL, in site: URL, environment: [String: String], root: URL) throws {
        let serve = try BackgroundSitegen(
            ["serve", "--port", "0"], in: root, name: "serve", program: binary, workingDirectory: site,
            environment: environment)
        let home = try TestConnection.request(port: try serve.servedPort(), "/")
        #expect(home.status == 200)
        #expect(home.text.contains("Riverton makes buses free for under-18s"))
        #expect(serve.stop() == 0, "stderr: \(serve.err)")
        #expect(serve.process.terminationReason == .exit)
    }
}
