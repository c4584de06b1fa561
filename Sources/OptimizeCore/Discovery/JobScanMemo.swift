import Foundation

/// One question a scan asked of the repository, with the answer it got.
enum RepositoryAccess: Sendable, Equatable {
  case kind(String, FileKind)
  case read(String, Result<[UInt8], RepositoryError>)
  case list(String, [String])
  case symlink(String, Result<String, RepositoryError>)
  case ignoredByGit(String, Bool)

  /// Whether `repository` gives the same answer now.
  func holds(in repository: Repository) -> Bool {
    switch self {
    case .kind(let path, let kind): return repository.kind(of: path) == kind
    case .read(let path, let outcome):
      return Result { try repository.read(path).bytes }.mapError(Self.cast) == outcome
    case .list(let folder, let names): return repository.list(folder) == names
    case .symlink(let path, let outcome):
      return Result { try repository.resolveSymlink(path) }.mapError(Self.cast) == outcome
    case .ignoredByGit(let path, let ignored): return repository.isIgnoredByGit(path) == ignored
    }
  }

  static func cast(_ error: any Error) -> RepositoryError {
    error as? RepositoryError ?? .unreadable(path: "\(error)")
  }
}

/// The questions one job's scan asks of the repository, written down as they are asked.
///
/// A scan runs on one thread, but the log is reached through `Repository`, a `Sendable` value.
final class AccessLog: @unchecked Sendable {
  private let lock = NSLock()
  private var accesses: [RepositoryAccess] = []

  func note(_ access: RepositoryAccess) {
    lock.lock()
    defer { lock.unlock() }
    accesses.append(access)
  }

  var all: [RepositoryAccess] {
    lock.lock()
    defer { lock.unlock() }
    return accesses
  }
}

/// The jobs of a workflow whose scan found nothing, so that scanning the same workflow again (as
/// planning again on the edited bytes does) need not scan them a second time.
///
/// A job's scan is a function of its own bytes, the workflow's `env` and `defaults`, the test
/// runner, the anchors its aliases name, and what the repository answers to the questions the scan
/// asks. A job is taken as found-nothing again only when, at the same place in `jobs:`: its bytes,
/// from the start of its key's line to the end of its value, are equal; it holds no alias; the
/// workflow's context is equal; and every question its scan asked gets the same answer now.
/// Anything else is scanned again.
final class JobScanMemo: @unchecked Sendable {
  /// What a workflow gives every job.
  struct Context: Sendable, Equatable {
    var env: [String: String]
    var directory: String?
    var shell: String?
    var runner: TestRunner
  }

  /// A job whose scan found nothing.
  struct Job: Sendable {
    var bytes: Range<Int>
    var accesses: [RepositoryAccess]
    /// Whether it was taken from an earlier scan rather than scanned.
    var reused: Bool
  }

  /// The last scan of a workflow file.
  struct Workflow: Sendable {
    var source: [UInt8]
    var context: Context
    /// By the job's place in `jobs:`; nil for a job that found something or was not kept.
    var jobs: [Job?]

    /// Whether the job at `position`, at `bytes` of `source`, is known to find nothing. Its
    /// bytes include its key, so equal bytes are the same job.
    func foundNothing(_ position: Int, at bytes: Range<Int>, of source: [UInt8], in repository: Repository)
      -> Bool
    {
      guard position < jobs.count, let job = jobs[position], job.bytes.count == bytes.count else {
        return false
      }
      let same = self.source.withUnsafeBufferPointer { old in
        source.withUnsafeBufferPointer { new in
          bytes.isEmpty
            || memcmp(
              old.baseAddress! + job.bytes.lowerBound, new.baseAddress! + bytes.lowerBound, bytes.count) == 0
        }
      }
      return same && job.accesses.allSatisfy { $0.holds(in: repository) }
    }

    /// The job at `position`, found again at `bytes`.
    func reused(_ position: Int, at bytes: Range<Int>) -> Job? {
      jobs[position].map { Job(bytes: bytes, accesses: $0.accesses, reused: true) }
    }
  }

  private let lock = NSLock()
  private var workflows: [String: Workflow] = [:]
  private var reused = 0

  /// How many jobs were taken as found-nothing without a scan, in all.
  var reusedJobs: Int {
    lock.lock()
    defer { lock.unlock() }
    return reused
  }

  /// The last scan of `path`, when it was made in the same context.
  func workflow(_ path: String, context: Context) -> Workflow? {
    lock.lock()
    defer { lock.unlock() }
    guard let workflow = workflows[path], workflow.context == context else { return nil }
    return workflow
  }

  /// Keeps the jobs of the scan of `path` that found nothing, replacing an earlier scan's.
  func store(_ path: String, _ workflow: Workflow) {
    let reused = workflow.jobs.reduce(0) { $0 + ($1?.reused == true ? 1 : 0) }
    lock.lock()
    defer { lock.unlock() }
    workflows[path] = workflow
    self.reused += reused
  }
}
