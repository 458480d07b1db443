import Foundation
import PackagePlugin

/// Embeds the repository's `Templates/` (every `*.mustache` and everything
/// under `Templates/static/`) into SitegenRender as `BuiltInTheme.files`,
/// so the binary carries its default theme and can never drift from the
/// folder, and compiles its templates to Swift (`CompiledTheme`), the
/// fast path for a site that does not override them. Every file is an
/// input, so an edit to any of them rebuilds both.
@main
struct EmbedTheme: BuildToolPlugin {
    /// What the theme loader puts before every template (see
    /// `TemplateSet.FastHTMLContentType.pragma`); the compiled templates
    /// must parse the same text.
    static let pragma = "{{% CONTENT_TYPE: SITEGEN_HTML}}"

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templates = context.package.directoryURL.appendingPathComponent("Templates")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuiltInThemeFiles.swift")
        let compiled = context.pluginWorkDirectoryURL.appendingPathComponent("CompiledTheme.swift")
        var inputs: [URL] = []
        let fileManager = FileManager.default
        if let walker = fileManager.enumerator(at: templates, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        let mustacheFiles = inputs.filter { $0.pathExtension == "mustache" }
        return [
            .buildCommand(
                displayName: "Embedding the built-in theme from Templates/",
                executable: try context.tool(named: "embed-theme").url,
                arguments: [templates.path, output.path],
                inputFiles: inputs + [templates],
                outputFiles: [output]
            ),
            .buildCommand(
                displayName: "Compiling the built-in theme's templates to Swift",
                executable: try context.tool(named: "compile-mustache").url,
                arguments: [templates.path, compiled.path, "CompiledTheme", "--prepend", Self.pragma],
                inputFiles: mustacheFiles + [templates],
                outputFiles: [compiled]
            ),
        ]
    }
}
