import Foundation
import SitegenBase
import SitegenLoad

/// Feeds arbitrary bytes to the content-file reader (UTF-8 check, front
/// matter split, YAML, typed fields) as an article, an actor and a topic.
func fuzzFrontMatterInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    guard case .success(let file) = SourceFile.decode(bytes, path: "articles/fuzz.md") else { return 0 }
    switch FrontMatter.parse(file) {
    case .success(let document):
        precondition(document.bodyFirstLine >= 1, "body starts before line 1")
    case .failure(let diagnostic):
        precondition(diagnostic.location != nil, "front-matter error without a location")
    }
    for (article, diagnostics) in [ContentLoader.article(from: file)] {
        precondition(article != nil || diagnostics.hasErrors, "article dropped without an error")
    }
    _ = ContentLoader.actor(from: file)
    _ = ContentLoader.topic(from: file)
    return 0
}
