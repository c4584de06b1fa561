import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a finished child process left: its output with arrival times, and how it ended.
public struct ProcessOutcome: Sendable {
  /// Standard output and standard error, interleaved as they were written.
  public var output: [UInt8]
  /// When each chunk of `output` arrived.
  public var arrivals: [OutputArrival]
  /// The exit status, or 128 + the signal that ended it.
  public var status: Int32
  /// Whether it was stopped because it ran longer than the timeout.
  public var timedOut: Bool
  /// Wall-clock seconds from start to exit.
  public var seconds: Double

  /// The output as text.
  public var text: String { String(decoding: output, as: UTF8.self) }
}

/// Runs a command in its own process group with a timeout, reading its output as it comes.
///
/// Foundation's `Process` cannot start a child in a new process group, and a timed-out Django
/// run must be stopped with all its parallel workers; hence `posix_spawn` here.
public enum SuiteProcess {
  /// The process group of the command running now, so an interrupt can stop it too.
  nonisolated(unsafe) public static var runningGroup: pid_t = 0

  /// Runs `arguments` (the first is looked up in `PATH`) in `directory`.
  ///
  /// - Parameter progress: called about four times a second, and at each output chunk, with
  ///   the seconds since start and the output so far.
  /// - Throws: `VerifyError.cannotStart` when the program cannot be started.
  public static func run(
    _ arguments: [String], in directory: String, environment: [String: String], timeout: Double,
    progress: (Double, [UInt8]) -> Void = { _, _ in }
  ) throws -> ProcessOutcome {
    // `cd` in a shell, so no non-portable posix_spawn_file_actions_addchdir is needed.
    let argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory] + arguments
    let env = environment.map { "\($0.key)=\($0.value)" }.sorted()
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else {
      throw VerifyError.cannotStart(arguments.joined(separator: " "), "pipe failed")
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addclose(&actions, fds[0])
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
    posix_spawn_file_actions_addclose(&actions, fds[1])
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    // A parent that blocks or ignores SIGTERM must not pass that on: the timeout relies on it.
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for number in [SIGTERM, SIGINT, SIGHUP, SIGPIPE] { sigaddset(&defaults, number) }
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setsigmask(&attributes, &unblocked)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    posix_spawnattr_setpgroup(&attributes, 0)
    defer {
      posix_spawn_file_actions_destroy(&actions)
      posix_spawnattr_destroy(&attributes)
    }
    let start = Date()
    var pid: pid_t = 0
    let spawned = withCStrings(argv) { cArgv in
      withCStrings(env) { cEnv in posix_spawn(&pid, "/bin/sh", &actions, &attributes, cArgv, cEnv) }
    }
    close(fds[1])
    guard spawned == 0 else {
      close(fds[0])
      throw VerifyError.cannotStart(arguments.joined(separator: " "), String(cString: strerror(spawned)))
    }
    runningGroup = pid
    defer { runningGroup = 0 }
    var output: [UInt8] = []
    var arrivals: [OutputArrival] = []
    var timedOut = false
    var killedAt: Date?
    var buffer = [UInt8](repeating: 0, count: 65536)
    var poller = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
    while true {
      let ready = poll(&poller, 1, 250)
      let elapsed = Date().timeIntervalSince(start)
      if ready > 0 {
        let count = read(fds[0], &buffer, buffer.count)
        if count <= 0 { break }
        arrivals.append(OutputArrival(offset: output.count, seconds: elapsed))
        output.append(contentsOf: buffer[0..<count])
      }
      progress(elapsed, output)
      if !timedOut, elapsed > timeout {
        timedOut = true
        killedAt = Date()
        kill(-pid, SIGTERM)
      } else if let killedAt, Date().timeIntervalSince(killedAt) > 5 {
        kill(-pid, SIGKILL)
      }
    }
    close(fds[0])
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    // Workers that outlived their parent would hold the database: stop the whole group.
    kill(-pid, SIGKILL)
    let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return ProcessOutcome(
      output: output, arrivals: arrivals, status: code, timedOut: timedOut,
      seconds: Date().timeIntervalSince(start))
  }

  private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R
  {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return body(pointers)
  }
}
