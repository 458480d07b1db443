import SitegenLink
import SitegenLoad
import SitegenPlan
import SitegenResolve

/// schema.org JSON-LD for each page, so search engines and news aggregators
/// can read who said what: `NewsArticle` with the entities it mentions,
/// `Person`, `Organization` or `Country` for actors, `Quotation` for quotes,
/// `DefinedTerm` for topics, `WebSite` for the home page.
package enum StructuredData {
    /// `<script type="application/ld+json">…</script>`, or "" for pages
    /// without a schema.org type.
    package static func script(for kind: PageKind, graph: SiteGraph, page: OutputPath) -> String {
        let out = JSONWriter(htmlSafe: true)
        // Absolute with a base URL, else relative to this page (JSON-LD
        // resolves relative IRIs against the document).
        func url(_ target: OutputPath) -> String {
            graph.site.baseURL.map { $0 + target.rawValue } ?? page.relativeURL(to: target)
        }
        func entity(_ id: EntityID) {
            out.object {
                if id.kind == .topic {
                    out.field("@type", "DefinedTerm")
                    out.field("name", graph.topicsBySlug[id.slug]?.title ?? id.slug)
                } else {
                    let actor = graph.actorsBySlug[id.slug]
                    out.field("@type", actor.map { schemaType($0.source.kind) } ?? "Thing")
                    out.field("name", actor?.source.name ?? id.slug)
                }
                out.field("url", url(PagePlan.entity(id)))
            }
        }
        /// A cited source: where an article or a quote's words come from.
        func creativeWork(_ source: CitedSource) {
            out.object {
                out.field("@type", "CreativeWork")
                out.field("name", source.title)
                if let url = source.url { out.field("url", url) }
                if let publisher = source.publisher {
                    out.field("publisher") {
                        out.object {
                            out.field("@type", "Organization")
                            out.field("name", publisher)
                        }
                    }
                }
                if let date = source.date { out.field("datePublished", date.iso) }
            }
        }
        switch kind {
        case .home:
            out.object {
                out.field("@context", "https://schema.org")
                out.field("@type", "WebSite")
                out.field("name", graph.site.title)
                out.field("description", graph.site.description)
                out.field("inLanguage", graph.site.language)
            }
        case .article(let slug):
            guard let article = graph.articlesBySlug[slug] else { return "" }
            let touched = Set(
                graph.bodies[.article(slug)]?.references.compactMap { reference -> [EntityID]? in
                    switch reference {
                    case .entity(let id)?: return [id]
                    case .statement(let statement)?:
                        return [.actor(statement.speaker)] + statement.topics.map(EntityID.topic)
                    case .event(let event)?:
                        return event.actors.map(EntityID.actor) + event.topics.map(EntityID.topic)
                    case nil: return nil
                    }
                }.flatMap { $0 } ?? [])
            out.object {
                out.field("@context", "https://schema.org")
                out.field("@type", "NewsArticle")
                out.field("headline", article.title)
                out.field("datePublished", article.date.iso)
                out.field("description", article.summary)
                out.field("inLanguage", graph.site.language)
                out.field("url", url(PagePlan.article(slug)))
                if let modified = article.modified { out.field("dateModified", modified.iso) }
                if article.authors.isEmpty {
                    out.field("author") {
                        out.object {
                            if case .scalar(let author)? = article.extra["author"] {
                                out.field("@type", "Person")
                                out.field("name", author)
                            } else {
                                out.field("@type", "Organization")
                                out.field("name", graph.site.title)
                            }
                        }
                    }
                } else {
                    out.field("author") {
                        out.array(article.authors) { written in
                            // An actor of the site by slug, name or alias: its type and page.
                            if let id = graph.authorActor(written) {
                                entity(id)
                            } else {
                                out.object {
                                    out.field("@type", "Person")
                                    out.field("name", written)
                                }
                            }
                        }
                    }
                }
                if !article.sources.isEmpty {
                    out.field("citation") {
                        out.array(article.sources, creativeWork)
                    }
                }
                if !article.corrections.isEmpty {
                    out.field("correction") {
                        out.array(article.corrections) { correction in
                            out.object {
                                out.field("@type", "CorrectionComment")
                                out.field("datePublished", correction.date.iso)
                                out.field("text", correction.text)
                            }
                        }
                    }
                }
                out.field("mentions") { out.array(touched.sorted(), entity) }
            }
        case .actor(let slug):
            guard let actor = graph.actorsBySlug[slug] else { return "" }
            out.object {
                out.field("@context", "https://schema.org")
                out.field("@type", schemaType(actor.source.kind))
                out.field("name", actor.source.name)
                out.field("alternateName") { out.array(actor.source.shownAliases) { out.value($0) } }
                if actor.source.kind == .person {
                    out.field("jobTitle", actor.source.role)
                } else {
                    out.field("description", actor.source.role)
                }
                if let affiliation = actor.affiliation {
                    out.field(actor.source.kind == .person ? "affiliation" : "memberOf") { entity(.actor(affiliation)) }
                }
                if let wikidata = actor.source.wikidata { out.field("sameAs", wikidataURL(wikidata)) }
                out.field("url", url(PagePlan.actor(slug)))
            }
        case .topic(let slug):
            guard let topic = graph.topicsBySlug[slug] else { return "" }
            out.object {
                out.field("@context", "https://schema.org")
                out.field("@type", "DefinedTerm")
                out.field("name", topic.title)
                out.field("description", topic.summary)
                out.field("alternateName") { out.array(topic.shownAliases) { out.value($0) } }
                out.field("url", url(PagePlan.topic(slug)))
            }
        case .quote(let id):
            guard let statement = graph.statement(id) else { return "" }
            out.object {
                out.field("@context", "https://schema.org")
                out.field("@type", "Quotation")
                out.field("text", statement.text)
                out.field("creator") { entity(.actor(statement.speaker)) }
                out.field("spokenByCharacter") { entity(.actor(statement.speaker)) }
                out.field("about") { out.array(statement.topics.map(EntityID.topic), entity) }
                if case .article(let slug) = statement.source, let article = graph.articlesBySlug[slug] {
                    out.field("isPartOf") {
                        out.object {
                            out.field("@type", "NewsArticle")
                            out.field("headline", article.title)
                            out.field("datePublished", article.date.iso)
                            out.field("url", url(PagePlan.article(slug)))
                        }
                    }
                }
                if let origin = statement.origin { out.field("isBasedOn") { creativeWork(origin) } }
                out.field("url", url(PagePlan.quote(id)))
            }
        default:
            return ""
        }
        return #"<script type="application/ld+json">"# + out.text + "</script>"
    }

    /// The Wikidata item an actor's `wikidata:` names.
    package static func wikidataURL(_ id: String) -> String { "https://www.wikidata.org/wiki/" + id }

    package static func schemaType(_ kind: ActorKind) -> String {
        switch kind {
        case .person: return "Person"
        case .country: return "Country"
        case .organisation, .group: return "Organization"
        }
    }
}
