import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenLoad

@Suite("Content loader")
struct ContentLoaderTests {
    private func load(_ files: [String: String], includeDrafts: Bool = false) throws -> ContentLoader.Output {
        try TestContent.withContentFolder(files) { ContentLoader(includeDrafts: includeDrafts).load(from: $0) }
    }

    @Test func loadsEveryKindOfFile() throws {
        var files = TestContent.cast
        files["site.yml"] =
            "title: My explainer\ndescription: About things\nlanguage: en-GB\nparams:\n  theme_colour: red\n"
        files["articles/first.md"] = TestContent.article(title: "First", body: "Hello [[Hegseth]].\n")
        let output = try load(files)
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics)")
        #expect(output.content.site.title == "My explainer")
        #expect(output.content.site.description == "About things")
        #expect(output.content.site.language == "en-GB")
        #expect(output.content.site.extra["params"] == .map(["theme_colour": .scalar("red")]))
        #expect(output.content.articles.map(\.slug) == ["first"])
        #expect(
            output.content.actors.map(\.slug) == ["donald-trump", "pete-hegseth", "united-states", "vladimir-putin"])
        #expect(output.content.topics.map(\.slug) == ["nato-future", "peace-talks"])
    }

    @Test func recordsFilePathsAndBodies() throws {
        let output = try load([
            "actors/pete-hegseth.md": TestContent.actor(
                name: "Pete Hegseth", role: "Secretary", affiliation: "united-states", aliases: ["Hegseth", "Pete"],
                body: "Bio line.\n")
        ])
        let actor = try #require(output.content.actors.first)
        #expect(actor.file == "actors/pete-hegseth.md")
        #expect(actor.name == "Pete Hegseth")
        #expect(actor.kind == .person)
        #expect(actor.role == "Secretary")
        #expect(actor.affiliation?.value == "united-states")
        #expect(
            actor.affiliation?.location
                == SitegenBase.SourceLocation(file: "actors/pete-hegseth.md", line: 5, column: 1))
        #expect(actor.aliases.map(\.value) == ["Hegseth", "Pete"])
        #expect(actor.aliases.allSatisfy { $0.location.line == 6 })
        #expect(actor.body.file == "actors/pete-hegseth.md")
        #expect(actor.body.markdown == "Bio line.\n")
        #expect(actor.body.firstLine == 8)
    }

    @Test func draftsAreLeftOutUnlessAsked() throws {
        let files = [
            "articles/published.md": TestContent.article(title: "Published", body: "A\n"),
            "articles/draft.md": "---\ntitle: Draft\ndate: 2025-01-01\ndraft: true\n---\nB\n",
        ]
        #expect(try load(files).content.articles.map(\.slug) == ["published"])
        let withDrafts = try load(files, includeDrafts: true).content.articles
        #expect(withDrafts.map(\.slug) == ["draft", "published"])
        #expect(withDrafts.first?.draft == true)
    }

    @Test func missingContentFolderIsAnError() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = ContentLoader().load(from: root.appendingPathComponent("Nope"))
            #expect(output.diagnostics.hasErrors)
            #expect(output.diagnostics.first?.message.contains("does not exist") == true)
        }
    }

    @Test func aBrokenFileIsReportedAndLeftOutWhileOthersLoad() throws {
        let output = try load([
            "actors/good.md": TestContent.actor(name: "Good"),
            "actors/bad.md": "---\nname: Bad\nkind: person\nrole: a: b\n---\n",
            "topics/unclosed.md": "---\ntitle: Unclosed\n",
        ])
        #expect(output.content.actors.map(\.slug) == ["good"])
        #expect(output.content.topics.isEmpty)
        let files = Set(output.diagnostics.errors.compactMap { $0.location?.file })
        #expect(files == ["actors/bad.md", "topics/unclosed.md"])
        #expect(output.diagnostics.errors.first { $0.location?.file == "actors/bad.md" }?.location?.line == 4)
        #expect(output.diagnostics.errors.first { $0.location?.file == "topics/unclosed.md" }?.location?.line == 1)
    }

    @Test func invalidUTF8FileIsReportedWithItsPath() throws {
        try TestContent.withContentFolder(["actors/good.md": TestContent.actor(name: "Good")]) { folder in
            let bytes = Data("---\nname: Bad\nkind: person\n---\nCaf".utf8) + Data([0xE9]) + Data("\n".utf8)
            try TestContent.write(bytes, at: "actors/bad.md", into: folder)
            let output = ContentLoader().load(from: folder)
            let error = output.diagnostics.errors.first
            #expect(error?.location == SitegenBase.SourceLocation(file: "actors/bad.md", line: 5, column: 4))
            #expect(error?.message.contains("UTF-8") == true)
            #expect(output.content.actors.map(\.slug) == ["good"])
        }
    }

    @Test func nonMarkdownFilesAreIgnored() throws {
        let output = try load([
            "site.yml": "title: T\n",
            "actors/notes.txt": "not content",
            "actors/a.md": TestContent.actor(name: "A"),
        ])
        #expect(output.diagnostics.isEmpty)
        #expect(output.content.actors.map(\.slug) == ["a"])
    }

    @Test func siteYamlErrorsAreReported() throws {
        let output = try load(["site.yml": "title: [a, b]\n"])
        #expect(
            output.diagnostics.errors.contains { $0.location?.file == "site.yml" && $0.message.contains("'title'") })
        let broken = try load(["site.yml": "title: ok\ndescription: a: b\n"])
        #expect(broken.diagnostics.errors.first?.location?.file == "site.yml")
        #expect(broken.diagnostics.errors.first?.location?.line == 2)
    }

    @Test func siteDefaultsWithoutSiteYaml() throws {
        let output = try load(["actors/a.md": TestContent.actor(name: "A")])
        #expect(output.content.site == SiteConfig())
        #expect(output.diagnostics.map(\.severity) == [.warning])
        #expect(output.diagnostics.first?.message.hasPrefix("there is no site.yml") == true)
    }

    @Test func aSiteFileUnderAnotherNameIsAnErrorAndNoDefaultsWarning() throws {
        let output = try load(["site.yaml": "title: T\n"])
        #expect(output.diagnostics.map(\.severity) == [.error])
        #expect(output.diagnostics.first?.location == SitegenBase.SourceLocation(file: "site.yaml", line: 1, column: 1))
        #expect(output.diagnostics.first?.notes == ["rename it to site.yml"])
    }

    @Test func aFolderOrHiddenFileNamedLikeSiteYamlIsNotTakenForIt() throws {
        let output = try load(["site/notes.txt": "x", ".site.yml": "x"])
        #expect(output.diagnostics.map(\.severity) == [.warning])
    }

    @Test func aThemeValueUnderParamsIsKeptWithoutAWarning() throws {
        let output = try load(["site.yml": "title: T\nparams:\n  hero_image: a.png\n"])
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics)")
        #expect(output.content.site.extra["params"] == .map(["hero_image": .scalar("a.png")]))
    }

    @Test func anUnknownKeyFarFromEverySettingWarnsAndIsStillHandedToTheTemplates() throws {
        let output = try load(["site.yml": "title: T\nhero_image: a.png\n"])
        #expect(output.diagnostics.map(\.severity) == [.warning])
        #expect(
            output.diagnostics.first?.message
                == "site.yml has no setting 'hero_image', so it is only handed to the templates")
        #expect(
            output.diagnostics.first?.notes.last
                == "a value for the theme goes under params: 'params: {hero_image: ...}'")
        #expect(output.content.site.extra["hero_image"] == .scalar("a.png"))
    }

    @Test func paramsThatIsNotAMappingIsAnError() throws {
        let output = try load(["site.yml": "title: T\nparams: teal\n"])
        #expect(output.diagnostics.map(\.severity) == [.error])
        #expect(output.diagnostics.first?.message.hasPrefix("'params' must be a mapping") == true)
    }

    /// Every key of the settings table is read as a setting: its example
    /// value loads with no diagnostic and, but for params, none is left for the templates.
    @Test func everySettingInTheTableIsOneTheLoaderReads() throws {
        let text = SiteSettings.all.map { "\($0.key): \($0.example)" }.joined(separator: "\n") + "\n"
        let output = try load(["site.yml": text])
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics)")
        #expect(Set(output.content.site.extra.keys) == ["params"])
        #expect(output.content.site.baseURL == "https://example.org/explainer/")
    }

    @Test(arguments: [("lang", "language"), ("base-url", "base_url"), ("descripton", "description")])
    func aMisspeltSettingInSiteYamlWarns(_ key: String, _ setting: String) throws {
        let output = try load(["site.yml": "title: T\n\(key): x\n"])
        #expect(output.diagnostics.map(\.severity) == [.warning])
        #expect(output.diagnostics.first?.location == SitegenBase.SourceLocation(file: "site.yml", line: 2, column: 1))
        #expect(output.diagnostics.first?.notes.first == "did you mean '\(setting)'?")
    }

    @Test func aBrokenActorIsKeptByItsSlugAndTheNamesItsFrontMatterGives() throws {
        let output = try load([
            "actors/bad-kind.md": TestContent.actor(name: "Sherry Rehman", kind: "persn", aliases: ["Rehman"]),
            "actors/bad-yaml.md": "---\nname: 'Sherry O'Brien'\nkind: person\naliases:\n  - O'Brien\n---\n",
            "topics/unreadable.md": "---\ntitle: [\n---\n",
        ])
        #expect(output.content.actors.isEmpty)
        #expect(
            output.content.brokenEntities == [
                BrokenEntity(kind: .actor, slug: "bad-kind", names: ["Sherry Rehman", "Rehman"]),
                BrokenEntity(kind: .actor, slug: "bad-yaml", names: ["Sherry O'Brien", "O'Brien"]),
                BrokenEntity(kind: .topic, slug: "unreadable", names: []),
            ])
    }

    @Test func assetsAreListedSorted() throws {
        let output = try load([
            "assets/img/b.png": "b",
            "assets/a.txt": "a",
        ])
        #expect(output.content.assets.map(\.relativePath) == ["a.txt", "img/b.png"])
    }

    @Test func symlinkLeavingTheContentFolderIsAnError() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            try TestContent.write(["actors/a.md": TestContent.actor(name: "A")], into: content)
            let outside = root.appendingPathComponent("secret.md")
            try Data(TestContent.actor(name: "Secret").utf8).write(to: outside)
            try FileManager.default.createSymbolicLink(
                at: content.appendingPathComponent("actors/secret.md"), withDestinationURL: outside)
            let output = ContentLoader().load(from: content)
            #expect(output.diagnostics.errors.contains { $0.location?.file == "actors/secret.md" })
            #expect(output.content.actors.map(\.slug) == ["a"])
        }
    }
}
