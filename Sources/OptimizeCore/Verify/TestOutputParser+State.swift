import Foundation

/// The line-by-line state of `TestOutputParser`.
struct ParserState {
  enum Section {
    case none
    /// After a `=====` line: the header, then (after `-----`) the traceback.
    case failure(header: String?, pastSeparator: Bool, lines: [String])
    case durations
    case traceback([String])
    case totals
  }

  let parser: TestOutputParser
  var output = ParsedTestOutput()
  var section = Section.none
  /// A result line whose outcome has not been read yet, and where its text started.
  var pending: (line: TestLine, start: Int)?
  /// A description line without ` ... `: its docstring line follows.
  var describedAbove: TestLine?
  var databaseStart: Double?

  private static let heavy = String(repeating: "=", count: 70)
  private static let light = String(repeating: "-", count: 70)

  init(parser: TestOutputParser) {
    self.parser = parser
  }

  mutating func consume(_ line: String, at offset: Int) {
    switch section {
    case .failure(let header, let past, var lines):
      if past, Self.isRanLine(line) {
        // An `UNEXPECTED SUCCESS` entry has no traceback: its separator is the closing one.
        closeFailure(header: header, lines: lines)
        section = .none
        readLine(line, at: offset)
      } else if line == Self.heavy {
        closeFailure(header: header, lines: lines)
        section = .failure(header: nil, pastSeparator: false, lines: [])
      } else if line == Self.light {
        if past {
          closeFailure(header: header, lines: lines)
          section = .none
        } else {
          section = .failure(header: header, pastSeparator: true, lines: lines)
        }
      } else if header == nil {
        section = .failure(header: line, pastSeparator: false, lines: [])
      } else if past {
        lines.append(line)
        section = .failure(header: header, pastSeparator: true, lines: lines)
      }
      return
    case .durations:
      if line.isEmpty || line.hasPrefix("(") {
        section = .none
      } else if line != Self.light {
        readDuration(line)
      }
      return
    case .traceback(var lines):
      lines.append(line)
      if !line.isEmpty, !line.hasPrefix(" "), !line.hasPrefix("Traceback") {
        output.strayTracebacks.append(lines.joined(separator: "\n"))
        section = .none
      } else {
        section = .traceback(lines)
      }
      return
    case .totals:
      if readTotals(line) { return }
      section = .none
    case .none:
      break
    }
    readLine(line, at: offset)
  }

  private mutating func readLine(_ line: String, at offset: Int) {
    if line == Self.heavy {
      section = .failure(header: nil, pastSeparator: false, lines: [])
    } else if Self.isRanLine(line), let ran = Int(line.dropFirst(4).prefix { $0.isNumber }) {
      output.summary = RunSummary(
        ran: ran, ok: false, failures: 0, errors: 0, skipped: 0, expectedFailures: 0, unexpectedSuccesses: 0)
      section = .totals
    } else if line == "Slowest test durations" {
      section = .durations
    } else if line.hasPrefix("Traceback (most recent call last):") {
      section = .traceback([line])
    } else if line.hasPrefix("Creating test database for alias")
      || line.hasPrefix("Using existing test database")
    {
      if databaseStart == nil { databaseStart = parser.time(at: offset) ?? 0 }
    } else if line.hasPrefix("System check identified") {
      endDatabase(at: offset)
    } else if line.contains("tracebacks cannot be pickled")
      || line.contains("cannot be pickled, so the parallel")
    {
      note("A parallel worker's error could not be sent back: install tblib to see its traceback.")
    } else if let range = line.range(of: " ... ")
      ?? (line.hasSuffix(" ...") ? line.range(of: " ...", options: .backwards) : nil)
    {
      readResult(line, separator: range, at: offset)
    } else if let (outcome, reason) = TestLine.outcome(line), let open = pending {
      record(open.line, outcome, reason, start: open.start, end: offset)
    } else if let described = TestLine(description: line), !line.contains(" ... ") {
      describedAbove = described
    }
  }

  private static func isRanLine(_ line: String) -> Bool {
    line.hasPrefix("Ran ") && line.dropFirst(4).first?.isNumber == true && line.contains(" test")
  }

