import Foundation
import SitegenResolve
import StoredCoding

// The graph is saved as the link stage left it, lists and all: assembling
// it again from each document's share costs seconds at 10,000 articles.
//
// Written by hand, not by `@BinaryCoded`: the entity index and the by-slug
// tables are not saved but made again from the lists while reading, and
// the stored maps are read lazily (`StoredMap`). `SavedTypesTests` checks
// that every other property is here.

extension SiteGraph: BinaryCodable {
    @usableFromInline package func encode(to writer: inout BinaryWriter) {
        writer.write(site)
        writer.write(articles)
        writer.write(actors)
        writer.write(topics)
        writer.write(assets)
        writer.write(bodies)
        writer.write(statements)
        writer.write(statementKinds)
        writer.write(statementRatings)
        writer.write(statementsBySpeaker)
        writer.write(quotesBySpeaker)
        writer.write(claimsBySpeaker)
        writer.write(statementsByTopic)
        writer.write(statementsBySource)
        writer.write(mentions)
        writer.write(mentionsBySource)
        writer.write(mentionSources)
        writer.write(quoteCount)
        writer.write(quoteCounts)
        writer.write(quoteCountsBySource)
        writer.write(mentionedWith)
        writer.write(topicsOfActor)
        writer.write(actorsOfTopic)
        writer.write(topicsInvolving)
        writer.write(members)
        writer.write(articlesOf)
        writer.write(tallies)
        writer.write(stancesByTopic)
        writer.write(stanceCounts)
        writer.write(timeline)
        writer.write(eventsBySource)
        writer.write(eventsByEntity)
    }

    /// The index and the by-slug tables are made again from the lists.
    @usableFromInline package init(from reader: inout BinaryReader) throws {
        site = try reader.read()
        articles = try reader.read()
        actors = try reader.read()
        topics = try reader.read()
        assets = try reader.read()
        index = EntityIndex(actors: actors.map(\.source), topics: topics)
        actorsBySlug = Dictionary(actors.map { ($0.slug, $0) }) { first, _ in first }
        topicsBySlug = Dictionary(topics.map { ($0.slug, $0) }) { first, _ in first }
        articlesBySlug = Dictionary(articles.map { ($0.slug, $0) }) { first, _ in first }
        bodies = try reader.read()
        statements = try reader.read()
        statementKinds = try reader.read()
        statementRatings = try reader.read()
        statementsBySpeaker = try reader.read()
        quotesBySpeaker = try reader.read()
        claimsBySpeaker = try reader.read()
        statementsByTopic = try reader.read()
        statementsBySource = try reader.read()
        mentions = try reader.read()
        mentionsBySource = try reader.read()
        mentionSources = try reader.read()
        quoteCount = try reader.read()
        quoteCounts = try reader.read()
        quoteCountsBySource = try reader.read()
        mentionedWith = try reader.read()
        topicsOfActor = try reader.read()
        actorsOfTopic = try reader.read()
        topicsInvolving = try reader.read()
        members = try reader.read()
        articlesOf = try reader.read()
        tallies = try reader.read()
        stancesByTopic = try reader.read()
        stanceCounts = try reader.read()
        timeline = try reader.read()
        eventsBySource = try reader.read()
        eventsByEntity = try reader.read()
    }
}
