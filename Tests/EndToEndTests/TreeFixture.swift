import Foundation

/// Temporary copies of fixture folders, and byte-for-byte comparison of folder trees.
enum TreeFixture {
  /// The package's root folder.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// A fresh temporary folder.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("optimize-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Copies a folder of the package (e.g. `Snapshots/x/before`) into a new temporary folder.
  static func copy(_ relative: String) throws -> URL {
    let target = try temporaryFolder().appendingPathComponent("repo")
    try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(relative), to: target)
    return target
  }

  /// Every file under `root` with its bytes, by relative path, skipping `.optimize/`.
  static func files(_ root: URL, skipping: Set<String> = [".optimize"]) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let base = root.resolvingSymlinksInPath().path
    guard let enumerator = FileManager.default.enumerator(atPath: base) else { return result }
    while let relative = enumerator.nextObject() as? String {
      if skipping.contains(where: { relative == $0 || relative.hasPrefix($0 + "/") }) { continue }
      var isFolder: ObjCBool = false
      let path = base + "/" + relative
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
        result[relative] = FileManager.default.contents(atPath: path)
      }
    }
    return result
  }

  /// The paths whose bytes differ between two trees (added, removed or changed).
  static func differences(_ left: URL, _ right: URL) throws -> [String] {
    let a = try files(left)
    let b = try files(right)
    return Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
  }

  /// Writes a file under `root`, creating folders.
  static func write(_ text: String, to relative: String, in root: URL) throws {
    let url = root.appendingPathComponent(relative)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  /// Reads a file under `root` as text.
  static func read(_ relative: String, in root: URL) throws -> String {
    String(decoding: try Data(contentsOf: root.appendingPathComponent(relative)), as: UTF8.self)
  }
}
