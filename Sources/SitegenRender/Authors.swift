import SitegenLink
import SitegenResolve

extension SiteGraph {
    /// The actor an article's `authors:` entry names by slug, name or alias,
    /// if any: its byline links there and it is the JSON-LD author.
    package func authorActor(_ written: String) -> EntityID? {
        guard case .success(let id) = index.resolve(written, kind: .actor), actorsBySlug[id.slug] != nil else {
            return nil
        }
        return id
    }

    /// The name a byline shows for an `authors:` entry.
    package func authorName(_ written: String) -> String {
        authorActor(written).flatMap { actorsBySlug[$0.slug]?.source.name } ?? written
    }
}
