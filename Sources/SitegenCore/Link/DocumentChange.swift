/// One document's change, as Link hands it on: its share of the graph and
/// its front matter, before and after (nil when it did not exist). What it
/// means for pages is Plan's to say: the entries it altered
/// (`PageDependencies.swift`) and what no page's reads show
/// (`AffectedPages.swift`).
struct DocumentChange {
    var ref: DocumentRef
    var old: DocumentContribution?
    var new: DocumentContribution?
    var oldArticle: ArticleSource?
    var newArticle: ArticleSource?
}
