import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenLoad

@Suite("Slugs")
struct SlugTests {
    @Test(arguments: ["pete-hegseth", "nato", "defence-spending", "a", "a1", "2025", "g7-summit-2025"])
    func validSlugs(_ slug: String) {
        #expect(Slug.isValid(slug))
    }

    @Test(arguments: [
        "Pete", "a--b", "-a", "a-", "a_b", "é", "", "a b", "a/b", "..", ".", "a.b", "pete-hegseth.md", "PETE",
        "a\u{0}b", "über",
    ])
    func invalidSlugs(_ slug: String) {
        #expect(!Slug.isValid(slug))
    }

    @Test func overlongSlugIsInvalid() {
        #expect(Slug.isValid(String(repeating: "a", count: 200)))
        #expect(!Slug.isValid(String(repeating: "a", count: 201)))
    }

    @Test func makeFoldsAccents() {
        #expect(Slug.make(from: "Sébastien Lecornu") == "sebastien-lecornu")
        #expect(Slug.make(from: "Volodymyr Zelenskyy") == "volodymyr-zelenskyy")
        #expect(Slug.make(from: "Ärger über Öl") == "arger-uber-ol")
    }

    @Test func makeJoinsWordsWithSingleHyphens() {
        #expect(Slug.make(from: "  Hello,   World! ") == "hello-world")
        #expect(Slug.make(from: "NATO's future") == "natos-future")
        #expect(Slug.make(from: "Russia’s war") == "russias-war")
        #expect(Slug.make(from: "a--b__c") == "a-b-c")
        #expect(Slug.make(from: "“Not a betrayal”") == "not-a-betrayal")
    }

    @Test func makeStopsAfterMaxWords() {
        #expect(Slug.make(from: "one two three four five", maxWords: 3) == "one-two-three")
        #expect(Slug.make(from: "one two", maxWords: 3) == "one-two")
    }

    /// Only ASCII letters and digits make words; every other scalar of the
    /// folded text separates them.
    @Test func onlyASCIILettersAndDigitsMakeWords() {
        for value in UInt32(0)..<0x80 {
            guard let scalar = Unicode.Scalar(value), scalar != "'" else { continue }
            let isWordScalar = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            let expected = isWordScalar ? "x\(Character(scalar))y".lowercased() : "x-y"
            #expect(Slug.make(from: "x\(Character(scalar))y") == expected, "U+\(String(value, radix: 16))")
        }
    }

    /// ASCII text skips Foundation's folding; a trailing "é" sends the same
    /// text through it, which must change nothing but add the "e".
    @Test func asciiTextSlugsAsFoldedTextDoes() {
        for value in UInt32(0)..<0x80 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "Ab\(Character(scalar))Cd"
            #expect(Slug.make(from: text + "é") == Slug.make(from: text) + "e", "U+\(String(value, radix: 16))")
        }
    }

    @Test func makeReturnsEmptyForTextWithoutLettersOrDigits() {
        #expect(Slug.make(from: "") == "")
        #expect(Slug.make(from: "—“”!?") == "")
    }

    @Test(arguments: ["Sébastien Lecornu", "  Hello,   World! ", "A--B", "Défense & Sécurité 2025", "x", "Über-Ärger"])
    func madeSlugsAreValid(_ text: String) {
        let slug = Slug.make(from: text)
        #expect(slug.isEmpty || Slug.isValid(slug), "'\(slug)' from '\(text)' is not a valid slug")
    }

    @Test func fileWithAnInvalidSlugIsAnErrorNamingTheFile() throws {
        let output = try TestContent.withContentFolder([
            "actors/Pete_Hegseth.md": TestContent.actor(name: "Pete Hegseth"),
            "actors/nato.md": TestContent.actor(name: "NATO", kind: "organisation"),
        ]) { ContentLoader().load(from: $0) }
        let error = output.diagnostics.errors.first { $0.location?.file == "actors/Pete_Hegseth.md" }
        #expect(error != nil, "no error for the file: \(output.diagnostics)")
        #expect(error?.message.contains("Pete_Hegseth.md") == true)
        #expect(error?.notes.contains { $0.contains("pete-hegseth.md") } == true)
        // The file is left out; the valid one is kept.
        #expect(output.content.actors.map(\.slug) == ["nato"])
    }

    @Test(arguments: ["articles/Hello World.md", "topics/-peace.md", "topics/peace--talks.md", "topics/é.md"])
    func everyKindOfFileChecksItsSlug(_ path: String) throws {
        let text =
            path.hasPrefix("articles/")
            ? TestContent.article(body: "Body\n") : TestContent.topic(title: "Some topic")
        let output = try TestContent.withContentFolder([path: text]) { ContentLoader().load(from: $0) }
        let name = (path as NSString).lastPathComponent
        #expect(
            output.diagnostics.errors.contains { $0.location?.file == path && $0.message.contains(name) },
            "\(output.diagnostics)")
        #expect(output.content.articles.isEmpty)
        #expect(output.content.topics.isEmpty)
    }
}
