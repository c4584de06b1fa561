/// The folder a command runs in, relative to the folder the script started in.
public enum WorkingDirectory: Sendable, Equatable, Codable, Hashable {
  /// No `cd` before the command: the script's own folder.
  case unchanged
  /// A folder relative to the script's folder, components joined with `/` (`apps/api`).
  case relative(String)
  /// An absolute folder (`/srv/app`).
  case absolute(String)
  /// A folder the script does not state plainly; the text says why.
  case unknown(String)

  /// The folder after `cd target`, where `target` is the word's unquoted value.
  func changed(by target: ShellWord?, line: Int) -> WorkingDirectory {
    guard let target else { return .unknown("`cd` without a folder on line \(line + 1) goes home") }
    if target.hasExpansion {
      return .unknown("`cd \(target.text)` on line \(line + 1) depends on an expansion")
    }
    let path = target.value
    if path == "-" || path.hasPrefix("~") {
      return .unknown("`cd \(target.text)` on line \(line + 1) depends on the shell's state")
    }
    if path.hasPrefix("/") { return .absolute(Self.normalized(path, absolute: true)) }
    switch self {
    case .unchanged: return Self.relativeOrUnchanged(Self.normalized(path, absolute: false))
    case .relative(let base):
      return Self.relativeOrUnchanged(Self.normalized(base + "/" + path, absolute: false))
    case .absolute(let base): return .absolute(Self.normalized(base + "/" + path, absolute: true))
    case .unknown: return self
    }
  }

  private static func relativeOrUnchanged(_ path: String) -> WorkingDirectory {
    path.isEmpty ? .unchanged : .relative(path)
  }

  /// Drops `.` and empty components and resolves `..` against a known parent.
  private static func normalized(_ path: String, absolute: Bool) -> String {
    var components: [Substring] = []
    for component in path.split(separator: "/") where component != "." {
      if component == "..", let last = components.last, last != ".." {
        components.removeLast()
      } else if component == "..", absolute {
        continue
      } else {
        components.append(component)
      }
    }
    let joined = components.joined(separator: "/")
    return absolute ? "/" + joined : joined
  }
}