  private mutating func readResult(_ line: String, separator: Range<String.Index>, at offset: Int) {
    // A subtest's line is indented under its test's.
    let left = line[..<separator.lowerBound].trimmingCharacters(in: .whitespaces)
    guard let test = TestLine(description: left) ?? describedAbove else { return }
    describedAbove = nil
    if let open = pending, open.line.id == test.id { pending = nil }
    endDatabase(at: offset)
    let start = offset + line[..<separator.upperBound].utf8.count
    if let (outcome, reason) = TestLine.outcome(String(line[separator.upperBound...])) {
      record(test, outcome, reason, start: start, end: start)
    } else {
      pending = (test, start)
    }
  }

  private mutating func record(
    _ test: TestLine, _ outcome: TestOutcome, _ reason: String?, start: Int, end: Int
  ) {
    pending = nil
    var seconds: Double?
    if let from = parser.time(at: max(start - 1, 0)), let to = parser.time(at: end) { seconds = to - from }
    output.results.append(
      TestResult(id: test.id, outcome: outcome, detail: reason ?? test.detail, seconds: seconds))
  }

  private mutating func endDatabase(at offset: Int) {
    guard let start = databaseStart, output.databaseSeconds == nil else { return }
    output.databaseSeconds = max(0, (parser.time(at: offset) ?? start) - start)
  }

  private mutating func closeFailure(header: String?, lines: [String]) {
    guard let header, let colon = header.range(of: ": ") else { return }
    let kind = header[..<colon.lowerBound]
    guard let test = TestLine(description: String(header[colon.upperBound...])) else { return }
    let trace = lines.reversed().drop { $0.isEmpty }.reversed()
    let detail = trace.suffix(12).joined(separator: "\n")
    if let index = output.results.firstIndex(where: {
      $0.id == test.id && $0.outcome.isProblem && ($0.detail == nil || $0.detail == test.detail)
    }) {
      output.results[index].detail = [test.detail, detail].compactMap { $0 }.joined(separator: "\n")
    } else {
      let outcome: TestOutcome = kind == "FAIL" ? .failed : kind == "ERROR" ? .error : .unexpectedSuccess
      output.results.append(TestResult(id: test.id, outcome: outcome, detail: detail, seconds: nil))
    }
  }

  /// Reads `OK`, `OK (skipped=1)` or `FAILED (failures=1, errors=2)`; false for any other line.
  private mutating func readTotals(_ line: String) -> Bool {
    guard var summary = output.summary else { return false }
    if line.isEmpty { return true }
    guard line.hasPrefix("OK") || line.hasPrefix("FAILED") else { return false }
    summary.ok = line.hasPrefix("OK")
    if let open = line.firstIndex(of: "("), let close = line.lastIndex(of: ")"), open < close {
      for part in line[line.index(after: open)..<close].split(separator: ",") {
        let pair = part.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pair.count == 2, let count = Int(pair[1]) else { continue }
        switch pair[0] {
        case "failures": summary.failures = count
        case "errors": summary.errors = count
        case "skipped": summary.skipped = count
        case "expected failures": summary.expectedFailures = count
        case "unexpected successes": summary.unexpectedSuccesses = count
        default: break
        }
      }
    }
    output.summary = summary
    section = .none
    return true
  }

  private mutating func readDuration(_ line: String) {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    guard let space = trimmed.firstIndex(of: " "), trimmed[..<space].hasSuffix("s"),
      let seconds = Double(trimmed[..<space].dropLast())
    else { return }
    let description = trimmed[space...].trimmingCharacters(in: .whitespaces)
    let id = TestLine(description: description)?.id ?? description
    output.durations.append(TestTiming(id: id, seconds: seconds))
  }

  private mutating func note(_ text: String) {
    if !output.notes.contains(text) { output.notes.append(text) }
  }

  mutating func finish() {
    if case .failure(let header, _, let lines) = section { closeFailure(header: header, lines: lines) }
    if case .traceback(let lines) = section { output.strayTracebacks.append(lines.joined(separator: "\n")) }
    section = .none
  }
}
