import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenCore
@testable import SitegenLoad
@testable import SitegenPlan

/// Real builds (SiteBuilder on a temporary content folder with the repository's
/// Templates/) for the bad-input suites: what a build reported and what it wrote.
enum RealBuild {
    struct Outcome {
        var succeeded: Bool
        /// A failure's diagnostics, or a success's warnings.
        var diagnostics: [Diagnostic]
        /// Output-relative path → bytes, read after the build (empty when nothing was written).
        var files: [String: Data]
        var outputExists: Bool

        var errors: [Diagnostic] { diagnostics.errors }
        var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
        var report: String { diagnostics.map(\.description).joined(separator: "\n") }

        func text(_ path: String) -> String? { files[path].map { String(decoding: $0, as: UTF8.self) } }

        /// Output-relative path → text of every generated HTML page.
        var pages: [String: String] {
            var result: [String: String] = [:]
            for (path, data) in files where path.hasSuffix(".html") {
                result[path] = String(decoding: data, as: UTF8.self)
            }
            return result
        }
    }

    static let siteYML = "title: Test site\ndescription: A site for tests\nlanguage: en\n"

    /// site.yml and the shared cast, with `files` added (and replacing any of the same name).
    static func content(_ files: [String: String], cast: Bool = true) -> [String: String] {
        var all = cast ? TestContent.cast : [:]
        all["site.yml"] = siteYML
        all.merge(files) { _, new in new }
        return all
    }

    /// Builds `files` (passed through `content(_:)` unless `raw`) into a fresh output folder.
    /// `prepare` runs on the content folder before the build (for bytes, symlinks, removals).
    static func build(
        _ files: [String: String], raw: Bool = false, strict: Bool = false, write: Bool = true,
        prepare: (URL) throws -> Void = { _ in }
    ) throws -> Outcome {
        try TestContent.withContentFolder(raw ? files : content(files)) { folder in
            try prepare(folder)
            let output = folder.deletingLastPathComponent().appendingPathComponent("public")
            return build(content: folder, output: output, strict: strict, write: write)
        }
    }

    static func build(content: URL, output: URL, strict: Bool = false, write: Bool = true) -> Outcome {
        let builder = SiteBuilder(
            options: .init(content: content, templates: TestContent.seedTemplates, output: output, strict: strict))
        let result = builder.build(write: write)
        let exists = FileManager.default.fileExists(atPath: output.path)
        let files = exists ? TestContent.snapshot(output) : [:]
        switch result {
        case .success(let report):
            return Outcome(
                succeeded: true, diagnostics: report.warnings, files: files, outputExists: exists)
        case .failure(let failure):
            return Outcome(
                succeeded: false, diagnostics: failure.diagnostics, files: files, outputExists: exists)
        }
    }

    /// File location (1-based line and column in scalars) of the first `needle` in `text`.
    static func location(of needle: String, in text: String, file: String) throws -> SitegenBase.SourceLocation {
        let position = try #require(TestContent.position(of: needle, in: text), "'\(needle)' is not in the text")
        return SitegenBase.SourceLocation(file: file, line: position.line, column: position.column)
    }

    /// A full article file (front matter and body).
    static func article(_ body: String, title: String = "An article") -> String {
        TestContent.article(title: title, body: body)
    }
}

// MARK: - Every error of the spec, through a real build

