import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore
@testable import SitegenWrite

#if canImport(Glibc)
    import Glibc
#endif

/// One sitegen at a time per output folder, and I/O failures told in words:
/// the real binary against real folders.
@Suite("Output lock and I/O errors", .serialized)
struct OutputLockTests {
    static func buildArguments(_ output: URL) -> [String] {
        ["build"] + CLITests.contentArguments + [
            "--templates", TestContent.seedTemplates.path, "--output", output.path,
        ]
    }

    /// Names beside the output that a finished build may leave: the state, its log and the lock file.
    static func leftovers(beside output: URL) -> [String] {
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)) ?? []
        let kept: Set<String> = ["out", ".out.sitegen-state", ".out.sitegen-state-log", ".out.sitegen-lock"]
        return names.filter { !kept.contains($0) && $0.hasPrefix(".out") }
    }

    @Test func aSecondBuildWaitsForTheFirstAndThenBuilds() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("site/out")
            // This test process plays the first build: it holds the lock as a build does.
            var held: OutputLock? = try OutputLock.acquire(output, as: .build)
            let second = try BackgroundSitegen(Self.buildArguments(output), in: root, name: "second")
            #expect(
                second.wait { second.err.contains("Waiting for another sitegen build (pid \(getpid())) to finish") },
                "stderr: \(second.err)")
            Thread.sleep(forTimeInterval: 0.3)
            #expect(second.process.isRunning, "the second build must wait, not write")
            #expect(!FileManager.default.fileExists(atPath: output.path))
            held = nil
            _ = held
            #expect(second.finish() == 0, "stderr: \(second.err)")
            #expect(second.out.contains("Built "))
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
        }
    }

    @Test func aBuildRefusesAnOutputThatServeHolds() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("out")
            let held = try OutputLock.acquire(output, as: .serve)
            let run = try SitegenBinary.run(Self.buildArguments(output))
            withExtendedLifetime(held) {}
            #expect(run.status == 3)
            #expect(
                run.err
                    == "error: sitegen serve (pid \(getpid())) is serving '\(output.path)' and rebuilds it on every save; stop it first, or build into another folder with --output\n"
            )
            #expect(!FileManager.default.fileExists(atPath: output.path), "nothing is written")
        }
    }

    /// The issue's case: `sitegen serve` runs, a `build` with other options
    /// would leave a site of two builds. It is refused, and once serve is
    /// killed (no clean exit, no unlock) the build goes through.
    @Test func aRunningServeKeepsBuildsOutUntilItIsKilled() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("out")
            let serve = try BackgroundSitegen(
                ["serve"] + CLITests.contentArguments + [
                    "--templates", TestContent.seedTemplates.path, "--output", output.path, "--port", "0",
                ], in: root, name: "serve")
            #expect(serve.wait { serve.out.contains("Serving ") }, "serve said: \(serve.out) \(serve.err)")

            let refused = try SitegenBinary.run(Self.buildArguments(output) + ["--drafts"])
            #expect(refused.status == 3)
            #expect(refused.err.contains("sitegen serve (pid \(serve.process.processIdentifier)) is serving"))

            kill(serve.process.processIdentifier, SIGKILL)
            serve.process.waitUntilExit()
            let built = try SitegenBinary.run(Self.buildArguments(output))
            #expect(built.status == 0, "stderr: \(built.err)")
        }
    }

    /// Two builds started together: both succeed, one after the other, and
    /// the output is one clean build with nothing left beside it.
    @Test func concurrentBuildsEndAsOneCleanSite() throws {
        try TestContent.withTemporaryDirectory { root in
            let clean = root.appendingPathComponent("clean")
            let options = SiteBuilder.Options(
                content: TestContent.seedContent, templates: TestContent.seedTemplates, output: clean)
            guard case .success = SiteBuilder(options: options).build() else {
                Issue.record("clean build failed")
                return
            }
            for trial in 0..<3 {
                let output = root.appendingPathComponent("trial-\(trial)/out")
                let builds = try (0..<3).map {
                    try BackgroundSitegen(Self.buildArguments(output) + ["--clean"], in: root, name: "t\(trial)-\($0)")
                }
                for build in builds { #expect(build.finish() == 0, "stderr: \(build.err)") }
                #expect(TestContent.differences(output, from: clean).isEmpty)
                #expect(Self.leftovers(beside: output).isEmpty, "left: \(Self.leftovers(beside: output))")
            }
        }
    }

    /// An output folder sitegen may not write into (immutable, so that it
    /// holds for root too): the error names the path and what to do, exit
    /// 3, the previous output stays, and no staging folder is left.
    @Test func anUnwritableOutputIsAnErrorInWordsThatLeavesNothingBehind() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            try TestContent.copyFolder(TestContent.seedContent, to: content)
            let output = root.appendingPathComponent("out")
            let arguments = [
                "build", "--content", content.path, "--templates", TestContent.seedTemplates.path, "--output",
                output.path,
            ]
            #expect(try SitegenBinary.run(arguments).status == 0)
            let before = TestContent.snapshot(output)
            let topic = content.appendingPathComponent("topics/peace-talks.md")
            try Data(
                try String(contentsOf: topic, encoding: .utf8).replacingOccurrences(of: "title:", with: "title: New")
                    .utf8
            ).write(to: topic)

            try #require(chattr("+i", output), "chattr +i must work here (ext4 or xfs, as root)")
            defer { _ = chattr("-i", output) }
            let run = try SitegenBinary.run(arguments)
            #expect(run.status == 3)
            #expect(run.err.contains("permission denied"), "stderr: \(run.err)")
            #expect(run.err.contains(output.path))
            #expect(run.err.contains("check that you may write there"))
            #expect(!run.err.contains("Error Domain"), "a raw Foundation error: \(run.err)")
            _ = chattr("-i", output)
            #expect(TestContent.snapshot(output) == before, "the previous output is as it was")
            #expect(Self.leftovers(beside: output).isEmpty, "left: \(Self.leftovers(beside: output))")
        }
    }

    private func chattr(_ flag: String, _ url: URL) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [flag, url.path]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
