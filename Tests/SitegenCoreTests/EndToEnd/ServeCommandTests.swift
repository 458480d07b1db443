import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore

#if canImport(Glibc)
    import Glibc
#endif

/// `sitegen serve` as a user starts and stops it. What it serves is tested
/// in SitegenServeTests; here: its errors, exit statuses, and Ctrl-C.
@Suite("sitegen serve command", .serialized)
struct ServeCommandTests {
    /// A socket listening on a free port of 127.0.0.1, closed by `close()`.
    private struct Listener {
        let fd: Int32
        let port: UInt16

        init() throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(fd, pointer, length) == 0 && listen(fd, 1) == 0
                        && getsockname(fd, pointer, &length) == 0
                }
            }
            guard bound else { throw TestContent.Failure("cannot listen: \(errno)") }
            self.fd = fd
            self.port = UInt16(bigEndian: address.sin_port)
        }

        func close() { _ = Glibc.close(fd) }
    }

    @Test func aPortInUseIsOneLineWithASuggestionAndNothingIsBuilt() throws {
        let listener = try Listener()
        defer { listener.close() }
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let run = try SitegenBinary.run(
                ["serve"] + CLITests.contentArguments + [
                    "--templates", TestContent.seedTemplates.path, "--output", output.path,
                    "--port", "\(listener.port)",
                ])
            #expect(run.status == 3)
            #expect(
                run.err
                    == "error: port \(listener.port) on 127.0.0.1 is already in use (another sitegen serve?); try --port \(listener.port + 1)\n"
            )
            #expect(run.out.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
    }

    @Test func badPortsAndHostsAreUsageErrors() throws {
        let port = try SitegenBinary.run(["serve", "--port", "70000"])
        #expect(port.status == 2)
        #expect(port.err.contains("--port must be between 0 and 65535"))
        let host = try SitegenBinary.run(["serve", "--host", "example.org", "--port", "0"])
        #expect(host.status == 2)
        #expect(host.err.contains("'example.org' is not an address to listen on"))
    }

    /// Started as a user would, stopped with Ctrl-C: it exits 0, and what it
    /// left in the output folder is what `sitegen build` writes.
    @Test func ctrlCStopsCleanly() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let serve = try BackgroundSitegen(
                [
                    "serve", "--content", TestContent.seedContent.path, "--templates", TestContent.seedTemplates.path,
                    "--output", output.path, "--port", "0",
                ], in: root, name: "serve")
            let said = try serve.waitFor("Serving ")
            #expect(said.contains(" pages into \(output.path)/"))
            #expect(said.contains("Serving \(TestContent.seedContent.path)/ at http://127.0.0.1:"))

            #expect(serve.stop() == 0)
            #expect(serve.process.terminationReason == .exit)
            #expect(serve.err.contains("Stopping"))

            let clean = root.appendingPathComponent("clean")
            let options = SiteBuilder.Options(
                content: TestContent.seedContent, templates: TestContent.seedTemplates, output: clean)
            guard case .success = SiteBuilder(options: options).build() else {
                Issue.record("clean build failed")
                return
            }
            #expect(TestContent.siteSnapshot(output) == TestContent.siteSnapshot(clean))
        }
    }

    /// A site without `Templates/`: serve builds with the built-in theme and
    /// its watcher does without the missing overrides folder.
    @Test func servesWithTheBuiltInThemeWhenThereIsNoTemplatesFolder() throws {
        try TestContent.withTemporaryDirectory { root in
            let site = root.appendingPathComponent("site")
            try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
            let serve = try BackgroundSitegen(
                ["serve", "--content", TestContent.seedContent.path, "--port", "0"], in: root, name: "serve",
                workingDirectory: site)
            let said = try serve.waitFor("Serving ")
            #expect(said.contains("Serving \(TestContent.seedContent.path)/ at http://127.0.0.1:"))
            #expect(serve.stop() == 0)

            let clean = root.appendingPathComponent("clean")
            _ = try SiteBuilder(
                options: .init(content: TestContent.seedContent, templates: TestContent.seedTemplates, output: clean)
            ).build().get()
            #expect(TestContent.siteSnapshot(site.appendingPathComponent("public")) == TestContent.siteSnapshot(clean))
        }
    }
}
