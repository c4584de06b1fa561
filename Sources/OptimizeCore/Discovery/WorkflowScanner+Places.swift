/// Where a step's commands run and where they are written: the folder a script starts in, and
/// the file location of a line of a `run:` scalar.
extension WorkflowScanner {
  /// The repository folder a step's script starts in, given its `working-directory` and checkout's
  /// `path:`; nil when it cannot be known.
  func baseDirectory(_ stepDirectory: String?, checkoutPath: String?) -> String? {
    if let stepDirectory { return workspaceRelative(stepDirectory, checkoutPath: checkoutPath) }
    if let checkoutPath, !checkoutPath.isEmpty {
      // Without a working-directory, run steps start in the workspace, above the checkout.
      return workspaceRelative(".", checkoutPath: checkoutPath)
    }
    return ""
  }

  /// A workspace-relative folder made repository-relative, given checkout's `path:`.
  func workspaceRelative(_ folder: String, checkoutPath: String?) -> String? {
    if folder.contains("${{") { return nil }
    var folder = folder
    for prefix in ["${{ github.workspace }}/", "$GITHUB_WORKSPACE/", "./"] where folder.hasPrefix(prefix) {
      folder.removeFirst(prefix.count)
    }
    guard let checkoutPath, !checkoutPath.isEmpty else { return try? repository.normalize(folder) }
    let checkout = (try? repository.normalize(checkoutPath)) ?? checkoutPath
    let normalized = (try? repository.normalize(folder)) ?? folder
    if normalized == checkout { return "" }
    guard normalized.hasPrefix(checkout + "/") else { return nil }
    return String(normalized.dropFirst(checkout.count + 1))
  }

  /// The line of the invocation inside the file.
  func location(of invocation: TestInvocation, in scalar: YAMLScalar, source: SourceText)
    -> SourceLocation
  {
    location(ofLine: invocation.line, in: scalar, source: source)
  }

  /// The file location of a 0-based line of a scalar's value (exact for block scalars).
  func location(ofLine line: Int, in scalar: YAMLScalar, source: SourceText) -> SourceLocation {
    var location = source.location(ofByte: scalar.start)
    if scalar.style == .literal || scalar.style == .folded {
      location.line += 1 + line
      location.column = 1
      let lineIndex = location.line - 1
      if lineIndex < source.lineStarts.count {
        location.column = Self.indentation(ofLine: lineIndex, in: source) + 1
      }
    }
    return location
  }

  /// The number of leading spaces and tabs of a line, counted as characters.
  static func indentation(ofLine line: Int, in source: SourceText) -> Int {
    let range = source.lineRange(line)
    let bytes = source.bytes
    var end = range.lowerBound
    while end < range.upperBound, bytes[end] == 0x20 || bytes[end] == 0x09 { end += 1 }
    // A combining mark after the last blank would join it into one character: count as text does.
    if end < range.upperBound, bytes[end] >= 0x80 {
      return source.lineText(line).prefix { $0 == " " || $0 == "\t" }.count
    }
    return end - range.lowerBound
  }
}
