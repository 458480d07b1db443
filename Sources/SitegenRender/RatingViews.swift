import CompiledMustache
import SitegenLink
import SitegenParse
import SitegenResolve

/// `rating`, `rating_label` and `rating_symbol`, as a statement and a
/// count of ratings answer them: a rating is always shown as a symbol and
/// a word, never by colour alone.
package func ratingChild(_ rating: ClaimRating, named name: String) -> MustacheValue? {
    switch name {
    case "rating": .text(rating.rawValue)
    case "rating_label": .text(rating.label)
    case "rating_symbol": .text(rating.symbol)
    default: nil
    }
}

/// How many of an actor's or a topic's claims have one rating.
package struct RatingCount: MustacheObject {
    package let rating: ClaimRating
    package let count: Int

    package func value(named name: String) -> MustacheValue? {
        name == "count" ? count.mustacheValue : ratingChild(rating, named: name)
    }

    /// The ratings of `ids` counted, from false to true, then unproven;
    /// ratings no claim has are left out.
    package static func counts(of ids: [StatementID], in graph: SiteGraph) -> [RatingCount] {
        guard !graph.statementRatings.isEmpty else { return [] }
        var counts: [ClaimRating: Int] = [:]
        for id in ids {
            if let rating = graph.statementRatings[id] { counts[rating, default: 0] += 1 }
        }
        return ClaimRating.allCases.compactMap { rating in
            counts[rating].map { RatingCount(rating: rating, count: $0) }
        }
    }
}
