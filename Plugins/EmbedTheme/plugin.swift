import Foundation
import PackagePlugin

/// Embeds the repository's `Templates/` (every `*.mustache` and everything
/// under `Templates/static/`) into SitegenCore as `BuiltInTheme.files`, so
/// the binary carries its default theme and can never drift from the folder.
/// Every file is an input, so an edit to any of them rebuilds.
@main
struct EmbedTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templates = context.package.directoryURL.appendingPathComponent("Templates")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuiltInThemeFiles.swift")
        var inputs: [URL] = []
        let fileManager = FileManager.default
        if let walker = fileManager.enumerator(at: templates, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        return [
            .buildCommand(
                displayName: "Embedding the built-in theme from Templates/",
                executable: try context.tool(named: "embed-theme").url,
                arguments: [templates.path, output.path],
                inputFiles: inputs + [templates],
                outputFiles: [output]
            )
        ]
    }
}
