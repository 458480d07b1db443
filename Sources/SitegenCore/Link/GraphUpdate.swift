/// Swapping one document's share of the graph in place, for rebuilds: the
/// cost follows the size of the change and of the lists it touches, not the
/// size of the site.
extension SiteGraph {
    /// Replaces `old` (the document's previous contribution, nil if it is
    /// new) with `new` (nil if it is gone). `document` and `article` are the
    /// document's new body and front matter (nil when deleted). Gives the
    /// graph a clean link of the changed site would give.
    mutating func replace(
        _ ref: DocumentRef, old: DocumentContribution?, new: DocumentContribution?, document: ResolvedDocument?,
        article: ArticleSource?
    ) {
        if case .article(let slug) = ref {
            if let index = articles.firstIndex(where: { $0.slug == slug }) { articles.remove(at: index) }
            articlesBySlug[slug] = article
            if let article {
                let at = SiteOrder.insertionIndex(of: article, in: articles) {
                    SiteOrder.article(($0.date, $0.slug), before: ($1.date, $1.slug))
                }
                articles.insert(article, at: at)
            }
        }
        bodies[ref] = document

        var rankedKeys = Tallies.Keys()
        if let old {
            remove(old)
            rankedKeys.formUnion(tallies.add(old, sign: -1))
        }
        if let new {
            insert(new)
            rankedKeys.formUnion(tallies.add(new, sign: 1))
        }
        for key in rankedKeys.pairs {
            mentionedWith[key] = tallies.pairCounts[key].map(SiteOrder.ranked)
        }
        for key in rankedKeys.topicsOfActor {
            topicsOfActor[key] = tallies.topicsOfActor[key].map(SiteOrder.ranked)
        }
        for key in rankedKeys.actorsOfTopic {
            actorsOfTopic[key] = tallies.actorsOfTopic[key].map(SiteOrder.ranked)
        }
    }

    private mutating func remove(_ contribution: DocumentContribution) {
        let source = contribution.source
        func dropping(_ id: StatementID, from list: [StatementID]?) -> [StatementID]? {
            let ids = (list ?? []).filter { $0 != id }
            return ids.isEmpty ? nil : ids
        }
        for statement in contribution.statements {
            statements[statement.id] = nil
            statementsBySpeaker[statement.speaker] = dropping(
                statement.id, from: statementsBySpeaker[statement.speaker])
            for topic in statement.topics {
                statementsByTopic[topic] = dropping(statement.id, from: statementsByTopic[topic])
            }
        }
        statementsBySource[source] = nil
        mentionsBySource[source] = nil
        for entity in Set(contribution.mentions.map(\.entity)) {
            mentions[entity]?.removeAll { $0.source == source }
            if mentions[entity]?.isEmpty == true { mentions[entity] = nil }
        }
        if case .article(let slug) = source {
            for entity in contribution.touched {
                articlesOf[entity]?.removeAll { $0 == slug }
                if articlesOf[entity]?.isEmpty == true { articlesOf[entity] = nil }
            }
        }
    }

    private mutating func insert(_ contribution: DocumentContribution) {
        let source = contribution.source
        for statement in contribution.statements { statements[statement.id] = statement }
        let all = statements
        func adding(_ statement: Statement, to list: [StatementID]?) -> [StatementID] {
            var ids = list ?? []
            // Every id in the list is in `statements`, and so is the new one.
            let at = SiteOrder.insertionIndex(of: statement.id, in: ids) {
                SiteOrder.statement(all[$0]!, before: all[$1]!)
            }
            ids.insert(statement.id, at: at)
            return ids
        }
        for statement in contribution.statements {
            statementsBySpeaker[statement.speaker] = adding(statement, to: statementsBySpeaker[statement.speaker])
            for topic in statement.topics {
                statementsByTopic[topic] = adding(statement, to: statementsByTopic[topic])
            }
        }
        if !contribution.statements.isEmpty { statementsBySource[source] = contribution.statements.map(\.id) }
        if !contribution.mentions.isEmpty { mentionsBySource[source] = contribution.mentions }
        for mention in contribution.mentions {
            var list = mentions[mention.entity] ?? []
            list.insert(mention, at: SiteOrder.insertionIndex(of: mention, in: list, before: SiteOrder.mention))
            mentions[mention.entity] = list
        }
        if case .article(let slug) = source, articlesBySlug[slug] != nil {
            let byslug = articlesBySlug
            for entity in contribution.touched {
                var list = articlesOf[entity] ?? []
                let at = SiteOrder.insertionIndex(of: slug, in: list) {
                    let (a, b) = (byslug[$0]!, byslug[$1]!)
                    return SiteOrder.article((a.date, a.slug), before: (b.date, b.slug))
                }
                list.insert(slug, at: at)
                articlesOf[entity] = list
            }
        }
    }
}

extension SiteGraph.Tallies {
    /// Which ranked lists a change of counts must redo.
    struct Keys {
        var pairs: Set<EntityID> = []
        var topicsOfActor: Set<String> = []
        var actorsOfTopic: Set<String> = []

        mutating func formUnion(_ other: Keys) {
            pairs.formUnion(other.pairs)
            topicsOfActor.formUnion(other.topicsOfActor)
            actorsOfTopic.formUnion(other.actorsOfTopic)
        }
    }

    /// Adds (`sign` 1) or takes out (-1) a document's counts; a count that
    /// falls to zero is removed, as if it had never been added.
    @discardableResult
    mutating func add(_ contribution: DocumentContribution, sign: Int) -> Keys {
        func add<Key: Hashable>(_ counts: [Key: [String: Int]], to total: inout [Key: [String: Int]]) -> Set<Key> {
            for (key, inner) in counts {
                var row = total[key] ?? [:]
                for (name, count) in inner {
                    let sum = row[name, default: 0] + sign * count
                    row[name] = sum == 0 ? nil : sum
                }
                total[key] = row.isEmpty ? nil : row
            }
            return Set(counts.keys)
        }
        return Keys(
            pairs: add(contribution.pairCounts, to: &pairCounts),
            topicsOfActor: add(contribution.topicsOfActor, to: &topicsOfActor),
            actorsOfTopic: add(contribution.actorsOfTopic, to: &actorsOfTopic))
    }
}
