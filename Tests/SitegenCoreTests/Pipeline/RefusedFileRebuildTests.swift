import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenCore
@testable import SitegenLoad
@testable import SitegenParse

/// A rebuild takes a changed article by the clean build's rules
/// (`ContentFiles`), whichever way it starts: in memory as `serve` runs it,
/// or from the state the last `sitegen build` saved.
@Suite("Rebuilds refuse what a clean build refuses")
struct RefusedFileRebuildTests {
    private static let outside = TestContent.article(
        title: "OUTSIDE-TITLE", body: "OUTSIDE-BODY said [[Pete Hegseth]] on Thursday.\n")
    private static let refusal = "symbolic link points outside the content folder"

    /// The seed site in `root/Content`, built once, and an article outside it.
    private func withBuiltSite(_ body: (SiteBuilder.Options, URL) throws -> Void) throws {
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            try TestContent.copyFolder(TestContent.seedContent, to: content)
            try TestContent.write(["outside/secret.md": Self.outside], into: root)
            let options = SiteBuilder.Options(
                content: content, templates: TestContent.seedTemplates, output: root.appendingPathComponent("public"))
            _ = try BuildSession(options: options).buildReusingSavedState().get()
            try body(options, root.appendingPathComponent("outside/secret.md"))
        }
    }

    private func linkLeak(in options: SiteBuilder.Options, to target: URL) throws {
        try FileManager.default.createSymbolicLink(
            at: options.content.appendingPathComponent("articles/leak.md"), withDestinationURL: target)
    }

    private func errors(_ result: Result<SiteBuilder.Report, BuildFailure>) -> [Diagnostic] {
        guard case .failure(let failure) = result else { return [] }
        return failure.diagnostics.errors
    }

    private func expectNothingPublished(_ options: SiteBuilder.Options) {
        let leaked = TestContent.snapshot(options.output).filter {
            String(decoding: $0.value, as: UTF8.self).contains("OUTSIDE-")
        }
        #expect(leaked.isEmpty, "published from outside: \(leaked.keys.sorted())")
    }

    @Test func aLinkOutAddedAfterAFirstBuildIsRefusedFromTheSavedStateAsOnACleanBuild() throws {
        try withBuiltSite { options, secret in
            try linkLeak(in: options, to: secret)
            let clean = errors(BuildSession(options: options).buildReusingSavedState(clean: true).map(\.report))
            #expect(clean.map(\.message) == [Self.refusal])
            #expect(clean.first?.location?.file == "articles/leak.md")

            let fromSavedState = errors(BuildSession(options: options).buildReusingSavedState().map(\.report))
            #expect(fromSavedState == clean)
            expectNothingPublished(options)

            // Gone again: the saved state builds what a clean build makes.
            try FileManager.default.removeItem(at: options.content.appendingPathComponent("articles/leak.md"))
            _ = try BuildSession(options: options).buildReusingSavedState().get()
            try TestContent.expectMatchesCleanBuild(content: options.content, output: options.output, "link removed")
        }
    }

    @Test func aLinkOutAddedWhileServingIsRefusedAsOnACleanBuild() throws {
        try withBuiltSite { options, secret in
            let session = BuildSession(options: options)
            _ = try session.build().get()
            try linkLeak(in: options, to: secret)
            let rebuilt = errors(session.rebuild(changed: ["articles/leak.md"]))
            let clean = errors(BuildSession(options: options).build())
            #expect(rebuilt == clean)
            #expect(rebuilt.map(\.message) == [Self.refusal])
            expectNothingPublished(options)
        }
    }

    @Test func aRefusedArticleIsReadByTheLoadersRules() throws {
        try withBuiltSite { options, secret in
            try linkLeak(in: options, to: secret)
            let files = ContentFiles(folder: options.content)
            let change = ArticleChange.load(
                "articles/leak.md", from: files, includeDrafts: false, parser: AnnotationParser())
            #expect(change.article == nil && change.parsed == nil)
            let loaded = ContentLoader().load(from: options.content).diagnostics
            #expect(change.diagnostics == loaded.filter { $0.location?.file == "articles/leak.md" })
            #expect(change.diagnostics.map(\.message) == [Self.refusal])
        }
    }
}