/// Each error the spec lists, fed through SiteBuilder: the build fails, writes
/// nothing, and the one error names the file, line and column and says what is wrong.
@Suite("Content errors through a real build")
struct BuildErrorTests {
    /// Builds and requires exactly one error, at `location`, whose message contains `message`.
    @discardableResult
    private func expectOneError(
        _ files: [String: String], at location: SitegenBase.SourceLocation, message: String,
        prepare: (URL) throws -> Void = { _ in }, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Diagnostic? {
        let outcome = try RealBuild.build(files, prepare: prepare)
        #expect(!outcome.succeeded, "the build succeeded", sourceLocation: sourceLocation)
        #expect(!outcome.outputExists, "a failed build wrote output", sourceLocation: sourceLocation)
        #expect(outcome.errors.count == 1, "errors:\n\(outcome.report)", sourceLocation: sourceLocation)
        guard let error = outcome.errors.first else { return nil }
        #expect(error.location == location, "error: \(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(message), "error: \(error)", sourceLocation: sourceLocation)
        return error
    }

    @Test func unknownEntityTargetHasADidYouMeanNote() throws {
        let text = RealBuild.article("Intro.\n\nIt was said by [[Hegset]] on Thursday.\n")
        let error = try expectOneError(
            ["articles/a.md": text], at: try RealBuild.location(of: "[[Hegset]]", in: text, file: "articles/a.md"),
            message: "unknown actor or topic 'Hegset'")
        #expect(error?.length == "[[Hegset]]".count)
        #expect(error?.notes.contains { $0.contains("did you mean 'Hegseth' (pete-hegseth)") } == true, "\(error!)")
    }

    @Test func ambiguousTargetNamesBothEntitiesAndHowToPick() throws {
        let text = RealBuild.article("On [[Georgia]] today.\n")
        let error = try expectOneError(
            [
                "articles/a.md": text,
                "actors/georgia-country.md": TestContent.actor(name: "Georgia", kind: "country"),
                "topics/georgia-state.md": TestContent.topic(title: "Georgia"),
            ], at: try RealBuild.location(of: "[[Georgia]]", in: text, file: "articles/a.md"),
            message: "'Georgia' is ambiguous")
        #expect(error?.message.contains("actor 'Georgia'") == true)
        #expect(error?.message.contains("topic 'Georgia'") == true)
        #expect(error?.notes.joined().contains("[[actor:georgia-country]]") == true, "\(error!)")
        #expect(error?.notes.joined().contains("[[topic:georgia-state]]") == true, "\(error!)")
    }

    @Test(arguments: ["quote", "claim"])
    func statementWithoutBy(_ kind: String) throws {
        let text = RealBuild.article("He said it.\n\nThen [“never again”]{.\(kind) about=peace-talks} he said.\n")
        try expectOneError(
            ["articles/a.md": text], at: try RealBuild.location(of: "[“never", in: text, file: "articles/a.md"),
            message: "\(kind) has no speaker")
    }

    @Test func byNamingATopic() throws {
        let text = RealBuild.article("[“words”]{.quote by=peace-talks about=peace-talks}\n")
        let error = try expectOneError(
            ["articles/a.md": text],
            at: try RealBuild.location(of: "peace-talks about", in: text, file: "articles/a.md"),
            message: "by= must name an actor, but 'peace-talks' is the topic 'Peace negotiations'")
        #expect(error?.length == "peace-talks".count)
    }

    @Test func aboutNamingAnActor() throws {
        let text = RealBuild.article("[“words”]{.quote by=hegseth about=trump}\n")
        try expectOneError(
            ["articles/a.md": text], at: try RealBuild.location(of: "trump}", in: text, file: "articles/a.md"),
            message: "about= must name topics, but 'trump' is the actor 'Donald Trump'")
    }

    @Test func unknownAttribute() throws {
        let text = RealBuild.article("Said [“words”]{.quote by=hegseth about=peace-talks mood=angry} then.\n")
        try expectOneError(
            ["articles/a.md": text], at: try RealBuild.location(of: "mood=", in: text, file: "articles/a.md"),
            message: "unknown annotation attribute 'mood='")
    }

    @Test func misspeltAttributeSuggestsTheRightOne() throws {
        let text = RealBuild.article("Said [“words”]{.quote bye=hegseth about=peace-talks} then.\n")
        let outcome = try RealBuild.build(["articles/a.md": text])
        #expect(!outcome.succeeded)
        let error = try #require(outcome.errors.first { $0.message.contains("'bye='") }, "\(outcome.report)")
        #expect(error.location == (try RealBuild.location(of: "bye=", in: text, file: "articles/a.md")))
        #expect(error.notes.contains("did you mean 'by='?"), "\(error)")
    }

    @Test func unknownClassSuggestsTheNearest() throws {
        let text = RealBuild.article("Intro.\n\nSaid [“words”]{.qoute by=hegseth about=peace-talks} then.\n")
        let error = try expectOneError(
            ["articles/a.md": text], at: try RealBuild.location(of: ".qoute", in: text, file: "articles/a.md"),
            message: "unknown annotation class '.qoute'")
        #expect(error?.notes.first == "did you mean '.quote'?", "\(error!)")
    }

    @Test func twoQuotesWithTheSameID() throws {
        let text = RealBuild.article(
            "[“first”]{.quote by=hegseth about=peace-talks #same}\n\nLater: [“second”]{.quote by=trump about=peace-talks #same}\n"
        )
        let first = try RealBuild.location(of: "#same", in: text, file: "articles/a.md")
        let secondLine = try #require(TestContent.position(of: "Later:", in: text)).line
        let secondColumn = try #require(
            TestContent.position(of: "#same}", in: "Later: [“second”]{.quote by=trump about=peace-talks #same}")
        )
        .column
        let error = try expectOneError(
            ["articles/a.md": text],
            at: SitegenBase.SourceLocation(file: "articles/a.md", line: secondLine, column: secondColumn),
            message: "two quotes or claims have the id 'same'")
        #expect(error?.notes.contains("the other one is at \(first)") == true, "\(error!)")
    }

    @Test func twoQuotesWithTheSameIDInTwoArticles() throws {
        let a = RealBuild.article("[“first”]{.quote by=hegseth about=peace-talks #same}\n")
        let b = RealBuild.article("[“second”]{.quote by=trump about=peace-talks #same}\n")
        let error = try expectOneError(
            ["articles/a.md": a, "articles/b.md": b],
            at: try RealBuild.location(of: "#same", in: b, file: "articles/b.md"),
            message: "two quotes or claims have the id 'same'")
        #expect(error?.notes.first?.contains("articles/a.md:5:") == true, "\(error!)")
    }

