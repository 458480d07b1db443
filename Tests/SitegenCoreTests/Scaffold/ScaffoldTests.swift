import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore
@testable import SitegenLoad
@testable import SitegenScaffold

@Suite("sitegen new")
struct ScaffoldTests {
    /// 2026-12-04 23:30 UTC: already the 5th in Berlin.
    static let lateEvening = Date(timeIntervalSince1970: 1_796_427_000)

    private func scaffold(_ content: URL, timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> Scaffold {
        Scaffold(content: content, now: Self.lateEvening, timeZone: timeZone)
    }

    private func text(_ folder: URL, _ path: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    // MARK: new site

    /// The demo site checks with no error or warning, and its article uses
    /// every kind of annotation: links by name, alias, slug and kind, quotes,
    /// a claim with its own date and id, both forms of stance, and an event.
    @Test func theNewSiteLoadsWithNoDiagnosticAndUsesEveryAnnotation() throws {
        let prefix = NewSite.contentFolder + "/"
        var files: [String: String] = [:]
        for file in NewSite.files where file.path.hasPrefix(prefix) {
            files[String(file.path.dropFirst(prefix.count))] = file.text
        }
        let pipeline = try TestContent.pipeline(files)
        #expect(pipeline.diagnostics.isEmpty, "\(pipeline.diagnostics)")
        let graph = pipeline.graph
        #expect(graph.articles.count == 1)
        #expect(graph.actors.map(\.source.slug).sorted() == ["ana-ruiz", "riverton-city-council"])
        #expect(graph.topics.map(\.slug) == ["bus-fares"])
        #expect(graph.statementKinds.values.filter { $0 == .quote }.count == 2)
        #expect(graph.statementKinds.values.filter { $0 == .claim }.count == 1)
        #expect(graph.statementKinds.keys.contains { "\($0)".contains("no-tax-rise") })
        #expect(graph.eventsBySource.values.joined().count == 1)
        let article = try #require(files["articles/riverton-buses-free-for-under-18s.md"])
        for syntax in [
            "[[topic:", "|bus travel]]", "[[Ruiz]]", "by=\"Ana Ruiz\"", "stance=for", "stance=bus-fares:mixed", "date=",
            "#no-tax-rise",
        ] {
            #expect(article.contains(syntax), "\(syntax)")
        }
    }

    @Test func theNewSitesSettingsFileHasEverySettingAndTheGitignoreItsOutput() throws {
        let siteFile = try #require(NewSite.files.first { $0.path == "Content/site.yml" }?.text)
        for setting in SiteSettings.all {
            #expect(siteFile.contains("\n# \(setting.key) (\(setting.typeAndDefault)):"), "\(setting.key)")
        }
        let gitignore = try #require(NewSite.files.first { $0.path == ".gitignore" }?.text)
        #expect(
            gitignore.split(separator: "\n").filter { !$0.hasPrefix("#") } == [
                "/public/", "/.public.sitegen-*", "/..public.sitegen-state.*.tmp",
            ])
    }

    /// A build of the new site with the built-in theme leaves nothing beside
    /// its content that the .gitignore does not cover.
    @Test func theNewSiteBuildsAndItsGitignoreCoversWhatTheBuildLeaves() throws {
        try TestContent.withTemporaryDirectory { root in
            _ = try NewSite.create(at: root.appendingPathComponent("demo"))
            let site = root.appendingPathComponent("demo")
            let report = try SiteBuilder(
                options: .init(
                    content: site.appendingPathComponent("Content"),
                    templates: site.appendingPathComponent("Templates"),
                    output: site.appendingPathComponent("public"), builtInTheme: true)
            ).build().get()
            #expect(report.warnings.isEmpty, "\(report.warnings)")
            let left = try FileManager.default.contentsOfDirectory(atPath: site.path).sorted()
            for name in left where !["Content", ".gitignore", "public"].contains(name) {
                #expect(name.hasPrefix(".public.sitegen-"), "\(name) is not ignored")
            }
        }
    }

    @Test func newSiteWritesIntoAMissingOrEmptyFolderOnly() throws {
        try TestContent.withTemporaryDirectory { root in
            let site = root.appendingPathComponent("demo")
            let written = try NewSite.create(at: site)
            #expect(written == NewSite.files.map(\.path))
            #expect(try text(site, "Content/topics/bus-fares.md") == NewSite.files.last?.text)

            let before = TestContent.snapshot(site)
            #expect(throws: ScaffoldError.self) { try NewSite.create(at: site) }
            #expect(TestContent.snapshot(site) == before)

            let empty = root.appendingPathComponent("empty")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: false)
            #expect(try NewSite.create(at: empty).count == NewSite.files.count)

            let holdsOnlyAHiddenFile = root.appendingPathComponent("hidden")
            try TestContent.write([".keep": "mine"], into: holdsOnlyAHiddenFile)
            do throws(ScaffoldError) {
                _ = try NewSite.create(at: holdsOnlyAHiddenFile)
                Issue.record("wrote into a folder that is not empty")
            } catch {
                #expect(error.cause == .exists)
                #expect(error.message.hasSuffix("already exists and is not empty"))
            }
            #expect(try text(holdsOnlyAHiddenFile, ".keep") == "mine")
        }
    }

