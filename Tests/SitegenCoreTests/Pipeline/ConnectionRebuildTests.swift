import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore

/// Connection maps and backlink groups depend on more than an entity's own
/// mentions: edits that change only how strongly two entities are
/// connected, or only whose statement a sentence holds, must still leave
/// exactly what a clean build makes.
@Suite("Build session: connection maps and contexts")
struct ConnectionRebuildTests {
    private static let article = "articles/hegseth-peace-talks-not-a-betrayal.md"

    private struct Site {
        var root: URL
        var session: BuildSession
        var content: URL { root.appendingPathComponent("Content") }
        var output: URL { root.appendingPathComponent("public") }

        /// Changes the seed article and rebuilds; returns the files rendered.
        @discardableResult
        func edit(_ change: (String) -> String) throws -> Int {
            let url = content.appendingPathComponent(ConnectionRebuildTests.article)
            let text = try String(contentsOf: url, encoding: .utf8)
            let changed = change(text)
            #expect(changed != text, "the edit must change the article")
            try changed.write(to: url, atomically: true, encoding: .utf8)
            return try session.rebuild(changed: [ConnectionRebuildTests.article]).get().files
        }

        func expectMatchesCleanBuild(_ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        {
            try TestContent.expectMatchesCleanBuild(
                content: content, output: output, label, sourceLocation: sourceLocation)
        }
    }

    private func withSeed(_ body: (Site) throws -> Void) throws {
        try TestContent.withTemporaryDirectory { root in
            try FileManager.default.copyItem(at: TestContent.seedContent, to: root.appendingPathComponent("Content"))
            let session = BuildSession(
                options: .init(
                    content: root.appendingPathComponent("Content"), templates: TestContent.seedTemplates,
                    output: root.appendingPathComponent("public")))
            _ = try session.build().get()
            try body(Site(root: root, session: session))
        }
    }

    private static let lastParagraph =
        "[[[Trump]]’s senior advisers are set to meet with [[Zelenskyy]] later this week on the sidelines of the [[Munich Security Conference]]]{.event date=2025-02-14}."

    /// Linking a word to a topic in a paragraph that names Trump and
    /// Zelenskyy connects them to the topic, though their own mentions,
    /// statements and the actors they are named with stay the same.
    @Test func aTopicNamedBesideActorsRedrawsTheirMaps() throws {
        try withSeed { site in
            try site.edit {
                $0.replacingOccurrences(
                    of: Self.lastParagraph, with: Self.lastParagraph + " Territory is on the table.")
            }
            try site.expectMatchesCleanBuild("a sentence added")
            try site.edit {
                $0.replacingOccurrences(of: "Territory is on the table.", with: "[[Territory]] is on the table.")
            }
            try site.expectMatchesCleanBuild("a topic linked beside two actors")
        }
    }

    /// Moving a mention to another paragraph keeps every count but changes
    /// who it is named with.
    @Test func aMentionMovedToAnotherParagraphRedrawsTheMaps() throws {
        try withSeed { site in
            try site.edit {
                $0.replacingOccurrences(
                    of: "[[Poland]] is currently the leader", with: "Poland is currently the leader"
                )
                .replacingOccurrences(
                    of: "sidelines of the [[Munich", with: "sidelines, with [[Poland]], of the [[Munich")
            }
            try site.expectMatchesCleanBuild("Poland moved")
        }
    }

    /// Wrapping a sentence that names Russia in a claim by Russia moves
    /// that sentence from Russia's mentions to its claims, on its page and
    /// on the archive page of its mentions, though its mentions are the same.
    @Test func aSentenceBecomingAClaimLeavesTheMentions() throws {
        try withSeed { site in
            try site.edit { $0 + "\n[[Russia]] denied any plan to attack.\n" }
            try site.expectMatchesCleanBuild("a sentence naming Russia added")
            try site.edit {
                $0.replacingOccurrences(
                    of: "[[Russia]] denied any plan to attack.",
                    with: "[[Russia]] [denied any plan to attack]{.claim by=russia about=russian-threat}.")
            }
            try site.expectMatchesCleanBuild("the sentence became Russia's claim")
            let archive = try String(
                contentsOf: site.output.appendingPathComponent("actors/russia--mentions-1.html"), encoding: .utf8)
            #expect(!archive.contains("denied any plan"))
        }
    }

    @Test func proseThatNamesNobodyLeavesTheConnectionsPageAlone() throws {
        try withSeed { site in
            let files = try site.edit { $0 + "\nA closing paragraph that names nobody.\n" }
            #expect(files == 1)
            try site.expectMatchesCleanBuild("prose added")
        }
    }
}
