import SitegenLink
import SitegenLoad
import SitegenParse
import SitegenPlan
import SitegenResolve

/// schema.org JSON-LD for the quotes and claims in a page's own body, on
/// the page that holds their paragraphs: `ClaimReview` for a rated claim
/// (its rating as `reviewRating`, the claim as `itemReviewed`), `Claim`
/// for an unrated one, `Quotation` for a quote; each points at its
/// paragraph. A second script beside the page's own object, so fact-check
/// readers find every review at the top level of a `@graph`.
extension StructuredData {
    /// `<script type="application/ld+json">…</script>`, or "" when the page
    /// is not an article, actor or topic page or its body has no statements.
    package static func statementsScript(for kind: PageKind, graph: SiteGraph, page: OutputPath) -> String {
        let ref: DocumentRef
        switch kind {
        case .article(let slug): ref = .article(slug)
        case .actor(let slug): ref = .actor(slug)
        case .topic(let slug): ref = .topic(slug)
        default: return ""
        }
        let statements = (graph.statementsBySource[ref] ?? []).compactMap { graph.statement($0) }
        guard !statements.isEmpty else { return "" }
        let out = JSONWriter(htmlSafe: true)
        // Absolute with a base URL, else relative to this page, as in `script`.
        func url(_ target: OutputPath, _ fragment: String? = nil) -> String {
            guard let base = graph.site.baseURL else { return page.relativeURL(to: target, fragment: fragment) }
            return base + target.rawValue + (fragment.map { "#" + $0 } ?? "")
        }
        func speaker(_ slug: String) {
            out.object {
                let actor = graph.actorsBySlug[slug]
                out.field("@type", actor.map { schemaType($0.source.kind) } ?? "Thing")
                out.field("name", actor?.source.name ?? slug)
                out.field("url", url(PagePlan.actor(slug)))
            }
        }
        func topics(_ statement: Statement) {
            out.field("about") {
                out.array(statement.topics) { slug in
                    out.object {
                        out.field("@type", "DefinedTerm")
                        out.field("name", graph.topicsBySlug[slug]?.title ?? slug)
                        out.field("url", url(PagePlan.topic(slug)))
                    }
                }
            }
        }
        func claim(_ statement: Statement, paragraph: String) {
            out.object {
                out.field("@type", "Claim")
                out.field("text", statement.text)
                out.field("author") { speaker(statement.speaker) }
                out.field("appearance") {
                    out.object {
                        out.field("@type", "CreativeWork")
                        out.field("url", paragraph)
                    }
                }
                if let origin = statement.origin {
                    out.field("firstAppearance") {
                        out.object {
                            out.field("@type", "CreativeWork")
                            out.field("name", origin.title)
                            if let address = origin.url { out.field("url", address) }
                        }
                    }
                }
                if let date = statement.date { out.field("datePublished", date.iso) }
                topics(statement)
            }
        }
        out.object {
            out.field("@context", "https://schema.org")
            out.field("@graph") {
                out.array(statements) { statement in
                    let paragraph = url(PagePlan.document(statement.source), statement.anchor)
                    switch (statement.kind, statement.rating) {
                    case (.quote, _):
                        out.object {
                            out.field("@type", "Quotation")
                            out.field("text", statement.text)
                            out.field("creator") { speaker(statement.speaker) }
                            out.field("isBasedOn", paragraph)
                            if let date = statement.date { out.field("dateCreated", date.iso) }
                            topics(statement)
                        }
                    case (.claim, nil):
                        claim(statement, paragraph: paragraph)
                    case (.claim, let rating?):
                        out.object {
                            out.field("@type", "ClaimReview")
                            out.field("claimReviewed", statement.text)
                            out.field("reviewRating") {
                                out.object {
                                    out.field("@type", "Rating")
                                    out.field("alternateName", rating.label)
                                    if let value = rating.scaleValue {
                                        out.field("ratingValue", value)
                                        out.field("bestRating", 5)
                                        out.field("worstRating", 1)
                                    }
                                }
                            }
                            out.field("itemReviewed") { claim(statement, paragraph: paragraph) }
                            if let note = statement.ratingNote { out.field("reviewBody", note) }
                            out.field("author") {
                                out.object {
                                    out.field("@type", "Organization")
                                    out.field("name", graph.site.title)
                                }
                            }
                            if let date = statement.articleDate { out.field("datePublished", date.iso) }
                            out.field("url", paragraph)
                        }
                    }
                }
            }
        }
        return #"<script type="application/ld+json">"# + out.text + "</script>"
    }
}