    @Test func twoEntitiesWithTheSameSlug() throws {
        let error = try expectOneError(
            [
                "actors/georgia.md": TestContent.actor(name: "Georgia", kind: "country"),
                "topics/georgia.md": TestContent.topic(title: "Georgia (the state)"),
            ], at: SitegenBase.SourceLocation(file: "topics/georgia.md", line: 1, column: 1),
            message: "two entities have the slug 'georgia'")
        #expect(error?.notes.joined().contains("actors/georgia.md") == true, "\(error!)")
    }

    @Test(arguments: [
        (
            "articles/x.md", "---\ndate: 2025-02-13\n---\nBody\n",
            "article is missing the required front-matter key 'title'"
        ),
        ("articles/x.md", "---\ntitle: T\n---\nBody\n", "article is missing the required front-matter key 'date'"),
        ("actors/x.md", "---\nkind: person\n---\n", "actor is missing the required front-matter key 'name'"),
        ("actors/x.md", "---\nname: X\n---\n", "actor is missing the required front-matter key 'kind'"),
        ("topics/x.md", "---\nsummary: S\n---\n", "topic is missing the required front-matter key 'title'"),
        (
            "articles/x.md", "---\ntitle:\ndate: 2025-02-13\n---\n",
            "article is missing the required front-matter key 'title'"
        ),
    ])
    func missingRequiredKey(_ path: String, _ text: String, _ message: String) throws {
        let error = try expectOneError(
            [path: text], at: SitegenBase.SourceLocation(file: path, line: 1, column: 1), message: message)
        #expect(error?.notes.contains { $0.hasPrefix("add a line such as") } == true)
    }

    @Test(arguments: [
        (
            "articles/x.md", "---\ndate: 2025-02-13\ntitle: [a, b]\n---\n", 3, 1,
            "'title' must be a single text value, not a list"
        ),
        (
            "articles/x.md", "---\ntitle: T\ndate: 2025-02-13\ndraft: maybe\n---\n", 4, 1,
            "'draft' must be true or false"
        ),
        ("articles/x.md", "---\ntitle: T\ndate: last Thursday\n---\n", 3, 1, "'date' is not a date: 'last Thursday'"),
        (
            "actors/x.md", "---\nname: X\nkind: person\naliases: Hegseth\n---\n", 4, 1,
            "'aliases' must be a list, not a text value"
        ),
        (
            "actors/x.md", "---\nname: {first: X}\nkind: person\n---\n", 2, 1,
            "'name' must be a single text value, not a mapping"
        ),
        ("actors/x.md", "---\nname: X\nkind: planet\n---\n", 3, 1, "unknown actor kind 'planet'"),
        (
            "topics/x.md", "---\ntitle: T\naliases: [ok, [nested]]\n---\n", 3, 15,
            "each item of 'aliases' must be a non-empty text value"
        ),
    ])
    func valueOfTheWrongType(_ path: String, _ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        try expectOneError(
            [path: text], at: SitegenBase.SourceLocation(file: path, line: line, column: column), message: message)
    }

