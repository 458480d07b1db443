import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenLoad
@testable import SitegenPlan
@testable import SitegenWrite

/// Later builds into the same output touch only what changed, and a build
/// interrupted after its commit is finished by the next one.
@Suite("Output writer: changed files only")
struct IncrementalWriteTests {
    private func page(_ path: String, _ text: String) -> OutputFile {
        OutputFile(path: OutputPath(path)!, contents: .text(text))
    }

    private func modificationDate(_ url: URL) throws -> Date {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
    }

    private func inode(_ url: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int)
    }

    @Test func unchangedFilesAreNotRewritten() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let writer = OutputWriter()
            try writer.write([page("index.html", "home"), page("actors/a.html", "a")], to: output)
            let actor = output.appendingPathComponent("actors/a.html")
            let before = (try modificationDate(actor), try inode(actor))
            Thread.sleep(forTimeInterval: 0.02)
            let summary = try writer.write(
                [page("index.html", "home, changed"), page("actors/a.html", "a")], to: output)
            #expect(summary.written == 1)
            #expect(summary.unchanged == 1)
            #expect(try modificationDate(actor) == before.0)
            #expect(try inode(actor) == before.1)
            #expect(
                try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "home, changed")
        }
    }

    @Test func filesTheBuildNoLongerMakesAreRemovedWithTheirEmptyFolders() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let writer = OutputWriter()
            try writer.write([page("index.html", "home"), page("quotes/q.html", "q")], to: output)
            let summary = try writer.write([page("index.html", "home")], to: output)
            #expect(summary.removed == 1)
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("quotes/q.html").path))
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("quotes").path))
            let manifest = try String(
                contentsOf: output.appendingPathComponent(OutputLocation.manifestName), encoding: .utf8)
            #expect(!manifest.contains("quotes/q.html"))
            #expect(manifest.contains("index.html"))
        }
    }

    /// A small change appends to the manifest rather than rewriting its
    /// line per file; read back, it says what a rewritten one would.
    @Test func aSmallChangeAppendsToTheManifest() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let writer = OutputWriter()
            let pages = (0..<40).map { page("actors/a\($0).html", "actor \($0)") }
            try writer.write(pages, to: output)
            let marker = output.appendingPathComponent(OutputLocation.manifestName)
            let before = try String(contentsOf: marker, encoding: .utf8)
            let summary = try writer.writeChanges(
                [page("actors/a1.html", "actor 1, edited")], removing: [OutputPath("actors/a2.html")!], to: output)
            #expect(summary.written == 1)
            #expect(summary.removed == 1)
            let after = try String(contentsOf: marker, encoding: .utf8)
            #expect(after.hasPrefix(before), "appended, not rewritten")
            #expect(after.hasSuffix("- actors/a2.html\n"))
            let manifest = try #require(OutputManifest(contentsOf: marker))
            #expect(manifest.entries.count == 39)
            #expect(manifest.entries["actors/a2.html"] == nil)
            #expect(manifest.entries["actors/a1.html"] == (try Fingerprint(of: .text("actor 1, edited"))))
            // The next full build sees the edit as already written.
            let next = try writer.write(
                pages.filter { $0.path.rawValue != "actors/a2.html" }.map {
                    $0.path.rawValue == "actors/a1.html" ? page("actors/a1.html", "actor 1, edited") : $0
                }, to: output)
            #expect(next.written == 0)
            #expect(next.removed == 0)
        }
    }

    @Test func noChangeWritesNothingAndLeavesNoStagingFolder() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let files = [page("index.html", "home"), page("topics/t.html", "t")]
            try OutputWriter().write(files, to: output)
            let summary = try OutputWriter().write(files, to: output)
            #expect(summary == OutputWriter.Summary(written: 0, unchanged: 2, removed: 0, bytes: 0))
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["public"])
        }
    }

    /// A committed journal whose moves had not all happened (the process was
    /// killed) is completed before the next write, so no half-applied build stays.
    @Test func anInterruptedCommitIsCompletedByTheNextBuild() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            try OutputWriter().write([page("index.html", "old"), page("gone.html", "bye")], to: output)
            // Simulate a build killed after its commit: staged file, new manifest, journal.
            let staging = root.appendingPathComponent(".public.sitegen-staging-999")
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            try Data("new".utf8).write(to: staging.appendingPathComponent("index.html"))
            var manifest = OutputManifest()
            manifest.entries["index.html"] = try Fingerprint(of: .text("new"))
            try manifest.write(to: staging.appendingPathComponent(OutputLocation.manifestName))
            try Data("staging \(staging.lastPathComponent)\nwrite index.html\nremove gone.html\n".utf8)
                .write(to: output.appendingPathComponent(OutputLocation.journalName))

            let summary = try OutputWriter().write([page("index.html", "new")], to: output)
            #expect(summary.written == 0, "the journal already brought index.html up to date")
            #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "new")
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("gone.html").path))
            #expect(
                !FileManager.default.fileExists(atPath: output.appendingPathComponent(OutputLocation.journalName).path))
            #expect(!FileManager.default.fileExists(atPath: staging.path))
        }
    }

    @Test func fingerprintsTellDifferentBytesApart() throws {
        let a = try Fingerprint(of: .text("<p>a</p>"))
        #expect(a == (try Fingerprint(of: .text("<p>a</p>"))))
        #expect(a != (try Fingerprint(of: .text("<p>b</p>"))))
        #expect(a != (try Fingerprint(of: .text("<p>a</p> "))))
        // Same length, one bit apart, past the first eight bytes.
        #expect(try Fingerprint(of: .text("0123456789a")) != (try Fingerprint(of: .text("0123456789c"))))
    }
}