    // MARK: new article

    @Test func newArticleIsADraftDatedTodayInTheGivenTimeZone() throws {
        try TestContent.withContentFolder(["site.yml": "title: T\n"]) { content in
            let file = try scaffold(content).newArticle(title: "Council votes: \"free\" buses, again")
            #expect(file.path == "articles/council-votes-free-buses-again.md")
            let source = try SourceFile.decode(
                Data(contentsOf: content.appendingPathComponent(file.path)), path: file.path
            ).get()
            let (article, diagnostics) = ContentLoader.article(from: source)
            #expect(diagnostics.isEmpty, "\(diagnostics)")
            #expect(article?.title == "Council votes: \"free\" buses, again")
            #expect(article?.date.iso == "2026-12-04")
            #expect(article?.draft == true)

            let berlin = try scaffold(content, timeZone: #require(TimeZone(identifier: "Europe/Berlin")))
            #expect(berlin.today.iso == "2026-12-05")

            // The commented keys are written as they are read: uncommented,
            // the article loads with a byline and a source.
            let uncommented = source.text.replacingOccurrences(of: "# authors:", with: "authors:")
                .replacingOccurrences(of: "# sources:", with: "sources:")
                .replacingOccurrences(of: "#   - {", with: "  - {")
            let (filled, problems) = ContentLoader.article(
                from: SourceFile(path: file.path, text: uncommented))
            #expect(problems.isEmpty, "\(problems)")
            #expect(filled?.authors == ["Your Name"] && filled?.sources.count == 1)
        }
    }

    @Test func newArticleNeverOverwritesAFile() throws {
        try TestContent.withContentFolder(["articles/bus-fares.md": "mine"]) { (content: URL) throws in
            do throws(ScaffoldError) {
                _ = try scaffold(content).newArticle(title: "Bus fares")
                Issue.record("overwrote articles/bus-fares.md")
            } catch {
                #expect(error.cause == .exists)
                #expect(error.message == "\(content.path)/articles/bus-fares.md already exists")
            }
            #expect(try text(content, "articles/bus-fares.md") == "mine")
        }
    }

    @Test func aMissingContentFolderIsAUsageErrorNotANewFolder() throws {
        try TestContent.withTemporaryDirectory { root in
            let content = root.appendingPathComponent("Content")
            #expect(throws: ScaffoldError.self) { try scaffold(content).newTopic(title: "Bus fares") }
            #expect(!FileManager.default.fileExists(atPath: content.path))
        }
    }

    @Test(arguments: ["", "   ", "—", "two\nlines"])
    func aTitleThatCannotBeAFileNameIsRefused(_ title: String) throws {
        try TestContent.withContentFolder(["site.yml": "title: T\n"]) { content in
            do throws(ScaffoldError) {
                _ = try scaffold(content).newArticle(title: title)
                Issue.record("accepted '\(title)'")
            } catch {
                #expect(error.cause == .usage)
            }
            #expect(!FileManager.default.fileExists(atPath: content.appendingPathComponent("articles").path))
        }
    }

    // MARK: new actor and topic

    @Test func newActorWritesAFileTheLoaderReads() throws {
        try TestContent.withContentFolder(TestContent.cast) { content in
            let file = try scaffold(content).newActor(
                name: "Sherry Rehman", kind: "Person", role: "Senator", affiliation: "usa")
            #expect(file.path == "actors/sherry-rehman.md")
            #expect(file.warnings.isEmpty)
            let source = try SourceFile.decode(
                Data(contentsOf: content.appendingPathComponent(file.path)), path: file.path
            ).get()
            let (actor, diagnostics) = ContentLoader.actor(from: source)
            #expect(diagnostics.isEmpty, "\(diagnostics)")
            #expect(actor?.name == "Sherry Rehman")
            #expect(actor?.kind == .person)
            #expect(actor?.role == "Senator")
            #expect(actor?.affiliation?.value == "united-states")
        }
    }

    @Test func aNameThatIsAlreadyAnEntityIsRefusedWithTheExistingOne() throws {
        try TestContent.withContentFolder(TestContent.cast) { content in
            let before = TestContent.snapshot(content)
            // By slug, and by an alias that slugs to a new file name.
            for name in ["Pete Hegseth", "hegseth"] {
                do throws(ScaffoldError) {
                    _ = try scaffold(content).newActor(name: name, kind: "person", role: nil, affiliation: nil)
                    Issue.record("accepted '\(name)'")
                } catch {
                    #expect(error.cause == .exists)
                    #expect(error.message == "'\(name)' is already the actor 'Pete Hegseth' (actors/pete-hegseth.md)")
                    #expect(
                        error.notes.first?.hasPrefix("did you mean the existing one? Link to it as [[Pete Hegseth]]")
                            == true)
                }
            }
            // A topic whose title is an actor's name would make links ambiguous.
            #expect(throws: ScaffoldError.self) { try scaffold(content).newTopic(title: "Donald Trump") }
            #expect(TestContent.snapshot(content) == before)
        }
    }

