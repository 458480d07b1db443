import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenPlan
@testable import SitegenWrite

/// What the writer does when the output is not as the manifest says.
@Suite("Output writer: recovery")
struct OutputRecoveryTests {
    private func page(_ path: String, _ text: String) -> OutputFile {
        OutputFile(path: OutputPath(path)!, contents: .text(text))
    }

    @Test func aFileDeletedOrEditedByHandIsWrittenAgain() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let files = [page("index.html", "home"), page("actors.html", "actors")]
            try OutputWriter().write(files, to: output)
            try FileManager.default.removeItem(at: output.appendingPathComponent("index.html"))
            try Data("x".utf8).write(to: output.appendingPathComponent("actors.html"))
            let summary = try OutputWriter().write(files, to: output)
            #expect(summary.written == 2)
            #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "home")
            #expect(try String(contentsOf: output.appendingPathComponent("actors.html"), encoding: .utf8) == "actors")
        }
    }

    /// A file that becomes a folder of the same name (assets/a → assets/a/b.png).
    @Test func aFileCanGiveWayToAFolderAndBack() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            try OutputWriter().write([page("index.html", "home"), page("assets/a", "file")], to: output)
            try OutputWriter().write([page("index.html", "home"), page("assets/a/b.png", "png")], to: output)
            #expect(try String(contentsOf: output.appendingPathComponent("assets/a/b.png"), encoding: .utf8) == "png")
            try OutputWriter().write([page("index.html", "home"), page("assets/a", "file again")], to: output)
            #expect(try String(contentsOf: output.appendingPathComponent("assets/a"), encoding: .utf8) == "file again")
        }
    }

    /// A journal that cannot be completed is dropped and the folder written
    /// afresh, instead of failing every later build.
    @Test func aJournalThatCannotBeCompletedDoesNotBlockLaterBuilds() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            try OutputWriter().write([page("index.html", "home")], to: output)
            let staging = root.appendingPathComponent(".public.sitegen-staging-42")
            try FileManager.default.createDirectory(
                at: staging.appendingPathComponent("index.html"), withIntermediateDirectories: true)
            // A staged *folder* at a file's place: the move into index.html fails.
            try FileManager.default.createDirectory(
                at: output.appendingPathComponent("index.html.d"), withIntermediateDirectories: true)
            try Data("staging .public.sitegen-staging-42\nwrite index.html\n".utf8)
                .write(to: output.appendingPathComponent(OutputLocation.journalName))
            try FileManager.default.removeItem(at: output.appendingPathComponent("index.html"))
            try FileManager.default.createDirectory(
                at: output.appendingPathComponent("index.html/inner"), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: output.appendingPathComponent("index.html/inner/file"))
            let summary = try OutputWriter().write([page("index.html", "home")], to: output)
            #expect(summary.written == 1)
            #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "home")
            #expect(
                !FileManager.default.fileExists(atPath: output.appendingPathComponent(OutputLocation.journalName).path))
        }
    }

    /// A journal with a line that does not read is not carried out in
    /// part (its staged page stays out); it goes, with its staging folder.
    @Test func aDamagedJournalIsRefusedWhole() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let files = [page("index.html", "home"), page("a.html", "a")]
            try OutputWriter().write(files, to: output)
            let staging = root.appendingPathComponent(".public.sitegen-staging-42")
            let journal = output.appendingPathComponent(OutputLocation.journalName)
            func damage() throws {
                try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
                try Data("staged".utf8).write(to: staging.appendingPathComponent("index.html"))
                try Data("staging .public.sitegen-staging-42\nwrite index.html\nremove ../a.html\n".utf8)
                    .write(to: journal)
            }
            try damage()
            #expect(throws: CommitJournal.Damage.unreadableLine(3)) {
                try OutputWriter().writeChanges([page("a.html", "a")], removing: [], to: output)
            }
            #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "home")
            #expect(!FileManager.default.fileExists(atPath: journal.path))
            #expect(!FileManager.default.fileExists(atPath: staging.path))
            // A full write meets the same journal by writing the whole folder afresh.
            try damage()
            let summary = try OutputWriter().write(files, to: output)
            #expect(summary.written == 2)
            #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "home")
            #expect(!FileManager.default.fileExists(atPath: journal.path))
        }
    }

    /// A staging folder left by a build that was killed before its commit is
    /// swept by the next build; one a pending journal needs is kept (see
    /// IncrementalWriteTests.anInterruptedCommitIsCompletedByTheNextBuild).
    @Test func staleStagingFoldersAreSwept() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            try OutputWriter().write([page("index.html", "home")], to: output)
            // A process id that is not running.
            let stale = root.appendingPathComponent(".public.sitegen-staging-3999999")
            try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
            try Data("half".utf8).write(to: stale.appendingPathComponent("index.html"))
            let unrelated = root.appendingPathComponent(".public.sitegen-staging-notapid")
            try FileManager.default.createDirectory(at: unrelated, withIntermediateDirectories: true)
            try OutputWriter().write([page("index.html", "home again")], to: output)
            #expect(!FileManager.default.fileExists(atPath: stale.path))
            #expect(FileManager.default.fileExists(atPath: unrelated.path), "only sitegen's own names are swept")
        }
    }

    /// `public -> www`: the files land in www, and the link stays a link.
    @Test func aSymlinkedOutputIsWrittenThrough() throws {
        try TestContent.withTemporaryDirectory { root in
            let target = root.appendingPathComponent("www")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            let link = root.appendingPathComponent("public")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
            try OutputWriter().write([page("index.html", "home")], to: link)
            try OutputWriter().write([page("index.html", "home, again")], to: link)
            #expect(
                try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
            #expect(
                try String(contentsOf: target.appendingPathComponent("index.html"), encoding: .utf8) == "home, again")
        }
    }

    /// One path per line in the manifest and journal: a newline in a name
    /// could inject a "remove" line, so such names are not output paths.
    @Test func pathsWithControlCharactersAreRefused() {
        #expect(OutputPath("assets/x\nremove index.html") == nil)
        #expect(OutputPath("assets/tab\there") == nil)
        #expect(OutputPath("assets/ok name.png") != nil)
    }
}

@Suite("Parallel map")
struct ConcurrentMapTests {
    final class Tracked: Sendable {}

    /// The results are released with the array, not leaked by the buffer
    /// the parallel map fills.
    @Test func resultsAreReleased() {
        weak var probe: Tracked?
        do {
            let objects = Array(0..<100).concurrentMap { _ in Tracked() }
            probe = objects[50]
            #expect(probe != nil)
        }
        #expect(probe == nil)
    }

    @Test func keepsOrder() {
        #expect(Array(0..<1000).concurrentMap { $0 * 2 } == Array(0..<1000).map { $0 * 2 })
    }
}
