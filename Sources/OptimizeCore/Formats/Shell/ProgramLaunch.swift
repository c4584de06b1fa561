/// How a simple command starts a Python program: wrappers, interpreter, coverage, then the program.
///
/// Runner-neutral: `TestRunner` decides whether the program is its test command.
struct ProgramLaunch: Sendable, Equatable {
  /// What runs after the wrappers.
  enum Program: Sendable, Equatable {
    /// A script file given to Python or coverage (`manage.py`).
    case script(ShellWord)
    /// A module given with `-m`/`--module` (`manage`, `pytest`).
    case module(ShellWord)
    /// A program run directly (`./manage.py`, `pytest`).
    case executable(ShellWord)

    var word: ShellWord {
      switch self {
      case .script(let word), .module(let word), .executable(let word): return word
      }
    }
  }

  /// Wrapper words before the interpreter (`uv run`, `docker compose run --rm web`, `time`).
  var prefix: [ShellWord] = []
  /// Variables set by wrappers (`env X=1`, `docker … -e X=1`).
  var environment: [String: String] = [:]
  /// The Python interpreter word, when there is one.
  var python: ShellWord?
  /// The words that start coverage: `[coverage]` or `[python, -m, coverage]`.
  var coverageLauncher: [ShellWord] = []
  /// The coverage subcommand word (`run`, `combine`, …).
  var coverageSubcommand: ShellWord?
  /// The coverage options after the subcommand, before the program.
  var coverageOptions: [ShellWord] = []
  /// The program, absent for coverage subcommands other than `run`.
  var program: Program?
  /// The words after the program: a slice of the command's words, which it shares.
  var arguments: ArraySlice<ShellWord> = []

  private init() {}

  /// Decodes `words` (a command without its assignments); nil when nothing runs, or for `python -c`.
  static func decode(_ words: [ShellWord]) -> ProgramLaunch? {
    var launch = ProgramLaunch()
    var index = 0
    launch.skipWrappers(words, &index)
    guard index < words.count else { return nil }
    let names = Self.names(words[index].value)
    if names.python {
      launch.python = words[index]
      index += 1
      guard launch.decodePython(words, &index) else { return nil }
    } else if names.coverage {
      launch.coverageLauncher = [words[index]]
      launch.decodeCoverage(words, from: index + 1)
    } else {
      launch.program = .executable(words[index])
      launch.arguments = words[(index + 1)...]
    }
    return launch
  }

  private mutating func decodePython(_ words: [ShellWord], _ index: inout Int) -> Bool {
    while index < words.count, Self.isDashed(words[index].value), words[index].value != "-" {
      switch words[index].value {
      case "-c": return false
      case "-m":
        guard index + 1 < words.count, let python else { return false }
        let module = words[index + 1]
        if module.value == "coverage" {
          coverageLauncher = [python, words[index], module]
          decodeCoverage(words, from: index + 2)
        } else {
          program = .module(module)
          arguments = words[(index + 2)...]
        }
        return true
      case "-W", "-X", "--check-hash-based-pycs": index += 2
      default: index += 1
      }
    }
    guard index < words.count else { return false }
    program = .script(words[index])
    arguments = words[(index + 1)...]
    return true
  }

  private mutating func decodeCoverage(_ words: [ShellWord], from start: Int) {
    guard start < words.count else { return }
    coverageSubcommand = words[start]
    var index = start + 1
    guard words[start].value == "run" else {
      coverageOptions = Array(words[index...])
      return
    }
    let valued: Set = [
      "--rcfile", "--source", "--omit", "--include", "--concurrency", "--context", "--data-file",
      "--debug", "--save-signal",
    ]
    var isModule = false
    while index < words.count, Self.isDashed(words[index].value) {
      let option = words[index].value
      coverageOptions.append(words[index])
      index += 1
      if option == "-m" || option == "--module" { isModule = true }
      if valued.contains(option), index < words.count {
        coverageOptions.append(words[index])
        index += 1
      }
    }
    guard index < words.count else { return }
    program = isModule ? .module(words[index]) : .script(words[index])
    arguments = words[(index + 1)...]
  }

  /// `value.hasPrefix("-")`, read as bytes when the byte after the dash is ASCII, so it cannot join
  /// the dash into another character. Every option of every command is asked.
  static func isDashed(_ value: String) -> Bool {
    var bytes = value.utf8.makeIterator()
    guard bytes.next() == UInt8(ascii: "-") else { return false }
    guard let next = bytes.next(), next >= 0x80 else { return true }
    return value.hasPrefix("-")
  }

  static func isPython(_ word: ShellWord) -> Bool {
    names(word.value).python
  }

  static func isCoverage(_ word: ShellWord) -> Bool {
    names(word.value).coverage
  }

  /// Whether the word's basename names Python and whether it names coverage.
  private static func names(_ value: String) -> (python: Bool, coverage: Bool) {
    // Every command's first word is asked, and most are neither: an ASCII value is read as bytes,
    // where a Character is one byte and only 0-9 are numbers.
    let ascii: (Bool, Bool)?? = value.utf8.withContiguousStorageIfAvailable { bytes in
      guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
      let name = UnsafeBufferPointer(rebasing: bytes[((bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1)...])
      return (
        hasVersionedName(name, "python") || hasVersionedName(name, "pypy"), hasVersionedName(name, "coverage")
      )
    }
    if let ascii = ascii ?? nil { return ascii }
    let name = ShellWord.basename(of: value)
    return (
      hasVersionedName(name, "python") || hasVersionedName(name, "pypy"), hasVersionedName(name, "coverage")
    )
  }

  /// `python`, `python3`, `python3.12`, `coverage-3.12`.
  private static func hasVersionedName(_ name: String, _ stem: String) -> Bool {
    guard name.hasPrefix(stem) else { return false }
    return name.dropFirst(stem.count).allSatisfy { $0.isNumber || $0 == "." || $0 == "-" }
  }

  private static func hasVersionedName(_ name: UnsafeBufferPointer<UInt8>, _ stem: StaticString) -> Bool {
    let count = stem.utf8CodeUnitCount
    guard name.count >= count else { return false }
    for offset in 0..<count where name[offset] != stem.utf8Start[offset] { return false }
    return name[count...].allSatisfy {
      ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".")
        || $0 == UInt8(ascii: "-")
    }
  }
}
