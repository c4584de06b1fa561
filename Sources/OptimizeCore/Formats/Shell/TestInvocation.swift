/// A command in a script that runs the project's tests, with every place an edit may need.
public struct TestInvocation: Sendable, Equatable {
  /// The runner the command starts.
  public var runner: TestRunner
  /// The whole simple command, assignments and wrappers included.
  public var range: Range<Int>
  /// The 0-based line where the command starts.
  public var line: Int
  /// Where a new line after this command goes: the end of its logical line, before the line break.
  public var logicalLineEnd: Int
  /// The folder the command runs in.
  public var workingDirectory: WorkingDirectory
  /// Earlier exports, the command's assignments, and `env`/`docker -e` variables.
  public var environment: [String: String]
  /// The `manage.py` path as written, nil for `-m manage`.
  public var managePy: String?
  /// The offset just after the test subcommand word, where test flags go.
  public var testWordEnd: Int
  /// The words after the test subcommand: labels and flags.
  public var arguments: [ShellWord]
  /// The settings module from `--settings X` or `--settings=X`.
  public var settings: String?
  /// The `coverage run` that wraps the command, if any.
  public var coverage: CoverageRun?
  /// The values of the wrapper words before the interpreter (`["uv", "run"]`).
  public var prefix: [String]
  /// The wrapper words as written, for building a sibling command.
  public var prefixWords: [ShellWord]
  /// The Python interpreter word as written (`python3`, `.venv/bin/python`), if any.
  public var python: ShellWord?
  /// The words of the command this one pipes into (`["tee", "log"]`), if any.
  public var pipedTo: [String]?
  /// Whether a `${{ … }}` expression is among the arguments, so the final flags are unknown.
  public var hasUnexpandedExpressions: Bool
  /// The assignments written before the command (`COVERAGE_FILE=x`).
  public var assignments: [ShellWord]
}

/// The `coverage run` part of a test command.
public struct CoverageRun: Sendable, Equatable {
  /// The offset just after the `run` word, where `--parallel-mode` goes.
  public var runWordEnd: Int
  /// The words that start coverage: `[coverage]` or `[python, -m, coverage]`.
  public var launcher: [ShellWord]
  /// The options between `run` and the program.
  public var options: [ShellWord]
  /// The config file from `--rcfile=X` or `--rcfile X`.
  public var rcfile: String?
  /// Whether `-p` or `--parallel-mode` is already there.
  public var hasParallelMode: Bool
  /// The `--concurrency` given on the command line; coverage.py refuses `multiprocessing` there.
  public var commandLineConcurrency: String?

  init(launch: ProgramLaunch, runWord: ShellWord) {
    runWordEnd = runWord.range.upperBound
    launcher = launch.coverageLauncher
    options = launch.coverageOptions
    rcfile = TestRunner.optionValue("--rcfile", in: options)
    hasParallelMode = options.contains { $0.value == "-p" || $0.value == "--parallel-mode" }
    commandLineConcurrency = TestRunner.optionValue("--concurrency", in: options)
  }
}

extension ShellScript {
  /// Every command in the script that runs `runner`'s tests, in order.
  public func testInvocations(runner: TestRunner) -> [TestInvocation] {
    commands.compactMap { command in
      guard command.launches(where: runner.mayMatch), let launch = command.launch,
        let match = runner.match(launch)
      else {
        return nil
      }
      var coverage: CoverageRun?
      if let subcommand = launch.coverageSubcommand {
        guard subcommand.value == "run" else { return nil }
        coverage = CoverageRun(launch: launch, runWord: subcommand)
      }
      return TestInvocation(
        runner: runner, range: command.range, line: command.line,
        logicalLineEnd: command.logicalLineEnd, workingDirectory: command.workingDirectory,
        environment: command.environment.merging(launch.environment) { $1 },
        managePy: match.entryPoint, testWordEnd: match.commandWord.range.upperBound,
        arguments: match.arguments, settings: match.settings, coverage: coverage,
        prefix: launch.prefix.map(\.value), prefixWords: launch.prefix, python: launch.python,
        pipedTo: pipeTarget(of: command).map { $0.words.map(\.value) },
        hasUnexpandedExpressions: match.arguments.contains { $0.hasExpression },
        assignments: command.assignments)
    }
  }
}

extension TestInvocation {
  /// The arguments that may be flags: every argument except the values of options that take
  /// one (`--settings ${{ inputs.settings }}` holds a value, not a flag).
  public var flagWords: [ShellWord] {
    var result: [ShellWord] = []
    var skipNext = false
    for word in arguments {
      if skipNext {
        skipNext = false
        continue
      }
      result.append(word)
      skipNext = runner.optionsTakingValues.contains(word.value)
    }
    return result
  }
}
