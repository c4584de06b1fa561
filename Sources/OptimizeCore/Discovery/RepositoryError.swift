import Foundation

/// What a path holds.
public enum FileKind: Sendable, Equatable {
  case missing, file, folder, symlink, special
}

/// A path that optimize cannot read or must not touch.
public enum RepositoryError: Error, Sendable, Equatable, CustomStringConvertible {
  case notAFolder(path: String)
  case isAFile(path: String)
  case outside(path: String)
  case symlinkOutside(path: String, destination: String)
  case missing(path: String)
  case symlink(path: String)
  case notARegularFile(path: String)
  case tooLarge(path: String, size: Int, limit: Int)
  case unreadable(path: String)
  case binary(path: String, offset: Int)
  case notUTF8(path: String)

  public var description: String {
    switch self {
    case .notAFolder(let path):
      return "\(path): expected a repository folder, found none; pass an existing folder to --repo"
    case .isAFile(let path):
      return "\(path): expected a repository folder, found a file; pass the folder that holds it to --repo"
    case .symlinkOutside(let path, let destination):
      return "\(path): expected a file inside the repository, found a symlink to \(destination), outside "
        + "it; optimize only reads and writes inside --repo, so pass the real file inside the repository"
    case .outside(let path):
      return "\(path): expected a path inside the repository, found one outside it; "
        + "optimize only reads and writes inside --repo"
    case .missing(let path):
      return "\(path): expected a file, found none; check the path or pass the right file by flag"
    case .symlink(let path):
      return "\(path): expected a regular file, found a symlink; optimize will not replace a "
        + "symlink, pass the file it points to instead"
    case .notARegularFile(let path):
      return "\(path): expected a regular file, found a folder or special file; pass a text file"
    case .tooLarge(let path, let size, let limit):
      return "\(path): expected a text file of at most \(limit / (1024 * 1024)) MiB, found \(size) bytes; "
        + "edit this file by hand, or raise the limit with --max-file-mib"
    case .unreadable(let path):
      return "\(path): expected a readable file, found one optimize cannot read; check its permissions"
    case .binary(let path, let offset):
      return "\(path): expected text, found a NUL byte at byte \(offset); edit this file by hand"
    case .notUTF8(let path):
      return "\(path): expected UTF-8 text, found invalid UTF-8; convert the file to UTF-8 first"
    }
  }
}
