import Foundation

/// The `.optimize/` folder of a repository: ledger, snapshots, journal and lock.
public struct LedgerStore: Sendable {
  /// The repository.
  public let repository: Repository

  /// The folder name inside the repository.
  public static let folderName = ".optimize"

  /// Creates a store for `repository`.
  public init(repository: Repository) {
    self.repository = repository
  }

  /// `.optimize/` as a URL.
  public var folder: URL { repository.url(Self.folderName) }
  /// `.optimize/state.json`.
  public var ledgerURL: URL { folder.appendingPathComponent("state.json") }

  /// Where the snapshot of a file for a phase goes: relative to `.optimize/`, or, for a file git
  /// ignores (it may hold secrets, and the team may commit `.optimize/`), an absolute path under
  /// `$XDG_STATE_HOME/optimize/<repo-id>/`.
  public func snapshotPath(phase: Int, file: String) -> String {
    if repository.isIgnoredByGit(file) {
      return privateSnapshotFolder.appendingPathComponent("phase-\(phase)/\(file)").path
    }
    return "snapshots/phase-\(phase)/\(file)"
  }

  /// The folder outside the repository for snapshots of git-ignored files.
  public var privateSnapshotFolder: URL {
    let environment = ProcessInfo.processInfo.environment
    let state =
      environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : nil }
      ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".local/state")
    let id = String(sha256Hex(Array(repository.root.path.utf8)).prefix(16))
    return state.appendingPathComponent("optimize/\(id)")
  }

  /// The URL of a snapshot path as the ledger records it.
  public func snapshotURL(_ path: String) -> URL {
    path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
  }

  /// Refuses to overwrite a snapshot that a killed or foreign run left with other bytes.
  ///
  /// - Throws: `LedgerError.snapshotInTheWay`.
  public func checkSnapshotFree(_ path: String, bytes: [UInt8]) throws {
    let url = snapshotURL(path)
    var info = stat()
    guard lstat(url.path, &info) == 0 else { return }
    if info.st_mode & S_IFMT == S_IFREG, FileManager.default.contents(atPath: url.path) == Data(bytes) {
      return
    }
    throw LedgerError.snapshotInTheWay(path: path.hasPrefix("/") ? path : "\(Self.folderName)/\(path)")
  }

  /// Reads the ledger; an absent one is empty.
  ///
  /// - Throws: `LedgerError` when it is unreadable, invalid JSON, or from a newer format.
  public func read() throws -> Ledger {
    let path = "\(Self.folderName)/state.json"
    guard FileManager.default.fileExists(atPath: ledgerURL.path) else { return Ledger() }
    guard let data = FileManager.default.contents(atPath: ledgerURL.path) else {
      throw LedgerError.unreadable(path: path)
    }
    struct Version: Decodable { var formatVersion: Int? }
    guard let version = try? JSONDecoder().decode(Version.self, from: data) else {
      throw LedgerError.invalid(path: path, reason: "invalid or truncated JSON")
    }
    guard let format = version.formatVersion else {
      throw LedgerError.invalid(path: path, reason: "no formatVersion")
    }
    guard format <= Ledger.currentFormatVersion else {
      throw LedgerError.newerFormat(path: path, found: format)
    }
    do {
      return try JSONDecoder().decode(Ledger.self, from: data)
    } catch {
      throw LedgerError.invalid(path: path, reason: "fields missing or of the wrong type (\(error))")
    }
  }

  /// The ledger's bytes as written: sorted keys, pretty-printed, ending with a newline.
  public static func encode(_ ledger: Ledger) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return Array(try encoder.encode(ledger)) + [0x0A]
  }

  /// Reads a snapshot and checks it against the hash the ledger recorded.
  ///
  /// - Throws: `LedgerError.snapshotMismatch` or `.snapshotMissing`.
  public func snapshot(of file: LedgerFile) throws -> [UInt8] {
    guard let snapshot = file.snapshot else { return [] }
    let shown = snapshot.hasPrefix("/") ? snapshot : "\(Self.folderName)/\(snapshot)"
    guard let data = FileManager.default.contents(atPath: snapshotURL(snapshot).path) else {
      throw LedgerError.snapshotMissing(path: shown, file: file.path)
    }
    let bytes = [UInt8](data)
    guard sha256Hex(bytes) == file.sha256Before else {
      throw LedgerError.snapshotMismatch(path: shown, file: file.path)
    }
    return bytes
  }
}

/// A ledger or snapshot that cannot be trusted: nothing is overwritten.
public enum LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
  case unreadable(path: String)
  case invalid(path: String, reason: String)
  case newerFormat(path: String, found: Int)
  case snapshotMissing(path: String, file: String)
  case snapshotMismatch(path: String, file: String)
  case snapshotInTheWay(path: String)

  public var description: String {
    switch self {
    case .unreadable(let path):
      return "\(path):1:1: expected a readable ledger, found one optimize cannot read; check its permissions"
    case .invalid(let path, let reason):
      return "\(path):1:1: expected a ledger in format \(Ledger.currentFormatVersion), found \(reason); "
        + "restore it from git (git checkout -- \(path)), nothing was written"
    case .newerFormat(let path, let found):
      return "\(path):1:1: expected ledger format \(Ledger.currentFormatVersion) or older, found format "
        + "\(found); upgrade optimize to the version that wrote it"
    case .snapshotMissing(let path, let file):
      return "\(path): expected the snapshot of \(file), found none; restore .optimize/ from git, "
        + "or roll back \(file) with git"
    case .snapshotMismatch(let path, let file):
      return "\(path): expected the snapshot of \(file) to match the ledger's sha256Before, found other "
        + "bytes; restore .optimize/ from git, nothing was written"
    case .snapshotInTheWay(let path):
      return "\(path): expected no snapshot there, found one with other bytes that no applied phase "
        + "records; snapshots are never overwritten, so move it away, then run the command again. "
        + "Nothing was written"
    }
  }
}
