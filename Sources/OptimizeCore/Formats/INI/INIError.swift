/// An INI-style coverage config that cannot be read or edited safely.
public enum INIError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file holds template markup (`{{ … }}` or `{% … %}`): it is generated, so it needs a manual edit.
  case templated(SourceLocation, marker: String)
  /// A section header appears twice, which configparser's strict mode rejects.
  case duplicateSection(name: String, first: SourceLocation, second: SourceLocation)
  /// A key appears twice in one section, which configparser's strict mode rejects.
  case duplicateKey(section: String, key: String, first: SourceLocation, second: SourceLocation)
  /// The text is not valid configparser syntax.
  case syntax(FormatError)
  /// The text is valid, but the change cannot be made safely by a program.
  case manual(FormatError)
  /// An edited file does not keep what it must keep, or lacks what it must have.
  case verification(path: String, problem: String)

  /// Whether the file needs a human: it is templated or otherwise unsafe to edit automatically.
  public var needsManualEdit: Bool {
    switch self {
    case .templated, .manual: return true
    default: return false
    }
  }

  public var description: String {
    switch self {
    case .templated(let location, let marker):
      return "\(location): expected a plain config file, found template markup \(marker); "
        + "manual: templated — edit the template that generates this file by hand"
    case .duplicateSection(let name, let first, let second):
      return "\(second): expected each section once, found [\(name)] again (first at \(first)); "
        + "merge the two sections into one"
    case .duplicateKey(let section, let key, let first, let second):
      return "\(second): expected each key once in [\(section)], found \(key) again (first at \(first)); "
        + "keep only one of the two lines"
    case .syntax(let error), .manual(let error):
      return error.description
    case .verification(let path, let problem):
      return "\(path): expected the edited file to keep every other setting, found \(problem); "
        + "this is a bug in optimize, nothing was written, please report it with the file"
    }
  }
}
