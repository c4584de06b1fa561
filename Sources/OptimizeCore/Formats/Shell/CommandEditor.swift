/// Computes the insertions that give a test command its flags and a `coverage combine` after it.
public enum CommandEditor {
  /// The insertions that add the missing flags to `invocation`.
  ///
  /// `coverageFlag` goes after coverage's `run` word, the missing `testFlags` (joined) after the test
  /// word. A flag whose presence is `.unknown` is not added: the caller reports the command as manual.
  public static func insertions(
    for invocation: TestInvocation, coverageFlag: FlagRule?, testFlags: [FlagRule],
    values: [String: [String]] = [:]
  ) -> [ScriptInsertion] {
    var result: [ScriptInsertion] = []
    if let coverageFlag, let coverage = invocation.coverage,
      coverageFlag.presence(in: coverage.options) == .absent
    {
      result.append(ScriptInsertion(offset: coverage.runWordEnd, text: " " + coverageFlag.add))
    }
    let missing = testFlags.filter { $0.presence(in: invocation.flagWords, values: values) == .absent }
    if !missing.isEmpty {
      let text = missing.map { " " + $0.add }.joined()
      // A bare flag that may take an optional value (`--parallel` before Django 4.0) would eat a
      // test label that follows it (`--parallel apps/`), so such flags go after the arguments.
      let bareLast = missing.last.map { invocation.runner.optionsWithOptionalValue.contains($0.add) } ?? false
      let labelNext = invocation.arguments.first.map { !$0.value.hasPrefix("-") } ?? false
      let offset =
        bareLast && labelNext ? invocation.arguments.last!.range.upperBound : invocation.testWordEnd
      result.append(ScriptInsertion(offset: offset, text: text))
    }
    return result
  }

  /// Whether each flag is on the test command, for reporting `.unknown` ones.
  public static func presence(
    of testFlags: [FlagRule], in invocation: TestInvocation, values: [String: [String]] = [:]
  ) -> [FlagPresence] {
    testFlags.map { $0.presence(in: invocation.flagWords, values: values) }
  }

  /// Whether a `coverage combine` runs after `invocation` and before the first report, and if not,
  /// where to add one.
  public static func combineStep(after invocation: TestInvocation, in script: ShellScript) -> CombineStep {
    guard let coverage = invocation.coverage else { return .notNeeded }
    var firstReport: CoverageCommand?
    for command in script.coverageCommands() where command.range.lowerBound >= invocation.range.upperBound {
      if command.subcommand == .combine { return .present(command) }
      if command.subcommand.isReport {
        firstReport = command
        break
      }
    }
    let combine = combineCommand(for: invocation, coverage: coverage)
    if let firstReport, firstReport.range.lowerBound < invocation.logicalLineEnd {
      guard [.and, .semicolon].contains(firstReport.precedingSeparator) else {
        return .manual(
          "the report on line \(firstReport.line + 1) follows the tests after "
            + "`\(firstReport.precedingSeparator.rawValue)` on the same line")
      }
      return .missing(ScriptInsertion(offset: firstReport.range.lowerBound, text: combine + " && "))
    }
    if script.closesSubshell(between: invocation.range.upperBound, and: invocation.logicalLineEnd) {
      return .manual(
        "the tests on line \(invocation.line + 1) run in a `( … )` subshell that ends on the same line; "
          + "add `coverage combine` after it, in the folder the tests ran in")
    }
    let bytes = Array(script.text.utf8)
    let lineBreak =
      invocation.logicalLineEnd < bytes.count && bytes[invocation.logicalLineEnd] == .carriageReturn
      ? "\r\n" : "\n"
    let text = lineBreak + script.indentation(ofLine: invocation.line) + combine
    return .missing(ScriptInsertion(offset: invocation.logicalLineEnd, text: text))
  }

  /// `coverage combine` spelled like the test command's coverage: same wrappers, interpreter,
  /// `COVERAGE_*` variables, `--rcfile` and `--data-file`.
  ///
  /// `written` gives the text as written for a range of the script, when the script was expanded
  /// (a Makefile's `$(PYTHON)`); nil keeps the words' own text.
  static func combineCommand(
    for invocation: TestInvocation, coverage: CoverageRun, written: (Range<Int>) -> String? = { _ in nil }
  ) -> String {
    func text(_ words: [ShellWord]) -> String {
      guard let first = words.first, let last = words.last else { return "" }
      return written(first.range.lowerBound..<last.range.upperBound)
        ?? words.map(\.text).joined(separator: " ")
    }
    var words = invocation.assignments.filter { $0.value.hasPrefix("COVERAGE_") }.map { text([$0]) }
    words += invocation.prefixWords.filter { $0.value != "time" }.map { text([$0]) }
    words.append(text(coverage.launcher))
    words.append("combine")
    var index = 0
    while index < coverage.options.count {
      let option = coverage.options[index]
      for name in ["--rcfile", "--data-file"] {
        if option.value.hasPrefix(name + "=") { words.append(text([option])) }
        if option.value == name, index + 1 < coverage.options.count {
          words += [text([option]), text([coverage.options[index + 1]])]
          index += 1
        }
      }
      index += 1
    }
    return words.joined(separator: " ")
  }
}

/// What a test command needs so its parallel coverage data is combined before reports.
public enum CombineStep: Sendable, Equatable {
  /// The command does not run under coverage.
  case notNeeded
  /// This `coverage combine` already follows the command, before any report.
  case present(CoverageCommand)
  /// No combine follows: make this insertion.
  case missing(ScriptInsertion)
  /// A combine cannot be placed safely; the text says why.
  case manual(String)
}
