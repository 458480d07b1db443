import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `sitegen build` from the saved state, run as a user runs it: the real
/// binary on real files, after the state, the inputs or the output were
/// damaged, edited behind its back or left half-written by a kill. Each
/// build must give exactly what a clean build gives.
@Suite("sitegen build: the saved state never gives wrong pages")
struct SavedStateCommandTests {
    private struct Site {
        var root: URL
        var content: URL { root.appendingPathComponent("Content") }
        var output: URL { root.appendingPathComponent("public") }
        var state: URL { SavedBuild.location(for: output) }
        var log: URL { RecordedArticle.logLocation(for: state) }
        var article: URL { content.appendingPathComponent("articles/hegseth-peace-talks-not-a-betrayal.md") }

        var arguments: [String] {
            [
                "build", "--content", content.path, "--templates", TestContent.seedTemplates.path, "--output",
                output.path, "--stats",
            ]
        }

        /// Runs `sitegen build --stats`, expecting success; its standard output.
        @discardableResult
        func build(_ extra: [String] = [], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
            let run = try SitegenBinary.run(arguments + extra)
            #expect(run.status == 0, "\(run.err)", sourceLocation: sourceLocation)
            return run.out
        }

        func expectMatchesCleanBuild(_ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        {
            try TestContent.expectMatchesCleanBuild(
                content: content, output: output, label, sourceLocation: sourceLocation)
        }

        /// Names beside the output that a build leaves only while it runs.
        var leftovers: [String] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
            return names.filter { $0.hasSuffix(".tmp") || $0.contains(".sitegen-staging-") || $0.contains("-old-") }
        }
    }

    /// The seed site in a fresh folder, its files an hour old so that none
    /// counts as just changed.
    private func withSeedSite(_ body: (Site) throws -> Void) throws {
        try TestContent.withTemporaryDirectory { root in
            let site = Site(root: root)
            try FileManager.default.copyItem(at: TestContent.seedContent, to: site.content)
            let past = Date().addingTimeInterval(-3600)
            for file in TestContent.snapshot(site.content).keys {
                try FileManager.default.setAttributes(
                    [.modificationDate: past], ofItemAtPath: site.content.appendingPathComponent(file).path)
            }
            try body(site)
        }
    }

