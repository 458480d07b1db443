import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore

/// Two builds of the same input are byte-identical, whatever order the
/// parallel stages finish in: deploys and caches can trust file hashes.
@Suite("Reproducible output")
struct ReproducibleBuildTests {
    @Test func twoCleanBuildsOfTheSeedAreByteIdentical() throws {
        try TestContent.withTemporaryDirectory { root in
            var snapshots: [[String: Data]] = []
            for name in ["first", "second"] {
                let output = root.appendingPathComponent(name)
                let builder = SiteBuilder(
                    options: .init(
                        content: TestContent.seedContent, templates: TestContent.seedTemplates, output: output))
                guard case .success = builder.build() else {
                    Issue.record("the seed site does not build")
                    return
                }
                snapshots.append(TestContent.siteSnapshot(output))
            }
            #expect(snapshots[0].count > 40)
            #expect(snapshots[0] == snapshots[1])
        }
    }

    /// A second build into the same folder (the changed-files path) leaves
    /// exactly what a clean build into a new folder makes.
    @Test func rebuildingInPlaceMatchesACleanBuild() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            try FileManager.default.copyItem(at: TestContent.seedContent, to: content)
            let inPlace = root.appendingPathComponent("public")
            func build(_ output: URL) throws {
                let builder = SiteBuilder(
                    options: .init(content: content, templates: TestContent.seedTemplates, output: output))
                guard case .success = builder.build() else { throw TestContent.Failure("build failed") }
            }
            try build(inPlace)
            // Edit the article: a quote's words change (so its id and page
            // change), and a new mention appears.
            let article = try #require(
                try FileManager.default.contentsOfDirectory(atPath: content.appendingPathComponent("articles").path)
                    .first)
            let articleURL = content.appendingPathComponent("articles/\(article)")
            var text = try String(contentsOf: articleURL, encoding: .utf8)
            text = text.replacingOccurrences(of: "“unrealistic”", with: "“quite unrealistic”")
            text += "\nA closing line about [[Poland]].\n"
            try text.write(to: articleURL, atomically: true, encoding: .utf8)
            try build(inPlace)
            let clean = root.appendingPathComponent("clean")
            try build(clean)
            let rebuilt = TestContent.siteSnapshot(inPlace)
            #expect(rebuilt == TestContent.siteSnapshot(clean))
            #expect(rebuilt.keys.contains("quotes/pete-hegseth-quite-unrealistic.html"))
            #expect(!rebuilt.keys.contains("quotes/pete-hegseth-unrealistic.html"))
        }
    }
}
