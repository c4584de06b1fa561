import Foundation

/// Asks coverage.py itself which options it sees in a config, before and after our edit, when
/// `python3` can import `coverage`. Our own INI and TOML readers follow coverage's rules; this is
/// the second opinion from the real thing.
public enum CoverageProbe {
  static let script = """
    import json, os, sys
    try:
        import coverage
    except ImportError:
        print("null"); sys.exit(0)
    name = sys.argv[1]
    seen = {}
    for folder in sys.argv[2:4]:
        os.chdir(folder)
        try:
            config = coverage.Coverage(config_file=name).config
        except Exception as error:
            seen[folder] = {"error": "%s: %s" % (type(error).__name__, error)}
            continue
        skip = {"config_files_attempted", "config_files_read", "config_file", "_config_contents"}
        seen[folder] = {k: repr(v) for k, v in sorted(vars(config).items()) if k not in skip}
    print(json.dumps([seen[sys.argv[2]], seen[sys.argv[3]]]))
    """

  /// Compares the options coverage.py reads from `before` and `after` (the same file name, each
  /// alone in a temporary folder). Does nothing without `python3` or `coverage`.
  ///
  /// - Throws: `VerificationError` when an option other than `parallel` and `concurrency` changed,
  ///   when `parallel` is not true or `concurrency` lacks a wanted value, or coverage refuses it.
  public static func compare(before: SourceText, after: SourceText, wants: CoverageRunSettings) throws {
    guard let python3 = PythonSyntaxCheck.python3 else { return }
    let name = URL(fileURLWithPath: after.path).lastPathComponent
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "optimize-probe-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    var folders: [URL] = []
    for (label, text) in [("before", before), ("after", after)] {
      let folder = root.appendingPathComponent(label)
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(text.bytes).write(to: folder.appendingPathComponent(name))
      folders.append(folder)
    }
    let process = Process()
    process.executableURL = python3
    process.arguments = ["-c", script, name, folders[0].path, folders[1].path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
      let decoded = try? JSONSerialization.jsonObject(with: data) as? [[String: String]], decoded.count == 2
    else { return }
    let (old, new) = (decoded[0], decoded[1])
    var failures: [String] = []
    if let error = new["error"] { failures.append("coverage.py cannot read the edited file: \(error)") }
    if old["error"] == nil, new["error"] == nil {
      for key in Set(old.keys).union(new.keys).sorted() where key != "parallel" && key != "concurrency" {
        if old[key] != new[key] {
          failures.append("coverage.py sees \(key) = \(new[key] ?? "nothing"), was \(old[key] ?? "nothing")")
        }
      }
      if wants.parallel, new["parallel"] != "True" {
        failures.append("coverage.py sees parallel = \(new["parallel"] ?? "nothing"), expected True")
      }
      for value in wants.concurrency where !(new["concurrency"] ?? "").contains("'\(value)'") {
        failures.append("coverage.py sees concurrency = \(new["concurrency"] ?? "nothing"), without \(value)")
      }
    }
    if !failures.isEmpty {
      throw VerificationError(failures: failures.map { "\(after.path): \($0)" })
    }
  }
}
