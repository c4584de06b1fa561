import Foundation

/// Asks the machine's `python3` whether a file parses, as a second opinion on our own tokenizer.
public enum PythonSyntaxCheck {
  static let script = """
    import ast, sys
    try:
        ast.parse(sys.stdin.buffer.read())
    except (SyntaxError, ValueError) as e:
        sys.stderr.write("%s\\t%s\\t%s" % (getattr(e, "lineno", None) or 1, getattr(e, "offset", None) or 1, getattr(e, "msg", str(e))))
        sys.exit(1)
    """

  /// The `python3` executable on PATH, if any.
  public static var python3: URL? {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    return paths.lazy.map { URL(fileURLWithPath: String($0)).appendingPathComponent("python3") }
      .first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  /// Runs `ast.parse` on the text with `python3`; does nothing when there is no `python3`.
  ///
  /// - Throws: `FormatError` with python's message and position when the text does not parse.
  public static func check(_ source: SourceText) throws {
    guard let python3 else { return }
    let input = FileManager.default.temporaryDirectory.appendingPathComponent(
      "optimize-\(UUID().uuidString).py")
    try Data(source.bytes).write(to: input)
    defer { try? FileManager.default.removeItem(at: input) }
    let process = Process()
    process.executableURL = python3
    process.arguments = ["-c", script]
    process.standardInput = try FileHandle(forReadingFrom: input)
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    do { try process.run() } catch { return }
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus != 0 else { return }
    let fields = message.split(separator: "\t", maxSplits: 2).map(String.init)
    let line = fields.count == 3 ? max(1, Int(fields[0]) ?? 1) : 1
    let column = fields.count == 3 ? max(1, Int(fields[1]) ?? 1) : 1
    let text = fields.count == 3 ? fields[2] : message.trimmingCharacters(in: .whitespacesAndNewlines)
    let lineIndex = min(line, source.lineStarts.count) - 1
    throw FormatError(
      SourceLocation(path: source.path, line: line, column: column),
      expected: "Python that `ast.parse` accepts", found: "python3's error \"\(text)\"",
      fix: "fix the syntax error, then run optimize again", sourceLine: source.lineText(lineIndex))
  }
}
