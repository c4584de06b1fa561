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
    if let maxFileMib, !(1...4096).contains(maxFileMib) {
      throw ValidationError("--max-file-mib: expected a number of MiB from 1 to 4096, found \(maxFileMib)")
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
    name: .long, help: "A workflow file to scan instead of every one in .github/workflows (repeatable).")
  var workflow: [String] = []

  var discovery: DiscoveryOptions {
    DiscoveryOptions(settingsFile: settingsFile, coverageConfig: coverageConfig, workflows: workflow)
  }
}

/// Writes to standard error.
func printError(_ text: String) {
  FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Whether standard output is a terminal that wants colour.
var wantsColor: Bool {
  isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
}