    /// Flips one bit of the first occurrence of `text` in the file at `url`.
    private func flipBit(in url: URL, inside text: String) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        let needle = [UInt8](text.utf8)
        let start = try #require(
            (0...(bytes.count - needle.count)).first { bytes[$0..<$0 + needle.count].elementsEqual(needle) },
            "'\(text)' is not in \(url.lastPathComponent)")
        bytes[start + needle.count / 2] ^= 0x04
        try Data(bytes).write(to: url)
    }

    // Issue 13, item 5: one flipped byte in a title or a name gave exit 0,
    // "from the saved state" and wrong pages; in a part decoded only when a
    // page asks for it, a crash on every later build.
    @Test func aDamagedStateOrLogIsAReportedCleanBuildNeverWrongPagesOrACrash() throws {
        try withSeedSite { site in
            try site.build()
            // An actor's name, a topic's title, and a quote's words (kept as
            // a part decoded only when a page shows the quote).
            for text in ["Pete Hegseth", "Europe’s place at the table", "There is a recognition"] {
                try flipBit(in: site.state, inside: text)
                let out = try site.build()
                #expect(out.contains("from scratch: saved state is damaged ("), "\(text): \(out)")
                try site.expectMatchesCleanBuild("state damaged in '\(text)'")
                #expect(try site.build().contains("from the saved state: 0 changed files"))
            }
            // A rebuild's record in the log.
            try String(contentsOf: site.article, encoding: .utf8).appending("\nOne more line on [[Putin]].\n")
                .write(to: site.article, atomically: false, encoding: .utf8)
            #expect(try site.build().contains("from the saved state: 1 changed file"))
            try flipBit(in: site.log, inside: "hegseth-peace-talks-not-a-betrayal")
            #expect(try site.build().contains("from scratch: saved state is damaged (log record 1 fails its checksum)"))
            try site.expectMatchesCleanBuild("log damaged")
        }
    }

    // Item 6: an in-place edit of the same length with its modification
    // time put back (`touch -r`) kept size, time and inode, and was missed.
    @Test func anEditThatKeepsSizeModificationTimeAndInodeIsRebuilt() throws {
        try withSeedSite { site in
            try site.build()
            var before = stat()
            #expect(stat(site.article.path, &before) == 0)
            let text = try String(contentsOf: site.article, encoding: .utf8)
            let edited = text.replacingOccurrences(of: "“unrealistic”", with: "“UNREALISTIC”")
            #expect(edited != text && edited.utf8.count == text.utf8.count)
            let handle = try FileHandle(forWritingTo: site.article)
            try handle.write(contentsOf: Data(edited.utf8))
            try handle.close()
            var times = [before.st_atim, before.st_mtim]
            #expect(utimensat(AT_FDCWD, site.article.path, &times, 0) == 0)
            var after = stat()
            #expect(stat(site.article.path, &after) == 0)
            #expect(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec && after.st_ino == before.st_ino)

            #expect(try site.build().contains("from the saved state: 1 changed file"))
            try site.expectMatchesCleanBuild("edited in place, time put back")
        }
    }

    // Item 7: an output file deleted or edited by hand stayed wrong while
    // the inputs were unchanged.
    @Test func outputFilesDeletedOrEditedByHandAreRewritten() throws {
        try withSeedSite { site in
            try site.build()
            try FileManager.default.removeItem(at: site.output.appendingPathComponent("index.html"))
            let page = site.output.appendingPathComponent("actors/pete-hegseth.html")
            let text = try String(contentsOf: page, encoding: .utf8)
            try text.replacingOccurrences(of: "Hegseth", with: "Hegsath").write(
                to: page, atomically: false, encoding: .utf8)

            let out = try site.build()
            #expect(
                out.contains(
                    "from scratch: 2 output files were changed or removed by hand (actors/pete-hegseth.html, index.html), rewritten"
                ), "\(out)")
            #expect(out.contains("2 files written"), "\(out)")
            try site.expectMatchesCleanBuild("output repaired")
            #expect(try site.build().contains("from the saved state: 0 changed files"))
        }
    }

    // Item 8: a build killed while saving the state left
    // `.NAME.sitegen-state.PID.tmp` (as big as the state) for good.
    @Test func halfWrittenStatesOfKilledBuildsAreSweptCleanIncluded() throws {
        try withSeedSite { site in
            try site.build()
            // The id of a process that has ended, and this one's, running.
            let ended = Process()
            ended.executableURL = URL(fileURLWithPath: "/bin/true")
            try ended.run()
            ended.waitUntilExit()
            let abandoned = site.root.appendingPathComponent(
                ".\(site.state.lastPathComponent).\(ended.processIdentifier).tmp")
            let running = site.root.appendingPathComponent(
                ".\(site.state.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
            for file in [abandoned, running] { try Data(repeating: 7, count: 4096).write(to: file) }

            try site.build(["--clean"])
            #expect(!FileManager.default.fileExists(atPath: abandoned.path))
            #expect(FileManager.default.fileExists(atPath: running.path), "a running build's file is left alone")
            try FileManager.default.removeItem(at: running)
        }
    }

    /// Builds killed at moments spread over a whole build (loading,
    /// rendering, writing, saving the state): the next build succeeds,
    /// leaves nothing behind and matches a clean build.
    @Test func aBuildKilledAtAnyMomentIsMadeGoodByTheNext() throws {
        try withSeedSite { site in
            let binary = try SitegenBinary.url()
            let started = Date()
            try site.build()
            let buildTime = Date().timeIntervalSince(started)
            for round in 0..<10 {
                // Alternately a build from scratch and one from the state.
                if round % 2 == 0 {
                    try String(contentsOf: site.article, encoding: .utf8).appending("\nKill \(round).\n")
                        .write(to: site.article, atomically: true, encoding: .utf8)
                }
                let process = Process()
                process.executableURL = binary
                process.arguments = site.arguments + (round % 4 == 0 ? ["--clean"] : [])
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                usleep(UInt32(buildTime * 1_000_000 * Double(round) / 9))
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()

                try site.build()
                #expect(site.leftovers.isEmpty, "after kill \(round): \(site.leftovers)")
                try site.expectMatchesCleanBuild("after kill \(round)")
            }
        }
    }
}
