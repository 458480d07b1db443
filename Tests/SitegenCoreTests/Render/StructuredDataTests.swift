import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore
@testable import SitegenRender

@Suite("schema.org JSON-LD")
struct StructuredDataTests {
    private func jsonLD(_ path: String) throws -> [String: Any] {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let builder = SiteBuilder(
                options: .init(content: TestContent.seedContent, templates: TestContent.seedTemplates, output: output))
            guard case .success = builder.build() else { throw TestContent.Failure("seed build failed") }
            let html = try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
            let opening = #"<script type="application/ld+json">"#
            let start = try #require(html.range(of: opening), "no JSON-LD in \(path)")
            let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
            let json = Data(html[start.upperBound..<end.lowerBound].utf8)
            return try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        }
    }

    @Test func articleIsANewsArticleThatMentionsItsActorsAndTopics() throws {
        let data = try jsonLD("articles/hegseth-peace-talks-not-a-betrayal.html")
        #expect(data["@context"] as? String == "https://schema.org")
        #expect(data["@type"] as? String == "NewsArticle")
        #expect(data["datePublished"] as? String == "2025-02-13")
        let mentions = try #require(data["mentions"] as? [[String: Any]])
        #expect(mentions.contains { $0["name"] as? String == "Pete Hegseth" && $0["@type"] as? String == "Person" })
        #expect(mentions.contains { $0["@type"] as? String == "DefinedTerm" })
        #expect(mentions.contains { $0["name"] as? String == "Ukraine" && $0["@type"] as? String == "Country" })
    }

    @Test func actorsAreTypedByKind() throws {
        let person = try jsonLD("actors/pete-hegseth.html")
        #expect(person["@type"] as? String == "Person")
        #expect(person["jobTitle"] as? String == "US Secretary of Defence")
        #expect((person["affiliation"] as? [String: Any])?["name"] as? String == "United States")
        #expect(try jsonLD("actors/nato.html")["@type"] as? String == "Organization")
        #expect(try jsonLD("actors/ukraine.html")["@type"] as? String == "Country")
    }

    @Test func quoteIsAQuotationPartOfItsArticle() throws {
        let quote = try jsonLD("quotes/pete-hegseth-not-a-betrayal.html")
        #expect(quote["@type"] as? String == "Quotation")
        #expect((quote["text"] as? String)?.contains("not a betrayal") == true)
        #expect((quote["creator"] as? [String: Any])?["name"] as? String == "Pete Hegseth")
        #expect((quote["spokenByCharacter"] as? [String: Any])?["name"] as? String == "Pete Hegseth")
        #expect((quote["isPartOf"] as? [String: Any])?["@type"] as? String == "NewsArticle")
    }

    @Test func topicIsADefinedTerm() throws {
        let topic = try jsonLD("topics/peace-talks.html")
        #expect(topic["@type"] as? String == "DefinedTerm")
        #expect(topic["name"] as? String == "Peace negotiations")
    }

    @Test func scriptClosingTextCannotEscapeTheJSON() {
        let writer = JSONWriter(htmlSafe: true)
        writer.object { writer.field("text", "</script><script>alert(1)</script> & more") }
        #expect(!writer.text.contains("<"))
        let parsed = try? JSONSerialization.jsonObject(with: Data(writer.text.utf8)) as? [String: String]
        #expect(parsed?["text"] == "</script><script>alert(1)</script> & more")
    }
}
