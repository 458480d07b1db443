import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenServe

/// One save is one rebuild, made once the file is complete, whatever steps
/// the editor takes. Times are passed in: nothing here waits on a clock.
@Suite("serve: debouncing file events")
struct DebouncerTests {
    private let none: (Debouncer.Root, String) -> Bool = { _, _ in false }
    private let all: (Debouncer.Root, String) -> Bool = { _, _ in true }

    @Test func nothingPendingMeansNoDeadline() {
        var debouncer = Debouncer(quietPeriod: 0.05, writeHold: 1)
        #expect(debouncer.deadline == nil)
        #expect(debouncer.take(at: 100, exists: all) == nil)
    }

    @Test func waitsForTheBurstToEnd() {
        // Times in eighths of a second, exact in binary.
        var debouncer = Debouncer(quietPeriod: 0.25, writeHold: 4)
        debouncer.record(.closedAfterWriting, .content, "articles/a.md", at: 10)
        debouncer.record(.closedAfterWriting, .content, "articles/b.md", at: 10.125)
        #expect(debouncer.take(at: 10.25, exists: all) == nil)
        debouncer.record(.closedAfterWriting, .content, "articles/a.md", at: 10.25)
        #expect(debouncer.deadline == 10.5)
        #expect(debouncer.take(at: 10.375, exists: all) == nil)
        #expect(debouncer.take(at: 10.5, exists: all) == ChangeSet(contentPaths: ["articles/a.md", "articles/b.md"]))
        #expect(debouncer.take(at: 20, exists: all) == nil, "taken changes are forgotten")
    }

    /// Truncate, then write: the file is empty or half-written until its writer closes it.
    @Test func aFileStillOpenForWritingHoldsTheRebuild() {
        var debouncer = Debouncer(quietPeriod: 0.05, writeHold: 1)
        debouncer.record(.modified, .content, "articles/a.md", at: 0)  // truncated
        #expect(debouncer.take(at: 0.2, exists: all) == nil)
        debouncer.record(.modified, .content, "articles/a.md", at: 0.3)  // first half written
        #expect(debouncer.take(at: 0.6, exists: all) == nil)
        debouncer.record(.closedAfterWriting, .content, "articles/a.md", at: 0.7)
        #expect(debouncer.take(at: 0.75, exists: all) == ChangeSet(contentPaths: ["articles/a.md"]))
    }

    /// A writer that never closes (a memory-mapped file) delays the rebuild, but not forever.
    @Test func theHoldIsBounded() {
        var debouncer = Debouncer(quietPeriod: 0.05, writeHold: 1)
        debouncer.record(.modified, .content, "articles/a.md", at: 0)
        #expect(debouncer.deadline == 1)
        #expect(debouncer.take(at: 0.99, exists: all) == nil)
        #expect(debouncer.take(at: 1.0, exists: all) == ChangeSet(contentPaths: ["articles/a.md"]))
    }

    /// Write a temporary file, rename it over the article: the rebuild gets the article only.
    @Test func aTemporaryFileRenamedOverTheRealOneIsLeftOut() {
        var debouncer = Debouncer(quietPeriod: 0.05, writeHold: 1)
        debouncer.record(.appeared, .content, "articles/sedX1b2c3", at: 0)
        debouncer.record(.modified, .content, "articles/sedX1b2c3", at: 0.001)
        debouncer.record(.closedAfterWriting, .content, "articles/sedX1b2c3", at: 0.002)
        debouncer.record(.disappeared, .content, "articles/sedX1b2c3", at: 0.003)
        debouncer.record(.appeared, .content, "articles/a.md", at: 0.003)
        let exists: (Debouncer.Root, String) -> Bool = { $1 == "articles/a.md" }
        #expect(debouncer.take(at: 0.1, exists: exists) == ChangeSet(contentPaths: ["articles/a.md"]))
    }

    /// Files that were there before and are gone now are changes (a deleted article).
    @Test func deletionsAreKept() {
        var debouncer = Debouncer(quietPeriod: 0.05, writeHold: 1)
        debouncer.record(.disappeared, .content, "articles/old.md", at: 0)
        debouncer.record(.modified, .content, "articles/gone-too.md", at: 0)
        debouncer.record(.disappeared, .content, "articles/gone-too.md", at: 0.01)
        #expect(
            debouncer.take(at: 0.1, exists: none)
                == ChangeSet(contentPaths: ["articles/old.md", "articles/gone-too.md"]))
    }

    @Test func aBurstOfOnlyTemporaryFilesRebuildsNothing() {
        var debouncer = Debouncer(quietPeriod: 0.05, writeHold: 1)
        debouncer.record(.appeared, .content, "articles/4913x", at: 0)
        debouncer.record(.disappeared, .content, "articles/4913x", at: 0.001)
        #expect(debouncer.take(at: 0.1, exists: none) == nil)
        #expect(debouncer.deadline == nil)
    }

    @Test func templatesAndLostEventsAskForAFullBuild() {
        var debouncer = Debouncer(quietPeriod: 0.05, writeHold: 1)
        debouncer.record(.closedAfterWriting, .templates, "layout.mustache", at: 0)
        debouncer.record(.closedAfterWriting, .content, "articles/a.md", at: 0)
        let changes = debouncer.take(at: 0.1, exists: all)
        #expect(changes == ChangeSet(contentPaths: ["articles/a.md"], templates: true))
        #expect(changes?.needsFullBuild == true)
        debouncer.record(.lostTrack, .content, "", at: 1)
        #expect(debouncer.take(at: 1.1, exists: all) == ChangeSet(full: true))
    }

    @Test func editorScratchFilesAreRecognised() {
        for name in [
            ".hegseth.md.swp", ".hegseth.md.swx", "hegseth.md~", "#hegseth.md#", ".#hegseth.md", "4913",
            "hegseth.md.tmp", "hegseth.md___jb_tmp___", ".goutputstream-ABC123", ".public.sitegen-staging-42",
        ] {
            #expect(FileWatcher.isEditorScratch(name), "\(name)")
        }
        for name in ["hegseth.md", "site.yml", "layout.mustache", "photo.jpg", "articles", "notes-2025.md"] {
            #expect(!FileWatcher.isEditorScratch(name), "\(name)")
        }
    }
}

