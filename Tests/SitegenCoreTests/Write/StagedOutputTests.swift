import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenLoad
@testable import SitegenPlan
@testable import SitegenWrite

/// A build writes its pages as they are rendered, into a staging folder:
/// swapped in whole at the commit for a first build, or over an earlier
/// build's output, only the files that changed, moved in at the commit.
@Suite("Writing an output file by file")
struct StagedOutputTests {
    private func file(_ path: String, _ text: String) throws -> OutputFile {
        OutputFile(path: try #require(OutputPath(path)), contents: .text(text))
    }

    @Test func filesWrittenFromManyThreadsAppearOnlyAtTheCommit() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let texts = (0..<200).map { "<p>\($0)</p>" }
            let files =
                try texts.enumerated().map { try file("quotes/q\($0.offset).html", $0.element) }
                + [try file("index.html", "home")]
            let whole = try OutputWriter().begin(output, paths: files.map(\.path))
            _ = files.concurrentMap { whole.write($0) }
            #expect(!FileManager.default.fileExists(atPath: output.path), "nothing is in place before the commit")
            let (summary, manifest) = try whole.commit()
            #expect(summary.written == 201)
            #expect(summary.bytes == texts.reduce(0) { $0 + $1.utf8.count } + 4)
            #expect(manifest.entries.count == 201 && manifest.stamps.count == 201)
            #expect(
                try String(contentsOf: output.appendingPathComponent("quotes/q7.html"), encoding: .utf8) == "<p>7</p>")
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["public"], "no staging left")
            // The manifest written is the one handed back: a rebuild can trust it.
            let onDisk = try #require(
                OutputManifest(contentsOf: output.appendingPathComponent(OutputLocation.manifestName)))
            #expect(onDisk.entries == manifest.entries)
        }
    }

    @Test func aFileThatCannotBeWrittenFailsTheCommitAndLeavesThePreviousOutput() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            try "kept".write(to: output.appendingPathComponent(".gitkeep"), atomically: true, encoding: .utf8)
            let good = try file("a.html", "a")
            let whole = try OutputWriter().begin(output, paths: [good.path])
            whole.write(good)
            // Its folder was never planned, so the staging folder has none.
            whole.write(try file("unplanned/b.html", "b"))
            #expect(throws: OutputWriter.Failure.self) { try whole.commit() }
            #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == [".gitkeep"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["public"], "staging removed")
        }
    }

    /// Over an earlier build's output, a file with the same bytes is not
    /// written again (its inode and time stay), a changed one is, one the
    /// build no longer makes goes, and none of it shows before the commit.
    /// A file changed by hand since is written again though its bytes
    /// are the same as planned.
    @Test func anOutputAnEarlierBuildMadeIsUpdatedNotWrittenWhole() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let first =
                try (0..<100).map { try file("quotes/q\($0).html", "<p>\($0)</p>") } + [try file("gone.html", "x")]
            try OutputWriter().write(first, to: output)
            func stamp(_ path: String) throws -> OutputStamp {
                try #require(OutputStamp.of(output.appendingPathComponent(path).path)).stamp
            }
            let before = try (0..<100).map { try stamp("quotes/q\($0).html") }
            try "edited".write(to: output.appendingPathComponent("quotes/q5.html"), atomically: false, encoding: .utf8)
            let edited = try stamp("quotes/q5.html")
            let folderBefore = try folderNumber(output)

            var second = first.dropLast().map { $0 }
            second[3] = try file("quotes/q3.html", "<p>three</p>")
            second.append(try file("new/n.html", "n"))
            let staged = try OutputWriter().begin(output, paths: second.map(\.path))
            _ = second.concurrentMap { staged.write($0) }
            #expect(
                try String(contentsOf: output.appendingPathComponent("quotes/q3.html"), encoding: .utf8) == "<p>3</p>",
                "nothing changes before the commit")
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("gone.html").path))
            let (summary, manifest) = try staged.commit()
            #expect(summary.written == 3 && summary.unchanged == 98 && summary.removed == 1)
            #expect(summary.bytes == "<p>three</p>".utf8.count + "<p>5</p>".utf8.count + 1)
            for index in 0..<100 where ![3, 5].contains(index) {
                #expect(try stamp("quotes/q\(index).html") == before[index], "q\(index) was written again")
            }
            #expect(try stamp("quotes/q5.html") != edited)
            #expect(
                try String(contentsOf: output.appendingPathComponent("quotes/q3.html"), encoding: .utf8)
                    == "<p>three</p>")
            #expect(
                try String(contentsOf: output.appendingPathComponent("quotes/q5.html"), encoding: .utf8) == "<p>5</p>")
            #expect(try String(contentsOf: output.appendingPathComponent("new/n.html"), encoding: .utf8) == "n")
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("gone.html").path))
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["public"], "no staging left")
            let onDisk = try #require(
                OutputManifest(contentsOf: output.appendingPathComponent(OutputLocation.manifestName)))
            #expect(onDisk.entries == manifest.entries && manifest.entries.count == 101)
            #expect(onDisk.stamps == manifest.stamps)
            #expect(OutputWriter.filesChangedByHand(in: output, manifest: onDisk).isEmpty)
            #expect(try folderNumber(output) == folderBefore, "moved in file by file, not swapped in whole")
        }
    }

    /// The folder's inode: a folder swapped in whole is another one.
    private func folderNumber(_ url: URL) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int)
    }

    /// Most files changed (a template edited): the unchanged ones are
    /// linked into the staging folder, which is swapped in whole. They are
    /// the same files as before (inode and time), files no longer made are
    /// gone, a placeholder and files put there by hand stay, and the
    /// manifest describes what is there.
    @Test func anOutputWhereMostFilesChangedIsSwappedInWithTheRestLinked() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let first =
                try (0..<20).map { try file("quotes/q\($0).html", "<p>\($0)</p>") } + [try file("gone.html", "x")]
            try OutputWriter().write(first, to: output)
            try "kept".write(to: output.appendingPathComponent(".gitkeep"), atomically: true, encoding: .utf8)
            // Files no build made, put there by hand: kept, as the journal keeps them.
            try TestContent.write(["CNAME": "example.org\n", "extra/notes.txt": "mine"], into: output)
            func stamp(_ path: String) throws -> OutputStamp {
                try #require(OutputStamp.of(output.appendingPathComponent(path).path)).stamp
            }
            let before = try (0..<20).map { try stamp("quotes/q\($0).html") }
            let handMade = try stamp("extra/notes.txt")
            let folderBefore = try folderNumber(output)
            let second = try (0..<20).map { try file("quotes/q\($0).html", $0 < 5 ? "<p>\($0)</p>" : "<b>\($0)</b>") }
            let staged = try OutputWriter().begin(output, paths: second.map(\.path))
            _ = second.concurrentMap { staged.write($0) }
            let (summary, manifest) = try staged.commit()
            // The old output goes on another thread, waited for here.
            let removal = try #require(staged.oldOutputRemoval)
            removal.take()
            #expect(summary.written == 15 && summary.unchanged == 5 && summary.removed == 1)
            for index in 0..<5 {
                #expect(try stamp("quotes/q\(index).html") == before[index], "q\(index) is not the same file")
            }
            #expect(
                try String(contentsOf: output.appendingPathComponent("quotes/q9.html"), encoding: .utf8) == "<b>9</b>")
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("gone.html").path))
            #expect(try String(contentsOf: output.appendingPathComponent(".gitkeep"), encoding: .utf8) == "kept")
            #expect(try String(contentsOf: output.appendingPathComponent("CNAME"), encoding: .utf8) == "example.org\n")
            #expect(try stamp("extra/notes.txt") == handMade)
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["public"], "no staging left")
            let onDisk = try #require(
                OutputManifest(contentsOf: output.appendingPathComponent(OutputLocation.manifestName)))
            #expect(onDisk.entries == manifest.entries && onDisk.stamps == manifest.stamps)
            #expect(manifest.entries.count == 20)
            #expect(OutputWriter.filesChangedByHand(in: output, manifest: onDisk).isEmpty)
            #expect(try folderNumber(output) != folderBefore, "swapped in whole, not moved in file by file")
        }
    }

    /// Nothing changed: nothing is written, nothing is left beside the output.
    @Test func anOutputWithNothingChangedIsLeftAlone() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let files = try (0..<10).map { try file("p\($0).html", "\($0)") }
            try OutputWriter().write(files, to: output)
            let manifestStamp = OutputStamp.of(output.appendingPathComponent(OutputLocation.manifestName).path)?.stamp
            let staged = try OutputWriter().begin(output, paths: files.map(\.path))
            _ = files.concurrentMap { staged.write($0) }
            let (summary, _) = try staged.commit()
            #expect(summary == OutputWriter.Summary(written: 0, unchanged: 10, removed: 0, bytes: 0))
            #expect(
                OutputStamp.of(output.appendingPathComponent(OutputLocation.manifestName).path)?.stamp == manifestStamp)
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["public"])
        }
    }
}
