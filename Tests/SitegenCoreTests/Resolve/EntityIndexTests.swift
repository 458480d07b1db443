import Foundation
import Testing

@testable import SitegenBase
@testable import SitegenLoad
@testable import SitegenResolve

@Suite("Entity index")
struct EntityIndexTests {
    private static func located(_ values: [String], file: String) -> [Located<String>] {
        values.map { Located($0, at: SitegenBase.SourceLocation(file: file, line: 2, column: 1)) }
    }

    private static func actor(_ slug: String, _ name: String, aliases: [String] = []) -> ActorSource {
        let file = "actors/\(slug).md"
        return ActorSource(
            slug: slug, file: file, name: name, kind: .person, role: nil, affiliation: nil,
            aliases: located(aliases, file: file), extra: [:], body: DocumentBody(file: file, markdown: ""))
    }

    private static func topic(_ slug: String, _ title: String, aliases: [String] = []) -> TopicSource {
        let file = "topics/\(slug).md"
        return TopicSource(
            slug: slug, file: file, title: title, aliases: located(aliases, file: file), summary: nil, extra: [:],
            body: DocumentBody(file: file, markdown: ""))
    }

    private let index = EntityIndex(
        actors: [
            actor("pete-hegseth", "Pete Hegseth", aliases: ["Hegseth"]),
            actor("donald-trump", "Donald Trump", aliases: ["Trump", "President Trump"]),
            actor("georgia", "Georgia"),
            actor("russia", "Russia", aliases: ["Moscow"]),
        ],
        topics: [
            topic("peace-talks", "Peace negotiations", aliases: ["peace talks", "Russia’s war"]),
            topic("georgia-conflict", "Georgia"),
        ])

    @Test(arguments: [
        "pete-hegseth", "Pete Hegseth", "pete hegseth", "PETE HEGSETH", "Hegseth", "hegseth", "  Pete   Hegseth ",
    ])
    func matchesSlugNameAndAliasCaseInsensitively(_ target: String) {
        #expect(index.resolve(target) == .success(.actor("pete-hegseth")))
    }

    @Test func matchesTopicsByTitleAliasAndSlug() {
        #expect(index.resolve("Peace negotiations") == .success(.topic("peace-talks")))
        #expect(index.resolve("PEACE TALKS") == .success(.topic("peace-talks")))
        #expect(index.resolve("peace-talks") == .success(.topic("peace-talks")))
    }

    @Test func typographicApostrophesMatchPlainOnes() {
        #expect(index.resolve("Russia's war") == .success(.topic("peace-talks")))
        #expect(index.resolve("Russia’s war") == .success(.topic("peace-talks")))
    }

    @Test func sharedNameIsAmbiguous() {
        #expect(index.resolve("Georgia") == .failure(.ambiguous([.actor("georgia"), .topic("georgia-conflict")])))
        #expect(index.resolve("georgia ") == .failure(.ambiguous([.actor("georgia"), .topic("georgia-conflict")])))
    }

    @Test func kindPrefixPicksOneEntity() {
        #expect(index.resolve("Georgia", kind: .actor) == .success(.actor("georgia")))
        #expect(index.resolve("Georgia", kind: .topic) == .success(.topic("georgia-conflict")))
        // A kind that has no entity by that name is unknown, not the other kind.
        switch index.resolve("Hegseth", kind: .topic) {
        case .failure(.unknown): break
        default: Issue.record("a topic lookup matched an actor")
        }
    }

    @Test func sharedNamesAreListed() {
        let shared = index.sharedNames
        #expect(shared.count == 1)
        #expect(shared.first?.name.lowercased() == "georgia")
        #expect(shared.first?.entities == [.actor("georgia"), .topic("georgia-conflict")])
    }

    @Test func unknownTargetSuggestsTheNearestName() throws {
        guard case .failure(.unknown(let suggestions)) = index.resolve("Hegset") else {
            Issue.record("'Hegset' should be unknown")
            return
        }
        let first = try #require(suggestions.first)
        #expect(first.contains("Hegseth"))
        #expect(first.contains("pete-hegseth"))
    }

    @Test func suggestionsForAMisspelledFullName() {
        guard case .failure(.unknown(let suggestions)) = index.resolve("Donald Trupm") else {
            Issue.record("'Donald Trupm' should be unknown")
            return
        }
        #expect(suggestions.contains { $0.contains("Donald Trump") })
    }

    @Test func farOffTargetHasNoSuggestions() {
        #expect(index.resolve("Nobody") == .failure(.unknown(suggestions: [])))
        #expect(index.resolve("zzzzzzzzzz") == .failure(.unknown(suggestions: [])))
    }

    @Test func suggestionsRespectTheKind() {
        let suggestions = index.suggestions(for: "Georgi", kind: .topic)
        #expect(suggestions.contains { $0.contains("georgia-conflict") })
        #expect(!suggestions.contains { $0.contains("(georgia)") })
    }

    @Test func displayNamesAreNamesAndTitles() {
        #expect(index.displayNames[.actor("pete-hegseth")] == "Pete Hegseth")
        #expect(index.displayNames[.topic("peace-talks")] == "Peace negotiations")
    }

    /// Every scalar Unicode calls white space separates words, ASCII or
    /// not (ASCII's are told apart without the property lookup).
    @Test func normaliseTreatsEveryWhiteSpaceScalarAsASpace() {
        for value in UInt32(0)..<0x3100 {
            guard let scalar = Unicode.Scalar(value), scalar != "’" else { continue }
            let text = "a" + String(Character(scalar)) + "b"
            let expected = scalar.properties.isWhitespace ? "a b" : text.lowercased()
            #expect(EntityIndex.normalise(text) == expected, "U+\(String(value, radix: 16))")
        }
    }

    @Test func normaliseFoldsCaseSpaceAndApostrophes() {
        #expect(EntityIndex.normalise("  Russia’s   WAR\n") == "russia's war")
    }

    @Test func suggestionsNameEachEntityOnceByItsClosestName() {
        let index = EntityIndex(
            actors: [Self.actor("united-states", "United States", aliases: ["US"])],
            topics: [Self.topic("united-stations", "United Stations")])
        // Near the name 'United States' and the slug united-states alike.
        #expect(
            index.suggestions(for: "United Stats") == [
                "'United States' (united-states)", "'United Stations' (united-stations)",
            ])
    }

    @Test func aBrokenEntityAnswersToItsSlugAndNames() {
        let index = EntityIndex(
            actors: [], topics: [],
            broken: [BrokenEntity(kind: .actor, slug: "sherry-rehman", names: ["Sherry Rehman", "Rehman"])])
        for name in ["sherry-rehman", "Sherry Rehman", "rehman"] {
            #expect(index.resolve(name) == .success(.actor("sherry-rehman")), "\(name)")
        }
        #expect(index.broken == [.actor("sherry-rehman")])
        #expect(index.displayNames[.actor("sherry-rehman")] == "Sherry Rehman")
    }
}