    @Test func yamlThatDoesNotParse() throws {
        let text = "---\ntitle: Hegseth: not a betrayal\ndate: 2025-02-13\n---\nBody\n"
        let error = try expectOneError(
            ["articles/x.md": text],
            at: try RealBuild.location(of: ": not", in: text, file: "articles/x.md"), message: "not valid YAML")
        #expect(
            error?.notes == [
                #"a ':' followed by a space inside an unquoted value reads as a new key: quote the value, title: "Hegseth: not a betrayal""#
            ])
    }

    @Test func fileThatIsNotUTF8() throws {
        let error = try expectOneError(
            [:], at: SitegenBase.SourceLocation(file: "articles/x.md", line: 6, column: 8),
            message: "file is not valid UTF-8 text",
            prepare: { folder in
                let bytes =
                    Data("---\ntitle: T\ndate: 2025-02-13\n---\nFine line.\nCaf\u{E9} é ".utf8) + Data([0xE9, 0x20])
                    + Data("end\n".utf8)
                try TestContent.write(bytes, at: "articles/x.md", into: folder)
            })
        #expect(error?.notes == ["save the file with UTF-8 encoding"])
    }

    @Test func fileNameThatIsNotASlug() throws {
        let error = try expectOneError(
            ["actors/Boris_Johnson.md": TestContent.actor(name: "Boris Johnson")],
            at: SitegenBase.SourceLocation(file: "actors/Boris_Johnson.md", line: 1, column: 1),
            message: "file name 'Boris_Johnson.md' is not a valid slug")
        #expect(error?.notes.joined().contains("'boris-johnson.md'") == true, "\(error!)")
    }

    // MARK: All errors, and the previous output

    @Test func everyErrorOfARunIsReported() throws {
        let article = RealBuild.article(
            "Hello [[Nobody]].\n\nSaid [“x”]{.qoute by=hegseth about=peace-talks}.\n")
        let outcome = try RealBuild.build([
            "articles/a.md": article,
            "actors/b.md": "---\nname: [B]\nkind: person\n---\n",
        ])
        #expect(!outcome.succeeded)
        #expect(outcome.errors.count == 3, "errors:\n\(outcome.report)")
        let located = outcome.errors.compactMap(\.location)
        #expect(located.count == 3)
        #expect(Set(located.map(\.file)) == ["articles/a.md", "actors/b.md"])
        #expect(outcome.errors.contains { $0.message.contains("'Nobody'") })
        #expect(outcome.errors.contains { $0.message.contains("'.qoute'") })
        #expect(outcome.errors.contains { $0.message.contains("'name' must be a single text value") })
        // Reported in a stable order: by file, then position.
        #expect(located == located.sorted())
    }

    @Test func aLinkToAFileThatFailedToLoadIsNotReportedTwice() throws {
        let outcome = try RealBuild.build([
            "actors/broken.md": "---\nname: Broken\nkind: person\nrole: [a: b\n---\n",
            "articles/a.md": RealBuild.article("Meet [[broken]].\n"),
        ])
        #expect(!outcome.succeeded)
        #expect(outcome.errors.count == 1, "errors:\n\(outcome.report)")
        #expect(outcome.errors.first?.location?.file == "actors/broken.md")
    }

    @Test func aFailedBuildLeavesThePreviousOutputByteForByteUnchanged() throws {
        try TestContent.withContentFolder(RealBuild.content(["articles/a.md": RealBuild.article("Hi [[Hegseth]].\n")]))
        {
            folder in
            let root = folder.deletingLastPathComponent()
            let output = root.appendingPathComponent("public")
            let first = RealBuild.build(content: folder, output: output)
            #expect(first.succeeded, "\(first.report)")
            let before = TestContent.snapshot(output)
            #expect(before["articles/a.html"] != nil)
            let attributes = try FileManager.default.attributesOfItem(atPath: output.path)

            try TestContent.write(
                ["articles/a.md": RealBuild.article("Hi [[Hegseth]] and [[Nobody]].\n"), "articles/b.md": "---\n"],
                into: folder)
            let second = RealBuild.build(content: folder, output: output)
            #expect(!second.succeeded)
            #expect(second.errors.count == 2, "\(second.report)")
            #expect(TestContent.snapshot(output) == before)
            let after = try FileManager.default.attributesOfItem(atPath: output.path)
            #expect(after[.systemFileNumber] as? Int == attributes[.systemFileNumber] as? Int)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
            #expect(leftovers == ["Content", "public"])
        }
    }
}

// MARK: - Hostile input

