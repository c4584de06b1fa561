// The original and the edited config: the planner, the verifier and planning again on the
// edited bytes each read them.
private let documentCache = ParseCache<INIDocument>(capacity: 2)

/// A lossless model of an INI file as Python's `configparser.ConfigParser(interpolation=None)` reads it.
///
/// These are the rules coverage.py gets: `#` and `;` start full-line comments only, `=` or `:` separate a
/// key from its value, keys are lowercased, a line indented more than its key line continues the value,
/// blank lines may sit inside a value, comment lines inside a value are skipped, values are stripped, and
/// a repeated section or key is an error. Every part keeps its byte range, so edits touch only their bytes.
/// A UTF-8 BOM is kept and skipped (coverage.py itself reads plain UTF-8 and would reject it).
public struct INIDocument: Sendable, Equatable {
  /// The parsed text.
  public let source: SourceText
  /// The sections in file order; only `[DEFAULT]` may appear more than once, as in configparser.
  public let sections: [INISection]

  /// The name configparser gives the section whose keys every other section inherits.
  public static let defaultSectionName = "DEFAULT"

  /// Parses a file.
  ///
  /// - Throws: `INIError.templated` when the text holds `{{` or `{%`; `INIError.duplicateSection`,
  ///   `.duplicateKey` or `.syntax` where configparser itself would fail.
  public init(source: SourceText) throws {
    self = try documentCache.document(for: source) { try INIDocument(parsing: source) }
  }

  private init(parsing source: SourceText) throws {
    self.source = source
    var parser = INIParser(source: source)
    self.sections = try parser.parse()
  }

  /// The first section called `name` (names are case-sensitive).
  public func section(_ name: String) -> INISection? {
    sections.first { $0.name == name }
  }

  /// Every value by section and lowercased key, as configparser returns them (repeated `[DEFAULT]`
  /// sections merged, defaults not copied into other sections).
  public func values() -> [String: [String: String]] {
    var result: [String: [String: String]] = [:]
    for section in sections {
      var keys = result[section.name] ?? [:]
      for entry in section.entries { keys[entry.name] = entry.value }
      result[section.name] = keys
    }
    return result
  }

  /// The 1-based location of a byte offset.
  public func location(ofByte offset: Int) -> SourceLocation {
    source.location(ofByte: offset)
  }
}

/// One `[name]` section and the entries that follow it up to the next header.
public struct INISection: Sendable, Equatable {
  /// The text between the brackets, unchanged (configparser does not strip it).
  public var name: String
  /// The 0-based index of the header line.
  public var headerLine: Int
  /// The byte range of the header text from `[` to `]`.
  public var headerRange: Range<Int>
  /// The 0-based index of the section's last line, before the next header or the end of the file.
  public var lastLine: Int
  /// The entries in file order.
  public var entries: [INIEntry]

  /// The entry whose lowercased key is `name`.
  public func entry(_ name: String) -> INIEntry? {
    entries.first { $0.name == name.lowercased() }
  }
}

/// One `key = value` entry, with its continuation lines.
public struct INIEntry: Sendable, Equatable {
  /// The key as written, without surrounding whitespace.
  public var key: String
  /// The key as configparser stores it: lowercased.
  public var name: String
  /// The separator character: `=` or `:`.
  public var separator: String
  /// The exact bytes between the key and the first-line value, e.g. `" = "`, `"="` or `": "`.
  public var separatorText: String
  /// The leading whitespace of the key line.
  public var indent: String
  /// The value as configparser returns it: lines stripped and joined with `\n`, comment lines skipped,
  /// trailing blank lines dropped.
  public var value: String
  /// The 0-based index of the key line.
  public var line: Int
  /// From the first byte of the key line to the end of the last value line, without its line break.
  public var range: Range<Int>
  /// The stripped value text on the key line; empty (at the end of the line's text) when there is none.
  public var firstValueRange: Range<Int>
  /// The lines after the key line that belong to the value, up to its last non-blank value line.
  public var continuation: [INIContinuationLine]

  /// The continuation lines that carry value text.
  public var valueLines: [INIContinuationLine] {
    continuation.filter { $0.kind == .value }
  }
}

/// A line inside a multi-line value.
public struct INIContinuationLine: Sendable, Equatable {
  /// What the line holds.
  public enum Kind: Sendable, Equatable {
    /// Value text, which configparser appends.
    case value
    /// An empty or whitespace-only line, kept in the value as an empty line.
    case blank
    /// A full-line comment, which configparser skips.
    case comment
  }

  /// The 0-based line index.
  public var line: Int
  /// What the line holds.
  public var kind: Kind
  /// The leading whitespace.
  public var indent: String
  /// The stripped text's byte range.
  public var content: Range<Int>
}
