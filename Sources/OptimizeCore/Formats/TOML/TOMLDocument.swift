/// A lossless scan of a TOML file: tables, keys and values with their byte ranges.
///
/// It reads enough of TOML 1.0 to find and re-read coverage.py's settings in `pyproject.toml`: bare,
/// quoted and dotted keys, the four string forms, arrays over several lines with comments, inline
/// tables, and the raw text of every other value. It does not check every TOML rule (such as keys
/// defined twice in different tables). Written here because no maintained Swift TOML package keeps
/// byte ranges.
public struct TOMLDocument: Sendable, Equatable {
  /// The scanned text.
  public let source: SourceText
  /// The tables in file order; the first is the root table (empty path, no header).
  public let tables: [TOMLTable]

  /// Scans a file.
  ///
  /// - Throws: `TOMLError.syntax` at the first byte that is not TOML.
  public init(source: SourceText) throws {
    self.source = source
    var scanner = TOMLScanner(source: source)
    self.tables = try scanner.scan()
  }

  /// Every entry in file order with the table it is in.
  public var entries: [TOMLEntry] { tables.flatMap(\.entries) }

  /// The entries whose full key path is `path`.
  public func entries(at path: [String]) -> [TOMLEntry] {
    entries.filter { $0.fullPath == path }
  }
}

/// A `[table]` or `[[array.table]]` and the entries up to the next header.
public struct TOMLTable: Sendable, Equatable {
  /// The header's key path; empty for the root table.
  public var path: [String]
  /// Whether the header is `[[…]]`.
  public var isArrayTable: Bool
  /// The 0-based header line, or nil for the root table.
  public var headerLine: Int?
  /// The entries in file order.
  public var entries: [TOMLEntry]
}

/// One `key = value` line.
public struct TOMLEntry: Sendable, Equatable {
  /// The key path as written, relative to the table, unquoted.
  public var key: [String]
  /// The table's path followed by `key`.
  public var fullPath: [String]
  /// The bytes of the key as written, e.g. `run.parallel` or `"parallel"`.
  public var keyRange: Range<Int>
  /// The value.
  public var value: TOMLNode
  /// The 0-based line of the key.
  public var line: Int
}

/// A value and its byte range.
public struct TOMLNode: Sendable, Equatable {
  /// What the value is.
  public indirect enum Kind: Sendable, Equatable {
    /// A string of any of the four forms, decoded.
    case string(String)
    /// `true` or `false`.
    case bool(Bool)
    /// An array; `trailingComma` is the offset of a comma after the last element.
    case array([TOMLNode], trailingComma: Int?)
    /// An inline table.
    case inlineTable([TOMLEntry])
    /// A number or date, kept only as text.
    case other
  }

  /// What the value is.
  public var kind: Kind
  /// The value's bytes, from its first to its last character.
  public var range: Range<Int>
}

/// A `pyproject.toml` that cannot be read or edited safely.
public enum TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The text is not TOML.
  case syntax(FormatError)
  /// The text is valid, but the change cannot be made safely by a program.
  case manual(FormatError)
  /// An edited file does not keep what it must keep, or lacks what it must have.
  case verification(path: String, problem: String)

  /// Whether a person must make the change.
  public var needsManualEdit: Bool {
    if case .manual = self { return true }
    return false
  }

  public var description: String {
    switch self {
    case .syntax(let error), .manual(let error):
      return error.description
    case .verification(let path, let problem):
      return "\(path): expected the edited file to keep every other setting, found \(problem); "
        + "this is a bug in optimize, nothing was written, please report it with the file"
    }
  }
}
