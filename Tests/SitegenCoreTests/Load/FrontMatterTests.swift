import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenLoad

@Suite("Front matter")
struct FrontMatterTests {
    private func parse(_ text: String, path: String = "articles/a.md") -> Result<FrontMatterDocument, Diagnostic> {
        FrontMatter.parse(SourceFile(path: path, text: text))
    }

    private func document(_ text: String, path: String = "articles/a.md") throws -> FrontMatterDocument {
        switch parse(text, path: path) {
        case .success(let document): return document
        case .failure(let diagnostic): throw TestContent.Failure("unexpected diagnostic: \(diagnostic)")
        }
    }

    private func failure(_ text: String, path: String = "articles/a.md") throws -> Diagnostic {
        switch parse(text, path: path) {
        case .success: throw TestContent.Failure("expected front matter to be refused:\n\(text)")
        case .failure(let diagnostic): return diagnostic
        }
    }

    // MARK: Splitting

    @Test func parsesKeysInOrderWithTheirLocations() throws {
        let doc = try document("---\ntitle: Hello\ndate: 2025-02-13\naliases: [a, b]\n---\nBody text\n")
        #expect(doc.hasFrontMatter)
        #expect(doc.keyOrder == ["title", "date", "aliases"])
        #expect(doc.entries["title"]?.value == .scalar("Hello"))
        #expect(doc.entries["date"]?.value == .scalar("2025-02-13"))
        #expect(doc.entries["aliases"]?.value == .list([.scalar("a"), .scalar("b")]))
        #expect(doc.entries["title"]?.location == SitegenBase.SourceLocation(file: "articles/a.md", line: 2, column: 1))
        #expect(
            doc.entries["aliases"]?.location == SitegenBase.SourceLocation(file: "articles/a.md", line: 4, column: 1))
        #expect(doc.body == "Body text\n")
    }

    @Test func bodyFirstLineIsTheLineAfterTheClosingFence() throws {
        let doc = try document("---\ntitle: Hello\nsummary: x\n---\nFirst body line\n")
        #expect(doc.bodyFirstLine == 5)
        let empty = try document("---\n---\nBody\n")
        #expect(empty.entries.isEmpty)
        #expect(empty.bodyFirstLine == 3)
        #expect(empty.body == "Body\n")
    }

    @Test func fileWithoutFrontMatterIsAllBody() throws {
        let doc = try document("Just text\n\nMore.\n")
        #expect(!doc.hasFrontMatter)
        #expect(doc.entries.isEmpty)
        #expect(doc.bodyFirstLine == 1)
        #expect(doc.body == "Just text\n\nMore.\n")
    }

    @Test func emptyFileParsesAsEmptyBody() throws {
        let doc = try document("")
        #expect(!doc.hasFrontMatter)
        #expect(doc.body == "")
        #expect(doc.bodyFirstLine == 1)
    }

    @Test func emptyActorFileReportsEachMissingKey() {
        let (actor, diagnostics) = ContentLoader.actor(from: SourceFile(path: "actors/empty.md", text: ""))
        #expect(actor == nil)
        let messages = diagnostics.errors.map(\.message)
        #expect(messages.contains { $0.contains("'name'") })
        #expect(messages.contains { $0.contains("'kind'") })
        #expect(diagnostics.allSatisfy { $0.location?.file == "actors/empty.md" })
    }

    @Test func missingClosingFenceIsAnErrorAtLineOne() throws {
        let diagnostic = try failure("---\ntitle: Hello\ndate: 2025-02-13\n\nBody without a fence\n")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location == SitegenBase.SourceLocation(file: "articles/a.md", line: 1, column: 1))
        #expect(diagnostic.message.contains("closing"))
        // A lone `---` is an unclosed block too.
        let lone = try failure("---")
        #expect(lone.location?.line == 1)
    }

    // MARK: YAML errors

    @Test func yamlErrorReportsTheFileLine() throws {
        // YAML line 3 is file line 4 (the opening `---` is file line 1).
        let text = "---\ntitle: ok\nsummary: fine\nrole: a: b\n---\nBody\n"
        let diagnostic = try failure(text, path: "actors/x.md")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("YAML"))
        #expect(diagnostic.location?.file == "actors/x.md")
        #expect(diagnostic.location?.line == 4)
        #expect((diagnostic.location?.column ?? 0) >= 1)
    }

    @Test func yamlErrorOnTheFirstKeyLineIsLineTwo() throws {
        let diagnostic = try failure("---\ntitle: a: b\n---\n")
        #expect(diagnostic.location?.line == 2)
    }

    @Test func aSingleValueInsteadOfAMappingIsAnError() throws {
        let diagnostic = try failure("---\njust some words\n---\nBody\n")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location?.line == 2)
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        var lines = ["---", "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            lines.append(
                "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
        }
        lines += ["title: Boom", "---", "Body"]
        let text = lines.joined(separator: "\n")
        // Without the expansion budget this would not finish; timing it is the
        // benchmark's business, refusing it is this test's.
        let result: Result<FrontMatterDocument, Diagnostic>? = parse(text)
        guard case .failure(let diagnostic) = result else {
            Issue.record("billion-laughs YAML was accepted")
            return
        }
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("alias") || diagnostic.message.contains("expands"))
        #expect(diagnostic.location?.file == "articles/a.md")
    }

    @Test func modestAliasesAreAccepted() throws {
        let doc = try document("---\nbase: &base [x, y]\ncopy: *base\ntitle: T\n---\n")
        #expect(doc.entries["copy"]?.value == .list([.scalar("x"), .scalar("y")]))
    }

    // MARK: Typed fields

    @Test func aliasesGivenAsAScalarIsATypeError() {
        let text = "---\nname: Pete Hegseth\nkind: person\naliases: Hegseth\n---\n"
        let (actor, diagnostics) = ContentLoader.actor(from: SourceFile(path: "actors/pete-hegseth.md", text: text))
        #expect(actor == nil)
        let error = diagnostics.errors.first { $0.message.contains("'aliases'") }
        #expect(error != nil)
        #expect(error?.message.contains("list") == true)
        #expect(error?.location == SitegenBase.SourceLocation(file: "actors/pete-hegseth.md", line: 4, column: 1))
    }

    @Test func badAliasItemIsReportedAtTheItem() {
        let text = "---\nname: Pete Hegseth\nkind: person\naliases:\n  - Hegseth\n  - [nested]\n---\n"
        let (actor, diagnostics) = ContentLoader.actor(from: SourceFile(path: "actors/pete-hegseth.md", text: text))
        #expect(actor == nil)
        let error = diagnostics.errors.first { $0.message.contains("'aliases'") }
        #expect(error?.location?.line == 6)
        #expect(error?.location?.column == 5)
    }

    @Test func titleGivenAsAListIsATypeError() {
        let text = "---\ntitle: [Peace, Talks]\n---\n"
        let (topic, diagnostics) = ContentLoader.topic(from: SourceFile(path: "topics/peace-talks.md", text: text))
        #expect(topic == nil)
        let error = diagnostics.errors.first { $0.message.contains("'title'") }
        #expect(error != nil)
        #expect(error?.message.contains("list") == true)
        #expect(error?.location?.line == 2)
    }

    @Test(arguments: [
        ("actor", "---\nkind: person\n---\n", "name"),
        ("actor", "---\nname: Pete Hegseth\n---\n", "kind"),
        ("topic", "---\nsummary: Something\n---\n", "title"),
        ("article", "---\ndate: 2025-02-13\n---\n", "title"),
        ("article", "---\ntitle: Hello\n---\n", "date"),
    ])
    func missingRequiredKeyIsAnError(kind: String, text: String, key: String) {
        let path = "\(kind)s/x.md"
        let file = SourceFile(path: path, text: text)
        let diagnostics: [Diagnostic]
        let loaded: Bool
        switch kind {
        case "actor":
            let result = ContentLoader.actor(from: file)
            (loaded, diagnostics) = (result.0 != nil, result.1)
        case "topic":
            let result = ContentLoader.topic(from: file)
            (loaded, diagnostics) = (result.0 != nil, result.1)
        default:
            let result = ContentLoader.article(from: file)
            (loaded, diagnostics) = (result.0 != nil, result.1)
        }
        #expect(!loaded)
        let error = diagnostics.errors.first { $0.message.contains("'\(key)'") }
        #expect(error != nil, "no error naming '\(key)' in \(diagnostics)")
        #expect(error?.message.contains("missing") == true)
        #expect(error?.location?.file == path)
    }

    @Test func emptyRequiredValueIsAnError() {
        let (topic, diagnostics) = ContentLoader.topic(
            from: SourceFile(path: "topics/t.md", text: "---\ntitle: \"  \"\n---\n"))
        #expect(topic == nil)
        #expect(diagnostics.errors.contains { $0.message.contains("'title'") })
    }

    @Test func invalidCalendarDateIsAnError() {
        let text = "---\ntitle: Hello\ndate: 2025-02-30\n---\nBody\n"
        let (article, diagnostics) = ContentLoader.article(from: SourceFile(path: "articles/a.md", text: text))
        #expect(article == nil)
        let error = diagnostics.errors.first { $0.message.contains("date") }
        #expect(error != nil)
        #expect(error?.message.contains("2025-02-30") == true)
        #expect(error?.location == SitegenBase.SourceLocation(file: "articles/a.md", line: 3, column: 1))
    }

    @Test(arguments: ["2025-13-01", "2025-00-10", "2025-2-3", "13/02/2025", "2023-02-29", "2025-02-13x", "tomorrow"])
    func malformedDatesAreRejected(_ text: String) {
        #expect(ContentDate(iso: text) == nil)
    }

    @Test func validDatesParse() throws {
        let leap = try #require(ContentDate(iso: "2024-02-29"))
        #expect(leap.year == 2024)
        #expect(leap.month == 2)
        #expect(leap.day == 29)
        let withTime = try #require(ContentDate(iso: "2025-02-13T09:30:00Z"))
        #expect(withTime.iso == "2025-02-13")
        #expect(withTime.long == "13 February 2025")
        let text = "---\ntitle: Hello\ndate: 2025-02-13\n---\nBody\n"
        let (article, diagnostics) = ContentLoader.article(from: SourceFile(path: "articles/hello.md", text: text))
        #expect(diagnostics.isEmpty)
        #expect(article?.date.iso == "2025-02-13")
        #expect(article?.slug == "hello")
        #expect(article?.body.firstLine == 5)
        #expect(article?.body.markdown == "Body\n")
    }

    @Test func unknownActorKindSuggestsTheNearestKind() {
        let text = "---\nname: Pete Hegseth\nkind: persn\n---\n"
        let (actor, diagnostics) = ContentLoader.actor(from: SourceFile(path: "actors/pete-hegseth.md", text: text))
        #expect(actor == nil)
        let error = diagnostics.errors.first { $0.message.contains("persn") }
        #expect(error != nil)
        #expect(error?.message.contains("kind") == true)
        #expect(error?.location?.line == 3)
        #expect(error?.notes.contains { $0.contains("did you mean") && $0.contains("person") } == true)
    }

    @Test func actorKindIsCaseInsensitive() {
        let text = "---\nname: NATO\nkind: Organisation\n---\n"
        let (actor, diagnostics) = ContentLoader.actor(from: SourceFile(path: "actors/nato.md", text: text))
        #expect(diagnostics.isEmpty)
        #expect(actor?.kind == .organisation)
    }

    @Test func draftMustBeABoolean() {
        let text = "---\ntitle: Hello\ndate: 2025-02-13\ndraft: maybe\n---\n"
        let (article, diagnostics) = ContentLoader.article(from: SourceFile(path: "articles/a.md", text: text))
        #expect(article == nil)
        #expect(diagnostics.errors.contains { $0.message.contains("'draft'") && $0.location?.line == 4 })
    }

    @Test func unknownKeysAreKeptInExtra() throws {
        let actorText = "---\nname: Pete Hegseth\nkind: person\ntwitter: \"@pete\"\ntags: [defence, us]\n---\n"
        let (actor, actorDiagnostics) = ContentLoader.actor(
            from: SourceFile(path: "actors/pete-hegseth.md", text: actorText))
        #expect(actorDiagnostics.isEmpty)
        let extra = try #require(actor?.extra)
        #expect(extra["twitter"] == .scalar("@pete"))
        #expect(extra["tags"] == .list([.scalar("defence"), .scalar("us")]))
        #expect(extra["name"] == nil)
        #expect(extra["kind"] == nil)

        let articleText = "---\ntitle: T\ndate: 2025-01-01\nhero_image: hero.jpg\n---\n"
        let (article, _) = ContentLoader.article(from: SourceFile(path: "articles/t.md", text: articleText))
        #expect(article?.extra == ["hero_image": .scalar("hero.jpg")])

        let topicText = "---\ntitle: T\ncolour: blue\n---\n"
        let (topic, _) = ContentLoader.topic(from: SourceFile(path: "topics/t.md", text: topicText))
        #expect(topic?.extra == ["colour": .scalar("blue")])
    }

    // MARK: Decoding

    @Test func crlfInputIsNormalised() throws {
        let bytes = Data("---\r\nname: Pete Hegseth\r\nkind: person\r\n---\r\nLine one\r\nLine two\r\n".utf8)
        let file = try SourceFile.decode(bytes, path: "actors/pete-hegseth.md").get()
        #expect(!file.text.contains("\r"))
        let doc = try document(file.text, path: file.path)
        #expect(doc.entries["name"]?.value == .scalar("Pete Hegseth"))
        #expect(doc.bodyFirstLine == 5)
        #expect(doc.body == "Line one\nLine two\n")
        let (actor, diagnostics) = ContentLoader.actor(from: file)
        #expect(diagnostics.isEmpty)
        #expect(actor?.name == "Pete Hegseth")
    }

    @Test func loneCarriageReturnsBecomeNewlines() throws {
        let file = try SourceFile.decode(Data("a\rb\r\nc".utf8), path: "x.md").get()
        #expect(file.text == "a\nb\nc")
        let edges = try SourceFile.decode(Data("\r\ré\r\r\nz\r".utf8), path: "x.md").get()
        #expect(edges.text == "\n\né\n\nz\n")
    }

    @Test func invalidUTF8AfterCarriageReturnsIsOnItsLine() {
        // Lone CRs count as line ends, as they do once the file is read.
        let bytes = Data("a\rb\r\nc\r".utf8) + Data([0xFF])
        switch SourceFile.decode(bytes, path: "articles/bad.md") {
        case .success: Issue.record("invalid UTF-8 was accepted")
        case .failure(let diagnostic):
            #expect(diagnostic.location == SitegenBase.SourceLocation(file: "articles/bad.md", line: 4, column: 1))
        }
    }

    @Test func byteOrderMarkIsDropped() throws {
        let bytes = Data([0xEF, 0xBB, 0xBF]) + Data("---\ntitle: Hello\n---\nBody\n".utf8)
        let file = try SourceFile.decode(bytes, path: "topics/hello.md").get()
        #expect(file.text.hasPrefix("---\n"))
        let doc = try document(file.text)
        #expect(doc.hasFrontMatter)
        #expect(doc.entries["title"]?.value == .scalar("Hello"))
    }

    @Test func invalidUTF8IsReportedWithLineAndColumn() {
        // Line 2 is "abéc" then the invalid byte 0xFF: column 5 in characters.
        let bytes = Data("title\n".utf8) + Data("abéc".utf8) + Data([0xFF]) + Data("d\n".utf8)
        switch SourceFile.decode(bytes, path: "articles/bad.md") {
        case .success: Issue.record("invalid UTF-8 was accepted")
        case .failure(let diagnostic):
            #expect(diagnostic.severity == .error)
            #expect(diagnostic.location == SitegenBase.SourceLocation(file: "articles/bad.md", line: 2, column: 5))
            #expect(diagnostic.message.contains("UTF-8"))
        }
    }

    @Test func truncatedMultibyteSequenceIsInvalid() {
        // "é" cut after its first byte, at the very start of line 1.
        switch SourceFile.decode(Data([0xC3]), path: "x.md") {
        case .success: Issue.record("truncated UTF-8 was accepted")
        case .failure(let diagnostic): #expect(diagnostic.location?.line == 1)
        }
        switch SourceFile.decode(Data([0x61, 0x0A, 0x62, 0xC3, 0x28]), path: "x.md") {
        case .success: Issue.record("invalid continuation byte was accepted")
        case .failure(let diagnostic):
            #expect(diagnostic.location == SitegenBase.SourceLocation(file: "x.md", line: 2, column: 2))
        }
    }

    @Test func emptyDataDecodesToEmptyText() throws {
        let file = try SourceFile.decode(Data(), path: "x.md").get()
        #expect(file.text == "")
    }

    // MARK: Advice for YAML errors

    @Test(arguments: [
        (
            "title: 'Hegseth's push'",
            #"the apostrophe in title's value ends the single-quoted text early: use double quotes, title: "Hegseth's push", or write the apostrophe twice, title: 'Hegseth''s push'"#
        ),
        (
            #"title: "He said "no" twice""#,
            #"the '"' inside title's value ends the double-quoted text early: write it as \", or use single quotes, title: 'He said "no" twice'"#
        ),
        (
            "role: US Secretary of Defence: the boss",
            #"a ':' followed by a space inside an unquoted value reads as a new key: quote the value, role: "US Secretary of Defence: the boss""#
        ),
        (
            #"summary: He said "no": twice"#,
            #"a ':' followed by a space inside an unquoted value reads as a new key: quote the value, summary: 'He said "no": twice'"#
        ),
    ])
    func yamlErrorsGetTheAdviceThatFitsTheCause(_ line: String, _ advice: String) throws {
        let diagnostic = try failure("---\n\(line)\ndate: 2025-02-13\n---\nBody\n")
        #expect(diagnostic.location?.line == 2, "\(diagnostic)")
        #expect(diagnostic.notes == [advice])
    }

    @Test(arguments: ["title: 'It''s fine'", "title: plain words", "aliases: [a, b]", "title: \"A: B\""])
    func linesWithoutTheUsualMistakesGetNoSpecialAdvice(_ line: String) {
        #expect(FrontMatter.yamlAdvice(forLine: Substring(line)) == nil)
    }

    @Test func otherYAMLErrorsGetTheGeneralAdvice() throws {
        let diagnostic = try failure("---\ntitle: [a, b\n---\n")
        #expect(diagnostic.notes == [FrontMatter.genericYAMLAdvice])
    }
}