    @Test func aNameCloseToAnExistingOneIsWrittenWithADidYouMean() throws {
        try TestContent.withContentFolder(TestContent.cast) { content in
            let file = try scaffold(content).newTopic(title: "Peace negotiation")
            #expect(file.path == "topics/peace-negotiation.md")
            #expect(
                file.warnings == [
                    "'Peace negotiation' is close to the existing topic 'Peace negotiations' (topics/peace-talks.md): did you mean 'Peace negotiations'? If so, delete the new file"
                ])
        }
    }

    @Test func anUnknownKindOrAffiliationIsRefusedWithDidYouMean() throws {
        try TestContent.withContentFolder(TestContent.cast) { content in
            do throws(ScaffoldError) {
                _ = try scaffold(content).newActor(name: "A B", kind: "persn", role: nil, affiliation: nil)
                Issue.record("accepted kind persn")
            } catch {
                #expect(error.cause == .usage)
                #expect(error.notes.first == "did you mean 'person'?")
            }
            do throws(ScaffoldError) {
                _ = try scaffold(content).newActor(name: "A B", kind: "person", role: nil, affiliation: "Untied States")
                Issue.record("accepted an unknown affiliation")
            } catch {
                #expect(error.cause == .usage)
                #expect(error.notes.first == "did you mean 'United States'?")
            }
            #expect(!FileManager.default.fileExists(atPath: content.appendingPathComponent("actors/a-b.md").path))
        }
    }
}
