import Foundation

/// Loads phases from the phase files built into the binary or from a folder (`--patches DIR`).
public struct PhaseLoader: Sendable {
  /// The phase files: name and bytes.
  public let files: [(name: String, bytes: [UInt8])]

  /// The phases carried inside the binary.
  public static var builtIn: PhaseLoader {
    PhaseLoader(files: embeddedPatchFiles)
  }

  /// Creates a loader over the given files.
  public init(files: [(name: String, bytes: [UInt8])]) {
    self.files = files
  }

  /// The phase files (`*.yml`, `*.yaml`) of a folder.
  ///
  /// - Throws: `PhaseError.folderUnreadable` when the folder cannot be listed.
  public init(folder: URL) throws {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    } catch {
      throw PhaseError.folderUnreadable(path: folder.path)
    }
    files = try names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map {
      ($0, try [UInt8](Data(contentsOf: folder.appendingPathComponent($0))))
    }
  }

  /// Every phase, sorted by number.
  ///
  /// - Throws: `PhaseError.invalid` listing every problem in every file.
  public func phases() throws -> [Phase] {
    var phases: [Phase] = []
    var problems: [FormatError] = []
    for file in files {
      do {
        var reader = PhaseReader(source: SourceText(path: file.name, bytes: file.bytes))
        if let phase = try reader.read() { phases.append(phase) }
        problems += reader.problems
      } catch let error as FormatError {
        problems.append(error)
      }
    }
    if !problems.isEmpty { throw PhaseError.invalid(problems) }
    let numbers = Dictionary(grouping: phases, by: \.number)
    if let duplicate = numbers.first(where: { $0.value.count > 1 }) {
      throw PhaseError.duplicateNumber(duplicate.key, files: duplicate.value.map(\.file))
    }
    return phases.sorted { $0.number < $1.number }
  }

  /// The phase numbered `number`.
  ///
  /// - Throws: `PhaseError.unknownPhase` naming the phases that exist.
  public func phase(_ number: Int) throws -> Phase {
    let all = try phases()
    guard let phase = all.first(where: { $0.number == number }) else {
      throw PhaseError.unknownPhase(number, known: all.map(\.number))
    }
    return phase
  }
}

/// A phase file or folder that cannot be used.
public enum PhaseError: Error, Sendable, Equatable, CustomStringConvertible {
  case folderUnreadable(path: String)
  case invalid([FormatError])
  case duplicateNumber(Int, files: [String])
  case unknownPhase(Int, known: [Int])

  public var description: String {
    switch self {
    case .folderUnreadable(let path):
      return "\(path): expected a folder of phase files, found none that can be read; "
        + "pass an existing folder to --patches"
    case .invalid(let problems):
      return problems.map(\.description).joined(separator: "\n")
    case .duplicateNumber(let number, let files):
      return "\(files.joined(separator: ", ")): expected one file per phase, found phase \(number) "
        + "in each; remove or renumber one"
    case .unknownPhase(let number, let known):
      let list = known.map(String.init).joined(separator: ", ")
      return "expected a known phase (\(list.isEmpty ? "none loaded" : list)), found \(number); "
        + "run `optimize phases` to list them"
    }
  }
}
