import SitegenLoad
import SitegenParse
import SitegenPlan
import SitegenRender
import SitegenResolve

/// Feeds arbitrary bytes through the annotation parser and the body
/// renderer: anything may be reported as an error, nothing may crash or hang.
func fuzzAnnotationsInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let markdown = String(decoding: bytes, as: UTF8.self)
    let body = DocumentBody(file: "fuzz.md", markdown: markdown)
    let parsed = AnnotationParser().parse(body)
    // Every annotation must sit inside the document and have a position.
    for annotation in parsed.annotations {
        precondition(annotation.location.line >= 1, "annotation without a line")
    }
    let document = ResolvedDocument(
        source: .article("fuzz"), parsed: parsed, references: parsed.annotations.map { _ in nil })
    let renderer = BodyRenderer(graph: nil, options: .init())
    let page = OutputPath("articles/fuzz.html")!
    _ = renderer.render(document, on: page, anchors: true)
    let plain = renderer.render(document, on: page, anchors: false)
    // Without annotation syntax, output must be cmark's, byte for byte.
    if parsed.annotations.isEmpty, parsed.diagnostics.isEmpty {
        precondition(plain == CMark.referenceHTML(markdown), "render differs from cmark")
    }
    return 0
}
