import Foundation
import PackagePlugin

/// Generates `EmbeddedPatches.swift` from every `Patches/*.yml` file of the package,
/// so that the built binary carries its phases and works from any folder.
@main
struct EmbedPatches: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let patches = context.package.directoryURL.appending(path: "Patches")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: patches.path)) ?? []
    let inputs = names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
      .map { patches.appending(path: $0) }
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedPatches.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) phase file(s) from Patches/",
        executable: try context.tool(named: "PatchEmbedder").url,
        arguments: [output.path] + inputs.map(\.path),
        inputFiles: inputs,
        outputFiles: [output]
      )
    ]
  }
}