@Suite("Hostile input")
struct HostileInputTests {
    /// Markup, quotes and an ampersand, after a tag that says which field it came from.
    static func evil(_ tag: String) -> String { tag + #" <script>alert(1)</script> "dq" 'sq' & co"# }
    /// `evil(tag)` as a single-quoted YAML scalar.
    static func yaml(_ tag: String) -> String { "'" + evil(tag).replacingOccurrences(of: "'", with: "''") + "'" }
    /// How `evil(tag)` must look once escaped for HTML text or a double-quoted attribute.
    static func escaped(_ tag: String) -> String { tag + " &lt;script&gt;alert(1)&lt;/script&gt; &quot;dq&quot;" }

    @Test func markupInEveryFieldIsEscapedWhereverItLands() throws {
        let files: [String: String] = [
            "site.yml": "title: \(Self.yaml("SITETITLE"))\ndescription: \(Self.yaml("SITEDESC"))\nlanguage: en\n",
            "actors/evil-actor.md":
                "---\nname: \(Self.yaml("ACTORNAME"))\nkind: person\nrole: \(Self.yaml("ACTORROLE"))\naliases: [\(Self.yaml("ACTORALIAS"))]\n---\n"
                + "Bio: \(Self.evil("ACTORBIO")) and [[evil-topic]].\n",
            "topics/evil-topic.md":
                "---\ntitle: \(Self.yaml("TOPICTITLE"))\nsummary: \(Self.yaml("TOPICSUMMARY"))\naliases: [\(Self.yaml("TOPICALIAS"))]\n---\n"
                + "About \(Self.evil("TOPICBODY")).\n",
            "articles/evil-article.md":
                "---\ntitle: \(Self.yaml("ARTICLETITLE"))\ndate: 2025-02-13\nsummary: \(Self.yaml("ARTICLESUMMARY"))\n---\n"
                + "Text \(Self.evil("ARTICLEBODY")) mentions [[evil-actor]] and [[evil-topic]].\n\n"
                + "[“Words \(Self.evil("QUOTEWORDS"))”]{.quote by=evil-actor about=evil-topic #evil-quote}\n\n"
                + "[a claim \(Self.evil("CLAIMWORDS"))]{.claim by=evil-actor about=evil-topic}\n",
        ]
        let outcome = try RealBuild.build(files, raw: true)
        #expect(outcome.succeeded, "\(outcome.report)")
        let pages = outcome.pages
        #expect(pages.count >= 9)
        for (path, html) in pages {
            // The only scripts are sitegen's own JSON-LD (the page's object,
            // and its quotes and claims), and content inside them cannot
            // close them: '<' is written as \u003c there.
            let opening = #"<script type="application/ld+json">"#
            var outside = html
            while let start = outside.range(of: opening),
                let end = outside.range(of: "</script>", range: start.upperBound..<outside.endIndex)
            {
                #expect(
                    !outside[start.upperBound..<end.lowerBound].contains("<"), "a raw '<' in the JSON-LD of \(path)")
                outside = String(outside[..<start.lowerBound]) + String(outside[end.upperBound...])
            }
            // The search page loads the theme's own scripts, never content.
            // The search page loads the theme's own scripts (hashed names), never content.
            let ownScripts = TestContent.captures(#"(<script src="[a-z0-9./-]+\.js"></script>)"#, in: outside)
            for own in ownScripts { outside = outside.replacingOccurrences(of: own, with: "") }
            #expect(!outside.lowercased().contains("<script"), "raw <script> in \(path)")
            #expect(!html.contains(#""dq""#), "an unescaped double quote from content in \(path)")
            #expect(!html.contains("& co"), "an unescaped ampersand from content in \(path)")
        }
        // Each field did land, escaped, on some page.
        let site = pages.values.joined(separator: "\n")
        for tag in [
            "SITETITLE", "SITEDESC", "ACTORNAME", "ACTORROLE", "ACTORALIAS", "TOPICTITLE", "TOPICSUMMARY",
            "ARTICLETITLE",
        ] {
            #expect(site.contains(Self.escaped(tag)), "\(tag) is not on any page, or not escaped as expected")
        }
        for tag in ["ACTORBIO", "TOPICBODY", "ARTICLEBODY", "QUOTEWORDS", "CLAIMWORDS"] {
            #expect(site.contains(tag + " "), "\(tag) is not on any page")
        }
        // Attribute values stay whole: every entity link is
        // `<a class=… href=… title=… data-preview=…>`, title and preview alike.
        let article = try #require(pages["articles/evil-article.html"])
        let titles = TestContent.captures(
            #"<a class="entity entity-(?:actor|topic)" href="[^"]*" title="([^"]*)" data-preview="\1">"#, in: article)
        #expect(titles.count == 2, "entity links: \(titles)")
        #expect(
            titles.contains { $0.hasPrefix(Self.escaped("ACTORNAME")) && $0.contains(Self.escaped("ACTORROLE")) },
            "\(titles)")
        #expect(
            titles.contains { $0.hasPrefix(Self.escaped("TOPICTITLE")) && $0.contains(Self.escaped("TOPICSUMMARY")) },
            "\(titles)")
        for title in titles { #expect(title.contains("&amp; co")) }
        // The quote's attribution attributes too.
        let quoteTitles = TestContent.captures(
            #"<span class="statement quote" id="q-evil-quote" title="([^"]*)">"#, in: article)
        #expect(quoteTitles == ["Quote: " + Self.escaped("ACTORNAME") + " &#39;sq&#39; &amp; co"], "\(quoteTitles)")
    }

    @Test func rawHTMLAndJavaScriptLinksAreDroppedByDefault() throws {
        let body =
            "Intro [[Hegseth]].\n\n<div onclick=\"steal()\">block html</div>\n\nInline <b onmouseover=\"x()\">bold</b> and [click](javascript:alert(1)) and <img src=x onerror=alert(2)>.\n"
        let outcome = try RealBuild.build(["articles/a.md": RealBuild.article(body)])
        #expect(outcome.succeeded, "\(outcome.report)")
        let page = try #require(outcome.text("articles/a.html"))
        #expect(!page.contains("onclick"))
        #expect(!page.contains("onmouseover"))
        #expect(!page.contains("onerror"))
        #expect(!page.lowercased().contains("javascript:"))
        #expect(page.contains("click</a>"), "the link text stays")
        for (path, html) in outcome.pages {
            #expect(!html.lowercased().contains("javascript:"), "javascript: in \(path)")
        }
    }

    @Test func rawHTMLIsKeptWithUnsafeHTML() throws {
        let body =
            "Intro [[Hegseth]].\n\n<div class=\"custom\">block html</div>\n\nInline <b>bold</b> and [click](javascript:alert(1)).\n"
        let outcome = try RealBuild.build([
            "site.yml": RealBuild.siteYML + "unsafe_html: true\n", "articles/a.md": RealBuild.article(body),
        ])
        #expect(outcome.succeeded, "\(outcome.report)")
        let page = try #require(outcome.text("articles/a.html"))
        #expect(page.contains("<div class=\"custom\">block html</div>"))
        #expect(page.contains("<b>bold</b>"))
        #expect(page.contains("href=\"javascript:alert(1)\""))
    }

    @Test func aSymlinkPointingOutsideTheContentFolderIsRefused() throws {
        try TestContent.withTemporaryDirectory { outside in
            let secret = outside.appendingPathComponent("secret.md")
            try Data(TestContent.actor(name: "Secret Agent", body: "TOP-SECRET-BIO\n").utf8).write(to: secret)
            let outcome = try RealBuild.build(["articles/a.md": RealBuild.article("Hi [[Hegseth]].\n")]) { folder in
                try FileManager.default.createSymbolicLink(
                    at: folder.appendingPathComponent("actors/secret-agent.md"), withDestinationURL: secret)
            }
            #expect(!outcome.succeeded)
            #expect(outcome.errors.count == 1, "\(outcome.report)")
            let error = try #require(outcome.errors.first)
            #expect(error.location == SitegenBase.SourceLocation(file: "actors/secret-agent.md", line: 1, column: 1))
            #expect(error.message.contains("symbolic link points outside the content folder"))
            #expect(!outcome.outputExists)
        }
    }

    @Test func aSymlinkInsideTheContentFolderIsFollowed() throws {
        let outcome = try RealBuild.build(["articles/a.md": RealBuild.article("Hi [[Hegseth]].\n")]) { folder in
            try TestContent.write(["shared/agent.md": TestContent.actor(name: "Inside Agent")], into: folder)
            try FileManager.default.createSymbolicLink(
                at: folder.appendingPathComponent("actors/inside-agent.md"),
                withDestinationURL: folder.appendingPathComponent("shared/agent.md"))
        }
        #expect(outcome.succeeded, "\(outcome.report)")
        #expect(outcome.text("actors/inside-agent.html")?.contains("Inside Agent") == true)
    }

    @Test func assetSymlinksOutsideTheContentFolderAreNotCopied() throws {
        try TestContent.withTemporaryDirectory { outside in
            try TestContent.write(["secret.txt": "TOP-SECRET", "dir/key.txt": "TOP-SECRET-KEY"], into: outside)
            let outcome = try RealBuild.build(["articles/a.md": RealBuild.article("Hi [[Hegseth]].\n")]) { folder in
                try TestContent.write(["assets/ok.txt": "fine"], into: folder)
                try FileManager.default.createSymbolicLink(
                    at: folder.appendingPathComponent("assets/secret.txt"),
                    withDestinationURL: outside.appendingPathComponent("secret.txt"))
                try FileManager.default.createSymbolicLink(
                    at: folder.appendingPathComponent("assets/dir"),
                    withDestinationURL: outside.appendingPathComponent("dir"))
            }
            for (path, data) in outcome.files {
                #expect(!String(decoding: data, as: UTF8.self).contains("TOP-SECRET"), "\(path) leaks a file")
            }
            // A file link is an error; nothing outside the folder is copied either way.
            #expect(!outcome.succeeded)
            #expect(
                outcome.errors.contains {
                    $0.location?.file == "assets/secret.txt" && $0.message.contains("outside the content folder")
                }, "\(outcome.report)")
        }
    }

    @Test func slugsCannotClimbOutOfTheirFolder() throws {
        #expect(!Slug.isValid("../evil"))
        #expect(!Slug.isValid(".."))
        #expect(!Slug.isValid("a/b"))
        #expect(Slug.make(from: "../evil") == "evil")
        #expect(Slug.make(from: "../../etc/passwd") == "etc-passwd")
        for path in [
            "../evil.html", "actors/../../evil.html", "/etc/passwd", "a/./b.html", "a//b.html", "a\\b.html",
            "assets/x\0.png", "", "assets/..", ".",
        ] {
            #expect(OutputPath(path) == nil, "OutputPath accepted '\(path)'")
        }
        #expect(OutputPath("assets/..evil.png") != nil, "a name that merely starts with dots is fine")
    }

    @Test func fileNamesAndQuoteIDsThatAreNotSlugsAreErrors() throws {
        let text = RealBuild.article("[“words”]{.quote by=hegseth about=peace-talks #../../evil}\n")
        // Hidden files (`actors/..evil.md`) are not content at all; a visible name with dots is an error.
        let outcome = try RealBuild.build([
            "actors/evil..md": TestContent.actor(name: "Dots"), "actors/..evil.md": TestContent.actor(name: "Hidden"),
            "articles/a.md": text,
        ])
        #expect(!outcome.succeeded)
        #expect(
            outcome.errors.contains {
                $0.location?.file == "actors/evil..md" && $0.message.contains("is not a valid slug")
            }, "\(outcome.report)")
        #expect(!outcome.report.contains("..evil"), "\(outcome.report)")
        #expect(
            outcome.errors.contains {
                $0.location == (try? RealBuild.location(of: "#../", in: text, file: "articles/a.md"))
                    && $0.message.contains("'#../../evil' is not a valid id")
            }, "\(outcome.report)")
        #expect(!outcome.outputExists)
    }

    @Test func yamlBillionLaughsIsRefusedQuickly() throws {
        var lines = ["---", "title: Laughs", "date: 2025-02-13"]
        lines.append("a: &a [\(Array(repeating: "\"lol\"", count: 10).joined(separator: ","))]")
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            lines.append("\(name): &\(name) [\(Array(repeating: "*\(previous)", count: 10).joined(separator: ","))]")
            previous = name
        }
        lines += ["---", "Body [[Hegseth]].", ""]
        // Without the expansion budget this would not finish; with it the
        // file is refused with one error (how fast is the benchmark's business).
        let outcome = try RealBuild.build(["articles/lol.md": lines.joined(separator: "\n")])
        #expect(!outcome.succeeded)
        #expect(outcome.errors.count == 1, "\(outcome.report)")
        #expect(outcome.errors.first?.location?.file == "articles/lol.md")
        #expect(outcome.errors.first?.message.contains("YAML expands to more than") == true, "\(outcome.report)")
    }

    @Test func aByteOrderMarkIsIgnored() throws {
        let outcome = try RealBuild.build([:]) { folder in
            try TestContent.write(
                Data([0xEF, 0xBB, 0xBF]) + Data(RealBuild.article("Hi [[Hegseth]].\n", title: "With BOM").utf8),
                at: "articles/bom.md", into: folder)
        }
        #expect(outcome.succeeded, "\(outcome.report)")
        let page = try #require(outcome.text("articles/bom.html"))
        #expect(page.contains("<h1") && page.contains("With BOM"))
        #expect(!page.contains("\u{FEFF}"))
    }

    @Test func crlfLineEndingsBuildAndKeepLineNumbers() throws {
        let good = RealBuild.article("Hi [[Hegseth]].\n\nSecond paragraph.\n", title: "CRLF")
            .replacingOccurrences(of: "\n", with: "\r\n")
        let built = try RealBuild.build(["articles/crlf.md": good])
        #expect(built.succeeded, "\(built.report)")
        let page = try #require(built.text("articles/crlf.html"))
        #expect(!page.contains("\r"))
        #expect(page.contains("CRLF</h1>") || page.contains(">CRLF<"))

        let bad = RealBuild.article("Intro.\n\nSee [[Hegset]] here.\n").replacingOccurrences(of: "\n", with: "\r\n")
        let failed = try RealBuild.build(["articles/crlf.md": bad])
        #expect(failed.errors.count == 1, "\(failed.report)")
        #expect(
            failed.errors.first?.location == SitegenBase.SourceLocation(file: "articles/crlf.md", line: 7, column: 5))
    }

    @Test func anEmptyArticleFileIsACleanError() throws {
        let outcome = try RealBuild.build(["articles/empty.md": ""])
        #expect(!outcome.succeeded)
        #expect(!outcome.errors.isEmpty)
        #expect(outcome.errors.allSatisfy { $0.location?.file == "articles/empty.md" }, "\(outcome.report)")
        #expect(outcome.errors.contains { $0.message.contains("'title'") }, "\(outcome.report)")
    }

    @Test(arguments: ["---\ntitle: T\ndate: 2025-02-13\nBody without a fence\n", "---", "---\n"])
    func frontMatterWithoutAClosingFenceIsACleanError(_ text: String) throws {
        let outcome = try RealBuild.build(["articles/open.md": text])
        #expect(!outcome.succeeded)
        #expect(outcome.errors.count == 1, "\(outcome.report)")
        #expect(
            outcome.errors.first?.location == SitegenBase.SourceLocation(file: "articles/open.md", line: 1, column: 1))
        #expect(outcome.errors.first?.message.contains("no closing '---'") == true, "\(outcome.report)")
    }

    /// The issue's 50 MB article; timing belongs to the benchmark, not here.
    @Test func aFiftyMegabyteArticleBuilds() throws {
        let paragraph =
            "The ministers met again on Thursday and talked at length about supplies, budgets and timetables for the coming year, and nothing was settled.\n\n"
        var body = ""
        body.reserveCapacity(50_500_000)
        var index = 0
        while body.utf8.count < 50_000_000 {
            if index % 200 == 0 { body += "Paragraph \(index): [[Hegseth]] spoke to [[Trump]] about it.\n\n" }
            body += paragraph
            index += 1
        }
        let outcome = try RealBuild.build(["articles/large.md": RealBuild.article(body, title: "Large")])
        #expect(outcome.succeeded, "\(outcome.report)")
        let page = try #require(outcome.text("articles/large.html"))
        #expect(page.utf8.count > 50_000_000)
        #expect(TestContent.count("href=\"../actors/pete-hegseth.html\"", in: page) >= (index + 199) / 200)
    }

    @Test func tenThousandNestedBlockQuotesAreACleanError() throws {
        let body = String(repeating: ">", count: 10_000) + " deep\n"
        let outcome = try RealBuild.build(["articles/deep.md": RealBuild.article("Hi [[Hegseth]].\n\n" + body)])
        #expect(!outcome.succeeded)
        #expect(outcome.errors.count == 1, "\(outcome.report)")
        #expect(outcome.errors.first?.location?.file == "articles/deep.md")
        #expect(outcome.errors.first?.message.contains("levels deep") == true)
    }

    @Test func tenThousandBracketsAreOneErrorPerRun() throws {
        // A run of `[` opens no entity link and a run of `]` closes none: one error each, not thousands.
        let body =
            "Hi [[Hegseth]].\n\n" + String(repeating: "[", count: 10_000) + "x\n\n"
            + "y" + String(repeating: "]", count: 10_000) + "\n"
        let outcome = try RealBuild.build(["articles/brackets.md": RealBuild.article(body)])
        #expect(!outcome.succeeded)
        #expect(outcome.errors.map(\.location?.line) == [7, 9], "\(outcome.report)")
    }

    @Test func tenThousandEscapedBracketsStayAsWritten() throws {
        let body =
            "Hi [[Hegseth]].\n\n" + String(repeating: "\\[", count: 10_000) + "x\n\n"
            + "y" + String(repeating: "\\]", count: 10_000) + "\n"
        let outcome = try RealBuild.build(["articles/brackets.md": RealBuild.article(body)])
        #expect(outcome.succeeded, "\(outcome.report)")
        let page = try #require(outcome.text("articles/brackets.html"))
        #expect(TestContent.count("[", in: page) >= 10_000)
        #expect(TestContent.count("]", in: page) >= 10_000)
    }

    @Test func tenThousandNestedSpansAreACleanResult() throws {
        let body =
            "Hi [[Hegseth]].\n\n" + String(repeating: "[", count: 10_000) + "x"
            + String(repeating: "]{.claim by=hegseth about=peace-talks}", count: 10_000) + "\n"
        let outcome = try RealBuild.build(["articles/spans.md": RealBuild.article(body)])
        if outcome.succeeded {
            #expect(outcome.text("articles/spans.html")?.contains("statement claim") == true)
        } else {
            #expect(!outcome.errors.isEmpty)
            #expect(outcome.errors.allSatisfy { $0.location?.file == "articles/spans.md" }, "\(outcome.report)")
        }
    }

    @Test func tenThousandNestedEmphasisIsACleanResult() throws {
        let body =
            "Hi [[Hegseth]].\n\n" + String(repeating: "*", count: 10_000) + "x"
            + String(repeating: "*", count: 10_000) + "\n\n" + String(repeating: "*a ", count: 10_000) + "\n"
        let outcome = try RealBuild.build(["articles/stars.md": RealBuild.article(body)])
        if outcome.succeeded {
            #expect(outcome.text("articles/stars.html")?.contains("<em>") == true)
        } else {
            #expect(!outcome.errors.isEmpty)
            #expect(outcome.errors.allSatisfy { $0.location?.file == "articles/stars.md" }, "\(outcome.report)")
            #expect(outcome.errors.contains { $0.message.contains("levels deep") }, "\(outcome.report)")
        }
    }

    @Test func assetsAreCopiedByteForByte() throws {
        let allBytes = Data((0...255).map { UInt8($0) } + (0...255).reversed().map { UInt8($0) })
        let outcome = try RealBuild.build(["articles/a.md": RealBuild.article("Hi [[Hegseth]].\n")]) { folder in
            try TestContent.write(allBytes, at: "assets/bytes.bin", into: folder)
            try TestContent.write(Data("sub\r\nfolder\u{0}".utf8), at: "assets/img/deep/note.txt", into: folder)
            try TestContent.write(Data(), at: "assets/empty", into: folder)
            try TestContent.write(Data("<svg/>".utf8), at: "assets/a name with spaces & é.svg", into: folder)
        }
        #expect(outcome.succeeded, "\(outcome.report)")
        #expect(outcome.files["assets/bytes.bin"] == allBytes)
        #expect(outcome.files["assets/img/deep/note.txt"] == Data("sub\r\nfolder\u{0}".utf8))
        #expect(outcome.files["assets/empty"] == Data())
        #expect(outcome.files["assets/a name with spaces & é.svg"] == Data("<svg/>".utf8))
        #expect(outcome.files.keys.filter { $0.hasPrefix("assets/") }.count == 4)
    }
}
