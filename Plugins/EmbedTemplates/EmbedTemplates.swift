import Foundation
import PackagePlugin

/// Embeds every `*.mustache` file under the package's `Templates/` folder into the target as Swift source,
/// so that the built binary carries its default templates and works from any directory.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "Templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")
        return [
            .buildCommand(
                displayName: "Embedding templates from \(templates.path)",
                executable: try context.tool(named: "TemplateEmbedder").url,
                arguments: [templates.path, output.path],
                inputFiles: Self.templateFiles(in: templates),
                outputFiles: [output]
            )
        ]
    }

    /// The template files, so that editing one rebuilds the target.
    private static func templateFiles(in folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return []
        }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "mustache" }
    }
}
