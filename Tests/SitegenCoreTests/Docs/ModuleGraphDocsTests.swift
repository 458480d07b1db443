import Foundation
import SitegenTestSupport
import Testing

/// The README's list of which stage target imports which is Package.swift's:
/// the compiler keeps the flow one way, and this keeps the map of it true.
@Suite("Module graph docs")
struct ModuleGraphDocsTests {
    private static func text(_ file: String) throws -> String {
        try String(contentsOf: TestContent.repositoryRoot().appendingPathComponent(file), encoding: .utf8)
    }

    /// Each stage target's stage dependencies, as Package.swift declares them.
    static func packageGraph(_ manifest: String) -> [String: Set<String>] {
        var graph: [String: Set<String>] = [:]
        let target = /\.target\(\s*name:\s*"Sitegen(\w+)"(?:,\s*dependencies:\s*\[([^\]]*)\])?/
        for match in manifest.matches(of: target) {
            let dependencies = (match.output.2.map(String.init) ?? "").matches(of: /"Sitegen(\w+)"/)
            graph[String(match.output.1)] = Set(dependencies.map { String($0.output.1) })
        }
        // Above the stages: they use the pipeline, they are not part of it.
        for outside in ["Serve", "CLI", "TestSupport"] { graph[outside] = nil }
        return graph
    }

    /// The README's list, by target.
    static func readmeGraph(_ readme: String) -> [String: Set<String>] {
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.contains("What each stage target imports") }
            .dropFirst()
            .prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        var graph: [String: Set<String>] = [:]
        for line in lines {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            guard let target = words.first else { continue }
            graph[target] = Set(words.dropFirst())
        }
        return graph
    }

    @Test func theReadmesModuleGraphIsThePackages() throws {
        let package = Self.packageGraph(try Self.text("Package.swift"))
        let readme = Self.readmeGraph(try Self.text("README.md"))
        #expect(package.count >= 12, "the stage targets were not found in Package.swift")
        #expect(readme == package)
    }

    /// The parsers see through the layout both files use.
    @Test func theGraphsAreReadFromTheirText() {
        let manifest = """
            .target(name: "SitegenBase"),
            .target(
                name: "SitegenParse",
                dependencies: ["SitegenBase", "CCmark", .product(name: "Yams", package: "Yams")]
            ),
            .target(name: "SitegenServe", dependencies: pipeline),
            """
        #expect(Self.packageGraph(manifest) == ["Base": [], "Parse": ["Base"]])
        let readme = """
              What each stage target imports (the same as Package.swift):
                  Base
                  Parse      Base

              SitegenServe/
            """
        #expect(Self.readmeGraph(readme) == ["Base": [], "Parse": ["Base"]])
    }
}
