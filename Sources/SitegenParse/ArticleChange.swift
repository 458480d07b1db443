import Foundation
import SitegenBase
import SitegenLoad

/// One article file as a rebuild takes it in, by the clean build's rules:
/// `ContentFiles` admits the path (a link out of the folder is refused as
/// the walk refuses it), `ContentLoader` reads the front matter, drafts stay
/// out unless asked for, and the body is parsed.
package struct ArticleChange {
    package var path: String
    package var ref: DocumentRef
    /// Nil when the file is gone, failed to load, or is a draft left out.
    package var article: ArticleSource?
    package var parsed: ParsedDocument?
    /// Problems found reading, loading and parsing it.
    package var diagnostics: [Diagnostic] = []

    /// The article at `path` (relative to the content folder) as it is now.
    package static func load(
        _ path: String, from files: ContentFiles, includeDrafts: Bool, parser: AnnotationParser
    ) -> ArticleChange {
        var change = ArticleChange(path: path, ref: ArticleChange.ref(path))
        let data: Data
        switch files.read(path) {
        case .success(let read): data = read
        case .failure(.missing): return change  // deleted
        case .failure(let refusal):
            change.diagnostics = [files.diagnostic(refusal, at: path)]
            return change
        }
        switch SourceFile.decode(data, path: path) {
        case .failure(let diagnostic): change.diagnostics = [diagnostic]
        case .success(let file):
            let (article, found) = ContentLoader.article(from: file)
            change.diagnostics = found
            guard let article, includeDrafts || !article.draft else { return change }
            let parsed = parser.parse(article.body, sources: article.sources)
            change.diagnostics += parsed.diagnostics
            change.article = article
            change.parsed = parsed
        }
        return change
    }

    /// The document an article file is: its slug is its name.
    package static func ref(_ path: String) -> DocumentRef {
        .article(String((path as NSString).lastPathComponent.dropLast(3)))
    }
}

/// A batch of files a build takes in, as load and parse leave them; each
/// stage takes it into its state and passes on what it changed.
package enum ContentChange {
    /// Every file is new (a clean build): the stages start from empty states.
    case everything(ParsedSite, diagnostics: [Diagnostic])
    /// These articles changed, were added or were deleted; nothing else did.
    case articles([ArticleChange])
}
