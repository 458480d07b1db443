import Foundation
import SitegenTestSupport
import Testing
import ZIPFoundation

@testable import SitegenCore
@testable import SitegenPlan
@testable import SitegenWrite

@Suite("Offline archive")
struct SiteArchiveTests {
    @Test func holdsEverySiteFileUnderOneFolderByteForByte() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let builder = SiteBuilder(
                options: .init(content: TestContent.seedContent, templates: TestContent.seedTemplates, output: output))
            guard case .success = builder.build() else { throw TestContent.Failure("seed build failed") }
            let zipURL = root.appendingPathComponent("explainer.zip")
            try SiteArchive.write(output, to: zipURL)

            let site = TestContent.snapshot(output).filter { $0.key != OutputLocation.manifestName }
            let archive = try Archive(url: zipURL, accessMode: .read)
            var unpacked: [String: Data] = [:]
            for entry in archive where entry.type == .file {
                var data = Data()
                _ = try archive.extract(entry) { data.append($0) }
                unpacked[entry.path] = data
            }
            #expect(unpacked.count == site.count)
            for (path, bytes) in site { #expect(unpacked["explainer/\(path)"] == bytes, "\(path)") }
            #expect(unpacked["explainer/index.html"] != nil)
            // Nothing is left beside it.
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: root.path)) == ["public", "explainer.zip"])
        }
    }

    @Test func refusesToWriteInsideTheOutput() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            #expect(throws: SiteArchive.Failure.self) {
                try SiteArchive.write(output, to: output.appendingPathComponent("site.zip"))
            }
        }
    }
}
