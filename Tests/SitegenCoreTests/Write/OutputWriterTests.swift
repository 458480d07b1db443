import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenPlan
@testable import SitegenWrite

@Suite("Output writer")
struct OutputWriterTests {
    private func file(_ path: String, _ text: String) throws -> OutputFile {
        OutputFile(path: try #require(OutputPath(path)), contents: .text(text))
    }

    private func text(_ folder: URL, _ path: String) -> String? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(path).path).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    private func exists(_ folder: URL, _ path: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path)
    }

    /// Names in `parent` other than `keep`: staging or retired folders left behind.
    private func leftovers(in parent: URL, keeping keep: Set<String>) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []).filter { !keep.contains($0) }
            .sorted()
    }

    @Test func writesFilesAndTheMarker() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let bytes = try OutputWriter().write(
                [try file("index.html", "<p>home</p>"), try file("actors/a.html", "<p>a</p>")], to: output)
            #expect(text(output, "index.html") == "<p>home</p>")
            #expect(text(output, "actors/a.html") == "<p>a</p>")
            #expect(exists(output, OutputLocation.manifestName))
            #expect(bytes.bytes == "<p>home</p>".utf8.count + "<p>a</p>".utf8.count)
            #expect(bytes.written == 2)
            #expect(leftovers(in: root, keeping: ["public"]).isEmpty)
        }
    }

    @Test func copiesFiles() throws {
        try TestContent.withTemporaryDirectory { root in
            let source = root.appendingPathComponent("style.css")
            try Data("body{}".utf8).write(to: source)
            let output = root.appendingPathComponent("out")
            try OutputWriter().write(
                [OutputFile(path: try #require(OutputPath("static/style.css")), contents: .copy(source))], to: output)
            #expect(text(output, "static/style.css") == "body{}")
        }
    }

    @Test func refusesANonEmptyFolderWithoutTheMarkerAndLeavesItUntouched() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("precious")
            try TestContent.write(["notes.txt": "keep me", "sub/deep.txt": "me too"], into: output)
            let before = TestContent.snapshot(output)
            #expect(before.count == 2)
            #expect(throws: OutputWriter.Failure.self) {
                try OutputWriter().write([try file("index.html", "x")], to: output)
            }
            do {
                try OutputWriter().write([try file("index.html", "x")], to: output)
            } catch let failure as OutputWriter.Failure {
                guard case .notSitegenOutput = failure else {
                    Issue.record("unexpected failure: \(failure)")
                    return
                }
                #expect(failure.description.contains(OutputLocation.manifestName))
            }
            #expect(TestContent.snapshot(output) == before)
            #expect(leftovers(in: root, keeping: ["precious"]).isEmpty)
        }
    }

    @Test func refusesAFileInPlaceOfTheFolder() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            try Data("a file".utf8).write(to: output)
            #expect(throws: OutputWriter.Failure.self) {
                try OutputWriter().write([try file("index.html", "x")], to: output)
            }
            #expect(text(root, "public") == "a file")
        }
    }

    @Test func acceptsAnEmptyFolderAndOneHoldingOnlyGitkeep() throws {
        try TestContent.withTemporaryDirectory { root in
            let empty = root.appendingPathComponent("empty")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            try OutputWriter().write([try file("index.html", "x")], to: empty)
            #expect(text(empty, "index.html") == "x")

            let kept = root.appendingPathComponent("kept")
            try TestContent.write([".gitkeep": "placeholder\n"], into: kept)
            try OutputWriter().write([try file("index.html", "y")], to: kept)
            #expect(text(kept, "index.html") == "y")
            #expect(text(kept, ".gitkeep") == "placeholder\n")
        }
    }

    @Test func replacesItsOwnPreviousOutput() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            try OutputWriter().write(
                [try file("index.html", "v1"), try file("actors/old.html", "old"), try file("gone/x.html", "x")],
                to: output)
            try OutputWriter().write([try file("index.html", "v2"), try file("actors/new.html", "new")], to: output)
            #expect(text(output, "index.html") == "v2")
            #expect(text(output, "actors/new.html") == "new")
            #expect(!exists(output, "actors/old.html"))
            #expect(!exists(output, "gone"))
            #expect(exists(output, OutputLocation.manifestName))
            #expect(
                Set(TestContent.snapshot(output).keys) == [
                    "index.html", "actors/new.html", OutputLocation.manifestName,
                ])
            #expect(leftovers(in: root, keeping: ["public"]).isEmpty)
        }
    }

    @Test func gitkeepIsPreservedAcrossBuilds() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            try TestContent.write([".gitkeep": ""], into: output)
            try OutputWriter().write([try file("index.html", "v1")], to: output)
            try OutputWriter().write([try file("index.html", "v2")], to: output)
            #expect(exists(output, ".gitkeep"))
            #expect(text(output, "index.html") == "v2")
        }
    }

    @Test func failedCopyLeavesThePreviousOutputExactlyAsItWas() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            try TestContent.write([".gitkeep": "keep\n"], into: output)
            try OutputWriter().write([try file("index.html", "v1"), try file("actors/a.html", "a1")], to: output)
            let before = TestContent.snapshot(output)
            #expect(Set(before.keys) == [".gitkeep", "index.html", "actors/a.html", OutputLocation.manifestName])
            let missing = root.appendingPathComponent("does-not-exist.css")
            #expect(throws: OutputWriter.Failure.self) {
                try OutputWriter().write(
                    [
                        try file("index.html", "v2"), try file("actors/b.html", "b2"),
                        OutputFile(path: try #require(OutputPath("static/style.css")), contents: .copy(missing)),
                    ], to: output)
            }
            #expect(TestContent.snapshot(output) == before)
            #expect(text(output, "index.html") == "v1")
            #expect(text(output, "actors/a.html") == "a1")
            #expect(!exists(output, "actors/b.html"))
            #expect(leftovers(in: root, keeping: ["public"]).isEmpty)
        }
    }

    @Test func fileWhoseParentIsAFileFailsAndLeavesThePreviousOutput() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            try OutputWriter().write([try file("index.html", "v1")], to: output)
            let before = TestContent.snapshot(output)
            #expect(Set(before.keys) == ["index.html", OutputLocation.manifestName])
            // `a.html` is both a file and the folder of `a.html/b.html`.
            #expect(throws: OutputWriter.Failure.self) {
                try OutputWriter().write(
                    [try file("index.html", "v2"), try file("a.html", "file"), try file("a.html/b.html", "child")],
                    to: output)
            }
            #expect(TestContent.snapshot(output) == before)
            #expect(text(output, "index.html") == "v1")
            #expect(leftovers(in: root, keeping: ["public"]).isEmpty)
        }
    }

    @Test func checkReplaceableAllowsMissingFolders() throws {
        try TestContent.withTemporaryDirectory { root in
            try OutputWriter().checkReplaceable(root.appendingPathComponent("nope"))
        }
    }
}