#if os(Linux)
    /// The watcher on real folders, through inotify.
    @Suite("serve: watching folders", .serialized)
    struct FileWatcherTests {
        /// Collects what the watcher reports; `next` waits (generously) for one report.
        final class Reports: @unchecked Sendable {
            private let lock = NSLock()
            private var changes: [ChangeSet] = []
            private let arrived = DispatchSemaphore(value: 0)
            let started = DispatchSemaphore(value: 0)

            func add(_ change: ChangeSet) {
                lock.withLock { changes.append(change) }
                arrived.signal()
            }

            func next() throws -> ChangeSet {
                guard arrived.wait(timeout: .now() + 30) == .success else {
                    throw TestContent.Failure("no change reported in 30 s")
                }
                return lock.withLock { changes.removeFirst() }
            }
        }

        /// The next report, which must be `expected` (shown when it is not).
        private func expectNext(
            _ reports: Reports, _ expected: ChangeSet, sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            let change = try reports.next()
            #expect(change == expected, "got \(change)", sourceLocation: sourceLocation)
        }

        private func withWatcher(_ body: (URL, URL, Reports) throws -> Void) throws {
            try TestContent.withTemporaryDirectory { root in
                let content = root.appendingPathComponent("Content")
                let templates = root.appendingPathComponent("Templates")
                for folder in ["Content/articles", "Templates"] {
                    try FileManager.default.createDirectory(
                        at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
                }
                try Data("---\ntitle: A\n---\nOld.\n".utf8).write(to: content.appendingPathComponent("articles/a.md"))
                let watcher = FileWatcher(
                    content: content, templates: templates,
                    excluding: [content.appendingPathComponent("public")], quietPeriod: 0.05, writeHold: 1)
                let reports = Reports()
                try watcher.start(first: { reports.started.signal() }, onChange: { reports.add($0) })
                defer { watcher.stop() }
                _ = reports.started.wait(timeout: .now() + 30)
                try body(content, templates, reports)
            }
        }

        @Test func aSaveThroughATemporaryFileIsOneChangeOfTheRealFile() throws {
            try withWatcher { content, _, reports in
                let temporary = content.appendingPathComponent("articles/sedQ8x2Lm")  // sed -i's name
                try Data("---\ntitle: A\n---\nNew.\n".utf8).write(to: temporary)
                #expect(rename(temporary.path, content.appendingPathComponent("articles/a.md").path) == 0)
                try expectNext(reports, ChangeSet(contentPaths: ["articles/a.md"]))
            }
        }

        @Test func truncateThenWriteInPlace() throws {
            try withWatcher { content, _, reports in
                let handle = try FileHandle(forWritingTo: content.appendingPathComponent("articles/a.md"))
                try handle.truncate(atOffset: 0)
                try handle.write(contentsOf: Data("---\ntitle: A\n".utf8))
                try handle.synchronize()
                try handle.write(contentsOf: Data("---\nNewer.\n".utf8))
                try handle.close()
                try expectNext(reports, ChangeSet(contentPaths: ["articles/a.md"]))
                let text = try String(contentsOf: content.appendingPathComponent("articles/a.md"), encoding: .utf8)
                #expect(text.hasSuffix("Newer.\n"))
            }
        }

        @Test func newFoldersAreWatchedAndScratchFilesIgnored() throws {
            try withWatcher { content, templates, reports in
                try Data("swap".utf8).write(to: content.appendingPathComponent("articles/.a.md.swp"))
                let assets = content.appendingPathComponent("assets")
                try FileManager.default.createDirectory(at: assets, withIntermediateDirectories: true)
                try expectNext(reports, ChangeSet(contentPaths: ["assets"]))
                // The new folder is watched: a folder made in it is seen, and watched too.
                let folder = assets.appendingPathComponent("img")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try expectNext(reports, ChangeSet(contentPaths: ["assets/img"]))
                try Data("png".utf8).write(to: folder.appendingPathComponent("a.png"))
                try expectNext(reports, ChangeSet(contentPaths: ["assets/img/a.png"]))
                try Data("{{x}}".utf8).write(to: templates.appendingPathComponent("layout.mustache"))
                try expectNext(reports, ChangeSet(templates: true))
            }
        }

        @Test func theOutputFolderIsNotWatched() throws {
            try withWatcher { content, _, reports in
                let output = content.appendingPathComponent("public")
                try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
                try Data("x".utf8).write(to: output.appendingPathComponent("index.html"))
                try Data("---\ntitle: B\n---\n".utf8).write(to: content.appendingPathComponent("articles/b.md"))
                try expectNext(reports, ChangeSet(contentPaths: ["articles/b.md"]))
            }
        }
    }
#endif
