import ArgumentParser
import Foundation
import OptimizeCore

/// Options every command that reads a repository shares.
struct RepositoryOptions: ParsableArguments {
  @Option(
    name: .long,
    help: "The repository to work on. Defaults to the nearest folder above the current one that holds .git.")
  var repo: String?

  @Option(name: .long, help: "Load phase files from this folder instead of the built-in ones.")
  var patches: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Read files of up to this many MiB (default 20); larger ones are refused.", valueName: "MiB"))
  var maxFileMib: Int?

  func validate() throws {
    if let maxFileMib, !(1...4000).contains(maxFileMib) {
      throw ValidationError("--max-file-mib: expected a number of MiB from 1 to 4000, found \(maxFileMib)")
    }
  }

  func repository() throws -> Repository {
    let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    var repository: Repository
    if let repo {
      repository = try Repository(root: URL(fileURLWithPath: repo, relativeTo: current).standardizedFileURL)
    } else {
      repository = try Repository.locate(from: current)
    }
    if let maxFileMib { repository.maximumFileSize = maxFileMib * 1024 * 1024 }
    return repository
  }

  func loader() throws -> PhaseLoader {
    guard let patches else { return .builtIn }
    return try PhaseLoader(folder: URL(fileURLWithPath: patches))
  }
}

/// Options that override discovery of the targets.
struct TargetOptions: ParsableArguments {
  @Option(name: .long, help: "The Django settings file to edit, relative to the repository.")
  var settingsFile: String?

  @Option(name: .long, help: "The coverage config to edit, relative to the repository.")
  var coverageConfig: String?

  @Option(
    name: .long, help: "A workflow or action file to scan instead of every one under .github/ (repeatable).")
  var workflow: [String] = []

  var discovery: DiscoveryOptions {
    DiscoveryOptions(settingsFile: settingsFile, coverageConfig: coverageConfig, workflows: workflow)
  }
}

/// Writes to standard error.
func printError(_ text: String) {
  FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Whether to colour standard output: never with a non-empty `NO_COLOR`; always with
/// `CLICOLOR_FORCE` (other than 0) or `OPTIMIZE_FORCE_COLOR=1`; otherwise only on a terminal.
var wantsColor: Bool {
  let environment = ProcessInfo.processInfo.environment
  if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
  if let force = environment["CLICOLOR_FORCE"] ?? environment["OPTIMIZE_FORCE_COLOR"], !force.isEmpty,
    force != "0"
  {
    return true
  }
  return isatty(STDOUT_FILENO) != 0
}
