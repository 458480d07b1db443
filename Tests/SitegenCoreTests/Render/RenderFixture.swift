import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenLink
@testable import SitegenPlan
@testable import SitegenRender

/// A small site's graph and a renderer with the seed theme, for tests that
/// look at the views pages are made from rather than at their HTML.
struct RenderFixture {
    let graph: SiteGraph
    let renderer: PageRenderer

    init(_ files: [String: String]) throws {
        let pipeline = try TestContent.pipeline(files)
        #expect(pipeline.errors.isEmpty, "\(pipeline.diagnostics)")
        graph = pipeline.graph
        renderer = PageRenderer(graph: graph, templates: try TemplateSet.load(from: TestContent.seedTemplates).get())
    }

    /// The view of the page of `kind` at `path`, as a `View`.
    func view<View>(_ kind: PageKind, at path: OutputPath, as _: View.Type = View.self) throws -> View {
        let view = renderer.view(of: PlannedPage(kind: kind, path: path)).view
        return try #require(view as? View, "\(path.rawValue) has a \(View.self)")
    }

    /// The HTML of the page of `kind` at `path`.
    func html(_ kind: PageKind, at path: OutputPath) -> String {
        renderer.render(PlannedPage(kind: kind, path: path))
    }
}
