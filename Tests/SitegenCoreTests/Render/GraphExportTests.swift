import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenCore
@testable import SitegenLink
@testable import SitegenRender

@Suite("data/graph.json export")
struct GraphExportTests {
    private func seedGraph() throws -> SiteGraph {
        let builder = SiteBuilder(
            options: .init(
                content: TestContent.seedContent, templates: TestContent.seedTemplates,
                output: URL(fileURLWithPath: "/nonexistent")))
        return try builder.check().get().graph
    }

    @Test func isValidJSONWithEveryEntityStatementAndMention() throws {
        let graph = try seedGraph()
        let files = Dictionary(
            uniqueKeysWithValues: GraphExport.files(graph).compactMap { file -> (String, Any)? in
                guard case .text(let text) = file.contents, file.path.rawValue.hasPrefix("data/") else { return nil }
                return (file.path.rawValue, (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as Any)
            })
        let root = try #require(files["data/graph.json"] as? [String: Any])
        let actors = try #require(root["actors"] as? [[String: Any]])
        let topics = try #require(root["topics"] as? [[String: Any]])
        let articles = try #require(root["articles"] as? [[String: Any]])
        // Each article's statements and mentions are in the file its `data` names.
        var statements = try #require(root["statements"] as? [[String: Any]])
        var mentions = try #require(root["mentions"] as? [[String: Any]])
        for article in articles {
            let path = try #require(article["data"] as? String)
            let data = try #require(files[path] as? [String: Any], "\(path) is written and valid JSON")
            #expect(data["article"] as? String == article["slug"] as? String)
            statements += try #require(data["statements"] as? [[String: Any]])
            mentions += try #require(data["mentions"] as? [[String: Any]])
        }
        #expect(
            files.count == articles.count + 3, "graph.json, claims.json, timeline.json and one file per article")
        #expect(actors.count == graph.actors.count)
        #expect(topics.count == graph.topics.count)
        #expect(statements.count == graph.statements.count)
        #expect(mentions.count == graph.mentions.values.reduce(0) { $0 + $1.count })
        let betrayal = try #require(statements.first { ($0["text"] as? String)?.contains("not a betrayal") == true })
        #expect(betrayal["speaker"] as? String == "pete-hegseth")
        #expect(betrayal["url"] as? String == "quotes/pete-hegseth-not-a-betrayal.html")
        #expect((betrayal["source_url"] as? String)?.hasPrefix("articles/") == true)
        #expect((betrayal["source_url"] as? String)?.contains("#p-") == true)
        let hegseth = try #require(actors.first { $0["slug"] as? String == "pete-hegseth" })
        #expect(hegseth["affiliation"] as? String == "united-states")
        #expect((hegseth["aliases"] as? [String])?.contains("Hegseth") == true)
    }

    @Test func articleDataHasStancesDatesAndEvents() throws {
        let graph = try seedGraph()
        let article = try #require(graph.articles.first)
        let data = try #require(
            try JSONSerialization.jsonObject(with: Data(GraphExport.articleJSON(article.slug, graph).utf8))
                as? [String: Any])
        let statements = try #require(data["statements"] as? [[String: Any]])
        let betrayal = try #require(statements.first { $0["id"] as? String == "pete-hegseth-not-a-betrayal" })
        #expect(betrayal["stances"] as? [String: String] == ["peace-talks": "for"])
        let unrealistic = try #require(statements.first { $0["id"] as? String == "pete-hegseth-unrealistic" })
        #expect(unrealistic["date"] as? String == "2025-02-12", "date= rather than the article's")
        let events = try #require(data["events"] as? [[String: Any]])
        #expect(events.count == graph.eventsBySource[.article(article.slug)]?.count)
        let call = try #require(events.first { ($0["text"] as? String)?.contains("over the phone") == true })
        #expect(call["date"] as? String == "2025-02-12")
        #expect((call["actors"] as? [String])?.contains("vladimir-putin") == true)
        #expect((call["source_url"] as? String)?.hasPrefix("articles/\(article.slug).html#p-") == true)
    }

    @Test func escapesEverythingThatJSONNeeds() {
        let writer = JSONWriter()
        writer.object { writer.field("text", "quote \" backslash \\ newline \n tab \t bell \u{07} </script>") }
        let parsed = try? JSONSerialization.jsonObject(with: Data(writer.text.utf8)) as? [String: String]
        #expect(parsed?["text"] == "quote \" backslash \\ newline \n tab \t bell \u{07} </script>")
    }

    /// Plain strings are copied whole; anything JSON or a script element
    /// cannot hold as is must still be escaped, wherever it sits.
    @Test(arguments: ["“plain” words", "a\u{2028}b", "ends with \u{2029}", "x</script>", "tab\there", "a&b"])
    func scriptSafeWriterEscapesWhatItMust(_ text: String) throws {
        let writer = JSONWriter(htmlSafe: true)
        writer.object { writer.field("t", text) }
        #expect(!writer.text.contains("\u{2028}") && !writer.text.contains("\u{2029}") && !writer.text.contains("<"))
        #expect(!writer.text.contains("&") && !writer.text.contains("\t"))
        let parsed = try JSONSerialization.jsonObject(with: Data(writer.text.utf8)) as? [String: String]
        #expect(parsed?["t"] == text)
    }

    @Test func isTheSameBytesForTheSameGraph() throws {
        let graph = try seedGraph()
        #expect(GraphExport.files(graph) == GraphExport.files(try seedGraph()))
    }
}

@Suite("Search index")
struct SearchIndexTests {
    @Test func isAScriptWithEveryActorTopicArticleAndQuote() throws {
        let builder = SiteBuilder(
            options: .init(
                content: TestContent.seedContent, templates: TestContent.seedTemplates,
                output: URL(fileURLWithPath: "/nonexistent")))
        let graph = try builder.check().get().graph
        let script = GraphExport.searchIndex(graph)
        let prefix = "window.SITEGEN_SEARCH = "
        #expect(script.hasPrefix(prefix))
        #expect(!script.contains("</"), "nothing in it may close a script element")
        let json = Data(script.dropFirst(prefix.count).dropLast(2).utf8)  // ";\n"
        var index = try #require(try JSONSerialization.jsonObject(with: json) as? [String: [[String: Any]]])
        // Quotes come in parts, each adding to `quotes`.
        let parts = GraphExport.searchParts(graph)
        #expect(parts.keys.sorted() == GraphExport.searchPartPaths(graph))
        let partPrefix = "window.SITEGEN_SEARCH.quotes.push.apply(window.SITEGEN_SEARCH.quotes, "
        for (_, part) in parts {
            #expect(part.hasPrefix(partPrefix))
            #expect(!part.contains("</"))
            let quotes = try #require(
                try JSONSerialization.jsonObject(with: Data(part.dropFirst(partPrefix.count).dropLast(3).utf8))
                    as? [[String: Any]])  // ");\n"
            index["quotes", default: []] += quotes
        }
        #expect(index["actors"]?.count == graph.actors.count)
        #expect(index["topics"]?.count == graph.topics.count)
        #expect(index["articles"]?.count == graph.articles.count)
        #expect(index["quotes"]?.count == graph.statements.values.filter { $0.kind == .quote }.count)
        let zelenskyy = try #require(index["actors"]?.first { $0["t"] as? String == "Volodymyr Zelenskyy" })
        #expect((zelenskyy["a"] as? [String])?.contains("Zelensky") == true, "aliases are searchable")
        #expect(zelenskyy["u"] as? String == "actors/volodymyr-zelenskyy.html")
    }
}
