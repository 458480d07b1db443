import Foundation
import SitegenTestSupport
import Testing

@testable import SitegenBase
@testable import SitegenCore
@testable import SitegenLoad
@testable import SitegenPlan
@testable import SitegenRender

@Suite("Output plan")
struct OutputPlanTests {
    private func file(_ path: String, _ kind: OutputFileKind = .themeFile) throws -> PlannedFile {
        PlannedFile(kind: kind, path: try #require(OutputPath(path)))
    }

    private func asset(_ relativePath: String) -> OutputFileKind {
        .contentAsset(AssetFile(relativePath: relativePath, sourceURL: URL(fileURLWithPath: "/nonexistent")))
    }

    @Test func twoFilesWithOnePathAreAnError() throws {
        let diagnostics = OutputPlan.clashes([try file("index.html"), try file("a/b.html"), try file("a/b.html")])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.message.contains("'a/b.html'") == true)
    }

    /// A content asset where the build writes a data file: both are named,
    /// and the error points at the asset, instead of one overwriting the other.
    @Test func anAssetNamedLikeADataFileNamesBothSources() throws {
        let diagnostics = OutputPlan.clashes([
            try file("data/graph.json", .graphData), try file("data/graph.json", asset("graph.json")),
        ])
        #expect(diagnostics.count == 1)
        let message = try #require(diagnostics.first?.message)
        #expect(message.contains("'data/graph.json'"))
        #expect(message.contains("a data file"))
        #expect(message.contains("the content asset 'assets/graph.json'"))
        #expect(diagnostics.first?.location == SitegenBase.SourceLocation(file: "data/graph.json", line: 1, column: 1))
    }

    @Test func aPageAndAnAssetOnOnePathNameBoth() throws {
        let diagnostics = OutputPlan.clashes([
            try file("actors.html", asset("x")), try file("actors.html", .page(.actorIndex)),
        ])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("the index page") == true)
        #expect(diagnostics.first?.message.contains("'assets/x'") == true)
        #expect(diagnostics.first?.location?.file == "actors.html")
    }

    @Test func aFileWhereAFolderMustBeIsAnError() throws {
        let diagnostics = OutputPlan.clashes([try file("actors"), try file("actors/x.html", .page(.actor("x")))])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("'actors'") == true)
        #expect(diagnostics.first?.message.contains("the folder of the actor page ('actors/x.html')") == true)
        let deeper = OutputPlan.clashes([try file("assets/a/b.png"), try file("assets/a")])
        #expect(deeper.count == 1)
        #expect(deeper.first?.message.contains("'assets/a'") == true)
    }

    @Test func anAssetClashIsLocatedAtTheAsset() throws {
        let diagnostics = OutputPlan.clashes([
            try file("assets/x", asset("x")), try file("assets/x/y.png", asset("x/y.png")),
        ])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location == SitegenBase.SourceLocation(file: "assets/x", line: 1, column: 1))
    }

    @Test func distinctPathsDoNotClash() throws {
        let diagnostics = OutputPlan.clashes([
            try file("index.html"), try file("actors/a.html"), try file("actors/b.html"), try file("actors.html"),
        ])
        #expect(diagnostics.isEmpty)
    }

    @Test(arguments: [".sitegen-output", ".sitegen-commit", ".sitegen-commit.tmp"])
    func theOutputsBookkeepingNamesAreReserved(_ name: String) throws {
        #expect(OutputPlan.clashes([try file(name)]).count == 1)
        #expect(OutputPlan.clashes([try file("assets/" + name)]).isEmpty)
    }

    /// The plan is made before rendering: an asset whose name cannot be
    /// written is refused there, with the other files still planned.
    @Test func anAssetNameThatCannotBeWrittenIsAProblem() throws {
        let graph = try TestContent.pipeline(["site.yml": "title: T\n"]).graph
        var withAssets = graph
        withAssets.assets = [
            AssetFile(relativePath: "ok.png", sourceURL: URL(fileURLWithPath: "/nonexistent")),
            AssetFile(relativePath: "bad\nname.png", sourceURL: URL(fileURLWithPath: "/nonexistent")),
        ]
        let plan = OutputPlan(pages: PagePlan(graph: withAssets), graph: withAssets, themeFiles: [])
        #expect(plan.problems.count == 1)
        #expect(plan.problems.first?.message.contains("is not allowed") == true)
        #expect(plan.assets.map(\.path.rawValue) == ["assets/ok.png"])
    }

    /// Every file the seed site's build writes is in its plan with a kind,
    /// and the plan holds nothing the build does not write.
    @Test func theSeedSitesPlanIsWhatItsBuildWrites() throws {
        try TestContent.withTemporaryDirectory { root in
            let output = root.appendingPathComponent("public")
            let options = SiteBuilder.Options(
                content: TestContent.seedContent, templates: TestContent.seedTemplates, output: output)
            let graph = try SiteBuilder(options: options).check().get().graph
            let templates = try TemplateSet.load(options.theme).get()
            let plan = OutputPlan(
                pages: PlanState(graph, optionalPages: PlanState.OptionalPages(templates)).plan, graph: graph,
                themeFiles: templates.staticFiles.map(\.0))
            #expect(plan.problems.isEmpty)
            _ = try SiteBuilder(options: options).build().get()
            let written = Set(TestContent.snapshot(output).keys).subtracting([OutputLocation.manifestName])
            #expect(Set(plan.files.map(\.path.rawValue)) == written)
            #expect(plan.files.count == written.count)
            #expect(plan.files.contains { $0.kind == .searchIndex })
            #expect(plan.files.contains { if case .searchPart = $0.kind { true } else { false } })
            #expect(plan.files.contains { if case .articleData = $0.kind { true } else { false } })
            #expect(plan.files.contains { $0.kind == .themeFile })
            #expect(plan.files.contains { $0.path.rawValue == "robots.txt" && $0.kind == .hosting })
        }
    }
}
