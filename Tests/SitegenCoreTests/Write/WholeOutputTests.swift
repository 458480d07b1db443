import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenLoad
@testable import SitegenPlan
@testable import SitegenWrite

/// A first build writes its pages as they are rendered, into a staging
/// folder swapped in only at the commit.
@Suite("Writing a whole output file by file")
struct WholeOutputTests {
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
            let whole = try #require(try OutputWriter().beginWhole(output, paths: files.map(\.path)))
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
            let whole = try #require(try OutputWriter().beginWhole(output, paths: [good.path]))
            whole.write(good)
            // Its folder was never planned, so the staging folder has none.
            whole.write(try file("unplanned/b.html", "b"))
            #expect(throws: OutputWriter.Failure.self) { try whole.commit() }
            #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == [".gitkeep"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["public"], "staging removed")
        }
    }

    @Test func anOutputAnEarlierBuildMadeIsUpdatedNotWrittenWhole() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            try OutputWriter().write([try file("a.html", "a")], to: output)
            #expect(try OutputWriter().beginWhole(output, paths: []) == nil)
        }
    }
}
