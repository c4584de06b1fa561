/// The settings block a phase adds to the Django settings module, as phase data describes it.
public struct SettingsBlock: Sendable, Equatable, Codable {
  /// The marker named in the `# BEGIN …` and `# END …` comments, such as `optimize phase-1`.
  public var marker: String
  /// The Python condition that is true only under tests.
  public var guardExpression: String
  /// A comment line put above the assignment, without the `# `.
  public var comment: String?
  /// The setting to assign, such as `PASSWORD_HASHERS`.
  public var name: String
  /// The string elements of the list assigned; the first one is what must win.
  public var values: [String]
  /// Modules the guard needs imported, such as `sys`.
  public var imports: [String]

  /// Creates a settings block.
  public init(
    marker: String, guardExpression: String, comment: String?, name: String, values: [String],
    imports: [String]
  ) {
    self.marker = marker
    self.guardExpression = guardExpression
    self.comment = comment
    self.name = name
    self.values = values
    self.imports = imports
  }

  /// The `# BEGIN …` comment line.
  public var beginLine: String { "# BEGIN \(marker)" }
  /// The `# END …` comment line.
  public var endLine: String { "# END \(marker)" }
}

/// What a settings module needs for a block to hold.
public enum SettingsPlan: Sendable, Equatable {
  /// The module already gives the wanted value first under tests; nothing to write.
  case satisfied(reason: String, location: SourceLocation)
  /// The edits to make (one insertion at the end), with notes for the reviewer.
  case edits([Edit], notes: [String])
}
