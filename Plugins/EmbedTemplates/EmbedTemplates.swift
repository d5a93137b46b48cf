import Foundation
import PackagePlugin

/// Embeds every `*.mustache` file under the package's `Templates/` folder, the page script (`Templates/*.js`)
/// and the link catalog (`Catalog/*.yaml`), into the target as Swift source, so that the built binary carries its default templates
/// and links and works from any directory.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let tool = try context.tool(named: "TemplateEmbedder").url
        return [
            ("Templates", "EmbeddedTemplates", "mustache"), ("Templates", "EmbeddedScripts", "js"),
            ("Catalog", "EmbeddedCatalog", "yaml"),
        ].map {
            folder, enumName, fileExtension in
            let source = context.package.directoryURL.appending(path: folder)
            let output = context.pluginWorkDirectoryURL.appending(path: "\(enumName).swift")
            return .buildCommand(
                displayName: "Embedding \(folder)/*.\(fileExtension) from \(source.path)",
                executable: tool,
                arguments: [source.path, output.path, enumName, fileExtension],
                inputFiles: Self.files(in: source, withExtension: fileExtension),
                outputFiles: [output]
            )
        }
    }

    /// The files to embed, so that editing one rebuilds the target.
    private static func files(in folder: URL, withExtension fileExtension: String) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return []
        }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == fileExtension }
    }
}
