import Foundation

/// When a piece of output arrived: the byte offset where a chunk starts, and the seconds since
/// the run started.
public struct OutputArrival: Sendable, Equatable {
  /// The UTF-8 offset of the chunk's first byte in the whole output.
  public var offset: Int
  /// Seconds since the run started.
  public var seconds: Double

  /// Creates an arrival.
  public init(offset: Int, seconds: Double) {
    self.offset = offset
    self.seconds = seconds
  }
}

/// Reads the output of Django's test runner at `-v 2` (unittest's verbose format), serial or
/// `--parallel`, including failure sections, the closing totals, `--durations` and stray
/// tracebacks from workers. Output of parallel workers may interrupt a result line; the outcome
/// is then taken from the next line that is only an outcome.
public struct TestOutputParser: Sendable {
  /// When each chunk of the output arrived, to time tests and database setup.
  public var arrivals: [OutputArrival]

  /// Creates a parser; without arrivals no durations are measured.
  public init(arrivals: [OutputArrival] = []) {
    self.arrivals = arrivals
  }

  /// Parses a whole output.
  public func parse(_ text: String) -> ParsedTestOutput {
    var state = ParserState(parser: self)
    var offset = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let string = String(line)
      state.consume(string.hasSuffix("\r") ? String(string.dropLast()) : string, at: offset)
      offset += line.utf8.count + 1
    }
    state.finish()
    return state.output
  }

  /// How many test results the output holds so far: for live progress.
  public static func finishedCount(in text: Substring) -> Int {
    var count = 0
    for line in text.split(separator: "\n") where line.contains(" ... ") {
      if let range = line.range(of: " ... ", options: .backwards),
        TestLine.outcome(String(line[range.upperBound...])) != nil
      {
        count += 1
      }
    }
    return count
  }

  /// Seconds since the start at which the byte at `offset` arrived.
  func time(at offset: Int) -> Double? {
    guard !arrivals.isEmpty else { return nil }
    var low = 0
    var high = arrivals.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if arrivals[middle].offset <= offset { low = middle } else { high = middle - 1 }
    }
    return arrivals[low].seconds
  }
}

/// One result line split into its parts.
struct TestLine {
  var id: String
  var detail: String?

  /// Parses `test_x (pkg.Class.test_x)`, `test_x (pkg.Class)` (before Python 3.11) and subtests
  /// `test_x (pkg.Class.test_x) (i=1)`.
  init?(description: String) {
    guard let open = description.firstIndex(of: " "),
      description[description.index(after: open)...].hasPrefix("(")
    else { return nil }
    let name = String(description[..<open])
    let afterOpen = description.index(open, offsetBy: 2)
    guard let close = description[afterOpen...].firstIndex(of: ")") else { return nil }
    let owner = String(description[afterOpen..<close])
    guard !name.isEmpty, !owner.isEmpty, !owner.contains(" ") else { return nil }
    if owner.hasPrefix("unittest.loader._FailedTest.")
      || owner.hasPrefix("unittest.loader.ModuleImportFailure")
    {
      id = name
    } else {
      id = owner.hasSuffix(".\(name)") || owner == name ? owner : "\(owner).\(name)"
    }
    let rest = description[description.index(after: close)...].trimmingCharacters(in: .whitespaces)
    detail = rest.isEmpty ? nil : rest
  }

  /// The outcome an `ok`/`FAIL`/`skipped '…'` text names, with a skip reason.
  static func outcome(_ text: String) -> (TestOutcome, String?)? {
    let text = text.trimmingCharacters(in: .whitespaces)
    switch text {
    case "ok": return (.passed, nil)
    case "FAIL": return (.failed, nil)
    case "ERROR": return (.error, nil)
    case "expected failure": return (.expectedFailure, nil)
    case "unexpected success": return (.unexpectedSuccess, nil)
    default:
      guard text == "skipped" || text.hasPrefix("skipped ") else { return nil }
      var reason = text.dropFirst("skipped".count).trimmingCharacters(in: .whitespaces)
      if reason.count >= 2, let first = reason.first, first == "'" || first == "\"", reason.last == first {
        reason = String(reason.dropFirst().dropLast())
      }
      return (.skipped, reason.isEmpty ? nil : reason)
    }
  }
}
