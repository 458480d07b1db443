import Foundation
import PackagePlugin

/// Compiles the test target's `Examples/` (one folder of templates per
/// example) to Swift, so the tests can render each example both compiled
/// and through swift-mustache.
@main
struct CompileMustacheExamples: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let examples = context.package.directoryURL.appendingPathComponent("Tests/\(target.name)/Examples")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("CompiledExamples.swift")
        var inputs: [URL] = [examples]
        if let walker = FileManager.default.enumerator(at: examples, includingPropertiesForKeys: nil) {
            for case let url as URL in walker { inputs.append(url) }
        }
        return [
            .buildCommand(
                displayName: "Compiling the Mustache examples",
                executable: try context.tool(named: "compile-mustache").url,
                arguments: [examples.path, output.path, "CompiledExamples", "--per-folder", "--access", "internal"],
                inputFiles: inputs.sorted { $0.path < $1.path },
                outputFiles: [output]
            )
        ]
    }
}
